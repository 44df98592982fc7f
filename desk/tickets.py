"""Ticket lifecycle: open, move through the state machine, assign, reprioritise.

Every function here takes the session, the acting person and `now`; it writes the history row
for each change and leaves committing to the caller, so one handler step is one transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from desk import catalog, lifecycle, sla
from desk.config import DeskConfig
from desk.errors import InvalidInput, NotFound
from desk.history import Actor, record_change
from desk.numbering import next_ticket_number
from desk.staff import role_of
from desk.types import Level, MessageKind, Priority, Source, TicketStatus, TicketType
from storage.models import Person, Ticket, TicketMessage

logger = logging.getLogger(__name__)

MAX_TITLE = 200
MAX_TEXT = 4000


@dataclass
class TicketDraft:
    """What a requester has told so far; becomes a ticket only when confirmed."""

    ticket_type: TicketType
    service_id: int | None
    description: str
    urgency: Level
    impact: Level
    title: str = ""
    nature: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    intake_key: str | None = None  # one per confirmed draft: a double tap cannot make two


def title_from(description: str) -> str:
    """A one-line title: the first line of the description, cut at a word."""
    first = description.strip().splitlines()[0] if description.strip() else ""
    if len(first) <= 80:
        return first
    return first[:80].rsplit(" ", 1)[0] + "…"


def validate_draft(draft: TicketDraft) -> None:
    if not draft.description.strip():
        raise InvalidInput("a ticket needs a description", text_key="error.empty_description")
    if len(draft.description) > MAX_TEXT:
        raise InvalidInput("description too long", text_key="error.too_long", limit=MAX_TEXT)


# What rendering a ticket reads besides its own row: loaded with it, not lazily one by one.
WITH_PEOPLE = (
    selectinload(Ticket.service),
    selectinload(Ticket.requester),
    selectinload(Ticket.assignee),
)


async def find_by_id(session: AsyncSession, ticket_id: int) -> Ticket | None:
    query = select(Ticket).where(Ticket.id == ticket_id).options(*WITH_PEOPLE)
    return (await session.execute(query)).scalar_one_or_none()


async def load_by_id(session: AsyncSession, ticket_id: int) -> Ticket:
    """The ticket a button names, loaded like `load_ticket` for rendering."""
    ticket = await find_by_id(session, ticket_id)
    if ticket is None:
        raise NotFound(f"no ticket id {ticket_id}", text_key="error.stale_button")
    return ticket


async def load_ticket(session: AsyncSession, number: str) -> Ticket:
    """The ticket with this number, with its service and people loaded for rendering."""
    query = select(Ticket).where(Ticket.number == number.strip().upper()).options(*WITH_PEOPLE)
    ticket = (await session.execute(query)).scalar_one_or_none()
    if ticket is None:
        raise NotFound(f"no ticket {number}", text_key="error.ticket_not_found", number=number)
    return ticket


async def open_ticket(
    session: AsyncSession,
    config: DeskConfig,
    draft: TicketDraft,
    requester: Person,
    now: datetime,
    source: Source = Source.TELEGRAM,
) -> Ticket:
    """Record a new ticket with its number, priority and due times."""
    validate_draft(draft)
    priority = config.matrix.priority_for(draft.urgency, draft.impact)
    number = await next_ticket_number(session, draft.ticket_type, now, config.timezone)
    service = await catalog.get_service(session, draft.service_id) if draft.service_id else None
    ticket = Ticket(
        number=number,
        ticket_type=draft.ticket_type.value,
        service=service,
        requester=requester,
        assignee=None,
        title=(draft.title or title_from(draft.description))[:MAX_TITLE],
        description=draft.description,
        details=dict(draft.details),
        urgency=draft.urgency.value,
        impact=draft.impact.value,
        nature=draft.nature,
        priority=priority.value,
        status=TicketStatus.NEW.value,
        created_at=now,
        updated_at=now,
        paused_minutes=0.0,
        intake_key=draft.intake_key,
    )
    # Due times before the row is written: one INSERT, not an INSERT and an UPDATE.
    targets = await sla.targets_for(session, config, draft.service_id, draft.ticket_type, priority)
    sla.schedule_due_times(ticket, targets, config)
    session.add(ticket)
    await session.flush()

    actor = Actor(requester.id, role_of(requester))
    record_change(
        session,
        ticket,
        field="status",
        old=None,
        new=TicketStatus.NEW.value,
        actor=actor,
        source=source,
        now=now,
    )
    session.add(
        TicketMessage(
            ticket_id=ticket.id,
            author_id=requester.id,
            kind=MessageKind.REQUESTER.value,
            body=draft.description,
            attachments=list(draft.attachments),
            created_at=now,
        )
    )
    logger.info(
        "ticket opened ticket=%s type=%s service=%s priority=%s",
        number,
        draft.ticket_type.value,
        draft.service_id,
        priority.value,
    )
    return ticket


def change_status(
    session: AsyncSession,
    config: DeskConfig,
    ticket: Ticket,
    target: TicketStatus,
    actor: Actor,
    now: datetime,
    source: Source = Source.TELEGRAM,
) -> None:
    """Move the ticket through the state machine, keeping the SLA clock in step."""
    current = TicketStatus(ticket.status)
    lifecycle.check_transition(current, target, actor.role)

    if target is TicketStatus.PENDING:
        sla.pause_clock(ticket, now)
    elif current is TicketStatus.PENDING:
        waited = sla.resume_clock(ticket, now, config)
        record_change(
            session,
            ticket,
            field="sla_paused_minutes",
            old=None,
            new=round(waited, 1),
            actor=actor,
            source=source,
            now=now,
            visible_to_requester=False,
        )
    if target is TicketStatus.RESOLVED:
        ticket.resolved_at = now
    elif target is TicketStatus.CLOSED:
        ticket.closed_at = now
    elif current in {TicketStatus.RESOLVED, TicketStatus.CLOSED}:
        ticket.resolved_at = None
        ticket.closed_at = None

    ticket.status = target.value
    ticket.updated_at = now
    record_change(
        session,
        ticket,
        field="status",
        old=current.value,
        new=target.value,
        actor=actor,
        source=source,
        now=now,
    )
    logger.info(
        "ticket status ticket=%s old=%s new=%s actor=%s",
        ticket.number,
        current.value,
        target.value,
        actor.person_id,
    )


def assign(
    session: AsyncSession,
    ticket: Ticket,
    assignee: Person,
    actor: Actor,
    now: datetime,
    source: Source = Source.TELEGRAM,
) -> None:
    """Give the ticket to an agent; a new ticket moves to assigned."""
    old = ticket.assignee_id
    ticket.assignee_id = assignee.id
    ticket.assignee = assignee
    ticket.updated_at = now
    record_change(
        session,
        ticket,
        field="assignee",
        old=old,
        new=assignee.id,
        actor=actor,
        source=source,
        now=now,
        visible_to_requester=False,
    )
    if ticket.status == TicketStatus.NEW.value:
        lifecycle.check_transition(TicketStatus.NEW, TicketStatus.ASSIGNED, actor.role)
        ticket.status = TicketStatus.ASSIGNED.value
        record_change(
            session,
            ticket,
            field="status",
            old=TicketStatus.NEW.value,
            new=TicketStatus.ASSIGNED.value,
            actor=actor,
            source=source,
            now=now,
        )


async def change_priority(
    session: AsyncSession,
    config: DeskConfig,
    ticket: Ticket,
    priority: Priority,
    reason: str,
    actor: Actor,
    now: datetime,
    source: Source = Source.TELEGRAM,
) -> None:
    """Set a new priority with its reason; the due times follow the new targets."""
    if not reason.strip():
        raise InvalidInput("a priority change needs a reason", text_key="error.reason_needed")
    old = ticket.priority
    ticket.priority = priority.value
    ticket.updated_at = now
    targets = await sla.targets_for(
        session, config, ticket.service_id, TicketType(ticket.ticket_type), priority
    )
    sla.schedule_due_times(ticket, targets, config)
    record_change(
        session,
        ticket,
        field="priority",
        old=old,
        new=f"{priority.value} ({reason.strip()})",
        actor=actor,
        source=source,
        now=now,
    )
