"""Workload-limit alerts and the morning digest, on SQLite and PostgreSQL."""

from __future__ import annotations

from desk.config import DeskConfig
from desk.history import Actor
from desk.tickets import change_status
from desk.types import Role, TicketStatus
from scheduler.digest import send_morning_digest
from scheduler.workload import alert_workload, reached_thresholds
from storage.db import SessionFactory
from storage.models import Service
from tests.conftest import AGENTS_CHAT
from tests.scheduler.support import open_incident, outbox_rows, service_with_sla, staff, wib


def test_thresholds_round_up_to_whole_tickets() -> None:
    assert reached_thresholds(3, 5) == []
    assert reached_thresholds(4, 5) == [80]
    assert reached_thresholds(5, 5) == [80, 100]
    # 80% of 9 is 7.2 tickets: the eighth reaches it, the seventh does not.
    assert (reached_thresholds(7, 9), reached_thresholds(8, 9)) == ([], [80])


async def open_some(
    sessions: SessionFactory, config: DeskConfig, service: Service, count: int, day: int
) -> None:
    async with sessions() as session, session.begin():
        for _ in range(count):
            await open_incident(session, config, service, wib(day, 9))


async def test_workload_alerts_once_per_threshold_and_month(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        service = await service_with_sla(session, wib(1, 8), max_tickets=5)
        first = await staff(session, wib(1, 8), Role.COORDINATOR)
        second = await staff(session, wib(1, 8), Role.COORDINATOR, language="en")

    await open_some(sessions, desk_config, service, 3, day=1)
    below = await alert_workload(sessions, desk_config, wib(7, 10))
    await open_some(sessions, desk_config, service, 1, day=7)
    eighty = [await alert_workload(sessions, desk_config, wib(7, 10)) for _ in range(2)]
    await open_some(sessions, desk_config, service, 1, day=8)
    full = await alert_workload(sessions, desk_config, wib(8, 10))
    # January starts afresh: four tickets there reach 80% again, with a new key.
    async with sessions() as session, session.begin():
        for _ in range(4):
            await open_incident(session, desk_config, service, wib(5, 9, month=1, year=2027))
    january = await alert_workload(sessions, desk_config, wib(5, 10, month=1, year=2027))

    assert (below, eighty, full, january) == (0, [2, 0], 2, 2)
    alerts = await outbox_rows(sessions, "workload_alert")
    keys = sorted(a.dedupe_key or "" for a in alerts if a.chat_id == first.telegram_id)
    sla_id = keys[0].split(":")[1]
    assert keys == [
        f"workload:{sla_id}:2026-12:100:{first.telegram_id}",
        f"workload:{sla_id}:2026-12:80:{first.telegram_id}",
        f"workload:{sla_id}:2027-01:80:{first.telegram_id}",
    ]
    english = [a.text for a in alerts if a.chat_id == second.telegram_id]
    assert any("Workload limit 100%" in text and "5 tickets" in text for text in english)


async def test_workload_alert_at_night_waits_for_the_morning(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        service = await service_with_sla(session, wib(1, 8), max_tickets=1)
        await staff(session, wib(1, 8), Role.COORDINATOR)
    await open_some(sessions, desk_config, service, 1, day=7)

    await alert_workload(sessions, desk_config, wib(7, 21))

    alerts = await outbox_rows(sessions, "workload_alert")
    assert {a.next_attempt_at for a in alerts} == {wib(8, 7, 30)}


async def test_digest_once_per_working_day_at_half_past_seven(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        service = await service_with_sla(session, wib(4, 8))
        agent = await staff(session, wib(4, 8), Role.AGENT)
        await open_incident(session, desk_config, service, wib(4, 9), critical=True)
        await open_incident(session, desk_config, service, wib(4, 9))
        due_today = await open_incident(session, desk_config, service, wib(7, 7, 30))
        pended = await open_incident(session, desk_config, service, wib(4, 9), assignee=agent)
        actor = Actor(agent.id, Role.AGENT)
        change_status(session, desk_config, pended, TicketStatus.PENDING, actor, wib(4, 10))

    # Saturday 5 December, then Monday 7 December.
    runs = [
        await send_morning_digest(sessions, desk_config, moment)
        for moment in (wib(5, 7, 30), wib(7, 7, 29), wib(7, 7, 30), wib(7, 7, 31), wib(7, 13))
    ]
    tuesday = await send_morning_digest(sessions, desk_config, wib(8, 8))

    assert runs == [0, 0, 1, 0, 0]
    assert tuesday == 1
    monday, _ = await outbox_rows(sessions, "digest")
    assert monday.chat_id == AGENTS_CHAT
    assert monday.dedupe_key == f"digest:{AGENTS_CHAT}:2026-12-07"
    assert "Tiket terbuka: <b>4</b>" in monday.text
    assert "• Kritis: 1" in monday.text and "• Tinggi: 3" in monday.text
    # Due today: the one opened this morning (due 11.30); late: the two from Friday.
    assert due_today.resolution_due_at is not None
    assert "Jatuh tempo hari ini: <b>1</b>" in monday.text
    assert "Lewat batas: <b>2</b>" in monday.text
