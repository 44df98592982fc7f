"""The domain's exceptions; the bot's error handler turns each into a polite reply.

Each carries a message key from the text catalog and its parameters, so the person reads the
reason in their own language while logs keep the English `str()`.
"""

from __future__ import annotations

from typing import Any


class SigapError(Exception):
    """Root of every error Sigap raises on purpose."""

    text_key = "error.generic"

    def __init__(self, message: str, *, text_key: str | None = None, **params: Any) -> None:
        super().__init__(message)
        if text_key is not None:
            self.text_key = text_key
        self.params = params


class NotFound(SigapError):
    text_key = "error.not_found"


class NotAllowed(SigapError):
    text_key = "error.not_allowed"


class InvalidInput(SigapError):
    text_key = "error.invalid_input"


class Conflict(SigapError):
    text_key = "error.conflict"


class ChangedMeanwhile(Conflict):
    """Someone else changed the record this step read; its changes were rolled back."""

    text_key = "error.changed_meanwhile"


class TransitionRefused(NotAllowed):
    """A lifecycle move the state machine does not allow, or not for this role."""

    text_key = "error.transition_refused"


def required_line(text: str, *, limit: int, missing_key: str, what: str) -> str:
    """`text` as one line with single spaces; refused when empty or longer than `limit`."""
    line = " ".join(text.split())
    if not line:
        raise InvalidInput(f"{what} missing", text_key=missing_key)
    if len(line) > limit:
        raise InvalidInput(f"{what} too long", text_key="error.too_long", limit=limit)
    return line
