"""Request and response schemas of the check API, kept apart from the library's models."""

from pydantic import BaseModel, ConfigDict, Field

from leitplanke.checks.draft import Draft
from leitplanke.checks.engine import CheckEngine
from leitplanke.checks.finding import Finding
from leitplanke.checks.results import EMPTY_SUMMARY, CheckSummary, shown
from leitplanke.rulebook.vocabulary import Audience

MAX_BATCH = 100  # drafts per batch request


class DraftCreate(Draft):
    """A draft to check: its text and, optionally, audience, platform, links, media and schedule."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "beitrag-1",
                    "text": "Jetzt neu: unser Like-Button auf berlin.de!",
                    "audience": "institution",
                    "platform": "mastodon",
                }
            ]
        }
    )


class CheckPublic(BaseModel):
    """The findings of one draft; personal data in them is masked."""

    id: str | None = Field(description="The draft's `id`, as sent.")
    audience: Audience = Field(
        description="Whose rules checked the draft: its `audience`, else `institution`."
    )
    findings: list[Finding] = Field(description="Ordered by position, then rule ID.")
    summary: CheckSummary

    @classmethod
    def of(cls, engine: CheckEngine, draft: Draft) -> "CheckPublic":
        """Check `draft`; sensitive matches are masked (the caller has the text and offsets)."""
        findings = [shown(finding) for finding in engine.check(draft)]
        return cls(
            id=draft.id,
            audience=draft.checked_audience,
            findings=findings,
            summary=CheckSummary.of(findings),
        )


class BatchCreate(BaseModel):
    """Several drafts to check at once."""

    model_config = ConfigDict(extra="forbid")

    drafts: list[DraftCreate] = Field(min_length=1, max_length=MAX_BATCH)


class BatchPublic(BaseModel):
    """The findings of each draft, in the order sent, and the counts over all of them."""

    results: list[CheckPublic]
    summary: CheckSummary

    @classmethod
    def of(cls, engine: CheckEngine, batch: BatchCreate) -> "BatchPublic":
        """Check every draft of the batch."""
        results = [CheckPublic.of(engine, draft) for draft in batch.drafts]
        summary = EMPTY_SUMMARY
        for result in results:
            summary = summary.plus(result.summary)
        return cls(results=results, summary=summary)
