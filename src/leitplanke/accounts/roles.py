"""Roles and permissions as data: which role may do what, and the German names of both."""

from enum import StrEnum


class Role(StrEnum):
    """A user's role. The anonymous public has no account and no role."""

    ADMINISTRATOR = "administrator"
    EDITOR = "editor"  # bound to one authority
    DATA_PROTECTION_OFFICER = "data_protection_officer"
    REVIEWER = "reviewer"
    STAFF = "staff"


ROLE_LABEL: dict[Role, str] = {
    Role.ADMINISTRATOR: "Administration",
    Role.EDITOR: "Redaktion (einer Behörde)",
    Role.DATA_PROTECTION_OFFICER: "Datenschutzbeauftragte/r",
    Role.REVIEWER: "Freigabe (Leitung, Presse- und Öffentlichkeitsarbeit)",
    Role.STAFF: "Beschäftigte",
}


class Permission(StrEnum):
    """Something a route does that not everyone may do."""

    READ_INTERNAL = "read_internal"  # planned presences, people, contact points, assessments
    EDIT_REGISTRY = "edit_registry"  # presences and people (editors: of their authority)
    EDIT_ORGANISATION = "edit_organisation"  # authorities and units
    MANAGE_USERS = "manage_users"
    EDIT_ASSESSMENT = "edit_assessment"  # editors: of their authority
    SIGN_ASSESSMENT = "sign_assessment"
    READ_AUDIT = "read_audit"
    RUN_SCAN = "run_scan"


ALL_ROLES = frozenset(Role)
PERMISSIONS: dict[Permission, frozenset[Role]] = {
    Permission.READ_INTERNAL: ALL_ROLES,
    Permission.EDIT_REGISTRY: frozenset({Role.ADMINISTRATOR, Role.EDITOR}),
    Permission.EDIT_ORGANISATION: frozenset({Role.ADMINISTRATOR}),
    Permission.MANAGE_USERS: frozenset({Role.ADMINISTRATOR}),
    Permission.EDIT_ASSESSMENT: frozenset({Role.ADMINISTRATOR, Role.EDITOR}),
    Permission.SIGN_ASSESSMENT: frozenset({Role.ADMINISTRATOR, Role.REVIEWER}),
    Permission.READ_AUDIT: frozenset({Role.ADMINISTRATOR, Role.DATA_PROTECTION_OFFICER}),
    Permission.RUN_SCAN: frozenset({Role.ADMINISTRATOR, Role.EDITOR, Role.DATA_PROTECTION_OFFICER}),
}
# Permissions that an editor holds only for the authority the account belongs to.
AUTHORITY_SCOPED: frozenset[Permission] = frozenset(
    {Permission.EDIT_REGISTRY, Permission.EDIT_ASSESSMENT}
)


def allows(role: Role, permission: Permission) -> bool:
    """Whether `role` holds `permission` (for editors: within their authority)."""
    return role in PERMISSIONS[permission]
