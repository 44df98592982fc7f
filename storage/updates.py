"""Telegram update ids already handled, so a redelivered update is not handled twice."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ProcessedUpdate
from storage.upsert import insert_for

KEEP = timedelta(days=2)  # Telegram keeps undelivered updates for 24 hours


async def claim_update(session: AsyncSession, update_id: int, now: datetime) -> bool:
    """True the first time an update id is seen, False on every repeat."""
    statement = (
        insert_for(session, ProcessedUpdate)
        .values(update_id=update_id, created_at=now)
        .on_conflict_do_nothing(index_elements=[ProcessedUpdate.update_id])
        .returning(ProcessedUpdate.update_id)
    )
    return (await session.execute(statement)).scalar_one_or_none() is not None


async def forget_old_updates(session: AsyncSession, now: datetime) -> int:
    result = await session.execute(
        delete(ProcessedUpdate).where(ProcessedUpdate.created_at < now - KEEP)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
