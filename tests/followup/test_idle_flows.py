"""Idle conversations: ended politely after 30 minutes, resumable, and never lost."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.harness import OfflineSigap
from desk import conversation
from scheduler.conversations import expire_idle_flows
from storage.db import SessionFactory
from storage.models import ChatState, OutboxMessage
from tests.conftest import FixedClock
from tests.factories import make_person
from tests.followup.support import lodge

START = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


async def a_flow(sessions: SessionFactory, telegram_id: int, language: str = "id") -> None:
    async with sessions() as session, session.begin():
        await make_person(session, START, telegram_id=telegram_id, language=language)
        state = await conversation.load_state(session, telegram_id, START)
        conversation.enter(state, "intake", "describe", START, ticket_type="incident")


async def go_idle(sigap: OfflineSigap, clock: FixedClock, *, minutes: int) -> None:
    """Let `minutes` pass, run the expiry job, and deliver what it queued."""
    clock.advance(minutes=minutes)
    await expire_idle_flows(sigap.sessions, clock())
    await sigap.deliver()


async def queued(sessions: SessionFactory) -> list[OutboxMessage]:
    async with sessions() as session:
        return list((await session.execute(select(OutboxMessage))).scalars())


async def test_a_flow_idle_for_30_minutes_is_ended_once_in_the_persons_language(
    sessions: SessionFactory,
) -> None:
    await a_flow(sessions, 75000001, language="en")

    early = await expire_idle_flows(sessions, START + timedelta(minutes=29))
    expired = await expire_idle_flows(sessions, START + timedelta(minutes=30))
    again = await expire_idle_flows(sessions, START + timedelta(minutes=90))

    assert (early, expired, again) == (0, 1, 0)
    [notice] = await queued(sessions)
    assert notice.chat_id == 75000001 and "Continue" in notice.text
    markup = notice.reply_markup or {}
    data = [b["callback_data"] for row in markup["inline_keyboard"] for b in row]
    assert data == ["flow|resume", "flow|discard"]
    async with sessions() as session:
        state = await session.get(ChatState, 75000001)
    assert state is not None and state.expired_at is not None
    assert state.flow == "intake" and state.draft == {"ticket_type": "incident"}


async def test_a_second_idle_spell_of_the_same_flow_is_told_again(
    sessions: SessionFactory,
) -> None:
    await a_flow(sessions, 75000002)
    await expire_idle_flows(sessions, START + timedelta(minutes=31))
    async with sessions() as session, session.begin():
        state = await conversation.load_state(session, 75000002, START)
        conversation.advance(state, "urgency", START + timedelta(minutes=40))

    told = await expire_idle_flows(sessions, START + timedelta(minutes=75))

    assert told == 1 and len(await queued(sessions)) == 2


async def test_an_idle_intake_resumes_at_its_question_with_the_draft(
    sigap: OfflineSigap, clock: FixedClock
) -> None:
    await lodge(sigap, 75000011)  # makes the person registered
    sari = sigap.person(75000011, "Sari")
    await sigap.say(sari, "/menu")
    await sigap.tap(sari, "Lapor gangguan")
    await sigap.tap(sari, "Tidak tahu")
    await sigap.say(sari, "Laptop mati total")
    await go_idle(sigap, clock, minutes=31)

    resumed = await sigap.tap(sari, "Lanjutkan")

    assert "Seberapa mendesak" in resumed[-1].text
    async with sigap.sessions() as session:
        state = await session.get(ChatState, 75000011)
    assert state is not None and state.expired_at is None
    assert state.draft["description"] == "Laptop mati total"


async def test_typing_after_expiry_carries_on_and_an_old_discard_keeps_the_flow(
    sigap: OfflineSigap, clock: FixedClock
) -> None:
    await lodge(sigap, 75000021)
    sari = sigap.person(75000021, "Sari")
    await sigap.say(sari, "/menu")
    await sigap.tap(sari, "Lapor gangguan")
    await sigap.tap(sari, "Tidak tahu")
    await go_idle(sigap, clock, minutes=45)
    expiry = sigap.with_button(sari.user_id, "Buang draf")

    carried = await sigap.say(sari, "Monitor berkedip")
    kept = await sigap.process(sigap.people.tap(sari, expiry, "flow|discard"))

    assert "Seberapa mendesak" in carried[-1].text
    assert "tidak saya buang" in kept[-1].text
    async with sigap.sessions() as session:
        state = await session.get(ChatState, 75000021)
    assert state is not None and state.flow == "intake"


async def test_discard_drops_an_expired_draft(sigap: OfflineSigap, clock: FixedClock) -> None:
    await lodge(sigap, 75000031)
    sari = sigap.person(75000031, "Sari")
    await sigap.say(sari, "/menu")
    await sigap.tap(sari, "Lapor gangguan")
    await go_idle(sigap, clock, minutes=31)

    sent = await sigap.tap(sari, "Buang draf")

    assert "draf dibuang" in sent[-1].text
    async with sigap.sessions() as session:
        state = await session.get(ChatState, 75000031)
    assert state is not None and state.flow is None and state.draft == {}


async def test_resume_after_the_flow_ended_says_there_is_nothing(
    sigap: OfflineSigap, clock: FixedClock
) -> None:
    await lodge(sigap, 75000041)
    sari = sigap.person(75000041, "Sari")
    await sigap.say(sari, "/menu")
    await sigap.tap(sari, "Lapor gangguan")
    await go_idle(sigap, clock, minutes=31)
    await sigap.say(sari, "/batal")

    sent = await sigap.tap(sari, "Lanjutkan")

    assert "Tidak ada isian" in sent[-1].text
