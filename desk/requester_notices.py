"""Notices to the requester about their ticket, in their language, through the outbox.

Every function is idempotent for one event: the `dedupe_key` names the ticket and the event,
so a retried handler or a second worker never tells the person twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from desk import outbox
from desk.callbacks import encode
from desk.notices import buttons
from storage.models import Ticket
from texts import language_of, t
from texts.dates import due_phrase


def _lang(ticket: Ticket) -> str:
    return language_of(ticket.requester.language)


async def _tell(
    session: AsyncSession,
    ticket: Ticket,
    text: str,
    now: datetime,
    key: str,
    rows: list[list[tuple[str, str]]] | None = None,
    files: list[dict[str, Any]] | None = None,
) -> bool:
    requester = ticket.requester
    if requester.anonymised_at is not None:
        return False
    return await outbox.enqueue(
        session,
        chat_id=requester.telegram_id,
        text=text,
        now=now,
        dedupe_key=f"req:{ticket.id}:{key}",
        reply_markup=buttons(rows) if rows else None,
        ticket_id=ticket.id,
        purpose="requester_notice",
        files=files,
    )


async def status_changed(
    session: AsyncSession, ticket: Ticket, now: datetime, event_id: int | str
) -> bool:
    """`event_id` tells two changes to the same status apart (e.g. the history row id)."""
    lang = _lang(ticket)
    text = t(
        "notice.status", lang, number=ticket.number, status=t(f"status.{ticket.status}", lang)
    )
    return await _tell(session, ticket, text, now, f"status:{ticket.status}:{event_id}")


async def priority_changed(
    session: AsyncSession, ticket: Ticket, zone: ZoneInfo, now: datetime
) -> bool:
    """The new priority, and the resolution time it promises now."""
    lang = _lang(ticket)
    text = t(
        "notice.priority",
        lang,
        number=ticket.number,
        priority=t(f"priority.{ticket.priority}", lang),
        resolution_due=due_phrase(ticket.resolution_due_at, zone, lang),
    )
    return await _tell(session, ticket, text, now, f"priority:{ticket.priority}:{now}")


async def agent_replied(
    session: AsyncSession,
    ticket: Ticket,
    body: str,
    now: datetime,
    message_id: int,
    files: list[dict[str, Any]] | None = None,
) -> bool:
    text = t("notice.agent_reply", _lang(ticket), number=ticket.number, body=body)
    return await _tell(session, ticket, text, now, f"reply:{message_id}", files=files)


async def info_requested(
    session: AsyncSession, ticket: Ticket, question: str, now: datetime, event_id: int | str
) -> bool:
    text = t("notice.info_requested", _lang(ticket), number=ticket.number, question=question)
    return await _tell(session, ticket, text, now, f"pending:{event_id}")


async def resolved(
    session: AsyncSession, ticket: Ticket, solution: str, now: datetime, event_id: int | str
) -> bool:
    """The solution, with "solved" / "not solved" buttons (handled by the follow-up journey)."""
    lang = _lang(ticket)
    rows = [
        [
            (t("notice.button.solved", lang), encode("rs", "ok", ticket.id)),
            (t("notice.button.not_solved", lang), encode("rs", "no", ticket.id)),
        ]
    ]
    text = t("notice.resolved", lang, number=ticket.number, solution=solution)
    return await _tell(session, ticket, text, now, f"resolved:{event_id}", rows)


async def closed(
    session: AsyncSession, ticket: Ticket, now: datetime, automatic: bool = False
) -> bool:
    """The closure notice with the 1-5 satisfaction rating (callback `rt|<ticket>|<score>`)."""
    lang = _lang(ticket)
    rows = [
        [(f"{'⭐' * score}", encode("rt", ticket.id, score)) for score in (1, 2, 3)],
        [(f"{'⭐' * score}", encode("rt", ticket.id, score)) for score in (4, 5)],
    ]
    key = "notice.closed_auto" if automatic else "notice.closed"
    text = t(key, lang, number=ticket.number)
    return await _tell(session, ticket, text, now, f"closed:{ticket.closed_at or now}", rows)
