"""Who may write what in the registry: the caller's role and authority against `accounts.roles`."""

from dataclasses import dataclass

from leitplanke.accounts.roles import AUTHORITY_SCOPED, Permission, Role, allows
from leitplanke.registry.errors import ErrorKind, RegistryError


@dataclass(frozen=True)
class Scope:
    """The caller's role (None: the anonymous public) and the authority an editor belongs to."""

    role: Role | None
    authority_id: int | None = None


PUBLIC = Scope(None)


def require(
    scope: Scope,
    permission: Permission,
    authority_id: int | None = None,
    *,
    field: str = "authority_id",
) -> None:
    """Raises FORBIDDEN unless `scope` holds `permission` for entries of `authority_id`.

    An editor holds the authority-scoped permissions only for their own authority; `field`
    names the input that chose the authority.
    """
    if scope.role is None or not allows(scope.role, permission):
        raise RegistryError(
            ErrorKind.FORBIDDEN, None, "Für diese Änderung fehlt Ihnen die Berechtigung."
        )
    if (
        permission in AUTHORITY_SCOPED
        and scope.role is Role.EDITOR
        and (scope.authority_id is None or scope.authority_id != authority_id)
    ):
        raise RegistryError(
            ErrorKind.FORBIDDEN,
            field,
            "Die Redaktion darf nur Einträge der eigenen Behörde anlegen und ändern.",
        )
