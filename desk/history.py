"""Every change to a ticket writes one history row: who, what, old, new, when, source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from desk.types import Role, Source
from storage.models import Ticket, TicketHistory


@dataclass(frozen=True)
class Actor:
    """Who acts: a person with a role, or the system (`person_id` None)."""

    person_id: int | None
    role: Role

    @classmethod
    def system(cls) -> Actor:
        return cls(None, Role.SYSTEM)


def record_change(
    session: AsyncSession,
    ticket: Ticket,
    *,
    field: str,
    old: object,
    new: object,
    actor: Actor,
    source: Source,
    now: datetime,
    visible_to_requester: bool = True,
) -> TicketHistory:
    row = TicketHistory(
        ticket_id=ticket.id,
        actor_id=actor.person_id,
        field=field,
        old_value=None if old is None else str(old),
        new_value=None if new is None else str(new),
        source=source.value,
        visible_to_requester=visible_to_requester,
        created_at=now,
    )
    session.add(row)
    return row
