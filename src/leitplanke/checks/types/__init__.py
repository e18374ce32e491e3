"""The closed set of check types, registered by name; a duplicate name fails at start-up."""

from collections.abc import Iterable
from typing import Annotated, Any, Union

from pydantic import Field, TypeAdapter

from leitplanke.checks.types.base import CheckConfig
from leitplanke.checks.types.hashtags import HashtagsCheck
from leitplanke.checks.types.length import LengthCheck
from leitplanke.checks.types.links import LinksCheck
from leitplanke.checks.types.media import MediaCheck
from leitplanke.checks.types.neutrality import NeutralityCheck
from leitplanke.checks.types.pattern import PatternCheck
from leitplanke.checks.types.personal_data import PersonalDataCheck
from leitplanke.checks.types.required import RequiredCheck

BUILT_IN: tuple[type[CheckConfig], ...] = (
    PatternCheck,
    LinksCheck,
    LengthCheck,
    MediaCheck,
    HashtagsCheck,
    RequiredCheck,
    NeutralityCheck,
    PersonalDataCheck,
)


def build_registry(models: Iterable[type[CheckConfig]]) -> dict[str, type[CheckConfig]]:
    """Check types by the name in their `type` field."""
    registry: dict[str, type[CheckConfig]] = {}
    for model in models:
        name = model.model_fields["type"].default
        if not isinstance(name, str) or name in registry:
            raise ValueError(f"check type {name!r} missing or registered twice")
        registry[name] = model
    return registry


CHECK_TYPES: dict[str, type[CheckConfig]] = build_registry(BUILT_IN)

# The discriminated union of all check types, for validating a rule's `checks` entries.
_MODELS: tuple[Any, ...] = tuple(CHECK_TYPES.values())
_UNION: Any = (
    Annotated[Union[_MODELS], Field(discriminator="type")]  # noqa: UP007
    if len(_MODELS) > 1
    else _MODELS[0]
)
_ANY_CHECK: TypeAdapter[Any] = TypeAdapter(_UNION)


def parse_check(spec: dict[str, Any]) -> CheckConfig:
    """A check config from a rule's spec; pydantic ValidationError if it does not fit its type."""
    config = _ANY_CHECK.validate_python(spec)
    assert isinstance(config, CheckConfig)
    return config
