"""Workload-limit alerts: tell the coordinators when a service nears its SLA's monthly limit.

An SLA may cap the tickets a service takes per month (batas beban kerja, BAB IV.2). When the
tickets of the service opened this calendar month (local time) reach 80% and then 100% of
that cap, each coordinator hears about it once per SLA, month and threshold: the dedupe key
names all four. The count uses the (service, created_at) index, one grouped query per run.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from desk import outbox
from desk.config import DeskConfig
from scheduler.sla_sweep import Recipient, coordinator_recipients, hold_until
from storage.db import SessionFactory
from storage.models import ServiceLevelAgreement, Ticket
from texts import t

logger = logging.getLogger(__name__)

THRESHOLDS = (80, 100)


def month_start(now: datetime, zone: ZoneInfo) -> datetime:
    """Local midnight of the first day of `now`'s month, in UTC."""
    local = now.astimezone(zone)
    first = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return first.astimezone(UTC)


def reached_thresholds(count: int, limit: int) -> list[int]:
    """The thresholds (percent of `limit`) that `count` tickets have reached."""
    return [p for p in THRESHOLDS if limit > 0 and count * 100 >= limit * p]


async def alert_workload(sessions: SessionFactory, config: DeskConfig, now: datetime) -> int:
    """Queue the alerts due this month; returns how many were queued."""
    async with sessions() as session, session.begin():
        slas = await _limited_slas(session, now, config.timezone)
        if not slas:
            return 0
        services = {sla.service_id for sla in slas}
        counts = await _tickets_this_month(session, services, now, config.timezone)
        coordinators = await coordinator_recipients(session, config)
        queued = 0
        for sla in slas:
            count = counts.get(sla.service_id, 0)
            for percent in reached_thresholds(count, sla.max_tickets_per_month or 0):
                queued += await _alert(session, config, sla, count, percent, coordinators, now)
    return queued


async def _limited_slas(
    session: AsyncSession, now: datetime, zone: ZoneInfo
) -> list[ServiceLevelAgreement]:
    today = now.astimezone(zone).date()
    query = (
        select(ServiceLevelAgreement)
        .where(ServiceLevelAgreement.max_tickets_per_month.is_not(None))
        .options(selectinload(ServiceLevelAgreement.service))
        .order_by(ServiceLevelAgreement.id)
    )
    slas = (await session.execute(query)).scalars()
    return [
        sla
        for sla in slas
        if (sla.valid_from is None or sla.valid_from <= today)
        and (sla.valid_to is None or today <= sla.valid_to)
    ]


async def _tickets_this_month(
    session: AsyncSession, services: set[int], now: datetime, zone: ZoneInfo
) -> dict[int | None, int]:
    """Per service, one index range each: (service_id, created_at) from the month's start."""
    query = (
        select(Ticket.service_id, func.count())
        .where(
            Ticket.service_id.in_(services),
            Ticket.created_at >= month_start(now, zone),
            Ticket.created_at <= now,
        )
        .group_by(Ticket.service_id)
    )
    return {service: count for service, count in await session.execute(query)}


async def _alert(
    session: AsyncSession,
    config: DeskConfig,
    sla: ServiceLevelAgreement,
    count: int,
    percent: int,
    coordinators: list[Recipient],
    now: datetime,
) -> int:
    local = now.astimezone(config.timezone)
    calendar = config.calendar(sla.service.calendar_code)
    queued = 0
    for person in coordinators:
        text = t(
            "workload.alert",
            person.lang,
            percent=percent,
            service=sla.service.name,
            month=f"{t(f'month.{local.month}', person.lang)} {local.year}",
            count=count,
            limit=sla.max_tickets_per_month,
            sla=sla.name,
        )
        queued += await outbox.enqueue(
            session,
            chat_id=person.chat_id,
            text=text,
            now=now,
            dedupe_key=f"workload:{sla.id}:{local:%Y-%m}:{percent}:{person.chat_id}",
            purpose="workload_alert",
            not_before=hold_until(calendar, now),
        )
    if queued:
        logger.info("workload alert sla=%s percent=%s count=%s", sla.id, percent, count)
    return queued
