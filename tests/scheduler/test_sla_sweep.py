"""The SLA sweep on SQLite and PostgreSQL: warnings, breaches, pauses, night holds, overlaps."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from desk.config import DeskConfig
from desk.history import Actor
from desk.tickets import change_priority, change_status, load_ticket
from desk.types import Priority, Role, TicketStatus
from scheduler.sla_sweep import sweep_due_tickets
from storage.db import SessionFactory
from storage.models import SlaException
from tests.scheduler.support import (
    assigned_incident,
    open_incident,
    outbox_rows,
    reload,
    service_with_sla,
    staff,
    wib,
)


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


# Opened Monday 7 December 09.00 WIB with 60 minutes to respond and 240 to resolve:
# response warning 09.45, response due 10.00, resolution warning 12.00, resolution due 13.00.
OPENED = wib(7, 9)


async def test_warning_at_75_percent_goes_to_the_assignee_once(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        ticket, agent = await assigned_incident(session, desk_config, OPENED)

    early = await sweep_due_tickets(sessions, desk_config, wib(7, 9, 44))
    on_time = await sweep_due_tickets(sessions, desk_config, wib(7, 9, 45))
    again = await sweep_due_tickets(sessions, desk_config, wib(7, 9, 45))
    later = await sweep_due_tickets(sessions, desk_config, wib(7, 9, 59))

    assert (early, on_time, again, later) == (0, 1, 0, 0)
    [warning] = await outbox_rows(sessions, "sla_warning")
    assert warning.chat_id == agent.telegram_id
    assert warning.ticket_id == ticket.id
    assert warning.dedupe_key == f"sla:warn:response:{ticket.id}:{utc(wib(7, 10))}"
    assert "75%" in warning.text and ticket.number in warning.text
    assert (await reload(sessions, ticket.id)).sla_check_at == wib(7, 10)


async def test_breach_goes_to_every_coordinator_once_per_target(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        service = await service_with_sla(session, OPENED)
        agent = await staff(session, OPENED, Role.AGENT)
        first = await staff(session, OPENED, Role.COORDINATOR)
        second = await staff(session, OPENED, Role.COORDINATOR, language="en")
        ticket = await open_incident(session, desk_config, service, OPENED, assignee=agent)

    response = [await sweep_due_tickets(sessions, desk_config, wib(7, 10)) for _ in range(2)]
    resolution = [await sweep_due_tickets(sessions, desk_config, wib(7, 13)) for _ in range(2)]

    assert response == [2, 0]
    # The resolution warning (12.00) is passed over: at 13.00 the breach is what matters.
    assert resolution == [2, 0]
    breaches = await outbox_rows(sessions, "sla_breach")
    assert sorted((b.chat_id, b.dedupe_key.split(":")[2]) for b in breaches if b.dedupe_key) == [
        (first.telegram_id, "resolution"),
        (first.telegram_id, "response"),
        (second.telegram_id, "resolution"),
        (second.telegram_id, "response"),
    ]
    english = next(b for b in breaches if b.chat_id == second.telegram_id)
    assert "SLA breached" in english.text
    assert (await reload(sessions, ticket.id)).sla_check_at is None


async def test_no_warning_while_pending_and_the_clock_moves_on_after(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        ticket, agent = await assigned_incident(session, desk_config, OPENED)
        ticket.first_response_at = wib(7, 9, 10)
        actor = Actor(agent.id, Role.AGENT)
        change_status(session, desk_config, ticket, TicketStatus.IN_PROGRESS, actor, OPENED)
        change_status(session, desk_config, ticket, TicketStatus.PENDING, actor, wib(7, 11))

    while_paused = [await sweep_due_tickets(sessions, desk_config, wib(7, h)) for h in (12, 15)]
    async with sessions() as session, session.begin():
        paused = await load_ticket(session, ticket.number)
        assert paused.sla_check_at is None
        change_status(session, desk_config, paused, TicketStatus.IN_PROGRESS, actor, wib(7, 14))
    # Three business hours paused: warning 15.00, due 16.00.
    before = await sweep_due_tickets(sessions, desk_config, wib(7, 14, 59))
    warned = await sweep_due_tickets(sessions, desk_config, wib(7, 15))

    assert while_paused == [0, 0]
    assert (before, warned) == (0, 1)
    [warning] = await outbox_rows(sessions, "sla_warning")
    assert warning.dedupe_key == f"sla:warn:resolution:{ticket.id}:{utc(wib(7, 16))}"


async def test_non_critical_notices_wait_for_working_hours(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        service = await service_with_sla(session, OPENED)
        agent = await staff(session, OPENED, Role.AGENT)
        await staff(session, OPENED, Role.COORDINATOR)
        high = await open_incident(session, desk_config, service, OPENED, assignee=agent)
        critical = await open_incident(
            session, desk_config, service, OPENED, assignee=agent, critical=True
        )
    night = wib(7, 22)  # the worker was down all afternoon

    await sweep_due_tickets(sessions, desk_config, night)

    breaches = await outbox_rows(sessions, "sla_breach")
    held = {b.next_attempt_at for b in breaches if b.ticket_id == high.id}
    at_once = {b.next_attempt_at for b in breaches if b.ticket_id == critical.id}
    assert held == {wib(8, 7, 30)}
    assert at_once == {night}


async def test_overlapping_sweeps_send_each_notice_once(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        service = await service_with_sla(session, OPENED)
        agent = await staff(session, OPENED, Role.AGENT)
        for _ in range(5):
            await open_incident(session, desk_config, service, OPENED, assignee=agent)

    results = await asyncio.gather(
        sweep_due_tickets(sessions, desk_config, wib(7, 9, 50), batch=2),
        sweep_due_tickets(sessions, desk_config, wib(7, 9, 50), batch=2),
    )

    assert sum(results) == 5
    assert len(await outbox_rows(sessions, "sla_warning")) == 5


async def test_priority_change_warns_again_for_the_new_due_time(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        ticket, agent = await assigned_incident(session, desk_config, OPENED)
    first = await sweep_due_tickets(sessions, desk_config, wib(7, 9, 45))
    async with sessions() as session, session.begin():
        loaded = await load_ticket(session, ticket.number)
        actor = Actor(agent.id, Role.AGENT)
        await change_priority(
            session, desk_config, loaded, Priority.LOW, "dampak kecil", actor, wib(7, 9, 46)
        )

    # Low priority: 120 minutes to respond, so the warning moves to 10.30, due 11.00.
    quiet = await sweep_due_tickets(sessions, desk_config, wib(7, 10, 29))
    again = await sweep_due_tickets(sessions, desk_config, wib(7, 10, 30))

    assert (first, quiet, again) == (1, 0, 1)
    keys = sorted(w.dedupe_key or "" for w in await outbox_rows(sessions, "sla_warning"))
    assert keys == [
        f"sla:warn:response:{ticket.id}:{utc(wib(7, 10))}",
        f"sla:warn:response:{ticket.id}:{utc(wib(7, 11))}",
    ]


async def test_resolved_tickets_leave_the_sweep_and_reopened_ones_return(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        ticket, agent = await assigned_incident(session, desk_config, OPENED)
        actor = Actor(agent.id, Role.AGENT)
        change_status(session, desk_config, ticket, TicketStatus.RESOLVED, actor, wib(7, 9, 30))
        resolved_check = ticket.sla_check_at
        change_status(session, desk_config, ticket, TicketStatus.IN_PROGRESS, actor, wib(7, 9, 40))
        reopened_check = ticket.sla_check_at

    sent = await sweep_due_tickets(sessions, desk_config, wib(7, 9, 50))

    assert resolved_check is None
    assert reopened_check is not None and reopened_check <= wib(7, 9, 40)
    assert sent == 1
    assert (await reload(sessions, ticket.id)).sla_check_at == wib(7, 10)


async def test_breach_inside_an_sla_exception_is_not_reported(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        service = await service_with_sla(session, OPENED)
        await staff(session, OPENED, Role.COORDINATOR)
        agent = await staff(session, OPENED, Role.AGENT)
        ticket = await open_incident(session, desk_config, service, OPENED, assignee=agent)
        ticket.first_response_at = OPENED
        await session.refresh(service, ["slas"])
        session.add(
            SlaException(
                sla_id=service.slas[0].id,
                starts_at=wib(7, 12),
                ends_at=wib(7, 12) + timedelta(hours=2),
                reason="Pemeliharaan pusat data terjadwal",
            )
        )

    warned = await sweep_due_tickets(sessions, desk_config, wib(7, 12))
    breached = await sweep_due_tickets(sessions, desk_config, wib(7, 13))

    assert (warned, breached) == (1, 0)
    assert await outbox_rows(sessions, "sla_breach") == []
