"""Personal identifiers kept out of agent notices and exports (UU PDP)."""

from __future__ import annotations

import re

# A NIK is 16 digits; phone numbers start with +62, 62 or 0 and run 9 to 13 digits.
NIK = re.compile(r"(?<!\d)(\d{4})\d{8}(\d{4})(?!\d)")
PHONE = re.compile(r"(?<![\d+])(?:\+?62|0)[ -]?8[\d -]{7,14}\d(?!\d)")


def mask_identifiers(text: str) -> str:
    """`3201234567890001` -> `3201********0001`; `081234567890` -> `0812******90`."""
    masked = NIK.sub(lambda match: f"{match[1]}********{match[2]}", text)
    return PHONE.sub(_mask_phone, masked)


def _mask_phone(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match[0])
    if not 9 <= len(digits) <= 14:
        return match[0]
    return f"{match[0][:4]}******{digits[-2:]}"
