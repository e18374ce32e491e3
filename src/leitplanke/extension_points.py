"""Extension registries: `name -> "module:attribute"` tables resolved once, checked at start-up."""

from collections.abc import Iterable
from importlib import import_module
from typing import Any


def resolve_registry(entries: Iterable[tuple[str, str]], what: str) -> dict[str, Any]:
    """Import each `module:attribute`; a duplicate name or a target that is not callable fails."""
    registry: dict[str, Any] = {}
    for name, target in entries:
        if name in registry:
            raise ValueError(f"{what} {name!r} registered twice")
        module_name, _, attribute = target.partition(":")
        resolved = getattr(import_module(module_name), attribute, None)
        if not callable(resolved):
            raise ValueError(f"{what} {name!r}: {target} is not a function or class")
        registry[name] = resolved
    return registry
