"""A person's rights over their data (UU PDP): a copy of it, and its erasure.

Erasure anonymises rather than deletes: tickets, priorities, times, SLA figures and ratings are
the provider's service records and feed its statistics and reports, so they stay; what goes is
what says who the person is or what they wrote. The same redaction runs when a closed ticket
outlives its retention period (`scheduler.retention`).
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from desk.errors import NotAllowed
from desk.privacy import mask_identifiers
from desk.staff import is_staff
from desk.types import MessageKind
from storage.models import (
    ChatState,
    OutboxMessage,
    Person,
    SearchLog,
    Ticket,
    TicketHistory,
    TicketMessage,
)

logger = logging.getLogger(__name__)

ERASED = "[dihapus atas permintaan pemilik data]"
EXPIRED = "[dihapus: masa retensi berakhir]"
ERASED_NAME = "Pengguna terhapus #{id}"
# Free text the requester typed into a ticket's details; the rest (change kind, the approval
# decision) is the provider's classification and stays.
REQUESTER_DETAILS = ("reason", "expected")
# History fields holding words: the requester's own are removed, staff's are masked.
REQUESTER_WORDS = frozenset({"satisfaction_comment"})
STAFF_WORDS = frozenset({"resolution", "approval"})
SHOWN_KINDS = (MessageKind.REQUESTER.value, MessageKind.AGENT.value)
EXPORT_FORMAT = "sigap-personal-data/1"


# --- the copy a person asks for with /datasaya ------------------------------------------


async def export_person(session: AsyncSession, person: Person, now: datetime) -> dict[str, Any]:
    """Everything Sigap holds about `person`, with other people reduced to a first name."""
    tickets = await _requested_tickets(session, person)
    return {
        "format": EXPORT_FORMAT,
        "generated_at": now.isoformat(),
        "profile": _profile(person),
        "tickets": [await _ticket_record(session, person, ticket) for ticket in tickets],
        "ratings": [_rating(ticket) for ticket in tickets if ticket.satisfaction is not None],
        "questions": await _questions(session, person),
    }


def export_bytes(data: dict[str, Any]) -> bytes:
    """The export as a readable UTF-8 JSON file (Indonesian text left unescaped)."""
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _profile(person: Person) -> dict[str, Any]:
    return {
        "telegram_id": person.telegram_id,
        "full_name": person.full_name,
        "username": person.username,
        "requester_type": person.requester_type,
        "work_unit": person.work_unit,
        "language": person.language,
        "role": person.role,
        "consent_at": _iso(person.consent_at),
        "created_at": _iso(person.created_at),
        "updated_at": _iso(person.updated_at),
    }


async def _requested_tickets(session: AsyncSession, person: Person) -> list[Ticket]:
    query = (
        select(Ticket)
        .where(Ticket.requester_id == person.id)
        .options(selectinload(Ticket.service), selectinload(Ticket.assignee))
        .order_by(Ticket.created_at, Ticket.id)
    )
    return list((await session.execute(query)).scalars())


async def _ticket_record(session: AsyncSession, person: Person, ticket: Ticket) -> dict[str, Any]:
    names = await _first_names(session, ticket)
    return {
        "number": ticket.number,
        "type": ticket.ticket_type,
        "service": ticket.service.name if ticket.service else None,
        "title": ticket.title,
        "description": ticket.description,
        "details": {k: v for k, v in ticket.details.items() if k in REQUESTER_DETAILS},
        "urgency": ticket.urgency,
        "impact": ticket.impact,
        "priority": ticket.priority,
        "status": ticket.status,
        "assignee": first_name(ticket.assignee) if ticket.assignee else None,
        "resolution": ticket.resolution,
        "created_at": _iso(ticket.created_at),
        "response_due_at": _iso(ticket.response_due_at),
        "resolution_due_at": _iso(ticket.resolution_due_at),
        "first_response_at": _iso(ticket.first_response_at),
        "resolved_at": _iso(ticket.resolved_at),
        "closed_at": _iso(ticket.closed_at),
        "messages": await _messages(session, person, ticket, names),
        "history": await _history(session, person, ticket, names),
    }


async def _first_names(session: AsyncSession, ticket: Ticket) -> dict[int, str]:
    """Everyone who wrote on or changed the ticket, by first name only."""
    authors = select(TicketMessage.author_id).where(TicketMessage.ticket_id == ticket.id)
    actors = select(TicketHistory.actor_id).where(TicketHistory.ticket_id == ticket.id)
    query = select(Person).where(Person.id.in_(authors.union(actors).scalar_subquery()))
    return {row.id: first_name(row) for row in (await session.execute(query)).scalars()}


async def _messages(
    session: AsyncSession, person: Person, ticket: Ticket, names: dict[int, str]
) -> list[dict[str, Any]]:
    """Messages between requester and agents; internal notes are not the person's."""
    query = (
        select(TicketMessage)
        .where(TicketMessage.ticket_id == ticket.id, TicketMessage.kind.in_(SHOWN_KINDS))
        .order_by(TicketMessage.created_at, TicketMessage.id)
    )
    return [
        {
            "at": _iso(row.created_at),
            "from": _who(person, row.author_id, names),
            "body": row.body,
            "attachments": len(row.attachments or []),
        }
        for row in (await session.execute(query)).scalars()
    ]


async def _history(
    session: AsyncSession, person: Person, ticket: Ticket, names: dict[int, str]
) -> list[dict[str, Any]]:
    query = (
        select(TicketHistory)
        .where(
            TicketHistory.ticket_id == ticket.id,
            TicketHistory.visible_to_requester.is_(True),
        )
        .order_by(TicketHistory.created_at, TicketHistory.id)
    )
    return [
        {
            "at": _iso(row.created_at),
            "by": _who(person, row.actor_id, names),
            "field": row.field,
            "old": row.old_value,
            "new": row.new_value,
        }
        for row in (await session.execute(query)).scalars()
    ]


