"""The retention job: finished tickets lose their words after their type's period, once."""

from __future__ import annotations

from sqlalchemy import select

from desk.config import DeskConfig
from desk.history import Actor
from desk.personal_data import EXPIRED
from desk.tickets import change_status
from desk.types import Role, TicketStatus
from scheduler.retention import BATCH, DEFAULT_RETENTION_DAYS, enforce_retention
from storage.db import SessionFactory
from storage.models import Ticket, TicketMessage
from tests.conftest import FixedClock
from tests.privacy.scenario import lived

RETENTION = {**DEFAULT_RETENTION_DAYS, "incident": 30, "complaint": 365}


async def test_closed_ticket_is_redacted_after_its_period_and_kept(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        story = await lived(session, desk_config, clock())

    early = await enforce_retention(sessions, clock.advance(days=29), RETENTION)
    late_run = clock.advance(days=2)
    late = await enforce_retention(sessions, late_run, RETENTION)
    again = await enforce_retention(sessions, clock.advance(days=1), RETENTION)

    assert (early, late, again) == (0, 1, 0)
    async with sessions() as session:
        closed = await session.get(Ticket, story.closed.id)
        assert closed is not None
        assert closed.description == EXPIRED and closed.satisfaction_comment == EXPIRED
        assert closed.satisfaction == 4 and closed.status == "closed"
        assert closed.redacted_at == late_run
        bodies = await session.execute(
            select(TicketMessage.body).where(TicketMessage.ticket_id == closed.id)
        )
        assert set(bodies.scalars()) <= {EXPIRED, ""}
        # Open tickets are never touched, whatever their age.
        still_open = await session.get(Ticket, story.open.id)
        others = await session.get(Ticket, story.others.id)
        assert still_open is not None and still_open.description == "Petugas loket tidak ramah"
        assert others is not None and others.redacted_at is None


async def test_each_type_has_its_own_period(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        story = await lived(session, desk_config, clock())
        complaint = await session.get(Ticket, story.open.id)
        assert complaint is not None
        # Withdrawn by the requester: a cancelled ticket has no closure time.
        actor = Actor(story.sari.id, Role.REQUESTER)
        change_status(session, desk_config, complaint, TicketStatus.CANCELLED, actor, clock())

    after_incident_period = await enforce_retention(sessions, clock.advance(days=40), RETENTION)
    after_complaint_period = await enforce_retention(sessions, clock.advance(days=330), RETENTION)

    assert (after_incident_period, after_complaint_period) == (1, 1)
    async with sessions() as session:
        complaint = await session.get(Ticket, story.open.id)
        assert complaint is not None and complaint.description == EXPIRED
        assert complaint.details == {"change_kind": "none"}


async def test_many_expired_tickets_are_done_in_batches(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        story = await lived(session, desk_config, clock())
        template = story.closed
        for index in range(BATCH + 10):
            session.add(
                Ticket(
                    number=f"GGN-2020-{index:06d}",
                    ticket_type="incident",
                    requester_id=template.requester_id,
                    title="lama",
                    description=f"tiket lama {index}",
                    details={},
                    urgency="low",
                    impact="low",
                    priority="low",
                    status="closed",
                    created_at=clock(),
                    updated_at=clock(),
                    closed_at=clock(),
                    paused_minutes=0.0,
                )
            )

    redacted = await enforce_retention(sessions, clock.advance(days=31), RETENTION)

    assert redacted == BATCH + 11
    async with sessions() as session:
        left = await session.execute(select(Ticket.id).where(Ticket.description != EXPIRED))
        assert sorted(left.scalars()) == sorted([story.open.id, story.others.id])
