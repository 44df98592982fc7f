"""Auto-close of resolved tickets after N working days, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from desk.config import DeskConfig
from desk.history import Actor
from desk.tickets import change_status
from desk.types import Role, Source, TicketStatus
from scheduler.auto_close import close_unanswered
from storage.db import SessionFactory
from storage.models import Ticket, TicketHistory
from tests.scheduler.support import assigned_incident, outbox_rows, reload, wib

# Resolved Wednesday 23 December 10.00 WIB. Three working days: Thursday 24, then Friday 25
# is Christmas and the weekend follows, so Monday 28 and Tuesday 29: closed Tuesday 10.00.
RESOLVED = wib(23, 10)
DEADLINE = wib(29, 10)


async def resolved_ticket(
    sessions: SessionFactory, config: DeskConfig, resolved: datetime
) -> Ticket:
    opened = resolved.replace(hour=8)
    async with sessions() as session, session.begin():
        ticket, agent = await assigned_incident(session, config, opened)
        actor = Actor(agent.id, Role.AGENT)
        change_status(session, config, ticket, TicketStatus.RESOLVED, actor, resolved)
    return ticket


async def test_closes_after_three_working_days_over_a_holiday_and_a_weekend(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    ticket = await resolved_ticket(sessions, desk_config, RESOLVED)

    over_weekend = await close_unanswered(sessions, desk_config, wib(28, 16))
    just_before = await close_unanswered(sessions, desk_config, wib(29, 9, 59))
    on_time = await close_unanswered(sessions, desk_config, DEADLINE)
    again = await close_unanswered(sessions, desk_config, wib(29, 10, 5))

    assert (over_weekend, just_before, on_time, again) == (0, 0, 1, 0)
    closed = await reload(sessions, ticket.id)
    assert closed.status == TicketStatus.CLOSED.value
    assert closed.closed_at == DEADLINE
    async with sessions() as session:
        last = (
            await session.execute(
                select(TicketHistory)
                .where(TicketHistory.ticket_id == ticket.id)
                .order_by(TicketHistory.id.desc())
                .limit(1)
            )
        ).scalar_one()
    assert (last.new_value, last.actor_id, last.source) == (
        TicketStatus.CLOSED.value,
        None,
        Source.SCHEDULER.value,
    )
    [notice] = await outbox_rows(sessions, "requester_notice")
    assert ticket.number in notice.text and "belum ada tanggapan" in notice.text
    assert notice.reply_markup is not None
    ratings = [b["callback_data"] for row in notice.reply_markup["inline_keyboard"] for b in row]
    assert ratings == [f"rt|{ticket.id}|{score}" for score in range(1, 6)]


async def test_working_days_follow_the_setting(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    ticket = await resolved_ticket(sessions, desk_config, RESOLVED)

    one_day = await close_unanswered(sessions, desk_config, wib(24, 10), working_days=1)

    assert one_day == 1
    assert (await reload(sessions, ticket.id)).status == TicketStatus.CLOSED.value


async def test_a_reopened_ticket_is_left_alone(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    ticket = await resolved_ticket(sessions, desk_config, RESOLVED)
    async with sessions() as session, session.begin():
        loaded = await session.get(Ticket, ticket.id)
        assert loaded is not None
        await session.refresh(loaded, ["service"])
        requester = Actor(loaded.requester_id, Role.REQUESTER)
        change_status(
            session, desk_config, loaded, TicketStatus.IN_PROGRESS, requester, wib(24, 9)
        )

    closed = await close_unanswered(sessions, desk_config, DEADLINE)

    assert closed == 0
    assert (await reload(sessions, ticket.id)).status == TicketStatus.IN_PROGRESS.value
