"""The life of a presence: which status may follow which, and what each step requires.

planned → approved needs a signed decision record whose outcome approves (the latest one; see
`decisions`). A presence that the public list shows (active, suspended) needs what citizens
check an account by: its URL, imprint and privacy notice, and a responsible person; on a
platform that makes the authority a joint controller (Art. 26 GDPR), also the agreement.
Closed is final: a presence that returns is planned anew.
"""

from collections.abc import Iterable

from sqlalchemy.orm import Session

from leitplanke.accounts.roles import Permission
from leitplanke.audit.chain import Actor
from leitplanke.registry.decisions import APPROVING_OUTCOMES, latest_decision
from leitplanke.registry.errors import ErrorKind, RegistryError
from leitplanke.registry.queries import PUBLIC_STATUSES
from leitplanke.registry.references import addressed
from leitplanke.registry.schemas import StatusChange
from leitplanke.registry.scope import Scope, require
from leitplanke.registry.tables import Presence, PresenceStatus
from leitplanke.registry.versions import apply, save

PLANNED = PresenceStatus.PLANNED
APPROVED = PresenceStatus.APPROVED
ACTIVE = PresenceStatus.ACTIVE
SUSPENDED = PresenceStatus.SUSPENDED
CLOSED = PresenceStatus.CLOSED

TRANSITIONS: dict[PresenceStatus, frozenset[PresenceStatus]] = {
    PLANNED: frozenset({APPROVED, CLOSED}),
    APPROVED: frozenset({ACTIVE, CLOSED}),
    ACTIVE: frozenset({SUSPENDED, CLOSED}),
    SUSPENDED: frozenset({ACTIVE, CLOSED}),
    CLOSED: frozenset(),
}

STATUS_LABEL: dict[PresenceStatus, str] = {
    PLANNED: "geplant",
    APPROVED: "freigegeben",
    ACTIVE: "aktiv",
    SUSPENDED: "ausgesetzt",
    CLOSED: "geschlossen",
}

# What a listed presence cannot be without, and how the messages name it.
REQUIRED_WHEN_LISTED: dict[str, str] = {
    "url": "die Adresse des Kontos",
    "imprint_url": "die Adresse des Impressums",
    "privacy_notice_url": "die Adresse der Datenschutzerklärung",
    "responsible_id": "eine verantwortliche Person",
}
JOINT_CONTROLLER_FIELD = "joint_controller_agreement"


def missing_when_listed(
    presence: Presence, joint_controller_platforms: Iterable[str] = ()
) -> str | None:
    """The first field a listed presence needs but `presence` lacks, or None."""
    for field in REQUIRED_WHEN_LISTED:
        if getattr(presence, field) is None:
            return field
    if presence.platform in set(joint_controller_platforms) and not getattr(
        presence, JOINT_CONTROLLER_FIELD
    ):
        return JOINT_CONTROLLER_FIELD
    return None


def listed_problem(field: str, status: PresenceStatus) -> RegistryError:
    """The CONFLICT of a listed presence (in `status`) without `field`."""
    what = REQUIRED_WHEN_LISTED.get(
        field, "die Vereinbarung über die gemeinsame Verantwortlichkeit (Art. 26 DSGVO)"
    )
    return RegistryError(
        ErrorKind.CONFLICT,
        field,
        f"Eine Präsenz im Status „{STATUS_LABEL[status]}“ wird öffentlich geführt und braucht "
        f"{what}.",
    )


def _check_approval(session: Session, presence: Presence) -> int:
    """The ID of the decision record that approves `presence`; CONFLICT if there is none."""
    decision = latest_decision(session, presence.id)
    if decision is None:
        raise RegistryError(
            ErrorKind.CONFLICT,
            "status",
            "Freigeben lässt sich eine Präsenz erst mit einer unterzeichneten Entscheidung "
            "aus dem Klärungsprozess.",
        )
    if decision.outcome not in APPROVING_OUTCOMES or not decision.signature:
        raise RegistryError(
            ErrorKind.CONFLICT,
            "status",
            f"Die letzte Entscheidung (Nr. {decision.id}) gibt die Präsenz nicht frei "
            f"(Ergebnis: {decision.outcome}).",
        )
    return decision.id


def change_status(
    session: Session,
    actor: Actor,
    scope: Scope,
    presence_id: int,
    data: StatusChange,
    *,
    joint_controller_platforms: Iterable[str] = (),
) -> Presence:
    """Moves a presence to its next status along `TRANSITIONS`.

    The audit entry (`presence.status`) holds status and version as `[old, new]`; an approval
    also the approving record as `decision_record_id: [null, id]`; a reason given as
    `reason: [null, text]`.
    `joint_controller_platforms`: the platforms whose presences need the agreement under
    Art. 26 GDPR before they are listed (from the rulebook's platform catalogue).
    """
    presence = addressed(session, Presence, presence_id, for_update=True)
    require(scope, Permission.EDIT_REGISTRY, presence.authority_id, field="id")
    if data.version != presence.version:
        raise stale(presence)
    old, new = presence.status, data.status
    if new not in TRANSITIONS[old]:
        allowed = ", ".join(
            f"„{STATUS_LABEL[status]}“" for status in PresenceStatus if status in TRANSITIONS[old]
        )
        raise RegistryError(
            ErrorKind.CONFLICT,
            "status",
            f"Auf „{STATUS_LABEL[old]}“ kann „{STATUS_LABEL[new]}“ nicht folgen "
            f"(möglich: {allowed or 'nichts mehr'}).",
        )
    decision_id = _check_approval(session, presence) if new is APPROVED else None
    if new in PUBLIC_STATUSES and (
        field := missing_when_listed(presence, joint_controller_platforms)
    ):
        raise listed_problem(field, new)
    changes = apply(presence, {"status": new, "version": presence.version + 1})
    if decision_id is not None:
        changes["decision_record_id"] = [None, decision_id]
    if data.reason is not None:
        changes["reason"] = [None, data.reason]
    save(session, actor, "presence.status", presence, changes)
    return presence


def stale(presence: Presence) -> RegistryError:
    """The CONFLICT of a change made against an older version of `presence`."""
    return RegistryError(
        ErrorKind.CONFLICT,
        "version",
        f"Die Präsenz wurde inzwischen geändert (jetzt Version {presence.version}); "
        "bitte neu laden und die Änderung erneut vornehmen.",
    )
