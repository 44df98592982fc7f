"""Closures added in the bot: merged into the calendars, and the due times they move."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from desk import closures, sla
from desk.calendar import BusinessCalendar, Closure
from desk.config import DeskConfig
from desk.errors import Conflict, InvalidInput, NotAllowed, NotFound
from desk.tickets import open_ticket
from storage.db import SessionFactory
from storage.models import Person, Ticket, TicketHistory
from tests.conftest import FixedClock
from tests.factories import draft, make_person, make_service

TUESDAY = date(2026, 12, 8)


def test_a_stored_closure_joins_the_file_calendar_and_wins_its_day() -> None:
    office = BusinessCalendar.office(closures=[Closure(TUESDAY, "dari berkas")])
    base = {"office": office, "24x7": BusinessCalendar.always_open()}
    stored = {
        "office": [Closure(TUESDAY, "Cuti bersama"), Closure(date(2026, 12, 9), "Banjir")],
        "24x7": [Closure(TUESDAY, "tidak berlaku")],
        "hilang": [Closure(TUESDAY, "kalender tidak ada")],
    }

    merged = closures.merge_closures(base, stored)

    assert merged["office"].closures == (
        Closure(TUESDAY, "Cuti bersama"),
        Closure(date(2026, 12, 9), "Banjir"),
    )
    assert merged["24x7"] is base["24x7"] and "hilang" not in merged
    assert closures.merge_closures(base, {}) == base


async def _people(session: AsyncSession, now: datetime) -> tuple[Person, Person]:
    coordinator = await make_person(session, now, role="coordinator")
    requester = await make_person(session, now)
    return coordinator, requester


async def test_adding_a_day_moves_open_tickets_on_that_calendar_keeping_paused_time(
    sessions: SessionFactory, clock: FixedClock, desk_config: DeskConfig
) -> None:
    base = desk_config.calendars
    async with sessions() as session, session.begin():
        coordinator, requester = await _people(session, clock())
        office = await make_service(session, clock())
        always = await make_service(session, clock(), calendar_code="24x7")
        running = await open_ticket(
            session, desk_config, draft(service_id=office.id), requester, clock()
        )
        paused_before = await open_ticket(
            session, desk_config, draft(service_id=office.id), requester, clock()
        )
        paused_before.paused_minutes = 120.0
        targets = sla.Targets(
            paused_before.response_target_minutes or 0,
            paused_before.resolution_target_minutes or 0,
        )
        sla.schedule_due_times(paused_before, targets, desk_config)  # with the 120 minutes
        around = await open_ticket(
            session, desk_config, draft(service_id=always.id), requester, clock()
        )
        closed = await open_ticket(
            session, desk_config, draft(service_id=office.id), requester, clock()
        )
        closed.status = "closed"
        due = {t.id: t.resolution_due_at for t in (running, paused_before, around, closed)}

        change = await closures.add_closure(
            session,
            desk_config,
            base,
            day=TUESDAY,
            reason="Cuti bersama contoh",
            calendar_code=None,
            actor=coordinator,
            now=clock(),
        )

    async with sessions() as session:
        tickets = {t.id: t for t in (await session.execute(select(Ticket))).scalars()}
        history = list(
            (
                await session.execute(
                    select(TicketHistory).where(TicketHistory.field == "due_times")
                )
            ).scalars()
        )
    assert change.moved == 2 and change.calendars == ("office",)
    assert change.config.calendar("office").closures == (Closure(TUESDAY, "Cuti bersama contoh"),)
    day_later = {key: value + timedelta(days=1) for key, value in due.items() if value}
    assert tickets[running.id].resolution_due_at == day_later[running.id]
    assert tickets[paused_before.id].paused_minutes == 120.0
    assert tickets[paused_before.id].resolution_due_at == day_later[paused_before.id]
    assert tickets[around.id].resolution_due_at == due[around.id]
    assert tickets[closed.id].resolution_due_at == due[closed.id]
    assert sorted(row.ticket_id for row in history) == sorted([running.id, paused_before.id])
    assert all("due times moved: Cuti bersama contoh" in (row.new_value or "") for row in history)
    assert all(row.actor_id == coordinator.id for row in history)


async def test_the_moved_due_time_is_the_one_the_new_calendar_gives(
    sessions: SessionFactory, clock: FixedClock, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        coordinator, requester = await _people(session, clock())
        ticket = await open_ticket(session, desk_config, draft(), requester, clock())
        minutes = ticket.resolution_target_minutes
        assert minutes is not None

        await closures.add_closure(
            session,
            desk_config,
            desk_config.calendars,
            day=TUESDAY,
            reason="Banjir",
            calendar_code="office",
            actor=coordinator,
            now=clock(),
        )

    expected = BusinessCalendar.office(closures=[Closure(TUESDAY, "x")]).add_business_time(
        clock(), minutes
    )
    assert ticket.resolution_due_at == expected
    assert expected.astimezone(UTC) > clock() + timedelta(days=1)


async def test_removing_the_day_moves_them_back(
    sessions: SessionFactory, clock: FixedClock, desk_config: DeskConfig
) -> None:
    base = desk_config.calendars
    async with sessions() as session, session.begin():
        coordinator, requester = await _people(session, clock())
        ticket = await open_ticket(session, desk_config, draft(), requester, clock())
        original = ticket.resolution_due_at
        added = await closures.add_closure(
            session,
            desk_config,
            base,
            day=TUESDAY,
            reason="Banjir",
            calendar_code=None,
            actor=coordinator,
            now=clock(),
        )

        removed = await closures.remove_closure(
            session,
            added.config,
            base,
            day=TUESDAY,
            calendar_code=None,
            actor=coordinator,
            now=clock(),
        )

    assert removed.moved == 1 and removed.reason == "Banjir"
    assert ticket.resolution_due_at == original
    assert removed.config.calendars == base


async def test_refusals(
    sessions: SessionFactory, clock: FixedClock, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        coordinator = await make_person(session, clock(), role="coordinator")
        agent = await make_person(session, clock(), role="agent")

        async def add(reason: str, code: str | None, actor: Person = coordinator) -> None:
            await closures.add_closure(
                session,
                desk_config,
                desk_config.calendars,
                day=TUESDAY,
                reason=reason,
                calendar_code=code,
                actor=actor,
                now=clock(),
            )

        await add("Banjir", None)
        with pytest.raises(Conflict):
            await add("lagi", "office")
        with pytest.raises(NotAllowed):
            await add("x", None, agent)
        with pytest.raises(NotFound):
            await add("x", "mars")
        with pytest.raises(InvalidInput):
            await add("x", "24x7")
        with pytest.raises(NotFound):
            await closures.remove_closure(
                session,
                desk_config,
                desk_config.calendars,
                day=date(2026, 12, 9),
                calendar_code=None,
                actor=coordinator,
                now=clock(),
            )
        stored = await closures.stored_closures(session)

    assert stored == {"office": [Closure(TUESDAY, "Banjir")]}


def test_a_closure_needs_a_reason() -> None:
    with pytest.raises(InvalidInput):
        closures.clean_reason("   ")


def test_upcoming_lists_each_day_once_with_its_calendars(desk_config: DeskConfig) -> None:
    stored = {
        "office": [Closure(date(2026, 12, 1), "lalu"), Closure(TUESDAY, "Banjir")],
        "wita": [Closure(TUESDAY, "Banjir")],
    }
    base = {**desk_config.calendars, "wita": BusinessCalendar.office("Asia/Makassar")}
    config = DeskConfig(
        desk_config.matrix, desk_config.timezone, closures.merge_closures(base, stored)
    )

    found = closures.upcoming(config, date(2026, 12, 7))

    assert found == [closures.UpcomingClosure(TUESDAY, "Banjir", ("office", "wita"))]
