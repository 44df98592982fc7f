"""A requester following their own tickets: list, read, add to, withdraw, confirm, rate.

Every function that takes a ticket id from outside (a button, a reply, a typed number) goes
through `own_ticket`, because callback data and ticket numbers can be guessed or forged: a
ticket that is not the person's is reported as not found, never as someone else's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from desk import message_links, outbox, requester_notices, tickets
from desk.config import DeskConfig
from desk.errors import Conflict, InvalidInput, NotFound
from desk.history import Actor, record_change
from desk.privacy import mask_identifiers
from desk.types import OPEN_STATUSES, MessageKind, Role, Source, TicketStatus
from storage.models import Person, Ticket, TicketHistory, TicketMessage
from texts import t

logger = logging.getLogger(__name__)

RECENT = timedelta(days=30)  # closed tickets stay in /tiket this long after their last change
MAX_COMMENT = 1000
WITHDRAWABLE = frozenset({TicketStatus.NEW.value, TicketStatus.ASSIGNED.value})
SHOWN_KINDS = (MessageKind.REQUESTER.value, MessageKind.AGENT.value)


@dataclass(frozen=True)
class TimelineEntry:
    """One line of what a requester may see of their ticket: a change or a message."""

    at: datetime
    field: str | None = None
    old: str | None = None
    new: str | None = None
    author: str | None = None  # MessageKind of a message; None for a change
    body: str = ""
    attachments: int = 0


@dataclass(frozen=True)
class FollowUp:
    """What adding a message did, so the handler can tell the person."""

    ticket: Ticket
    resumed: bool
    ticket_open: bool


def as_requester(person: Person) -> Actor:
    """On their own ticket a person acts as its requester, whatever their staff role."""
    return Actor(person.id, Role.REQUESTER)


def _not_found(reference: str) -> NotFound:
    return NotFound(
        f"ticket {reference} is not the person's",
        text_key="error.ticket_not_found",
        number=reference,
    )


async def own_ticket(session: AsyncSession, requester: Person, ticket_id: int) -> Ticket:
    """The ticket `ticket_id` if `requester` lodged it, else `NotFound`."""
    ticket = await tickets.find_by_id(session, ticket_id)
    if ticket is None or ticket.requester_id != requester.id:
        raise _not_found(f"#{ticket_id}")
    return ticket


async def own_ticket_by_number(session: AsyncSession, requester: Person, number: str) -> Ticket:
    """The ticket with a typed number, if it is the person's; same answer when it is not."""
    try:
        ticket = await tickets.load_ticket(session, number)
    except NotFound as error:
        raise _not_found(number.strip().upper()) from error
    if ticket.requester_id != requester.id:
        raise _not_found(number.strip().upper())
    return ticket


