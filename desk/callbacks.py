"""Callback data for inline buttons: a short prefix and fields, within Telegram's 64 bytes.

Callback data comes back from the person's client and can be forged, so decoding checks its
shape and every handler still checks that the person may do what the button says.
"""

from __future__ import annotations

from desk.errors import InvalidInput

SEPARATOR = "|"
LIMIT = 64


def encode(prefix: str, *fields: str | int) -> str:
    parts = [prefix, *(str(value) for value in fields)]
    if any(SEPARATOR in part for part in parts):
        raise ValueError("callback fields may not contain the separator")
    data = SEPARATOR.join(parts)
    if len(data.encode()) > LIMIT:
        raise ValueError(f"callback data over {LIMIT} bytes: {data!r}")
    return data


def decode(data: str | None, prefix: str, arity: int) -> list[str]:
    """The fields after `prefix`, exactly `arity` of them, or `InvalidInput`."""
    parts = (data or "").split(SEPARATOR)
    if parts[0] != prefix or len(parts) != arity + 1:
        raise InvalidInput(f"malformed callback data {data!r}", text_key="error.stale_button")
    return parts[1:]


def decode_int(value: str) -> int:
    if not value.isdigit() or len(value) > 12:
        raise InvalidInput(
            f"not a number in callback data: {value!r}", text_key="error.stale_button"
        )
    return int(value)
