"""Auto-close: a resolved ticket the requester leaves unanswered is closed after N working days.

The guideline has every ticket reported back and closed (BAB II.1); a requester who never
confirms would otherwise keep it open for ever. Working days are counted on the service's
calendar from the resolution, so a weekend or a holiday does not shorten the wait. The
closure is a status change by the system (history source "scheduler") with the closure
notice and its rating request. A requester who answers in time moves the ticket out of
resolved (confirmed or reopened), so it is no longer a candidate.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from desk import requester_notices
from desk.config import DeskConfig
from desk.history import Actor
from desk.tickets import change_status
from desk.types import Source, TicketStatus
from storage.db import SessionFactory
from storage.models import Ticket

logger = logging.getLogger(__name__)

DEFAULT_WORKING_DAYS = 3


async def close_unanswered(
    sessions: SessionFactory,
    config: DeskConfig,
    now: datetime,
    working_days: int = DEFAULT_WORKING_DAYS,
) -> int:
    """Close every resolved ticket whose wait has run out; returns how many were closed."""
    closed = 0
    async with sessions() as session, session.begin():
        for ticket in await _candidates(session, now, working_days):
            calendar = config.calendar(ticket.service.calendar_code if ticket.service else None)
            resolved_at = ticket.resolved_at or ticket.updated_at
            if calendar.add_business_days(resolved_at, working_days) > now:
                continue
            if await _claim(session, ticket, now):
                await _close(session, config, ticket, now)
                closed += 1
    return closed


async def _candidates(session: AsyncSession, now: datetime, working_days: int) -> list[Ticket]:
    """Resolved at least `working_days` calendar days ago: N working days are never fewer
    calendar days, so this bound is safe and lets the status index do the work."""
    query = (
        select(Ticket)
        .where(
            Ticket.status == TicketStatus.RESOLVED.value,
            Ticket.resolved_at <= now - timedelta(days=working_days),
        )
        .order_by(Ticket.resolved_at)
        .options(selectinload(Ticket.service), selectinload(Ticket.requester))
    )
    return list((await session.execute(query)).scalars())


async def _claim(session: AsyncSession, ticket: Ticket, now: datetime) -> bool:
    """Only the run whose conditional update finds it still resolved closes the ticket;
    on PostgreSQL the row stays locked until commit, so a second run sees it closed."""
    result = await session.execute(
        update(Ticket)
        .where(Ticket.id == ticket.id, Ticket.status == TicketStatus.RESOLVED.value)
        .values(updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def _close(session: AsyncSession, config: DeskConfig, ticket: Ticket, now: datetime) -> None:
    change_status(
        session, config, ticket, TicketStatus.CLOSED, Actor.system(), now, Source.SCHEDULER
    )
    await requester_notices.closed(session, ticket, now, automatic=True)
    logger.info("ticket auto-closed ticket=%s resolved_at=%s", ticket.number, ticket.resolved_at)
