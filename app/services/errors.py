"""What services raise; the web layer turns each into a page or a JSON error with the reason."""

from __future__ import annotations

MAX_ID = 2**31 - 1
"""Ids are 32-bit integers in PostgreSQL: a larger one names nothing."""


class NotFound(LookupError):
    """No such story or version."""

    def __init__(self, kind: str, ident: int) -> None:
        super().__init__(f"{kind} {ident} does not exist")
        self.kind, self.ident = kind, ident


class InvalidInput(ValueError):
    """Bad input, with the field it concerns and a reason for the user."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


class DuplicateVersion(ValueError):
    """The story already holds this exact text."""

    def __init__(self, version_id: int) -> None:
        super().__init__(f"this text is already stored as version {version_id}")
        self.version_id = version_id
