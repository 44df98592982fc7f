"""The message catalog: every key the code names exists, in both languages, same fields."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from texts import t
from texts.catalog import MESSAGES

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "desk", "faq", "scheduler")
# `t("key"`, `turn.t("key"` and `text_key="key"`: the keys written out in the code.
LITERAL_KEY = re.compile(r"""(?:\bt\(|text_key=)\s*["']([a-z_]+(?:\.[a-z0-9_]+)+)["']""")


def keys_named_in_code() -> set[str]:
    found: set[str] = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            found |= set(LITERAL_KEY.findall(path.read_text(encoding="utf-8")))
    return found


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_named_in_code_is_in_the_catalog() -> None:
    named = keys_named_in_code()

    missing = sorted(key for key in named if key not in MESSAGES)

    assert len(named) > 100  # the pattern still finds the keys
    assert missing == []


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_both_languages_are_written_with_the_same_fields(key: str) -> None:
    indonesian, english = MESSAGES[key]

    assert indonesian.strip() and english.strip()
    assert fields(indonesian) == fields(english)


def test_parameters_are_escaped_for_html() -> None:
    assert t("start.greeting", "id", name="<script>").count("&lt;script&gt;") == 1
