"""Keeping the knowledge current: entries written in the bot, drafts from tickets, files.

Coordinators write and publish entries, agents turn a solved ticket into a draft, and whole
sets move in and out as YAML (the seed file's shape) or CSV for a spreadsheet. Every entry has
an owner and a review-by date, because knowledge that nobody rereads goes stale (BAB III).
Files are read and written in `faq.transfer`.
Role checks belong to the caller: this package sits beside `desk/`, not above it.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from faq.knowledge import STATUSES
from storage.models import FaqEntry, Ticket, TicketMessage

logger = logging.getLogger(__name__)

REVIEW_MONTHS = 6
MAX_TEXT = 3500  # a Telegram message holds 4096 characters; the title and buttons need room
MAX_OWNER = 200


class UpkeepError(ValueError):
    """A change the knowledge refuses; `text_key` names the polite explanation."""

    def __init__(self, message: str, text_key: str, **params: Any) -> None:
        super().__init__(message)
        self.text_key = text_key
        self.params = params


# --- entries written in the bot ---------------------------------------------------------


def review_date(today: date, months: int = REVIEW_MONTHS) -> date:
    """The same day `months` later, or the month's last day when it has fewer days."""
    index = today.month - 1 + months
    year, month = today.year + index // 12, index % 12 + 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def clean_text(value: str, field_name: str) -> str:
    text = value.strip()
    if not text:
        raise UpkeepError(f"{field_name} is empty", "kb.error.empty", field=field_name)
    if len(text) > MAX_TEXT:
        raise UpkeepError(f"{field_name} too long", "kb.error.too_long", limit=MAX_TEXT)
    return text


def split_list(text: str) -> list[str]:
    """Items typed on separate lines or between `|`, as in the CSV columns."""
    parts = re.split(r"[|\n]", text)
    return [part.strip() for part in parts if part.strip()]


async def unique_key(session: AsyncSession, question: str) -> str:
    """A readable key from the question's first words, numbered if already taken."""
    words = re.findall(r"[a-z0-9]+", question.lower())[:6]
    base = "-".join(words)[:80].strip("-") or "entri"
    taken = set(
        (await session.execute(select(FaqEntry.key).where(FaqEntry.key.like(f"{base}%"))))
        .scalars()
        .all()
    )
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


async def get_entry(session: AsyncSession, entry_id: int) -> FaqEntry:
    entry = await session.get(FaqEntry, entry_id)
    if entry is None:
        raise UpkeepError(f"no faq entry {entry_id}", "kb.error.not_found")
    return entry


async def create_entry(
    session: AsyncSession,
    *,
    question: str,
    answer: str,
    owner: str,
    now: datetime,
    today: date,
    alternatives: Iterable[str] = (),
    source_ticket_id: int | None = None,
) -> FaqEntry:
    """A new draft: it answers nobody until a coordinator publishes it."""
    question = clean_text(question, "question")
    entry = FaqEntry(
        key=await unique_key(session, question),
        question=question,
        alternatives=[item.strip() for item in alternatives if item.strip()],
        keywords=[],
        answer=clean_text(answer, "answer"),
        status="draft",
        owner=owner[:MAX_OWNER] or None,
        review_by=review_date(today),
        source_ticket_id=source_ticket_id,
        created_at=now,
        updated_at=now,
    )
    session.add(entry)
    await session.flush()
    logger.info(
        "faq entry drafted entry=%s key=%s source=%s", entry.id, entry.key, source_ticket_id
    )
    return entry


def edit_answer(entry: FaqEntry, answer: str, now: datetime) -> None:
    entry.answer = clean_text(answer, "answer")
    entry.updated_at = now
    logger.info("faq answer edited entry=%s key=%s", entry.id, entry.key)


def set_english(entry: FaqEntry, question: str, answer: str, now: datetime) -> None:
    """The English question and answer English readers get instead of the Indonesian."""
    entry.question_en = clean_text(question, "question_en")
    entry.answer_en = clean_text(answer, "answer_en")
    entry.updated_at = now
    logger.info("faq english written entry=%s key=%s", entry.id, entry.key)


