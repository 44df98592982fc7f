"""The jobs in their hosts: PTB's job queue in the bot, and the beat of `sigap worker`."""

from __future__ import annotations

import pytest

from bot.cli import dispatch, parser
from bot.harness import OfflineSigap
from bot.jobs import schedule_jobs, worker_tick
from bot.notifier import TelegramSender
from bot.settings import Settings, SettingsError
from scheduler.jobs import JOBS, JobContext, JobSchedule
from tests.conftest import AGENTS_CHAT, FixedClock
from tests.scheduler.support import assigned_incident, outbox_rows, wib


async def test_worker_beat_runs_due_jobs_then_delivers(sigap: OfflineSigap) -> None:
    async with sigap.sessions() as session, session.begin():
        ticket, agent = await assigned_incident(session, sigap.runtime.desk, wib(7, 9))
    context = JobContext(sigap.sessions, sigap.runtime.desk)
    schedule, sender = JobSchedule(), TelegramSender(sigap.app.bot)

    first = await worker_tick(context, schedule, sender, "worker-a", wib(7, 9, 45))
    second = await worker_tick(context, schedule, sender, "worker-a", wib(7, 9, 45))

    assert (first, second) == (2, 0)  # the SLA warning and the morning digest
    [warning] = sigap.api.to_chat(agent.telegram_id)
    assert "Peringatan SLA" in warning.text and ticket.number in warning.text
    assert "Ringkasan pagi" in sigap.api.last_to(AGENTS_CHAT).text
    assert [row.status for row in await outbox_rows(sigap.sessions, "sla_warning")] == ["sent"]


async def test_bot_schedules_every_job_and_a_run_goes_through_the_lease(
    sigap: OfflineSigap, clock: FixedClock
) -> None:
    async with sigap.sessions() as session, session.begin():
        await assigned_incident(session, sigap.runtime.desk, wib(7, 9))
    clock.now = wib(7, 9, 45)  # the bot's jobs read the runtime's clock
    queue = sigap.app.job_queue
    assert queue is not None

    schedule_jobs(sigap.app, sigap.settings)
    [sweep] = queue.get_jobs_by_name("sla-sweep")
    await sweep.run(sigap.app)

    assert {job.name for job in queue.jobs()} >= {job.name for job in JOBS}
    assert len(await outbox_rows(sigap.sessions, "sla_warning")) == 1


def test_worker_command_needs_a_token() -> None:
    arguments = parser().parse_args(["worker"])

    with pytest.raises(SettingsError, match="SIGAP_BOT_TOKEN"):
        dispatch(arguments, Settings(_env_file=None))
