"""Notices about tickets, rendered in the reader's language and queued in the outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from desk import outbox
from desk.callbacks import encode
from desk.config import DeskConfig
from desk.privacy import mask_identifiers
from storage.models import Ticket, TicketMessage
from texts import t
from texts.dates import due_phrase

SUMMARY_LIMIT = 300


def buttons(rows: list[list[tuple[str, str]]]) -> dict[str, Any]:
    """Inline keyboard markup as the Bot API's JSON, for messages sent from the outbox."""
    return {
        "inline_keyboard": [
            [{"text": label, "callback_data": data} for label, data in row] for row in rows
        ]
    }


def summary(text: str) -> str:
    clean = mask_identifiers(" ".join(text.split()))
    if len(clean) <= SUMMARY_LIMIT:
        return clean
    return clean[:SUMMARY_LIMIT].rsplit(" ", 1)[0] + "…"


def agent_notice_text(ticket: Ticket, config: DeskConfig, lang: str = "id") -> str:
    requester = ticket.requester
    kind = t(f"requester_type.{requester.requester_type or 'other'}", lang)
    unit = f" · {requester.work_unit}" if requester.work_unit else ""
    return t(
        "agent.new_ticket",
        lang,
        number=ticket.number,
        type=t(f"ticket_type.{ticket.ticket_type}", lang),
        service=ticket.service.name if ticket.service else "-",
        priority=t(f"priority.{ticket.priority}", lang),
        requester=f"{kind}{unit}",
        summary=summary(ticket.description),
        response_due=due_phrase(ticket.response_due_at, config.timezone, lang),
        resolution_due=due_phrase(ticket.resolution_due_at, config.timezone, lang),
    )


async def ticket_opened(
    session: AsyncSession,
    config: DeskConfig,
    ticket: Ticket,
    now: datetime,
    files: list[dict[str, Any]] | None = None,
) -> None:
    """Tell the agents' group about a new ticket, with buttons to take, assign or open it.

    `files` are the photos and documents sent with the report, when the caller has them at
    hand; else they are read from the ticket's first message.
    """
    if config.agents_chat_id is None:
        return
    lang = "id"
    rows = [
        [
            (t("agent.button.take", lang), encode("ag", "take", ticket.id)),
            (t("agent.button.assign", lang), encode("ag", "assign", ticket.id)),
            (t("agent.button.open", lang), encode("ag", "open", ticket.id)),
        ]
    ]
    await outbox.enqueue(
        session,
        chat_id=config.agents_chat_id,
        text=agent_notice_text(ticket, config, lang),
        now=now,
        dedupe_key=f"opened:{ticket.id}",
        reply_markup=buttons(rows),
        ticket_id=ticket.id,
        purpose="agent_notice",
        files=await first_attachments(session, ticket) if files is None else files,
        topic_name=f"{ticket.number} · {t(f'priority.{ticket.priority}', lang)}",
    )


async def first_attachments(session: AsyncSession, ticket: Ticket) -> list[dict[str, Any]]:
    """The photos and documents the requester sent with the report."""
    query = (
        select(TicketMessage.attachments)
        .where(TicketMessage.ticket_id == ticket.id, TicketMessage.kind == "requester")
        .order_by(TicketMessage.id)
        .limit(1)
    )
    found = (await session.execute(query)).scalar_one_or_none()
    return list(found or [])
