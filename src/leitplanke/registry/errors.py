"""The one error of the registry's writes and reads: what went wrong, at which field, in German."""

from enum import StrEnum


class ErrorKind(StrEnum):
    """What kind of problem an input has; the web layer answers each with its own status code."""

    INVALID = "invalid"  # 422: the input does not fit (also: a referenced ID that does not exist)
    NOT_FOUND = "not_found"  # 404: the entry addressed does not exist
    CONFLICT = "conflict"  # 409: the input clashes with stored data (duplicate, stale version)
    FORBIDDEN = "forbidden"  # 403: the caller's role or authority does not allow the write


class RegistryError(ValueError):
    """An entry cannot be read, created or changed; `field` names the input at fault.

    `field` is the input's name as in the schema (`handle`, `responsible_id`,
    `deputy_ids[1]`); `id` for the entry addressed; None when no single field is at fault
    (a role that may not write at all).
    """

    def __init__(self, kind: ErrorKind, field: str | None, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.field = field
        self.message = message

    def __repr__(self) -> str:
        return f"RegistryError({self.kind.value!r}, {self.field!r}, {self.message!r})"
