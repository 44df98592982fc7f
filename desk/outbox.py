"""Enqueue notices for delivery; the delivery worker sends them with retries.

Everything Sigap tells a person because something happened goes through here, so a restart
or a Telegram outage loses nothing. A `dedupe_key` makes enqueueing idempotent: the second
call with the same key adds nothing.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxMessage
from storage.upsert import insert_for_dialect


async def enqueue(
    session: AsyncSession,
    *,
    chat_id: int,
    text: str,
    now: datetime,
    dedupe_key: str | None = None,
    reply_markup: dict[str, Any] | None = None,
    reply_to_message_id: int | None = None,
    message_thread_id: int | None = None,
    ticket_id: int | None = None,
    purpose: str = "notice",
    not_before: datetime | None = None,
    topic_name: str | None = None,
    files: list[dict[str, Any]] | None = None,
) -> bool:
    """Queue one message; False when a message with the same key was queued before."""
    # A notice naming its topic opens that topic, so it has none to look up yet.
    if message_thread_id is None and ticket_id is not None and chat_id < 0 and not topic_name:
        message_thread_id = await ticket_topic(session, ticket_id, chat_id)
    values = {
        "dedupe_key": dedupe_key,
        "chat_id": chat_id,
        "text": text,
        "reply_markup": reply_markup,
        "reply_to_message_id": reply_to_message_id,
        "message_thread_id": message_thread_id,
        "ticket_id": ticket_id,
        "purpose": purpose,
        "topic_name": topic_name,
        "files": list(files or []),
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": not_before or now,
        "created_at": now,
    }
    statement = _enqueue_statement(session.get_bind().dialect.name, dedupe_key is not None)
    result = await session.execute(statement, values)
    return result.scalar_one_or_none() is not None


@cache
def _enqueue_statement(dialect: str, deduplicated: bool) -> Any:
    # Built once per backend: every notice is queued with it, and building it cost more than
    # running it.
    table = cast(Table, OutboxMessage.__table__)
    statement = insert_for_dialect(dialect, table)
    if deduplicated:
        statement = statement.on_conflict_do_nothing(index_elements=[table.c.dedupe_key])
    return statement.returning(table.c.id)


async def pending_for_ticket(session: AsyncSession, ticket_id: int) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(OutboxMessage.ticket_id == ticket_id)
    return list((await session.execute(query.order_by(OutboxMessage.id))).scalars())


async def ticket_topic(session: AsyncSession, ticket_id: int, chat_id: int) -> int | None:
    """The forum topic the ticket's notices already go to in a group, if it has one."""
    query = (
        select(OutboxMessage.message_thread_id)
        .where(
            OutboxMessage.ticket_id == ticket_id,
            OutboxMessage.chat_id == chat_id,
            OutboxMessage.message_thread_id.is_not(None),
        )
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()