async def requester_tickets(
    session: AsyncSession, requester: Person, now: datetime, *, offset: int = 0, limit: int = 5
) -> tuple[list[Ticket], int]:
    """Open tickets and those closed recently, newest first, with the total for paging."""
    shown = (
        Ticket.requester_id == requester.id,
        or_(Ticket.status.in_(OPEN_STATUSES), Ticket.updated_at >= now - RECENT),
    )
    total = (await session.execute(select(func.count(Ticket.id)).where(*shown))).scalar()
    query = (
        select(Ticket)
        .where(*shown)
        .order_by(Ticket.created_at.desc(), Ticket.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return list((await session.execute(query)).scalars()), int(total or 0)


async def visible_timeline(session: AsyncSession, ticket: Ticket) -> list[TimelineEntry]:
    """Changes marked visible and the messages between requester and agent; never notes."""
    changes = await session.execute(
        select(TicketHistory).where(
            TicketHistory.ticket_id == ticket.id, TicketHistory.visible_to_requester.is_(True)
        )
    )
    messages = await session.execute(
        select(TicketMessage).where(
            TicketMessage.ticket_id == ticket.id, TicketMessage.kind.in_(SHOWN_KINDS)
        )
    )
    entries = [
        TimelineEntry(row.created_at, row.field, row.old_value, row.new_value)
        for row in changes.scalars()
    ]
    entries += [
        TimelineEntry(
            row.created_at, author=row.kind, body=row.body, attachments=len(row.attachments or [])
        )
        for row in messages.scalars()
    ]
    return sorted(entries, key=lambda entry: entry.at)


async def ticket_for_message(
    session: AsyncSession, requester: Person, chat_id: int, message_id: int
) -> Ticket | None:
    """The ticket a Telegram message was about, if any; `NotFound` if it is not theirs."""
    ticket_id = await message_links.ticket_id_for(session, chat_id, message_id)
    if ticket_id is None:
        return None
    return await own_ticket(session, requester, ticket_id)


def remember_message(
    session: AsyncSession, ticket: Ticket, chat_id: int, message_id: int, now: datetime
) -> None:
    """Record a message the bot sent about the ticket, so a reply to it threads back."""
    message_links.remember(session, ticket.id, chat_id, message_id, now)


async def agents_notice_id(
    session: AsyncSession, config: DeskConfig, ticket: Ticket
) -> int | None:
    """The agents' group message that announced the ticket, to reply under it."""
    if config.agents_chat_id is None:
        return None
    query = (
        select(TicketMessage.telegram_message_id)
        .where(
            TicketMessage.ticket_id == ticket.id,
            TicketMessage.telegram_chat_id == config.agents_chat_id,
            TicketMessage.telegram_message_id.is_not(None),
        )
        .order_by(TicketMessage.id)
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()


async def tell_agents(
    session: AsyncSession,
    config: DeskConfig,
    ticket: Ticket,
    text: str,
    now: datetime,
    key: str,
    files: list[dict[str, Any]] | None = None,
) -> bool:
    """Queue `text` to the agents' group, threaded under the ticket's notice when known."""
    if config.agents_chat_id is None:
        return False
    return await outbox.enqueue(
        session,
        chat_id=config.agents_chat_id,
        text=text,
        now=now,
        dedupe_key=f"agents:{ticket.id}:{key}",
        reply_to_message_id=await agents_notice_id(session, config, ticket),
        ticket_id=ticket.id,
        purpose="agent_notice",
        files=files,
    )


async def add_requester_message(
    session: AsyncSession,
    config: DeskConfig,
    ticket: Ticket,
    requester: Person,
    body: str,
    attachments: list[dict[str, Any]],
    now: datetime,
) -> FollowUp:
    """Keep what the requester added, pass it to the agents, and resume a pending ticket.

    A message on a closed ticket is still kept and passed on, so nothing typed is lost;
    the handler tells the person to open a new ticket if the issue came back.
    """
    if ticket.requester_id != requester.id:
        raise _not_found(ticket.number)
    if not body.strip() and not attachments:
        raise InvalidInput("nothing to add", text_key="error.empty_description")
    if len(body) > tickets.MAX_TEXT:
        raise InvalidInput("message too long", text_key="error.too_long", limit=tickets.MAX_TEXT)

    message = TicketMessage(
        ticket_id=ticket.id,
        author_id=requester.id,
        kind=MessageKind.REQUESTER.value,
        body=body,
        attachments=list(attachments),
        created_at=now,
    )
    session.add(message)
    await session.flush()

    resumed = ticket.status == TicketStatus.PENDING.value
    if resumed:
        tickets.change_status(
            session, config, ticket, TicketStatus.IN_PROGRESS, as_requester(requester), now
        )
    text = t(
        "followup.agents.added",
        "id",
        number=ticket.number,
        body=mask_identifiers(body.strip()) or "-",
        attachments=len(attachments),
        status=t(f"status.{ticket.status}", "id"),
    )
    await tell_agents(session, config, ticket, text, now, f"msg:{message.id}", attachments)
    logger.info(
        "requester added ticket=%s message=%s resumed=%s", ticket.number, message.id, resumed
    )
    return FollowUp(ticket, resumed, TicketStatus(ticket.status).is_open)


async def withdraw(
    session: AsyncSession, config: DeskConfig, ticket: Ticket, requester: Person, now: datetime
) -> None:
    """Cancel a ticket nobody has started on; once work began, the agent must agree."""
    if ticket.requester_id != requester.id:
        raise _not_found(ticket.number)
    if ticket.status not in WITHDRAWABLE:
        raise InvalidInput(
            "ticket already handled", text_key="followup.withdraw_too_late", number=ticket.number
        )
    tickets.change_status(
        session, config, ticket, TicketStatus.CANCELLED, as_requester(requester), now
    )
    text = t("followup.agents.withdrawn", "id", number=ticket.number)
    await tell_agents(session, config, ticket, text, now, "withdrawn")


def _check_resolved(ticket: Ticket, requester: Person) -> None:
    if ticket.requester_id != requester.id:
        raise _not_found(ticket.number)
    if ticket.status in {TicketStatus.CLOSED.value, TicketStatus.CANCELLED.value}:
        raise Conflict(
            "ticket already closed", text_key="followup.already_closed", number=ticket.number
        )
    if ticket.status != TicketStatus.RESOLVED.value:
        raise Conflict(
            "ticket not resolved", text_key="followup.not_resolved", number=ticket.number
        )


async def confirm_solved(
    session: AsyncSession, config: DeskConfig, ticket: Ticket, requester: Person, now: datetime
) -> None:
    """The requester agrees the solution works: close, and ask for a rating."""
    _check_resolved(ticket, requester)
    tickets.change_status(
        session, config, ticket, TicketStatus.CLOSED, as_requester(requester), now
    )
    await requester_notices.closed(session, ticket, now)
    text = t("followup.agents.solved", "id", number=ticket.number)
    await tell_agents(session, config, ticket, text, now, f"solved:{now.isoformat()}")


async def report_not_solved(
    session: AsyncSession, config: DeskConfig, ticket: Ticket, requester: Person, now: datetime
) -> None:
    """The solution did not work: back to in progress, and the agents hear of it."""
    _check_resolved(ticket, requester)
    tickets.change_status(
        session, config, ticket, TicketStatus.IN_PROGRESS, as_requester(requester), now
    )
    text = t("followup.agents.not_solved", "id", number=ticket.number)
    await tell_agents(session, config, ticket, text, now, f"reopened:{now.isoformat()}")


def rate(
    session: AsyncSession, ticket: Ticket, requester: Person, score: int, now: datetime
) -> None:
    """Store the 1-5 satisfaction of a closed ticket, once."""
    if ticket.requester_id != requester.id:
        raise _not_found(ticket.number)
    if not 1 <= score <= 5:
        raise InvalidInput(f"rating {score} out of range", text_key="error.stale_button")
    if ticket.satisfaction is not None:
        raise Conflict("already rated", text_key="feedback.already_rated", number=ticket.number)
    if ticket.status != TicketStatus.CLOSED.value:
        raise Conflict(
            "rating before closure", text_key="feedback.not_closed", number=ticket.number
        )
    ticket.satisfaction = score
    ticket.updated_at = now
    record_change(
        session,
        ticket,
        field="satisfaction",
        old=None,
        new=score,
        actor=as_requester(requester),
        source=Source.TELEGRAM,
        now=now,
    )
    logger.info("ticket rated ticket=%s score=%s", ticket.number, score)


def add_rating_comment(
    session: AsyncSession, ticket: Ticket, requester: Person, comment: str, now: datetime
) -> None:
    """The optional words after a rating; only for a rated ticket, and only once."""
    if ticket.requester_id != requester.id:
        raise _not_found(ticket.number)
    text = comment.strip()
    if not text:
        raise InvalidInput("empty comment", text_key="feedback.ask_comment")
    if len(text) > MAX_COMMENT:
        raise InvalidInput("comment too long", text_key="error.too_long", limit=MAX_COMMENT)
    if ticket.satisfaction is None or ticket.satisfaction_comment is not None:
        raise Conflict("comment out of turn", text_key="error.stale_button")
    ticket.satisfaction_comment = text
    ticket.updated_at = now
    record_change(
        session,
        ticket,
        field="satisfaction_comment",
        old=None,
        new=text,
        actor=as_requester(requester),
        source=Source.TELEGRAM,
        now=now,
        visible_to_requester=False,
    )