def _rating(ticket: Ticket) -> dict[str, Any]:
    return {
        "ticket": ticket.number,
        "score": ticket.satisfaction,
        "comment": ticket.satisfaction_comment,
    }


async def _questions(session: AsyncSession, person: Person) -> list[dict[str, Any]]:
    query = (
        select(SearchLog)
        .where(SearchLog.person_id == person.id)
        .order_by(SearchLog.created_at, SearchLog.id)
    )
    return [
        {
            "at": _iso(row.created_at),
            "text": row.text,
            "outcome": row.outcome,
            "helpful": row.helpful,
        }
        for row in (await session.execute(query)).scalars()
    ]


def first_name(person: Person) -> str:
    """How staff appear in someone else's export: a first name, never more."""
    words = person.full_name.split()
    return words[0] if words else "Petugas"


def _who(person: Person, actor_id: int | None, names: dict[int, str]) -> str:
    if actor_id is None:
        return "Sigap"
    if actor_id == person.id:
        return "you"
    return names.get(actor_id, "Petugas")


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


# --- erasure with /hapusdata ---------------------------------------------------------


async def anonymise_person(session: AsyncSession, person: Person, now: datetime) -> int:
    """Erase who `person` is and what they wrote; the number of their tickets."""
    check_erasable(person)
    chat_id = person.telegram_id
    tickets = await _requested_tickets(session, person)
    for ticket in tickets:
        await redact_ticket(session, ticket, now, ERASED)

    await session.execute(
        update(SearchLog).where(SearchLog.person_id == person.id).values(text="", normalised="")
    )
    await session.execute(delete(ChatState).where(ChatState.telegram_id == chat_id))
    _anonymise_profile(person, now)
    await _forget_chat(session, chat_id, person.telegram_id)
    logger.info("person anonymised person=%s tickets=%s", person.id, len(tickets))
    return len(tickets)


def check_erasable(person: Person) -> None:
    """Staff are refused: their names on history and competence evidence are the provider's
    records, removed by an administrator, not by a chat command."""
    if is_staff(person):
        raise NotAllowed(
            f"staff person {person.id} asked for erasure", text_key="privacy.erase.staff"
        )


def _anonymise_profile(person: Person, now: datetime) -> None:
    # A negative id is never a Telegram user, so the unique constraint holds and the person
    # starts afresh as someone new if they come back.
    person.telegram_id = -person.id
    person.full_name = ERASED_NAME.format(id=person.id)
    person.username = None
    person.work_unit = None
    person.consent_at = None
    person.unreachable_at = None
    person.anonymised_at = now
    person.updated_at = now


async def _forget_chat(session: AsyncSession, chat_id: int, surrogate: int) -> None:
    """The private chat's id is the person's account id: no record keeps it.

    Notices to it lose their words, and unsent ones are not sent.
    """
    await session.execute(
        update(TicketMessage)
        .where(TicketMessage.telegram_chat_id == chat_id)
        .values(telegram_chat_id=None, telegram_message_id=None)
    )
    unsent = ("pending", "sending", "failed")
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.chat_id == chat_id, OutboxMessage.status.in_(unsent))
        .values(status="cancelled", claimed_until=None)
    )
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.chat_id == chat_id)
        .values(text=ERASED, reply_markup=None, chat_id=surrogate)
    )


# --- the redaction both erasure and retention use -------------------------------------


async def redact_ticket(
    session: AsyncSession,
    ticket: Ticket,
    now: datetime,
    placeholder: str,
) -> bool:
    """Remove a ticket's personal content, keeping every figure statistics need.

    Idempotent and safe with two workers: only the run whose conditional update marks the
    ticket redacts it (False for the others). `requester_chat` also drops the Telegram ids of
    messages in that private chat, which are the person's account id.
    """
    claimed = await session.execute(
        update(Ticket)
        .where(Ticket.id == ticket.id, Ticket.redacted_at.is_(None))
        .values(redacted_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return False
    ticket.redacted_at = now
    ticket.title = placeholder
    ticket.description = placeholder
    ticket.details = {k: v for k, v in ticket.details.items() if k not in REQUESTER_DETAILS}
    if ticket.satisfaction_comment is not None:
        ticket.satisfaction_comment = placeholder
    if ticket.resolution is not None:
        ticket.resolution = mask_identifiers(ticket.resolution)

    await _redact_messages(session, ticket, placeholder)
    await _redact_history(session, ticket, placeholder)
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.ticket_id == ticket.id)
        .values(text=placeholder, reply_markup=None)
    )
    logger.info("ticket redacted ticket=%s", ticket.number)
    return True


async def _redact_messages(session: AsyncSession, ticket: Ticket, placeholder: str) -> None:
    on_ticket = TicketMessage.ticket_id == ticket.id
    await session.execute(
        update(TicketMessage).where(on_ticket, TicketMessage.body != "").values(body=placeholder)
    )
    await session.execute(update(TicketMessage).where(on_ticket).values(attachments=[]))


async def _redact_history(session: AsyncSession, ticket: Ticket, placeholder: str) -> None:
    query = select(TicketHistory).where(
        TicketHistory.ticket_id == ticket.id,
        TicketHistory.field.in_(REQUESTER_WORDS | STAFF_WORDS),
    )
    for row in (await session.execute(query)).scalars():
        if row.field in REQUESTER_WORDS:
            row.old_value = placeholder if row.old_value is not None else None
            row.new_value = placeholder if row.new_value is not None else None
            continue
        row.old_value = None if row.old_value is None else mask_identifiers(row.old_value)
        row.new_value = None if row.new_value is None else mask_identifiers(row.new_value)
