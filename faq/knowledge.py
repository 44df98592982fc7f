"""FAQ entries in the database: import, export and the items the matcher indexes."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import FaqEntry, Service

logger = logging.getLogger(__name__)

STATUSES = ("draft", "published", "retired")


class KnowledgeError(ValueError):
    """An entry that cannot be imported; the message names it and the field."""


async def import_entries(
    session: AsyncSession, entries: Iterable[Mapping[str, Any]], now: datetime
) -> int:
    """Create or update entries by key; loading the same file twice changes nothing."""
    rows = await session.execute(select(Service.code, Service.id))
    codes: dict[str, int] = {code: service_id for code, service_id in rows}
    count = 0
    for raw in entries:
        key = str(raw.get("key") or raw.get("id") or "").strip()
        if not key or not str(raw.get("question", "")).strip() or not raw.get("answer"):
            raise KnowledgeError(f"entry {key or '?'} needs key, question and answer")
        status = str(raw.get("status", "published"))
        if status not in STATUSES:
            raise KnowledgeError(f"entry {key}: status must be one of {', '.join(STATUSES)}")
        service = raw.get("service")
        if service and service not in codes:
            raise KnowledgeError(f"entry {key}: unknown service {service}")
        entry = (
            await session.execute(select(FaqEntry).where(FaqEntry.key == key))
        ).scalar_one_or_none()
        if entry is None:
            entry = FaqEntry(key=key, created_at=now)
            session.add(entry)
        entry.question = str(raw["question"]).strip()
        entry.question_en = _optional(raw.get("question_en"))
        entry.alternatives = [str(item) for item in raw.get("alternatives", []) or []]
        entry.keywords = [str(item) for item in raw.get("keywords", []) or []]
        entry.answer = str(raw["answer"]).strip()
        entry.answer_en = raw.get("answer_en")
        entry.service_id = codes.get(service) if service else None
        entry.status = status
        entry.owner = raw.get("owner")
        entry.review_by = _date(raw.get("review_by"))
        entry.updated_at = now
        count += 1
    await session.flush()
    logger.info("faq imported entries=%s", count)
    return count


def _optional(value: Any) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
