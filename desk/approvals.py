"""Change approval (BAB II.1): a coordinator weighs a proposed change and decides once.

The decision is kept on the ticket (`details["approval"]`) and in its history, and the
requester is told; a rejected change is cancelled with the reason as its resolution.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from desk import tickets
from desk.config import DeskConfig
from desk.errors import Conflict, InvalidInput
from desk.history import record_change
from desk.staff import actor_of, is_manager, refuse, require_scope
from desk.types import Source, TicketStatus, TicketType
from desk.workflow import require_open, tell_requester
from storage.models import Person, Ticket


async def decide_change(
    session: AsyncSession,
    config: DeskConfig,
    ticket: Ticket,
    person: Person,
    approved: bool,
    reason: str,
    now: datetime,
) -> None:
    """A coordinator approves or rejects a change, once; the decision is history and news."""
    await require_scope(session, person, ticket, "decide change")
    if not is_manager(person):
        refuse(person, "decide change")
    if ticket.ticket_type != TicketType.CHANGE.value:
        raise InvalidInput("not a change", text_key="agent.error.not_change", number=ticket.number)
    require_open(ticket)
    if (ticket.details or {}).get("approval"):
        raise Conflict("decided", text_key="agent.error.decided", number=ticket.number)
    if not approved and not reason.strip():
        raise InvalidInput("rejection needs a reason", text_key="error.reason_needed")

    decision = "approved" if approved else "rejected"
    ticket.details = {
        **(ticket.details or {}),
        "approval": {
            "decision": decision,
            "by": person.id,
            "at": now.isoformat(),
            "reason": reason.strip(),
        },
    }
    record_change(
        session,
        ticket,
        field="approval",
        old=None,
        new=decision + (f": {reason.strip()}" if reason.strip() else ""),
        actor=actor_of(person),
        source=Source.TELEGRAM,
        now=now,
    )
    await _apply_decision(session, config, ticket, person, approved, reason.strip(), now)


async def _apply_decision(
    session: AsyncSession,
    config: DeskConfig,
    ticket: Ticket,
    person: Person,
    approved: bool,
    reason: str,
    now: datetime,
) -> None:
    status = TicketStatus(ticket.status)
    if approved:
        if status in {TicketStatus.NEW, TicketStatus.ASSIGNED}:
            tickets.change_status(
                session, config, ticket, TicketStatus.IN_PROGRESS, actor_of(person), now
            )
        await tell_requester(session, ticket, "agent.notice.change_approved", now, "approval")
        return
    ticket.resolution = reason
    tickets.change_status(session, config, ticket, TicketStatus.CANCELLED, actor_of(person), now)
    await tell_requester(
        session, ticket, "agent.notice.change_rejected", now, "approval", reason=reason
    )
