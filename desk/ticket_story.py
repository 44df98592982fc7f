"""A ticket's full story for staff: every history row and every message, notes included.

Staff see everything (the requester's view, without notes and internal rows, is the
follow-up journey's); the entries come back in time order with the actors' names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from desk.types import MessageKind
from storage.models import Person, Ticket, TicketHistory, TicketMessage


@dataclass(frozen=True)
class Entry:
    """One line of the story: a change (`field` set) or a message (`kind` set)."""

    at: datetime
    actor: str
    field: str | None = None
    old: str | None = None
    new: str | None = None
    kind: str | None = None
    body: str = ""


async def story(session: AsyncSession, ticket: Ticket) -> list[Entry]:
    history = list(
        (
            await session.execute(
                select(TicketHistory)
                .where(TicketHistory.ticket_id == ticket.id)
                .order_by(TicketHistory.id)
            )
        ).scalars()
    )
    messages = list(
        (
            await session.execute(
                select(TicketMessage)
                .where(
                    TicketMessage.ticket_id == ticket.id,
                    TicketMessage.kind != MessageKind.SYSTEM.value,
                )
                .order_by(TicketMessage.id)
            )
        ).scalars()
    )
    names = await _names(session, {h.actor_id for h in history} | {m.author_id for m in messages})
    entries = [
        Entry(h.created_at, names.get(h.actor_id, "Sigap"), h.field, h.old_value, h.new_value)
        for h in history
    ]
    entries += [
        Entry(m.created_at, names.get(m.author_id, "Sigap"), kind=m.kind, body=m.body)
        for m in messages
    ]
    return sorted(entries, key=lambda entry: entry.at)


async def _names(session: AsyncSession, ids: set[int | None]) -> dict[int | None, str]:
    wanted = [person_id for person_id in ids if person_id is not None]
    if not wanted:
        return {}
    query = select(Person.id, Person.full_name).where(Person.id.in_(wanted))
    return {pid: name or f"#{pid}" for pid, name in (await session.execute(query)).all()}
