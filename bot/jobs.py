"""Periodic work: on PTB's job queue inside the bot process, or alone in `sigap worker`.

Both run the same `scheduler.jobs.JOBS`, each run under its database lease, and deliver the
outbox every few seconds. `sigap worker` is for webhook installs that want the periodic
work in a process of its own: it polls nothing and answers no updates.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime
from typing import Any

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import CallbackContext, Defaults, ExtBot, JobQueue

from bot.app import SigapApplication, desk_config, open_database
from bot.notifier import TelegramSender
from bot.settings import Settings
from desk.closures import ClosureWatch
from handlers.catalog_admin import refresh_closures
from handlers.runtime import RUNTIME_KEY, Runtime
from scheduler.delivery import Sender, deliver_due
from scheduler.jobs import JOBS, Job, JobContext, JobSchedule, run_job
from scheduler.lease import worker_name
from storage.db import SessionFactory

logger = logging.getLogger(__name__)

DELIVERY_INTERVAL = 3.0
CLOSURES_INTERVAL = 60.0  # how soon closures stored by another process reach this one


def _job_queue(application: SigapApplication) -> JobQueue[Any]:
    if application.job_queue is None:
        raise RuntimeError("python-telegram-bot was installed without the job-queue extra")
    return application.job_queue


def schedule_delivery(
    application: SigapApplication, sessions: SessionFactory, *, forum_topics: bool = False
) -> None:
    """Deliver the outbox every few seconds; a failing run is logged and tried again."""
    sender = TelegramSender(application.bot, forum_topics=forum_topics)

    async def deliver(_: CallbackContext[Any, Any, Any, Any]) -> None:
        try:
            await deliver_due(sessions, sender, datetime.now(UTC))
        except Exception:  # a job boundary: log and let the next run retry
            logger.exception("outbox delivery run failed")

    _job_queue(application).run_repeating(
        deliver, interval=DELIVERY_INTERVAL, first=1.0, name="outbox-delivery"
    )


def schedule_jobs(application: SigapApplication, settings: Settings) -> None:
    """Every job in `JOBS` on the job queue, with the runtime's sessions, desk and clock."""
    runtime = application.bot_data[RUNTIME_KEY]
    if not isinstance(runtime, Runtime):
        raise RuntimeError("the Sigap runtime is missing from bot_data")
    context = JobContext(
        runtime.sessions, runtime.desk, settings.auto_close_working_days, settings.retention_days
    )
    holder = worker_name()
    queue = _job_queue(application)
    for job in JOBS:
        queue.run_repeating(
            _job_callback(job, context, holder, runtime),
            interval=job.interval,
            first=5.0,
            name=job.name,
        )
    queue.run_repeating(
        _closures_callback(runtime), interval=CLOSURES_INTERVAL, name="calendar-closures"
    )


def _job_callback(
    job: Job, context: JobContext, holder: str, runtime: Runtime
) -> Callable[[CallbackContext[Any, Any, Any, Any]], Any]:
    async def run(_: CallbackContext[Any, Any, Any, Any]) -> None:
        # The handlers' desk changes when a closure is added or another process's arrives;
        # the jobs use the same calendars, not the ones the process started with.
        context.config = runtime.desk
        await run_job(job, context, holder, runtime.now())

    return run


def _closures_callback(runtime: Runtime) -> Callable[[CallbackContext[Any, Any, Any, Any]], Any]:
    async def refresh(_: CallbackContext[Any, Any, Any, Any]) -> None:
        try:
            await refresh_closures(runtime)
        except Exception:  # a job boundary: the database may be away; look again later
            logger.exception("calendar closures refresh failed")

    return refresh


async def worker_tick(
    context: JobContext, schedule: JobSchedule, sender: Sender, holder: str, now: datetime
) -> int:
    """One beat of `sigap worker`: the jobs now due, then outbox delivery; notices sent."""
    due = schedule.due(now)
    if due:
        await context.refresh_calendars()
    for job in due:
        await run_job(job, context, holder, now)
    try:
        return await deliver_due(
            context.sessions, sender, now, coordinator_chats=context.config.coordinator_chat_ids
        )
    except Exception:  # a job boundary: log and let the next beat retry
        logger.exception("outbox delivery run failed")
        return 0


async def work(
    context: JobContext,
    sender: Sender,
    stop: asyncio.Event,
    clock: Callable[[], datetime],
    beat: float = DELIVERY_INTERVAL,
) -> None:
    """Beat until `stop` is set."""
    schedule, holder = JobSchedule(), worker_name()
    logger.info("worker started holder=%s jobs=%s", holder, len(schedule.jobs))
    while not stop.is_set():
        await worker_tick(context, schedule, sender, holder, clock())
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), beat)
    logger.info("worker stopped holder=%s", holder)


async def run_worker(settings: Settings) -> int:
    """`sigap worker`: jobs and outbox delivery in a process of their own, until SIGTERM."""
    token = settings.token()
    engine, sessions = await open_database(settings)
    desk = desk_config(settings)
    context = JobContext(
        sessions,
        desk,
        settings.auto_close_working_days,
        settings.retention_days,
        closures=ClosureWatch(desk.calendars),
    )
    bot: ExtBot[None] = ExtBot(
        token,
        base_url=settings.bot_api_base_url,
        base_file_url=settings.bot_api_file_url,
        defaults=Defaults(
            parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
        ),
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        async with bot:
            sender = TelegramSender(bot, forum_topics=settings.agents_forum_topics)
            await work(context, sender, stop, lambda: datetime.now(UTC))
    finally:
        await engine.dispose()
    return 0
