"""How tickets relate: an incident explained by a problem, a duplicate merged into another."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from desk import tickets
from desk.config import DeskConfig
from desk.errors import Conflict, InvalidInput
from desk.history import record_change
from desk.staff import actor_of, require_scope
from desk.types import Source, TicketStatus, TicketType
from desk.workflow import require_open, tell_requester
from storage.models import Person, Ticket


async def link_to_problem(
    session: AsyncSession, ticket: Ticket, problem: Ticket, person: Person, now: datetime
) -> None:
    """Record that an incident is explained by a problem (BAB II.1: problems from incidents)."""
    await require_scope(session, person, ticket, "link")
    if ticket.ticket_type != TicketType.INCIDENT.value:
        raise InvalidInput(
            "only incidents link", text_key="agent.error.link_incident", number=ticket.number
        )
    if problem.ticket_type != TicketType.PROBLEM.value:
        raise InvalidInput(
            "target not a problem", text_key="agent.error.link_problem", number=problem.number
        )
    if ticket.parent_id == problem.id:
        raise Conflict("already linked", text_key="error.conflict")
    old = ticket.parent_id
    ticket.parent_id = problem.id
    ticket.updated_at = now
    record_change(
        session,
        ticket,
        field="parent",
        old=old,
        new=problem.number,
        actor=actor_of(person),
        source=Source.TELEGRAM,
        now=now,
        visible_to_requester=False,
    )


async def merge(
    session: AsyncSession,
    config: DeskConfig,
    duplicate: Ticket,
    original: Ticket,
    person: Person,
    now: datetime,
) -> None:
    """Cancel a duplicate in favour of the original and tell its requester where to look."""
    await require_scope(session, person, duplicate, "merge")
    await require_scope(session, person, original, "merge")
    if duplicate.id == original.id:
        raise InvalidInput("merge into itself", text_key="agent.error.merge_self")
    require_open(original)
    tickets.change_status(
        session, config, duplicate, TicketStatus.CANCELLED, actor_of(person), now
    )
    duplicate.duplicate_of_id = original.id
    record_change(
        session,
        duplicate,
        field="duplicate_of",
        old=None,
        new=original.number,
        actor=actor_of(person),
        source=Source.TELEGRAM,
        now=now,
    )
    await tell_requester(
        session, duplicate, "agent.notice.merged", now, "merged", original=original.number
    )
