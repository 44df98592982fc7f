"""Readable ticket numbers per type and year, such as GGN-2026-000042."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, bindparam
from sqlalchemy.ext.asyncio import AsyncSession

from desk.types import TicketType
from storage.models import TicketCounter
from storage.upsert import insert_for_dialect


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
    statement = _take_number(session.get_bind().dialect.name)
    value = await session.execute(statement, {"prefix": ticket_type.prefix, "year": year})
    return format_number(ticket_type, year, value.scalar_one())


@cache
def _take_number(dialect: str) -> Any:
    # Built once per backend: building the upsert cost more than running it.
    table = cast(Table, TicketCounter.__table__)
    statement = insert_for_dialect(dialect, table).values(
        prefix=bindparam("prefix"), year=bindparam("year"), last_value=1
    )
    return statement.on_conflict_do_update(
        index_elements=[table.c.prefix, table.c.year],
        set_={"last_value": table.c.last_value + 1},
    ).returning(table.c.last_value)
