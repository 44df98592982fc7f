"""Leases and the job runner: one worker at a time, takeover after expiry, failures logged."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

import pytest

from desk.config import DeskConfig
from scheduler import lease
from scheduler.jobs import JOBS, Job, JobContext, JobSchedule, run_job
from storage.db import SessionFactory
from tests.scheduler.support import assigned_incident, outbox_rows, wib

NOW = wib(7, 9)
TTL = timedelta(minutes=5)


async def test_a_lease_has_one_holder_until_it_expires(sessions: SessionFactory) -> None:
    first = await lease.acquire(sessions, "sla-sweep", "worker-a", NOW, TTL)
    second = await lease.acquire(
        sessions, "sla-sweep", "worker-b", NOW + timedelta(minutes=4), TTL
    )
    renewed = await lease.acquire(
        sessions, "sla-sweep", "worker-a", NOW + timedelta(minutes=4), TTL
    )
    taken_over = await lease.acquire(
        sessions, "sla-sweep", "worker-b", NOW + timedelta(minutes=9), TTL
    )
    other_job = await lease.acquire(sessions, "auto-close", "worker-a", NOW, TTL)

    assert (first, second, renewed, taken_over, other_job) == (True, False, True, True, True)


async def test_released_lease_is_free_at_once(sessions: SessionFactory) -> None:
    await lease.acquire(sessions, "digest", "worker-a", NOW, TTL)

    await lease.release(sessions, "digest", "worker-a", NOW)

    assert await lease.acquire(sessions, "digest", "worker-b", NOW, TTL)


async def test_concurrent_workers_never_both_take_a_lease(sessions: SessionFactory) -> None:
    for round_number in range(5):
        at = NOW + timedelta(hours=round_number)  # every earlier lease has expired

        results = await asyncio.gather(
            *(lease.acquire(sessions, "sla-sweep", f"worker-{n}", at, TTL) for n in range(4))
        )

        assert sum(results) == 1


async def test_two_workers_never_run_a_job_at_the_same_time(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    context = JobContext(sessions, desk_config)
    started, release_first = asyncio.Event(), asyncio.Event()
    runs: list[str] = []

    async def slow(_: JobContext, now: datetime) -> int:
        runs.append(now.isoformat())
        started.set()
        await release_first.wait()
        return 1

    job = Job("slow", timedelta(minutes=1), slow)
    first = asyncio.create_task(run_job(job, context, "worker-a", NOW))
    await started.wait()  # the first worker holds the lease and is running

    second = await run_job(job, context, "worker-b", NOW + timedelta(seconds=30))
    release_first.set()

    assert (await first, second) == (1, None)
    assert len(runs) == 1
    assert await run_job(job, context, "worker-b", NOW + timedelta(minutes=1)) == 1


async def test_a_failing_job_is_logged_and_its_lease_released(
    sessions: SessionFactory, desk_config: DeskConfig, caplog: pytest.LogCaptureFixture
) -> None:
    context = JobContext(sessions, desk_config)

    async def broken(_: JobContext, __: datetime) -> int:
        raise RuntimeError("database went away")

    with caplog.at_level(logging.ERROR, logger="scheduler.jobs"):
        result = await run_job(Job("broken", timedelta(minutes=1), broken), context, "a", NOW)

    assert result is None
    assert "job failed job=broken" in caplog.text
    assert await lease.acquire(sessions, "broken", "worker-b", NOW, TTL)


async def test_the_listed_sweep_runs_under_its_lease_once(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        await assigned_incident(session, desk_config, NOW)
    context = JobContext(sessions, desk_config)
    sweep = next(job for job in JOBS if job.name == "sla-sweep")

    results = await asyncio.gather(
        run_job(sweep, context, "worker-a", wib(7, 9, 45)),
        run_job(sweep, context, "worker-b", wib(7, 9, 45)),
    )

    # One run sends the warning; the other is refused the lease or, if it came second,
    # finds nothing new to send.
    assert sorted(result or 0 for result in results) == [0, 1]
    assert len(await outbox_rows(sessions, "sla_warning")) == 1


def test_schedule_runs_each_job_at_its_interval() -> None:
    schedule = JobSchedule()

    at_start = {job.name for job in schedule.due(NOW)}
    a_minute_on = {job.name for job in schedule.due(NOW + timedelta(minutes=1))}
    five_minutes_on = {job.name for job in schedule.due(NOW + timedelta(minutes=5))}

    assert at_start == {job.name for job in JOBS}
    assert a_minute_on == {"sla-sweep", "morning-digest", "idle-flows"}
    assert "auto-close" in five_minutes_on and "workload-alerts" not in five_minutes_on
