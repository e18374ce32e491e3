"""The public surface of `leitplanke.registry` is listed, importable and documented."""

import inspect

import leitplanke.registry as registry
from leitplanke.registry.errors import ErrorKind


def test_public_names_are_listed_importable_and_documented():
    assert registry.__all__ == sorted(
        registry.__all__, key=lambda name: (not name.isupper(), name[0].islower(), name)
    )
    for name in registry.__all__:
        value = getattr(registry, name)
        if inspect.isfunction(value) or inspect.isclass(value):
            assert inspect.getdoc(value), name


def test_every_write_takes_session_actor_and_scope_first():
    writes = [
        name
        for name in registry.__all__
        if name.startswith(("create_", "update_", "delete_", "set_", "change_"))
    ]
    assert len(writes) == 15
    for name in writes:
        parameters = list(inspect.signature(getattr(registry, name)).parameters)
        assert parameters[:3] == ["session", "actor", "scope"], name


def test_error_kinds_are_the_four_the_web_layer_maps():
    assert [kind.value for kind in ErrorKind] == ["invalid", "not_found", "conflict", "forbidden"]
