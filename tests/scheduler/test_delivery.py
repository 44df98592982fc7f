"""Outbox delivery: retries with backoff, flood limits, blocked people, failures reported."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import select
from telegram import Bot

from bot.notifier import TelegramSender
from bot.offline import OFFLINE_TOKEN, OfflineBotApi
from desk.outbox import enqueue
from scheduler.delivery import MAX_ATTEMPTS, deliver_due
from storage.db import SessionFactory
from storage.models import OutboxMessage, Person
from tests.conftest import FixedClock
from tests.factories import make_person


@pytest.fixture
async def telegram() -> AsyncIterator[tuple[Bot, OfflineBotApi]]:
    api = OfflineBotApi()
    bot = Bot(OFFLINE_TOKEN, request=api)
    async with bot:
        yield bot, api


async def rows(sessions: SessionFactory) -> list[OutboxMessage]:
    async with sessions() as session:
        query = select(OutboxMessage).order_by(OutboxMessage.id)
        return list((await session.execute(query)).scalars())


async def test_a_person_who_blocked_the_bot_is_marked_unreachable(
    sessions: SessionFactory, clock: FixedClock, telegram: tuple[Bot, OfflineBotApi]
) -> None:
    bot, api = telegram
    async with sessions() as session, session.begin():
        person = await make_person(session, clock())
        await enqueue(session, chat_id=person.telegram_id, text="Halo", now=clock())
    api.fail_chats[person.telegram_id] = "Forbidden: bot was blocked by the user"

    sent = await deliver_due(sessions, TelegramSender(bot), clock())

    assert sent == 0
    [row] = await rows(sessions)
    assert row.status == "unreachable" and row.text == "Halo"
    async with sessions() as session:
        again = await session.get(Person, person.id)
        assert again is not None and again.unreachable_at == clock()


async def test_network_trouble_is_retried_with_backoff_then_reported(
    sessions: SessionFactory, clock: FixedClock, telegram: tuple[Bot, OfflineBotApi]
) -> None:
    bot, api = telegram
    async with sessions() as session, session.begin():
        coordinator = await make_person(session, clock(), role="coordinator")
        await enqueue(session, chat_id=4242, text="Pemberitahuan", now=clock())
    api.fail_chats[4242] = "Bad Gateway: <try again>"
    sender = TelegramSender(bot)

    first = await deliver_due(sessions, sender, clock())
    early = await deliver_due(sessions, sender, clock.advance(seconds=10))
    [row] = await rows(sessions)
    assert (first, early, row.status, row.attempts) == (0, 0, "pending", 1)
    assert row.next_attempt_at == clock.now - timedelta(seconds=10) + timedelta(seconds=30)

    for _ in range(MAX_ATTEMPTS):
        await deliver_due(sessions, sender, clock.advance(hours=3))

    notice, report = await rows(sessions)
    assert (notice.status, notice.attempts) == ("failed", MAX_ATTEMPTS)
    assert report.chat_id == coordinator.telegram_id and report.status == "sent"
    assert "&lt;try again&gt;" in report.text
    reports = [m for m in api.messages if m.chat_id == coordinator.telegram_id]
    assert len(reports) == 1


async def test_flood_limit_waits_as_long_as_telegram_asks(
    sessions: SessionFactory, clock: FixedClock, telegram: tuple[Bot, OfflineBotApi]
) -> None:
    bot, api = telegram
    async with sessions() as session, session.begin():
        await enqueue(session, chat_id=5151, text="Ramai", now=clock())
    api.fail_chats[5151] = "Too Many Requests: retry after 7"

    await deliver_due(sessions, TelegramSender(bot), clock())
    del api.fail_chats[5151]
    too_soon = await deliver_due(sessions, TelegramSender(bot), clock.advance(seconds=5))
    on_time = await deliver_due(sessions, TelegramSender(bot), clock.advance(seconds=2))

    assert (too_soon, on_time) == (0, 1)
    [row] = await rows(sessions)
    assert (row.status, row.attempts) == ("sent", 2)


class HeldSender:
    """Stands for a send stuck on Telegram's rate limiter: it waits until released."""

    def __init__(self) -> None:
        self.sending = asyncio.Event()
        self.release = asyncio.Event()

    async def send(self, message: OutboxMessage) -> int | None:
        self.sending.set()
        await self.release.wait()
        return 777


async def test_the_database_stays_free_while_a_notice_waits_on_telegram(
    sessions: SessionFactory, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        await enqueue(session, chat_id=42, text="Tiket Anda sudah selesai", now=clock())
    sender = HeldSender()
    delivery = asyncio.create_task(deliver_due(sessions, sender, clock()))
    try:
        await asyncio.wait_for(sender.sending.wait(), 10)
        async with sessions() as session, session.begin():  # an update handled meanwhile
            person = await asyncio.wait_for(make_person(session, clock()), 10)
        sender.release.set()
        sent = await asyncio.wait_for(delivery, 10)
    finally:
        sender.release.set()
        await asyncio.gather(delivery, return_exceptions=True)

    assert sent == 1 and person.id is not None
    [row] = await rows(sessions)
    assert (row.status, row.telegram_message_id) == ("sent", 777)
