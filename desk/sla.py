"""SLA targets of a ticket and the due times they give on the service's business calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from desk.config import DeskConfig
from desk.types import Priority, TicketType
from storage.models import ServiceLevelAgreement, ServiceLevelTarget, Ticket


@dataclass(frozen=True)
class Targets:
    response_minutes: int
    resolution_minutes: int


async def targets_for(
    session: AsyncSession,
    config: DeskConfig,
    service_id: int | None,
    ticket_type: TicketType,
    priority: Priority,
) -> Targets:
    """The service's SLA target for this type and priority, else the configured fallback."""
    if service_id is not None:
        query = (
            select(ServiceLevelTarget)
            .join(ServiceLevelAgreement)
            .where(
                ServiceLevelAgreement.service_id == service_id,
                ServiceLevelTarget.ticket_type == ticket_type.value,
                ServiceLevelTarget.priority == priority.value,
            )
            .order_by(ServiceLevelTarget.resolution_minutes)
            .limit(1)
        )
        target = (await session.execute(query)).scalar_one_or_none()
        if target is not None:
            return Targets(target.response_minutes, target.resolution_minutes)
    response, resolution = config.fallback_targets[priority]
    return Targets(response, resolution)


def schedule_due_times(ticket: Ticket, targets: Targets, config: DeskConfig) -> None:
    """Set the due times from the ticket's start, its targets and the minutes paused so far.

    While the ticket waits on the requester its resolution due time is unknown: it is cleared
    and set again on resume, with the paused business minutes added.
    """
    calendar = config.calendar(ticket.service.calendar_code if ticket.service else None)
    ticket.response_target_minutes = targets.response_minutes
    ticket.resolution_target_minutes = targets.resolution_minutes
    if ticket.first_response_at is None:
        ticket.response_due_at = calendar.add_business_time(
            ticket.created_at, targets.response_minutes
        )
    if ticket.paused_since is not None:
        ticket.resolution_due_at = None
        return
    ticket.resolution_due_at = calendar.add_business_time(
        ticket.created_at, targets.resolution_minutes + ticket.paused_minutes
    )


def pause_clock(ticket: Ticket, now: datetime) -> None:
    if ticket.paused_since is None:
        ticket.paused_since = now
        ticket.resolution_due_at = None


def resume_clock(ticket: Ticket, now: datetime, config: DeskConfig) -> float:
    """Add the business minutes spent waiting; returns them for the history."""
    if ticket.paused_since is None:
        return 0.0
    calendar = config.calendar(ticket.service.calendar_code if ticket.service else None)
    waited = calendar.business_minutes_between(ticket.paused_since, now)
    ticket.paused_minutes += waited
    ticket.paused_since = None
    if ticket.resolution_target_minutes is not None:
        ticket.resolution_due_at = calendar.add_business_time(
            ticket.created_at, ticket.resolution_target_minutes + ticket.paused_minutes
        )
    return waited
