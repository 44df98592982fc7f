"""Telegram update ids already handled, so a redelivered update is not handled twice.

The id is recorded in the same transaction as the update's effects: if the process dies
half-way, both are rolled back and the redelivered update is handled afresh; once committed,
a redelivery finds the id and is dropped.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ProcessedUpdate
from storage.upsert import insert_for_dialect

KEEP = timedelta(days=2)  # Telegram keeps undelivered updates for 24 hours


class DuplicateUpdate(Exception):
    """Another worker handled this update first; this one's work is rolled back."""


async def already_processed(session: AsyncSession, update_id: int) -> bool:
    query = select(ProcessedUpdate.update_id).where(ProcessedUpdate.update_id == update_id)
    return (await session.execute(query)).first() is not None


@cache
def _claim_statement(dialect: str) -> Any:
    # Built once per backend, on the table rather than the ORM class: every update runs it,
    # and building it, or the ORM's bulk-insert handling, costs more than running it.
    table = cast(Table, ProcessedUpdate.__table__)
    return (
        insert_for_dialect(dialect, table)
        .values(update_id=bindparam("update_id"), created_at=bindparam("created_at"))
        .on_conflict_do_nothing(index_elements=[table.c.update_id])
        .returning(table.c.update_id)
    )


async def claim_update(session: AsyncSession, update_id: int, now: datetime) -> None:
    """Record the update id in the current transaction, or raise `DuplicateUpdate`."""
    statement = _claim_statement(session.get_bind().dialect.name)
    values = {"update_id": update_id, "created_at": now}
    if (await session.execute(statement, values)).scalar_one_or_none() is None:
        raise DuplicateUpdate(f"update {update_id} was already handled")


async def forget_old_updates(session: AsyncSession, now: datetime) -> int:
    result = await session.execute(
        delete(ProcessedUpdate).where(ProcessedUpdate.created_at < now - KEEP)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
