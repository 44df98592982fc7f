"""Saved replies agents send with one command, filled in for the ticket at hand.

They live in `seed/canned.yaml` so service managers edit them like the rest of the sample
data; the file is read once at start-up. Placeholders are Indonesian words agents know:
{nama}, {nomor}, {layanan}, {petugas}. An unknown placeholder is left as typed, so a typo
shows in the sent text instead of failing the send.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from desk.errors import NotFound
from storage.models import Person, Ticket
from texts import in_language

logger = logging.getLogger(__name__)

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "seed" / "canned.yaml"
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class CannedReply:
    key: str
    title: str
    text_id: str
    text_en: str

    def text(self, lang: str) -> str:
        return in_language(lang, self.text_id, self.text_en)


def parse(data: Any) -> dict[str, CannedReply]:
    """Replies from the YAML structure: a list under `replies`, keyed by their `key`."""
    entries = data.get("replies", []) if isinstance(data, Mapping) else data or []
    replies: dict[str, CannedReply] = {}
    for entry in entries:
        key = str(entry["key"]).strip().lower()
        if key in replies:
            raise ValueError(f"canned reply {key!r} defined twice")
        replies[key] = CannedReply(
            key=key,
            title=str(entry.get("title", key)),
            text_id=str(entry["text_id"]),
            text_en=str(entry.get("text_en") or ""),
        )
    return replies


def load_file(path: Path = DEFAULT_FILE) -> dict[str, CannedReply]:
    if not path.exists():
        logger.warning("canned replies missing path=%s", path)
        return {}
    replies = parse(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    logger.info("canned replies loaded count=%s path=%s", len(replies), path)
    return replies


def find(replies: Mapping[str, CannedReply], key: str) -> CannedReply:
    found = replies.get(key.strip().lower())
    if found is None:
        raise NotFound(f"no canned reply {key}", text_key="agent.error.no_canned", key=key)
    return found


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace known placeholders; anything else stays as typed."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def render(reply: CannedReply, ticket: Ticket, agent: Person) -> str:
    """The reply in the requester's language, filled in for this ticket and agent."""
    requester = ticket.requester
    values = {
        "nama": requester.full_name or "Bapak/Ibu",
        "nomor": ticket.number,
        "layanan": ticket.service.name if ticket.service is not None else "layanan",
        "petugas": agent.full_name or "petugas",
    }
    return fill(reply.text(requester.language), values)
