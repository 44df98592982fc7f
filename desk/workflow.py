"""What agents and coordinators do to tickets, as domain rules independent of Telegram.

Each action takes the acting person and `now`, checks their role and service scope, changes
the ticket through `desk.tickets` (so the SLA clock and the history stay right) and queues
what the requester must hear through the outbox. Committing is left to the caller.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from desk import message_links, outages, outbox, requester_notices, routing, tickets
from desk.config import DeskConfig
from desk.errors import Conflict, InvalidInput
from desk.history import record_change
from desk.staff import actor_of, in_scope, is_manager, refuse, require_scope
from desk.types import MessageKind, Priority, Source, TicketStatus
from storage.models import Person, Ticket, TicketMessage
from texts import language_of, t

logger = logging.getLogger(__name__)

MAX_BODY = 3500
CLOSED = frozenset({TicketStatus.CLOSED.value, TicketStatus.CANCELLED.value})
WORKING = frozenset(
    {TicketStatus.NEW, TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS, TicketStatus.PENDING}
)


def event_stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d%H%M%S%f")


def clean_body(text: str, what: str = "text") -> str:
    body = text.strip()
    if not body:
        raise InvalidInput(f"empty {what}", text_key="agent.error.empty_text")
    if len(body) > MAX_BODY:
        raise InvalidInput(f"{what} too long", text_key="error.too_long", limit=MAX_BODY)
    return body


def require_open(ticket: Ticket) -> None:
    if ticket.status in CLOSED:
        raise Conflict(
            f"ticket {ticket.number} is {ticket.status}",
            text_key="agent.error.ticket_closed",
            number=ticket.number,
        )


def mark_first_response(
    session: AsyncSession, ticket: Ticket, agent: Person, now: datetime
) -> None:
    """The first word from the provider stops the response clock (SLA first response)."""
    if ticket.first_response_at is not None:
        return
    ticket.first_response_at = now
    record_change(
        session,
        ticket,
        field="first_response_at",
        old=None,
        new=now.isoformat(),
        actor=actor_of(agent),
        source=Source.TELEGRAM,
        now=now,
    )


async def assign_to(
    session: AsyncSession, ticket: Ticket, actor: Person, assignee: Person, now: datetime
) -> None:
    """Give the ticket to `assignee`; only managers take a ticket away from its holder."""
    await require_scope(session, actor, ticket, "assign")
    require_open(ticket)
    holder = ticket.assignee_id
    if holder is not None and holder not in {actor.id, assignee.id} and not is_manager(actor):
        refuse(actor, "reassign", ticket)
    if holder == assignee.id:
        raise Conflict(
            "already assigned",
            text_key="agent.error.already_assigned",
            number=ticket.number,
            name=assignee.full_name,
        )
    if not await in_scope(session, assignee, ticket):
        raise InvalidInput(
            "assignee does not serve this service",
            text_key="agent.error.assignee_out_of_scope",
            name=assignee.full_name,
            number=ticket.number,
        )

    was_new = ticket.status == TicketStatus.NEW.value
    tickets.assign(session, ticket, assignee, actor_of(actor), now)
    if was_new:
        await requester_notices.status_changed(session, ticket, now, event_stamp(now))
    if assignee.id != actor.id:
        await routing.tell_assignee(session, ticket, assignee, now)
    logger.info(
        "ticket assigned ticket=%s assignee=%s by=%s", ticket.number, assignee.id, actor.id
    )


async def take(session: AsyncSession, ticket: Ticket, agent: Person, now: datetime) -> None:
    """The agent takes the ticket for themselves; a ticket someone holds is not taken."""
    await require_scope(session, agent, ticket, "take")
    if TicketStatus(ticket.status) not in WORKING:
        require_open(ticket)
        raise Conflict("resolved", text_key="agent.error.not_takeable", number=ticket.number)
    holder = ticket.assignee
    if holder is not None:
        key = "agent.error.yours_already" if holder.id == agent.id else "agent.error.taken"
        raise Conflict("taken", text_key=key, number=ticket.number, name=holder.full_name)
    await assign_to(session, ticket, agent, agent, now)


async def _record_message(
    session: AsyncSession,
    ticket: Ticket,
    author: Person,
    kind: MessageKind,
    body: str,
    now: datetime,
    chat_id: int | None,
    message_id: int | None,
) -> TicketMessage:
    """Store the message once: a redelivered Telegram update is refused, not sent twice."""
    if chat_id is not None and message_id is not None:
        query = select(TicketMessage.id).where(
            TicketMessage.telegram_chat_id == chat_id,
            TicketMessage.telegram_message_id == message_id,
            TicketMessage.kind == kind.value,
        )
        if (await session.execute(query)).first() is not None:
            raise Conflict("message already recorded")
    message = TicketMessage(
        ticket_id=ticket.id,
        author_id=author.id,
        kind=kind.value,
        body=body,
        attachments=[],
        telegram_chat_id=chat_id,
        telegram_message_id=message_id,
        created_at=now,
    )
    session.add(message)
    await session.flush()
    return message


async def reply(
    session: AsyncSession,
    ticket: Ticket,
    agent: Person,
    text: str,
    now: datetime,
    *,
    chat_id: int | None = None,
    message_id: int | None = None,
    files: list[dict[str, Any]] | None = None,
) -> TicketMessage:
    """Answer the requester: recorded as an agent message and sent through the outbox.

    A photo or document without words is sent on with a short standard caption.
    """
    await require_scope(session, agent, ticket, "reply")
    require_open(ticket)
    body = clean_body(text) if text.strip() or not files else "📎"
    message = await _record_message(
        session, ticket, agent, MessageKind.AGENT, body, now, chat_id, message_id
    )
    message.attachments = list(files or [])
    mark_first_response(session, ticket, agent, now)
    ticket.updated_at = now
    await requester_notices.agent_replied(session, ticket, body, now, message.id, files)
    logger.info("agent replied ticket=%s agent=%s message=%s", ticket.number, agent.id, message.id)
    return message


async def note(
    session: AsyncSession,
    ticket: Ticket,
    agent: Person,
    text: str,
    now: datetime,
    *,
    chat_id: int | None = None,
    message_id: int | None = None,
) -> TicketMessage:
    """An internal note: kept on the ticket for staff, never sent to the requester."""
    await require_scope(session, agent, ticket, "note")
    body = clean_body(text)
    message = await _record_message(
        session, ticket, agent, MessageKind.NOTE, body, now, chat_id, message_id
    )
    logger.info("note added ticket=%s agent=%s message=%s", ticket.number, agent.id, message.id)
    return message


async def request_info(
    session: AsyncSession,
    config: DeskConfig,
    ticket: Ticket,
    agent: Person,
    question: str,
    now: datetime,
) -> None:
    """Ask the requester; the ticket waits on them, so the SLA clock pauses (pending)."""
    await require_scope(session, agent, ticket, "pending")
    body = clean_body(question)
    tickets.change_status(session, config, ticket, TicketStatus.PENDING, actor_of(agent), now)
    message = await _record_message(
        session, ticket, agent, MessageKind.AGENT, body, now, None, None
    )
    mark_first_response(session, ticket, agent, now)
    await requester_notices.info_requested(session, ticket, body, now, message.id)


async def resolve(
    session: AsyncSession,
    config: DeskConfig,
    ticket: Ticket,
    agent: Person,
    solution: str,
    now: datetime,
) -> None:
    """Record the solution and ask the requester to confirm it (buttons in the notice)."""
    await require_scope(session, agent, ticket, "resolve")
    body = clean_body(solution)
    tickets.change_status(session, config, ticket, TicketStatus.RESOLVED, actor_of(agent), now)
    ticket.resolution = body
    record_change(
        session,
        ticket,
        field="resolution",
        old=None,
        new=body,
        actor=actor_of(agent),
        source=Source.TELEGRAM,
        now=now,
    )
    mark_first_response(session, ticket, agent, now)
    await requester_notices.resolved(session, ticket, body, now, event_stamp(now))
    await outages.tell_watchers(session, ticket, now)


async def close(
    session: AsyncSession, config: DeskConfig, ticket: Ticket, person: Person, now: datetime
) -> None:
    """Close a resolved ticket and invite the requester's rating."""
    await require_scope(session, person, ticket, "close")
    tickets.change_status(session, config, ticket, TicketStatus.CLOSED, actor_of(person), now)
    await requester_notices.closed(session, ticket, now)
    await outages.tell_watchers(session, ticket, now)


