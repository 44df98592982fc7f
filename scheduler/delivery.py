"""Outbox delivery: claim due notices, send them, retry with backoff, report what fails.

A row is claimed by a conditional update (pending -> sending, with a claim deadline), so two
workers never send the same row, and a worker that dies mid-send leaves a claim that expires
and is retried. Delivery is at least once: a crash after Telegram accepted a message but
before it was marked sent sends it again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from desk import message_links
from desk.outbox import enqueue
from storage.db import SessionFactory
from storage.models import OutboxMessage, Person
from texts import t

logger = logging.getLogger(__name__)

BACKOFF = (
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(minutes=30),
    timedelta(hours=2),
)
MAX_ATTEMPTS = len(BACKOFF) + 1
CLAIM = timedelta(minutes=2)


class DeliveryFailure(Exception):
    """Why a send failed, and what to do about it."""

    def __init__(
        self,
        reason: str,
        *,
        retry_after: float | None = None,
        permanent: bool = False,
        unreachable: bool = False,
    ) -> None:
        super().__init__(reason)
        self.retry_after = retry_after
        self.permanent = permanent
        self.unreachable = unreachable


class Sender(Protocol):
    async def send(self, message: OutboxMessage) -> int | None:
        """Send one notice; the Telegram message id, or raise `DeliveryFailure`."""


async def claim_due(sessions: SessionFactory, now: datetime, batch: int) -> list[int]:
    async with sessions() as session, session.begin():
        due = or_(
            (OutboxMessage.status == "pending") & (OutboxMessage.next_attempt_at <= now),
            (OutboxMessage.status == "sending") & (OutboxMessage.claimed_until <= now),
        )
        ids = list(
            (
                await session.execute(
                    select(OutboxMessage.id).where(due).order_by(OutboxMessage.id).limit(batch)
                )
            ).scalars()
        )
        claimed = []
        for row_id in ids:
            result = await session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == row_id, due)
                .values(status="sending", claimed_until=now + CLAIM)
            )
            if result.rowcount == 1:  # type: ignore[attr-defined]
                claimed.append(row_id)
    return claimed


async def deliver_due(
    sessions: SessionFactory,
    sender: Sender,
    now: datetime,
    batch: int = 50,
    coordinator_chats: Sequence[int] = (),
) -> int:
    """Send what is due; returns how many were sent.

    No database connection is held while Telegram is asked: a send can wait seconds on the
    rate limiter or the network, and on SQLite the process has one connection, which every
    update handled meanwhile needs. The claim keeps other workers off the row in between.
    """
    sent = 0
    for row_id in await claim_due(sessions, now, batch):
        message = await _claimed_row(sessions, row_id)
        if message is None:
            continue
        failure: DeliveryFailure | None = None
        telegram_id: int | None = None
        try:
            telegram_id = await sender.send(message)
        except DeliveryFailure as error:
            failure = error
        async with sessions() as session, session.begin():
            row = await session.get(OutboxMessage, row_id)
            if row is None:
                continue
            row.message_thread_id = message.message_thread_id  # a topic opened for it stays
            if failure is not None:
                await _failed(session, row, failure, now, coordinator_chats)
                continue
            _sent(session, row, telegram_id, now)
            sent += 1
    return sent


async def _claimed_row(sessions: SessionFactory, row_id: int) -> OutboxMessage | None:
    """The claimed row, loaded whole and detached, to send with no session open."""
    async with sessions() as session:
        return await session.get(OutboxMessage, row_id)


def _sent(
    session: AsyncSession, message: OutboxMessage, telegram_id: int | None, now: datetime
) -> None:
    message.status = "sent"
    message.sent_at = now
    message.attempts += 1
    message.claimed_until = None
    message.telegram_message_id = telegram_id
    if message.ticket_id is not None and telegram_id is not None:
        # The notice (and its forum topic) now speak of the ticket: replies thread back.
        message_links.remember(session, message.ticket_id, message.chat_id, telegram_id, now)
        if message.message_thread_id is not None:
            message_links.remember(
                session, message.ticket_id, message.chat_id, message.message_thread_id, now
            )
    logger.info(
        "notice sent outbox=%s chat=%s ticket=%s", message.id, message.chat_id, message.ticket_id
    )


async def _failed(
    session: AsyncSession,
    message: OutboxMessage,
    failure: DeliveryFailure,
    now: datetime,
    coordinator_chats: Sequence[int],
) -> None:
    message.attempts += 1
    message.last_error = str(failure)[:500]
    message.claimed_until = None
    if failure.unreachable:
        message.status = "unreachable"
        await _mark_unreachable(session, message.chat_id, now)
    elif failure.permanent or message.attempts >= MAX_ATTEMPTS:
        message.status = "failed"
        await _report(session, message, now, coordinator_chats)
    else:
        message.status = "pending"
        wait = (
            timedelta(seconds=failure.retry_after)
            if failure.retry_after
            else BACKOFF[min(message.attempts - 1, len(BACKOFF) - 1)]
        )
        message.next_attempt_at = now + wait
    logger.warning(
        "notice failed outbox=%s chat=%s attempts=%s status=%s error=%s",
        message.id,
        message.chat_id,
        message.attempts,
        message.status,
        failure,
    )


async def _mark_unreachable(session: AsyncSession, chat_id: int, now: datetime) -> None:
    person = (
        await session.execute(select(Person).where(Person.telegram_id == chat_id))
    ).scalar_one_or_none()
    if person is not None and person.unreachable_at is None:
        person.unreachable_at = now


async def _report(
    session: AsyncSession, message: OutboxMessage, now: datetime, coordinator_chats: Sequence[int]
) -> None:
    """Tell the coordinators a notice could not be delivered, in their language."""
    readers = await _coordinators(session, coordinator_chats)
    for chat_id, language in readers:
        if chat_id == message.chat_id:
            continue
        await enqueue(
            session,
            chat_id=chat_id,
            now=now,
            dedupe_key=f"undelivered:{message.id}:{chat_id}",
            text=t(
                "delivery.failed",
                language,
                id=message.id,
                chat=message.chat_id,
                attempts=message.attempts,
                error=message.last_error or "-",
            ),
            purpose="delivery_report",
        )


async def _coordinators(session: AsyncSession, configured: Sequence[int]) -> list[tuple[int, str]]:
    """The configured coordinator chats, else every reachable coordinator in the database."""
    if configured:
        return [(chat_id, "id") for chat_id in configured]
    rows = await session.execute(
        select(Person.telegram_id, Person.language).where(
            Person.role == "coordinator",
            Person.unreachable_at.is_(None),
            Person.anonymised_at.is_(None),
        )
    )
    return [(telegram_id, language) for telegram_id, language in rows]
