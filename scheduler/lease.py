"""Database leases: only one worker runs a scheduled job at a time.

Several bot processes may share one database (PostgreSQL behind a webhook) and each schedules
the same jobs. Before a run, a worker takes the job's lease with one conditional statement:
an UPDATE that succeeds only when the lease has expired or is already its own, else an INSERT
that does nothing when another worker inserted first. Both are atomic on SQLite and
PostgreSQL, so two workers never both hold a lease. A lease expires on its own, so a worker
that dies mid-run blocks the job only until then.

A lease keeps runs apart; it is not what prevents double notices. Every job is idempotent on
its own (outbox dedupe keys, conditional updates), so a run that outlives its lease still
sends nothing twice.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from datetime import datetime, timedelta

from sqlalchemy import or_, update

from storage.db import SessionFactory
from storage.models import JobLease
from storage.upsert import insert_for

logger = logging.getLogger(__name__)


def worker_name() -> str:
    """Who holds a lease: host, process and a random part, unique per running worker."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


async def acquire(
    sessions: SessionFactory, job: str, holder: str, now: datetime, ttl: timedelta
) -> bool:
    """Take or renew the lease on `job` until `now + ttl`; False when another holds it."""
    until = now + ttl
    async with sessions() as session, session.begin():
        taken = await session.execute(
            update(JobLease)
            .where(
                JobLease.name == job,
                or_(JobLease.expires_at <= now, JobLease.holder == holder),
            )
            .values(holder=holder, expires_at=until)
        )
        if taken.rowcount == 1:  # type: ignore[attr-defined]
            return True
        inserted = await session.execute(
            insert_for(session, JobLease)
            .values(name=job, holder=holder, expires_at=until)
            .on_conflict_do_nothing(index_elements=[JobLease.name])
            .returning(JobLease.name)
        )
        return inserted.scalar_one_or_none() is not None


async def release(sessions: SessionFactory, job: str, holder: str, now: datetime) -> None:
    """Give the lease back at once, so the next run anywhere need not wait for expiry."""
    async with sessions() as session, session.begin():
        await session.execute(
            update(JobLease)
            .where(JobLease.name == job, JobLease.holder == holder)
            .values(expires_at=now)
        )
