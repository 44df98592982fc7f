"""Rows the scheduler tests share: a service with an SLA, staff, and tickets at set times."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from desk.config import DeskConfig
from desk.history import Actor
from desk.tickets import assign, open_ticket
from desk.types import Level, Priority, Role, TicketType
from storage.db import SessionFactory
from storage.models import (
    OutboxMessage,
    Person,
    Service,
    ServiceLevelAgreement,
    ServiceLevelTarget,
    Ticket,
)
from tests.factories import draft, make_person, make_service

WIB = ZoneInfo("Asia/Jakarta")
# Business minutes (response, resolution) per priority in the test SLA.
TARGETS = {
    Priority.CRITICAL: (30, 120),
    Priority.HIGH: (60, 240),
    Priority.MEDIUM: (120, 480),
    Priority.LOW: (120, 480),
}


def wib(day: int, hour: int, minute: int = 0, month: int = 12, year: int = 2026) -> datetime:
    """A moment in Jakarta local time (December 2026 unless told)."""
    return datetime(year, month, day, hour, minute, tzinfo=WIB)


async def service_with_sla(
    session: AsyncSession,
    now: datetime,
    *,
    calendar: str = "office",
    max_tickets: int | None = None,
) -> Service:
    """An active service whose SLA sets the incident targets in `TARGETS`."""
    service = await make_service(session, now, calendar_code=calendar)
    sla = ServiceLevelAgreement(
        service_id=service.id, name="PLL Layanan Uji", max_tickets_per_month=max_tickets
    )
    sla.targets = [
        ServiceLevelTarget(
            ticket_type=TicketType.INCIDENT.value,
            priority=priority.value,
            response_minutes=response,
            resolution_minutes=resolution,
        )
        for priority, (response, resolution) in TARGETS.items()
    ]
    session.add(sla)
    await session.flush()
    return service


async def staff(session: AsyncSession, now: datetime, role: Role, language: str = "id") -> Person:
    return await make_person(session, now, role=role.value, language=language)


async def open_incident(
    session: AsyncSession,
    config: DeskConfig,
    service: Service,
    now: datetime,
    *,
    assignee: Person | None = None,
    critical: bool = False,
) -> Ticket:
    """A high-priority incident (critical when asked), assigned when an agent is given."""
    requester = await make_person(session, now)
    impact = Level.HIGH if critical else Level.MEDIUM
    ticket = await open_ticket(
        session,
        config,
        draft(service_id=service.id, urgency=Level.HIGH, impact=impact),
        requester,
        now,
    )
    if assignee is not None:
        assign(session, ticket, assignee, Actor(assignee.id, Role.AGENT), now)
    return ticket


async def assigned_incident(
    session: AsyncSession, config: DeskConfig, now: datetime
) -> tuple[Ticket, Person]:
    """A service with the test SLA, and a high-priority incident on it assigned to an agent."""
    service = await service_with_sla(session, now)
    agent = await staff(session, now, Role.AGENT)
    return await open_incident(session, config, service, now, assignee=agent), agent


async def outbox_rows(sessions: SessionFactory, purpose: str) -> list[OutboxMessage]:
    async with sessions() as session:
        query = select(OutboxMessage).where(OutboxMessage.purpose == purpose)
        return list((await session.execute(query.order_by(OutboxMessage.id))).scalars())


async def reload(sessions: SessionFactory, ticket_id: int) -> Ticket:
    async with sessions() as session:
        found = await session.get(Ticket, ticket_id)
        assert found is not None
        return found
