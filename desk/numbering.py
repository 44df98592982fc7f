"""Readable ticket numbers per type and year, such as GGN-2026-000042."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from desk.types import TicketType
from storage.models import TicketCounter
from storage.upsert import insert_for


def format_number(ticket_type: TicketType, year: int, value: int) -> str:
    return f"{ticket_type.prefix}-{year}-{value:06d}"


async def next_ticket_number(
    session: AsyncSession, ticket_type: TicketType, now: datetime, tz: ZoneInfo
) -> str:
    """Take the next number atomically; the year is the local one, not UTC's.

    One upsert that returns the new value: two processes opening tickets at once on
    PostgreSQL each get their own number, and a rolled-back intake leaves a gap rather than
    a duplicate.
    """
    year = now.astimezone(tz).year
    statement = insert_for(session, TicketCounter).values(
        prefix=ticket_type.prefix, year=year, last_value=1
    )
    statement = statement.on_conflict_do_update(
        index_elements=[TicketCounter.prefix, TicketCounter.year],
        set_={"last_value": TicketCounter.last_value + 1},
    ).returning(TicketCounter.last_value)
    value = (await session.execute(statement)).scalar_one()
    return format_number(ticket_type, year, value)
