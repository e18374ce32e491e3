"""Scopes: which role may write what, editors only for their own authority."""

import pytest

from leitplanke.accounts.roles import Permission, Role
from leitplanke.registry.errors import ErrorKind, RegistryError
from leitplanke.registry.scope import PUBLIC, Scope, require

ADMIN, EDITOR_1 = Scope(Role.ADMINISTRATOR), Scope(Role.EDITOR, 1)
EDIT, ORGANISE = Permission.EDIT_REGISTRY, Permission.EDIT_ORGANISATION

CASES = [
    # note, scope, permission, authority, want (None: allowed, else the field named)
    ("admin edits any authority", ADMIN, EDIT, 2, None),
    ("admin edits organisation", ADMIN, ORGANISE, None, None),
    ("editor edits own authority", EDITOR_1, EDIT, 1, None),
    ("editor not another", EDITOR_1, EDIT, 2, "authority_id"),
    ("editor without authority", Scope(Role.EDITOR), EDIT, None, "authority_id"),
    ("editor not organisation", EDITOR_1, ORGANISE, 1, ""),
    ("reviewer reads only", Scope(Role.REVIEWER), Permission.EDIT_REGISTRY, 1, ""),
    ("dpo reads only", Scope(Role.DATA_PROTECTION_OFFICER), Permission.EDIT_REGISTRY, 1, ""),
    ("staff reads only", Scope(Role.STAFF, 1), Permission.EDIT_REGISTRY, 1, ""),
    ("public writes nothing", PUBLIC, Permission.EDIT_REGISTRY, 1, ""),
    ("public reads nothing internal", PUBLIC, Permission.READ_INTERNAL, None, ""),
]  # fmt: skip


@pytest.mark.parametrize(
    ("note", "scope", "permission", "authority_id", "want"), CASES, ids=[c[0] for c in CASES]
)
def test_scopes_allow_what_the_roles_allow(note, scope, permission, authority_id, want):
    if want is None:
        require(scope, permission, authority_id)
        return
    with pytest.raises(RegistryError) as raised:
        require(scope, permission, authority_id)
    assert raised.value.kind is ErrorKind.FORBIDDEN
    assert raised.value.field == (want or None)
