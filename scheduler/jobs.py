"""Every scheduled job in one place, and the runner that wraps each run in its lease.

The bot process (PTB's JobQueue) and `sigap worker` both schedule `JOBS`; in either, a run
first takes the job's database lease, so with several processes on one database only one
runs a job at a time. A failing run is logged with its traceback and the next interval tries
again: a job boundary is where a broad `except` belongs. Outbox delivery is not listed here:
it claims rows itself and runs more often.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from desk import idempotency
from desk.closures import ClosureWatch
from desk.config import DeskConfig
from scheduler import (
    auto_close,
    conversations,
    digest,
    lease,
    outbox_pruning,
    retention,
    sla_sweep,
    workload,
)
from storage.db import SessionFactory

logger = logging.getLogger(__name__)


@dataclass
class JobContext:
    """What jobs need, built once at start-up; `closures` keeps its calendars current."""

    sessions: SessionFactory
    config: DeskConfig
    auto_close_working_days: int = auto_close.DEFAULT_WORKING_DAYS
    retention_days: Mapping[str, int] = field(
        default_factory=lambda: dict(retention.DEFAULT_RETENTION_DAYS)
    )
    closures: ClosureWatch | None = None

    async def refresh_calendars(self) -> None:
        """Take in closures stored since the last look (by `/libur` in any process)."""
        if self.closures is None:
            return
        try:
            async with self.sessions() as session, session.begin():
                merged = await self.closures.refresh(session, self.config)
        except Exception:  # a job boundary: keep the calendars known and look again later
            logger.exception("calendar closures refresh failed")
            return
        if merged is not None:
            self.config = merged


JobRun = Callable[[JobContext, datetime], Awaitable[int]]


@dataclass(frozen=True)
class Job:
    """A periodic job; `run` returns how much it did (notices queued, tickets closed)."""

    name: str
    interval: timedelta
    run: JobRun
    lease: timedelta = timedelta(minutes=5)


async def _sla_sweep(context: JobContext, now: datetime) -> int:
    return await sla_sweep.sweep_due_tickets(context.sessions, context.config, now)


async def _auto_close(context: JobContext, now: datetime) -> int:
    return await auto_close.close_unanswered(
        context.sessions, context.config, now, context.auto_close_working_days
    )


async def _workload(context: JobContext, now: datetime) -> int:
    return await workload.alert_workload(context.sessions, context.config, now)


async def _digest(context: JobContext, now: datetime) -> int:
    return await digest.send_morning_digest(context.sessions, context.config, now)


async def _idle_flows(context: JobContext, now: datetime) -> int:
    return await conversations.expire_idle_flows(context.sessions, now)


async def _forget_updates(context: JobContext, now: datetime) -> int:
    async with context.sessions() as session, session.begin():
        return await idempotency.forget_old_updates(session, now)


async def _prune_outbox(context: JobContext, now: datetime) -> int:
    return await outbox_pruning.prune_outbox(context.sessions, now)


async def _retention(context: JobContext, now: datetime) -> int:
    return await retention.enforce_retention(context.sessions, now, context.retention_days)


MINUTE = timedelta(minutes=1)
JOBS: tuple[Job, ...] = (
    Job("sla-sweep", MINUTE, _sla_sweep),
    Job("auto-close", 5 * MINUTE, _auto_close),
    Job("workload-alerts", 15 * MINUTE, _workload),
    Job("morning-digest", MINUTE, _digest),
    Job("idle-flows", MINUTE, _idle_flows),
    Job("retention", timedelta(days=1), _retention, lease=timedelta(hours=1)),
    Job("forget-updates", timedelta(hours=1), _forget_updates),
    Job("outbox-prune", timedelta(days=1), _prune_outbox, lease=timedelta(hours=1)),
)


async def run_job(job: Job, context: JobContext, holder: str, now: datetime) -> int | None:
    """Run `job` once under its lease; None when another worker holds it or the run failed."""
    try:
        if not await lease.acquire(context.sessions, job.name, holder, now, job.lease):
            logger.debug("job skipped job=%s reason=leased", job.name)
            return None
    except Exception:  # a job boundary: the database may be away; try next interval
        logger.exception("job lease failed job=%s", job.name)
        return None
    try:
        done = await job.run(context, now)
    except Exception:  # a job boundary: log and let the next run retry
        logger.exception("job failed job=%s", job.name)
        return None
    finally:
        await _release(job, context, holder, now)
    if done:
        logger.info("job ran job=%s done=%s", job.name, done)
    return done


async def _release(job: Job, context: JobContext, holder: str, now: datetime) -> None:
    try:
        await lease.release(context.sessions, job.name, holder, now)
    except Exception:  # the lease then simply expires
        logger.exception("job lease release failed job=%s", job.name)


@dataclass
class JobSchedule:
    """When each job is next due, for a worker that ticks instead of using APScheduler."""

    jobs: Sequence[Job] = JOBS
    next_run: dict[str, datetime] = field(default_factory=dict)

    def due(self, now: datetime) -> list[Job]:
        """Jobs due at `now`, each moved on to its next interval."""
        ready = [job for job in self.jobs if self.next_run.get(job.name, now) <= now]
        for job in ready:
            self.next_run[job.name] = now + job.interval
        return ready
