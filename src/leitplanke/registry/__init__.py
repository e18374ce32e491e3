"""The registry of social-media presences: authorities, units, people, presences, contacts.

Writes take `(session, actor, scope, …, data)`: the session of the caller's transaction, the
`Actor` the audit log names, the caller's `Scope` (role and authority) and a validated input
schema. They check everything first, then flush and record `{field: [old, new]}` in the audit
log; the caller commits, or rolls back after an error. Every refusal is a `RegistryError`
whose `kind` (invalid, not found, conflict, forbidden) says which status code fits and whose
`field` names the input at fault.

Modules: `schemas` (inputs and outputs), `fields` and `handles` (their parts), `scope`,
`organisation`, `people`, `contact_points`, `presences`, `status` (life cycle), `decisions`,
`queries` (lists, the public list), `versions` (history), `exports` (JSON, CSV, JSON-LD).
"""

from leitplanke.registry.contact_points import (
    create_contact_point,
    delete_contact_point,
    get_contact_point,
    list_contact_points,
    update_contact_point,
)
from leitplanke.registry.decisions import APPROVING_OUTCOMES, approving_decision, latest_decision
from leitplanke.registry.errors import ErrorKind, RegistryError
from leitplanke.registry.exports import (
    DL_ZERO,
    EXPORT_FORMATS,
    ExportFormat,
    Licence,
    Listing,
    presences_csv,
    presences_json,
    presences_jsonld,
)
from leitplanke.registry.handles import Handle, parse_handle
from leitplanke.registry.organisation import (
    create_authority,
    create_unit,
    delete_unit,
    list_authorities,
    list_units,
    update_authority,
    update_unit,
)
from leitplanke.registry.people import (
    create_person,
    delete_person,
    get_person,
    list_people,
    update_person,
)
from leitplanke.registry.presences import create_presence, set_team, update_presence
from leitplanke.registry.queries import (
    PUBLIC_STATUSES,
    get_presence,
    list_presences,
    public_presence,
    public_presences,
)
from leitplanke.registry.schemas import (
    AuthorityCreate,
    AuthorityPublic,
    AuthorityUpdate,
    ContactPointCreate,
    ContactPointInternal,
    ContactPointUpdate,
    HistoryEntry,
    PersonCreate,
    PersonInternal,
    PersonUpdate,
    PresenceCreate,
    PresenceFilter,
    PresenceInternal,
    PresencePublic,
    PresenceUpdate,
    StatusChange,
    TeamMemberInternal,
    TeamUpdate,
    UnitCreate,
    UnitInternal,
    UnitUpdate,
    platform_context,
)
from leitplanke.registry.scope import PUBLIC, Scope
from leitplanke.registry.status import STATUS_LABEL, TRANSITIONS, change_status
from leitplanke.registry.versions import history, presence_history

__all__ = [
    "APPROVING_OUTCOMES",
    "DL_ZERO",
    "EXPORT_FORMATS",
    "PUBLIC",
    "PUBLIC_STATUSES",
    "STATUS_LABEL",
    "TRANSITIONS",
    "AuthorityCreate",
    "AuthorityPublic",
    "AuthorityUpdate",
    "ContactPointCreate",
    "ContactPointInternal",
    "ContactPointUpdate",
    "ErrorKind",
    "ExportFormat",
    "Handle",
    "HistoryEntry",
    "Licence",
    "Listing",
    "PersonCreate",
    "PersonInternal",
    "PersonUpdate",
    "PresenceCreate",
    "PresenceFilter",
    "PresenceInternal",
    "PresencePublic",
    "PresenceUpdate",
    "RegistryError",
    "Scope",
    "StatusChange",
    "TeamMemberInternal",
    "TeamUpdate",
    "UnitCreate",
    "UnitInternal",
    "UnitUpdate",
    "approving_decision",
    "change_status",
    "create_authority",
    "create_contact_point",
    "create_person",
    "create_presence",
    "create_unit",
    "delete_contact_point",
    "delete_person",
    "delete_unit",
    "get_contact_point",
    "get_person",
    "get_presence",
    "history",
    "latest_decision",
    "list_authorities",
    "list_contact_points",
    "list_people",
    "list_presences",
    "list_units",
    "parse_handle",
    "platform_context",
    "presence_history",
    "presences_csv",
    "presences_json",
    "presences_jsonld",
    "public_presence",
    "public_presences",
    "set_team",
    "update_authority",
    "update_contact_point",
    "update_person",
    "update_presence",
    "update_unit",
]
