"""Constrained field types and the base model shared by every rulebook source model."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

RuleId = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,5}-[A-Z]{2,5}-[0-9]{2,3}$")]
LawId = Annotated[str, StringConstraints(pattern=r"^[A-Za-zÄÖÜäöü0-9 ./\-]{2,40}$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,62}$")]
ElementId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,47}$")]
Version = Annotated[str, StringConstraints(pattern=r"^[0-9]+\.[0-9]+\.[0-9]+$")]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=300)]
Prose = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=20_000)]


class SourceModel(BaseModel):
    """Base of every source model: unknown fields are errors, instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)
