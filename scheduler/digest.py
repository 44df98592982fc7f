"""The morning digest: what the agents' group faces today, once per working day at 07:30.

Counts open tickets by priority, tickets whose resolution falls due today, and tickets whose
resolution is already late (paused tickets are neither; a due time inside an SLA exception
period is not counted as late, as the sweep does not report it). The working day and the
hour come from the desk's default calendar. A worker that starts later in the morning still
sends the day's digest, until noon; one down all morning skips that day.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from sqlalchemy import and_, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from desk import outbox
from desk.config import DeskConfig
from desk.sla import CLOCK_RUNNING
from desk.types import Priority, TicketStatus
from storage.db import SessionFactory
from storage.models import ServiceLevelAgreement, SlaException, Ticket
from texts import t

logger = logging.getLogger(__name__)

SEND_FROM = time(7, 30)
SEND_UNTIL = time(12, 0)
OPEN = (*sorted(CLOCK_RUNNING), TicketStatus.PENDING.value)


async def send_morning_digest(sessions: SessionFactory, config: DeskConfig, now: datetime) -> int:
    """Queue today's digest if it is time and not yet queued; returns 1 when queued."""
    chat_id = config.agents_chat_id
    calendar = config.calendar(None)
    local = now.astimezone(calendar.zone)
    if chat_id is None or not calendar.is_working_day(local.date()):
        return 0
    if not SEND_FROM <= local.time() < SEND_UNTIL:
        return 0

    async with sessions() as session, session.begin():
        text = await digest_text(session, config, now, "id")
        added = await outbox.enqueue(
            session,
            chat_id=chat_id,
            text=text,
            now=now,
            dedupe_key=f"digest:{chat_id}:{local.date().isoformat()}",
            purpose="digest",
        )
    if added:
        logger.info("morning digest queued chat=%s date=%s", chat_id, local.date())
    return int(added)


async def digest_text(session: AsyncSession, config: DeskConfig, now: datetime, lang: str) -> str:
    zone = config.calendar(None).zone
    local = now.astimezone(zone)
    day_start = datetime.combine(local.date(), time(0), tzinfo=zone)
    by_priority = await _open_by_priority(session)
    lines = [
        t("digest.priority_line", lang, priority=t(f"priority.{p.value}", lang), count=count)
        for p in Priority
        if (count := by_priority.get(p.value, 0))
    ]
    return t(
        "digest.morning",
        lang,
        date=t(
            "digest.date",
            lang,
            weekday=t(f"weekday.{local.weekday()}", lang),
            day=local.day,
            month=t(f"month.{local.month}", lang),
            year=local.year,
        ),
        open=sum(by_priority.values()),
        by_priority="\n".join(lines) or "-",
        due_today=await _count_due(session, day_start, day_start + timedelta(days=1)),
        breached=await _count_breached(session, now),
    )


async def _open_by_priority(session: AsyncSession) -> dict[str, int]:
    query = (
        select(Ticket.priority, func.count())
        .where(Ticket.status.in_(OPEN))
        .group_by(Ticket.priority)
    )
    return {priority: count for priority, count in await session.execute(query)}


async def _count_due(session: AsyncSession, start: datetime, end: datetime) -> int:
    query = select(func.count()).where(
        Ticket.status.in_(CLOCK_RUNNING),
        Ticket.resolution_due_at >= start,
        Ticket.resolution_due_at < end,
    )
    return int((await session.execute(query)).scalar_one())


async def _count_breached(session: AsyncSession, now: datetime) -> int:
    query = select(func.count()).where(
        Ticket.status.in_(CLOCK_RUNNING),
        Ticket.resolution_due_at < now,
        ~_due_in_exception(),
    )
    return int((await session.execute(query)).scalar_one())


def _due_in_exception() -> ColumnElement[bool]:
    """The ticket's resolution due time falls in an exception period of its service."""
    return exists().where(
        and_(
            ServiceLevelAgreement.service_id == Ticket.service_id,
            SlaException.sla_id == ServiceLevelAgreement.id,
            SlaException.starts_at <= Ticket.resolution_due_at,
            SlaException.ends_at > Ticket.resolution_due_at,
        )
    )
