"""SLA targets of a ticket, the due times they give, and when the SLA sweep must look again.

Besides its due times a ticket stores `sla_check_at`: the next warning (75% of a target used)
or due time still ahead, NULL when nothing is left to check. It is set wherever due times
change (open, priority change, pause, resume) and by a listener on `Ticket.status`, so a
ticket that is resolved, closed or cancelled drops out of the sweep and one reopened comes
back, whoever changed the status. The sweep then reads only what is due by an index, never
every open ticket.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession

from desk import sla_clock
from desk.calendar import BusinessCalendar
from desk.config import DeskConfig
from desk.sla_clock import SlaClock, due_at, warning_at
from desk.types import Priority, TicketStatus, TicketType
from storage.models import ServiceLevelAgreement, ServiceLevelTarget, Ticket

WARNING_FRACTION = 0.75
# Statuses in which the provider owes work and the clock runs; pending pauses it.
CLOCK_RUNNING = frozenset(
    {TicketStatus.NEW.value, TicketStatus.ASSIGNED.value, TicketStatus.IN_PROGRESS.value}
)


@dataclass(frozen=True)
class Targets:
    response_minutes: int
    resolution_minutes: int


@dataclass(frozen=True)
class Checkpoint:
    """A moment the sweep acts on: `stage` "warning" or "breach" of the `target`
    ("response" or "resolution") that falls due at `due_at`."""

    target: str
    stage: str
    at: datetime
    due_at: datetime


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


def response_clock(ticket: Ticket, minutes: float) -> SlaClock:
    """The first-response target runs from the start; waiting on the requester does not
    stop it, since nobody has answered yet."""
    return SlaClock(ticket.created_at, minutes)


def resolution_clock(ticket: Ticket, minutes: float) -> SlaClock:
    """The resolution target, with the ticket's pauses (see `desk.sla_clock`)."""
    return SlaClock(ticket.created_at, minutes, ticket.paused_minutes, ticket.paused_since)


def schedule_due_times(ticket: Ticket, targets: Targets, config: DeskConfig) -> None:
    """Set the due times from the ticket's start, its targets and the minutes paused so far.

    While the ticket waits on the requester its resolution due time is unknown: it is cleared
    and set again on resume, with the paused business minutes added.
    """
    calendar = config.calendar(ticket.service.calendar_code if ticket.service else None)
    ticket.response_target_minutes = targets.response_minutes
    ticket.resolution_target_minutes = targets.resolution_minutes
    if ticket.first_response_at is None:
        ticket.response_due_at = due_at(response_clock(ticket, targets.response_minutes), calendar)
    ticket.resolution_due_at = due_at(
        resolution_clock(ticket, targets.resolution_minutes), calendar
    )
    if ticket.resolution_due_at is None:  # paused: nothing is due until it resumes
        ticket.sla_check_at = None
        return
    # The earliest checkpoint, even a past one: the sweep looks at once and, with the
    # outbox's dedupe keys, sends only what was not sent for these due times.
    ticket.sla_check_at = next_check(ticket, calendar)


def pause_clock(ticket: Ticket, now: datetime) -> None:
    """While the ticket waits on the requester nothing is due, so nothing is checked."""
    if ticket.paused_since is None:
        ticket.paused_since = now
        ticket.resolution_due_at = None
        ticket.sla_check_at = None


def resume_clock(ticket: Ticket, now: datetime, config: DeskConfig) -> float:
    """Add the business minutes spent waiting; returns them for the history."""
    if ticket.paused_since is None:
        return 0.0
    calendar = config.calendar(ticket.service.calendar_code if ticket.service else None)
    paused = resolution_clock(ticket, ticket.resolution_target_minutes or 1)
    resumed = sla_clock.resume(paused, max(now, ticket.paused_since), calendar)
    waited = resumed.paused_minutes - ticket.paused_minutes
    ticket.paused_minutes = resumed.paused_minutes
    ticket.paused_since = None
    if ticket.resolution_target_minutes:
        ticket.resolution_due_at = due_at(resumed, calendar)
    ticket.sla_check_at = next_check(ticket, calendar)
    return waited


def checkpoints(ticket: Ticket, calendar: BusinessCalendar) -> list[Checkpoint]:
    """The warnings and due times of the targets still running, earliest first.

    None while paused or once the work is done. The response target ends with the first
    response. The resolution warning adds the paused minutes to 75% of the target, as the
    due time does, so both move together when the clock stops.
    """
    if ticket.paused_since is not None or ticket.status not in CLOCK_RUNNING:
        return []
    points: list[Checkpoint] = []
    if ticket.first_response_at is None:
        points += _target_points(ticket, calendar, "response", ticket.response_target_minutes)
    points += _target_points(ticket, calendar, "resolution", ticket.resolution_target_minutes)
    return sorted(points, key=lambda point: point.at)


def _target_points(
    ticket: Ticket, calendar: BusinessCalendar, target: str, minutes: int | None
) -> list[Checkpoint]:
    resolution = target == "resolution"
    due = ticket.resolution_due_at if resolution else ticket.response_due_at
    if due is None or not minutes:
        return []
    clock = resolution_clock(ticket, minutes) if resolution else response_clock(ticket, minutes)
    warn_at = warning_at(clock, calendar, WARNING_FRACTION) or due
    return [
        Checkpoint(target, "warning", min(warn_at, due), due),
        Checkpoint(target, "breach", due, due),
    ]


def next_check(
    ticket: Ticket, calendar: BusinessCalendar, after: datetime | None = None
) -> datetime | None:
    """The first checkpoint (after `after` when given), or None when nothing is left."""
    for point in checkpoints(ticket, calendar):
        if after is None or point.at > after:
            return point.at
    return None


@event.listens_for(Ticket.status, "set")
def _status_moved(ticket: Ticket, value: Any, _old: Any, _initiator: Any) -> None:
    """Keep `sla_check_at` in step with the status, whoever changes it.

    Leaving the running statuses (resolved, closed, cancelled, pending) ends the checks;
    coming back (a reopened ticket) asks the sweep to look now, from the ticket's start,
    since this listener has no calendar to compute the next checkpoint with.
    """
    if value not in CLOCK_RUNNING:
        ticket.sla_check_at = None
    elif ticket.sla_check_at is None and ticket.paused_since is None:
        ticket.sla_check_at = ticket.created_at
