"""A closure added with /libur reaches the jobs of the same process, other bot processes and
`sigap worker`, not only the handlers of the process that stored it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date

import pytest
from sqlalchemy import select

from bot.harness import OfflineSigap
from bot.jobs import schedule_jobs, worker_tick
from bot.notifier import TelegramSender
from desk.closures import ClosureWatch
from desk.types import TicketStatus
from scheduler.jobs import JobContext, JobSchedule
from storage.db import create_engine, create_session_factory
from storage.models import CalendarClosure
from tests.conftest import FixedClock
from tests.scheduler.support import reload, wib
from tests.scheduler.test_auto_close import resolved_ticket

COORDINATOR = 9100000101
MONDAY_28 = date(2026, 12, 28)
TUESDAY_29 = date(2026, 12, 29)
FLOOD = "/libur tambah 2026-12-28 Banjir di kantor pusat"


@pytest.fixture
async def other_process(sigap: OfflineSigap, clock: FixedClock) -> AsyncIterator[OfflineSigap]:
    """A second bot process on the same database, started before the closure was added."""
    engine = create_engine(sigap.settings.database_url)
    try:
        async with OfflineSigap(sigap.settings, create_session_factory(engine), clock) as other:
            yield other
    finally:
        await engine.dispose()


async def run_job(sigap: OfflineSigap, name: str) -> None:
    queue = sigap.app.job_queue
    assert queue is not None
    [job] = queue.get_jobs_by_name(name)
    await job.run(sigap.app)


def closed_days(sigap: OfflineSigap) -> set[date]:
    return {closure.date for closure in sigap.runtime.desk.calendar("office").closures}


async def test_the_jobs_of_the_same_process_count_the_new_closure(
    sigap: OfflineSigap, clock: FixedClock
) -> None:
    # Resolved Wednesday 23rd. The 24th is cuti bersama, the 25th Christmas, then a weekend:
    # three working days end Wednesday 30th, or Thursday 31st once the 28th is shut too.
    ticket = await resolved_ticket(sigap.sessions, sigap.runtime.desk, wib(23, 10))
    schedule_jobs(sigap.app, sigap.settings)
    added = await sigap.say(sigap.person(COORDINATOR, "Hendra"), FLOOD)
    assert "Banjir di kantor pusat" in added[-1].text

    clock.now = wib(30, 10, 5)
    await run_job(sigap, "auto-close")
    waiting = await reload(sigap.sessions, ticket.id)
    clock.now = wib(31, 10, 5)
    await run_job(sigap, "auto-close")
    closed = await reload(sigap.sessions, ticket.id)

    assert waiting.status == TicketStatus.RESOLVED.value
    assert closed.status == TicketStatus.CLOSED.value


async def test_another_bot_process_takes_in_the_closure_on_its_next_look(
    sigap: OfflineSigap, other_process: OfflineSigap
) -> None:
    schedule_jobs(other_process.app, other_process.settings)
    await run_job(other_process, "calendar-closures")  # what it knew at start: no closure
    assert MONDAY_28 not in closed_days(other_process)

    await sigap.say(sigap.person(COORDINATOR, "Hendra"), FLOOD)
    await run_job(other_process, "calendar-closures")

    assert MONDAY_28 in closed_days(sigap)
    assert MONDAY_28 in closed_days(other_process)


async def test_the_worker_takes_in_the_closure_before_its_jobs_run(
    sigap: OfflineSigap, clock: FixedClock
) -> None:
    file_desk = sigap.runtime.desk
    context = JobContext(sigap.sessions, file_desk, closures=ClosureWatch(file_desk.calendars))
    ticket = await resolved_ticket(sigap.sessions, file_desk, wib(23, 10))
    await sigap.say(sigap.person(COORDINATOR, "Hendra"), FLOOD)
    schedule, sender = JobSchedule(), TelegramSender(sigap.app.bot)

    await worker_tick(context, schedule, sender, "worker-a", wib(30, 10, 5))

    assert MONDAY_28 in {c.date for c in context.config.calendar("office").closures}
    assert MONDAY_28 not in {c.date for c in file_desk.calendar("office").closures}
    waiting = await reload(sigap.sessions, ticket.id)
    assert waiting.status == TicketStatus.RESOLVED.value


async def test_a_closure_removed_and_another_added_in_its_place_is_noticed(
    sigap: OfflineSigap, clock: FixedClock
) -> None:
    watch = ClosureWatch(sigap.runtime.desk.calendars)
    await sigap.say(sigap.person(COORDINATOR, "Hendra"), FLOOD)
    async with sigap.sessions() as session, session.begin():
        assert await watch.refresh(session, sigap.runtime.desk) is not None
        newest = (
            (await session.execute(select(CalendarClosure).order_by(CalendarClosure.id.desc())))
            .scalars()
            .first()
        )
        assert newest is not None
        calendar_code, newest_id = newest.calendar_code, newest.id
        await session.delete(newest)
    clock.advance(minutes=5)
    async with sigap.sessions() as session, session.begin():
        session.add(
            replacement := CalendarClosure(
                calendar_code=calendar_code,
                day=TUESDAY_29,
                reason="Listrik padam",
                created_at=clock(),
            )
        )
    async with sigap.sessions() as session, session.begin():
        merged = await watch.refresh(session, sigap.runtime.desk)

    assert replacement.id == newest_id  # SQLite handed out the removed row's id again
    assert merged is not None
    days = {closure.date for closure in merged.calendar(calendar_code).closures}
    assert TUESDAY_29 in days and MONDAY_28 not in days
