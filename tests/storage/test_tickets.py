"""Tickets through the real database, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from desk import outbox
from desk.config import DeskConfig
from desk.errors import InvalidInput, TransitionRefused
from desk.history import Actor
from desk.idempotency import DuplicateUpdate, claim_update, forget_old_updates
from desk.tickets import change_status, load_ticket, open_ticket
from desk.types import Level, Role, TicketStatus, TicketType
from storage.db import SessionFactory
from storage.models import OutboxMessage, ProcessedUpdate, TicketHistory
from tests.conftest import FixedClock
from tests.factories import draft, make_person, make_service


async def test_numbers_count_per_type_and_year(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        person = await make_person(session, clock())
        first = await open_ticket(session, desk_config, draft(), person, clock())
        second = await open_ticket(session, desk_config, draft(), person, clock())
        request = await open_ticket(
            session, desk_config, draft(ticket_type=TicketType.SERVICE_REQUEST), person, clock()
        )

    assert (first.number, second.number) == ("GGN-2026-000001", "GGN-2026-000002")
    assert request.number == "PMT-2026-000001"


async def test_year_of_the_number_is_jakarta_local(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    # 31 December 2026, 18.00 UTC is already 1 January 2027 in Jakarta.
    new_year_eve = datetime(2026, 12, 31, 18, 0, tzinfo=UTC)

    async with sessions() as session, session.begin():
        person = await make_person(session, new_year_eve)
        ticket = await open_ticket(session, desk_config, draft(), person, new_year_eve)

    assert ticket.number == "GGN-2027-000001"


async def test_ticket_round_trip_keeps_aware_times_and_history(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        person = await make_person(session, clock())
        service = await make_service(session, clock())
        opened = await open_ticket(
            session,
            desk_config,
            draft(service_id=service.id, urgency=Level.HIGH, impact=Level.HIGH),
            person,
            clock(),
        )

    async with sessions() as session:
        ticket = await load_ticket(session, opened.number.lower())
        history = (
            (
                await session.execute(
                    select(TicketHistory).where(TicketHistory.ticket_id == ticket.id)
                )
            )
            .scalars()
            .all()
        )

    assert ticket.priority == "critical"
    assert ticket.created_at == clock()
    assert ticket.created_at.tzinfo is not None
    assert ticket.response_due_at is not None and ticket.response_due_at > clock()
    assert ticket.service is not None and ticket.service.code == service.code
    assert [(h.field, h.old_value, h.new_value) for h in history] == [("status", None, "new")]


async def test_every_status_change_writes_history(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        person = await make_person(session, clock())
        agent = await make_person(session, clock(), role="agent")
        ticket = await open_ticket(session, desk_config, draft(), person, clock())
        actor = Actor(agent.id, Role.AGENT)
        change_status(
            session, desk_config, ticket, TicketStatus.IN_PROGRESS, actor, clock.advance(minutes=5)
        )
        change_status(
            session, desk_config, ticket, TicketStatus.PENDING, actor, clock.advance(minutes=5)
        )
        assert ticket.resolution_due_at is None
        change_status(
            session,
            desk_config,
            ticket,
            TicketStatus.IN_PROGRESS,
            Actor(person.id, Role.REQUESTER),
            clock.advance(minutes=30),
        )

    async with sessions() as session:
        rows = (
            (
                await session.execute(
                    select(TicketHistory)
                    .where(TicketHistory.ticket_id == ticket.id)
                    .order_by(TicketHistory.id)
                )
            )
            .scalars()
            .all()
        )

    statuses = [(r.old_value, r.new_value) for r in rows if r.field == "status"]
    assert statuses == [
        (None, "new"),
        ("new", "in_progress"),
        ("in_progress", "pending"),
        ("pending", "in_progress"),
    ]
    paused = [r for r in rows if r.field == "sla_paused_minutes"]
    assert len(paused) == 1 and float(paused[0].new_value or 0) == 30.0
    assert all(r.created_at.tzinfo is not None for r in rows)
    assert ticket.paused_minutes == 30.0


async def test_refused_transition_changes_nothing(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        person = await make_person(session, clock())
        ticket = await open_ticket(session, desk_config, draft(), person, clock())

        with pytest.raises(TransitionRefused):
            change_status(
                session,
                desk_config,
                ticket,
                TicketStatus.RESOLVED,
                Actor(person.id, Role.REQUESTER),
                clock(),
            )

        assert ticket.status == "new"


async def test_oversized_description_is_refused_before_anything_is_written(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        person = await make_person(session, clock())
        with pytest.raises(InvalidInput):
            await open_ticket(session, desk_config, draft(description="x" * 4001), person, clock())

    async with sessions() as session:
        assert (await session.execute(select(TicketHistory))).first() is None


async def test_outbox_enqueue_is_idempotent_by_key(
    sessions: SessionFactory, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        first = await outbox.enqueue(
            session, chat_id=42, text="a", now=clock(), dedupe_key="warn:1"
        )
        second = await outbox.enqueue(
            session, chat_id=42, text="a", now=clock(), dedupe_key="warn:1"
        )

    async with sessions() as session:
        rows = (await session.execute(select(OutboxMessage))).scalars().all()

    assert (first, second) == (True, False)
    assert len(rows) == 1


async def test_update_ids_are_forgotten_after_two_days(
    sessions: SessionFactory, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        await claim_update(session, 1, clock())
        await claim_update(session, 2, clock.advance(days=1))

    async with sessions() as session, session.begin():
        forgotten = await forget_old_updates(session, clock.advance(days=1, minutes=1))

    async with sessions() as session:
        left = (await session.execute(select(ProcessedUpdate.update_id))).scalars().all()
    assert (forgotten, list(left)) == (1, [2])
    async with sessions() as session, session.begin():
        with pytest.raises(DuplicateUpdate):
            await claim_update(session, 2, clock())