def publish(entry: FaqEntry, now: datetime, today: date) -> None:
    """Publish, restarting the review period when it has run out: publishing is a review."""
    if entry.status == "published":
        raise UpkeepError(f"entry {entry.key} already published", "kb.error.already_published")
    entry.status = "published"
    if entry.review_by is None or entry.review_by <= today:
        entry.review_by = review_date(today)
    entry.updated_at = now
    logger.info("faq entry published entry=%s key=%s", entry.id, entry.key)


def retire(entry: FaqEntry, now: datetime) -> None:
    """Stop answering with the entry but keep it: the analytics still name it."""
    if entry.status == "retired":
        raise UpkeepError(f"entry {entry.key} already retired", "kb.error.already_retired")
    entry.status = "retired"
    entry.updated_at = now
    logger.info("faq entry retired entry=%s key=%s", entry.id, entry.key)


async def list_entries(
    session: AsyncSession, status: str, *, offset: int, limit: int
) -> tuple[list[FaqEntry], int]:
    """One page of entries in `status`, newest change first, and how many there are."""
    where = FaqEntry.status == status
    total = (await session.execute(select(func.count(FaqEntry.id)).where(where))).scalar_one()
    query = (
        select(FaqEntry)
        .where(where)
        .order_by(FaqEntry.updated_at.desc(), FaqEntry.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return list((await session.execute(query)).scalars()), int(total)


async def status_counts(session: AsyncSession) -> dict[str, int]:
    rows = await session.execute(
        select(FaqEntry.status, func.count(FaqEntry.id)).group_by(FaqEntry.status)
    )
    counts = {status: 0 for status in STATUSES}
    counts.update({status: int(count) for status, count in rows})
    return counts


async def due_for_review(session: AsyncSession, today: date) -> list[FaqEntry]:
    """Entries still in use whose review-by date has passed, the most overdue first.

    Entries without a date (imported ones may have none) are not listed: until the seed
    carries review dates, they are reviewed when someone opens them.
    """
    query = (
        select(FaqEntry)
        .where(FaqEntry.status != "retired", FaqEntry.review_by < today)
        .order_by(FaqEntry.review_by, FaqEntry.id)
    )
    return list((await session.execute(query)).scalars())


async def source_ticket_number(session: AsyncSession, entry: FaqEntry) -> str | None:
    """The number of the ticket the entry was drafted from, to trace it back."""
    if entry.source_ticket_id is None:
        return None
    query = select(Ticket.number).where(Ticket.id == entry.source_ticket_id)
    return (await session.execute(query)).scalar_one_or_none()


# --- drafts from solved tickets -----------------------------------------------------------


async def ticket_answer(session: AsyncSession, ticket: Ticket) -> str | None:
    """What solved the ticket: its recorded resolution, else the last reply of an agent."""
    if ticket.resolution and ticket.resolution.strip():
        return ticket.resolution.strip()
    query = (
        select(TicketMessage.body)
        .where(TicketMessage.ticket_id == ticket.id, TicketMessage.kind == "agent")
        .where(TicketMessage.body != "")
        .order_by(TicketMessage.created_at.desc(), TicketMessage.id.desc())
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def draft_from_ticket(
    session: AsyncSession,
    ticket: Ticket,
    *,
    owner: str,
    now: datetime,
    today: date,
    redact: Callable[[str], str] = str,
) -> FaqEntry:
    """A draft whose question is the requester's description and answer what solved it.

    `redact` masks personal identifiers: a ticket is private, an FAQ entry is not.
    """
    if ticket.status not in {"resolved", "closed"}:
        raise UpkeepError(
            f"ticket {ticket.number} is {ticket.status}",
            "kb.error.not_solved",
            number=ticket.number,
        )
    existing = (
        await session.execute(select(FaqEntry).where(FaqEntry.source_ticket_id == ticket.id))
    ).scalar_one_or_none()
    if existing is not None:
        raise UpkeepError(
            f"ticket {ticket.number} already drafted",
            "kb.error.already_drafted",
            number=ticket.number,
            key=existing.key,
        )
    answer = await ticket_answer(session, ticket)
    if not answer:
        raise UpkeepError(f"ticket {ticket.number} has no answer", "kb.error.no_answer")
    question = ticket.description.strip() or ticket.title
    return await create_entry(
        session,
        question=redact(question)[:MAX_TEXT],
        answer=redact(answer)[:MAX_TEXT],
        owner=owner,
        now=now,
        today=today,
        source_ticket_id=ticket.id,
    )