async def reopen(
    session: AsyncSession, config: DeskConfig, ticket: Ticket, person: Person, now: datetime
) -> None:
    """Back to work; reopening a closed ticket is a coordinator's call (lifecycle rule)."""
    await require_scope(session, person, ticket, "reopen")
    target = TicketStatus.IN_PROGRESS
    tickets.change_status(session, config, ticket, target, actor_of(person), now)
    await requester_notices.status_changed(session, ticket, now, event_stamp(now))


async def reprioritise(
    session: AsyncSession,
    config: DeskConfig,
    ticket: Ticket,
    person: Person,
    priority: Priority,
    reason: str,
    now: datetime,
) -> None:
    """Coordinators set priority; the due times follow the new SLA targets."""
    await require_scope(session, person, ticket, "priority")
    if not is_manager(person):
        refuse(person, "priority")
    require_open(ticket)
    if ticket.priority == priority.value:
        raise Conflict("same priority", text_key="agent.error.same_priority", number=ticket.number)
    await tickets.change_priority(session, config, ticket, priority, reason, actor_of(person), now)
    await requester_notices.priority_changed(session, ticket, config.timezone, now)


async def tell_requester(
    session: AsyncSession, ticket: Ticket, key: str, now: datetime, event: str, **params: str
) -> None:
    """A notice of this journey's own to the requester, once per ticket and event."""
    requester = ticket.requester
    if requester.anonymised_at is not None:
        return
    await outbox.enqueue(
        session,
        chat_id=requester.telegram_id,
        text=t(key, language_of(requester.language), number=ticket.number, **params),
        now=now,
        dedupe_key=f"req:{ticket.id}:{event}",
        ticket_id=ticket.id,
        purpose="requester_notice",
    )


async def ticket_for_message(
    session: AsyncSession, chat_id: int, message_id: int | None, thread_id: int | None = None
) -> Ticket | None:
    """The ticket a Telegram message speaks of (a notice, a forwarded reply), if any.

    A message in a forum topic that replies to nothing in particular is matched by its topic,
    whose id is the id of the message that opened it.
    """
    for candidate in (message_id, thread_id):
        if candidate is None:
            continue
        found = await message_links.ticket_id_for(session, chat_id, candidate)
        if found is not None:
            return await tickets.load_by_id(session, found)
    return None
