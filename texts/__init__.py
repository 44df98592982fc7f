"""User-facing text: one catalog, Bahasa Indonesia first, English second.

`t()` escapes every parameter for Telegram's HTML parse mode, so a name or a message typed by
a person can never inject markup. Wrap a value in `Raw` only when it is markup Sigap built.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from texts.catalog import MESSAGES

logger = logging.getLogger(__name__)

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"


class Raw(str):
    """Markup Sigap produced itself; passed to `t()` unescaped."""

    __slots__ = ()


def language_of(code: str | None) -> str:
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def in_language(lang: str | None, text: str, text_en: str | None) -> str:
    """Content written in both languages (FAQ, catalog): the English for an English reader
    when someone wrote it, else the Indonesian, which every entry has."""
    if language_of(lang) == "en" and text_en and text_en.strip():
        return text_en
    return text


def _escape(value: Any) -> Any:
    if isinstance(value, Raw):
        return value
    if isinstance(value, str):
        return html.escape(value, quote=False)
    return value


def t(key: str, lang: str | None = None, /, **params: Any) -> str:
    """The message `key` in `lang`, with parameters escaped for HTML."""
    variants = MESSAGES.get(key)
    if variants is None:
        logger.error("missing text key=%s", key)
        return key
    text = variants[1] if language_of(lang) == "en" else variants[0]
    if not params:
        return text
    return text.format_map({name: _escape(value) for name, value in params.items()})


def both(key: str, /, **params: Any) -> tuple[str, str]:
    """The Indonesian and English forms, for places where the reader's language is unknown."""
    return t(key, "id", **params), t(key, "en", **params)
