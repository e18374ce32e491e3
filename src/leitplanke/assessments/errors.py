"""The one error of the decision process's reads and writes: what, at which input, in German."""

from leitplanke.assessments.answers import AnswerError
from leitplanke.registry.errors import ErrorKind

__all__ = ["AssessmentError", "ErrorKind"]


class AssessmentError(ValueError):
    """An assessment or record cannot be started, saved, signed or read.

    `kind` says which status code fits (as for the registry: invalid 422, not found 404,
    conflict 409, forbidden 403); `field` names the input at fault (a question ID, `version`,
    `id`, `step`), None if no single one is; `answer_errors` lists every unusable answer when
    a step's answers are refused.
    """

    def __init__(
        self,
        kind: ErrorKind,
        field: str | None,
        message: str,
        answer_errors: tuple[AnswerError, ...] = (),
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.field = field
        self.message = message
        self.answer_errors = answer_errors

    def __repr__(self) -> str:
        return f"AssessmentError({self.kind.value!r}, {self.field!r}, {self.message!r})"
