"""Time one SLA sweep over a large ticket table, and the same sweep at a tenth of the size.

Prints ``sla_sweep_ms`` (1,000,000 tickets, 50,000 open), ``sla_sweep_small_ms`` (100,000
tickets, 5,000 open) and ``sla_sweep_due_tickets``, the tickets due in each sweep: the same
number at both sizes, as a sweep every minute meets about as many checkpoints whatever the
history behind them. Equal figures at both sizes show the sweep follows what is due, not
the table.

The database is an SQLite file in a temporary folder, migrated as the bot does, then filled
with bulk inserts: closed and open tickets by one recursive-CTE INSERT each, and the due
tickets from Python with due times computed on the office calendar. Each size is swept five
times, resetting the due tickets between runs, and the best time is printed, as `timeit`
does: other load on the machine only ever adds time.

Run from the repository root: ``.venv/bin/python -m bench.bench_sla``.
"""

from __future__ import annotations

import asyncio
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.settings import DEFAULT_MATRIX
from desk.calendar import BusinessCalendar
from desk.config import DeskConfig
from desk.priority import PriorityMatrix
from desk.sla import checkpoints
from scheduler.sla_sweep import sweep_due_tickets
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade_database
from storage.models import Ticket

ZONE = ZoneInfo("Asia/Jakarta")
NOW = datetime(2026, 12, 14, 10, 0, tzinfo=ZONE)  # Monday 10.00 WIB
DUE = 250
REQUESTERS = 1000
SERVICES = 10
RUNS = 5
STAMP = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores datetimes in SQLite


def stamp(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).strftime(STAMP)


def desk() -> DeskConfig:
    office = BusinessCalendar.office(tz=ZONE.key)
    return DeskConfig(
        matrix=PriorityMatrix.from_mapping(DEFAULT_MATRIX),
        timezone=ZONE,
        calendars={"office": office},
        agents_chat_id=-1001000000001,
    )


def fill_people_and_services(db: sqlite3.Connection) -> None:
    created = stamp(NOW - timedelta(days=400))
    people = [
        (n, 500000 + n, f"Pengguna {n}", "requester", created) for n in range(1, REQUESTERS + 1)
    ]
    people += [
        (REQUESTERS + 1, 900001, "Agen", "agent", created),
        (REQUESTERS + 2, 900002, "Koordinator A", "coordinator", created),
        (REQUESTERS + 3, 900003, "Koordinator B", "coordinator", created),
    ]
    db.executemany(
        "INSERT INTO people (id, telegram_id, full_name, language, role, created_at, "
        "updated_at) VALUES (?, ?, ?, 'id', ?, ?, ?)",
        [(*person, person[-1]) for person in people],
    )
    db.executemany(
        "INSERT INTO services (id, code, name, description, audience, benefits, contact, "
        "operating_hours, calendar_code, owner, request_procedure, status, keywords, "
        "created_at, updated_at) VALUES (?, ?, ?, '', '', '', '', '', 'office', '', '', "
        "'active', '[]', ?, ?)",
        [(n, f"svc-{n}", f"Layanan {n}", created, created) for n in range(1, SERVICES + 1)],
    )


TICKET_COLUMNS = (
    "number, ticket_type, service_id, requester_id, assignee_id, title, description, details, "
    "urgency, impact, priority, status, channel, created_at, updated_at, first_response_at, "
    "response_due_at, resolution_due_at, response_target_minutes, resolution_target_minutes, "
    "paused_minutes, sla_check_at"
)


def fill_history(db: sqlite3.Connection, total: int, open_count: int) -> None:
    """Closed tickets over the past year, then open ones checked minutes to days ahead."""
    closed = total - open_count - DUE
    base = stamp(NOW - timedelta(days=365))
    db.execute(
        f"WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?) "
        f"INSERT INTO tickets ({TICKET_COLUMNS}) SELECT "
        "printf('GGN-H-%08d', n), 'incident', 1 + n % ?, 1 + n % ?, ?, 'Tiket lama', '', '{}', "
        "'medium', 'medium', 'medium', 'closed', 'telegram', "
        "printf('%s.000000', datetime(?, '+' || (n * 30) || ' seconds')), "
        "printf('%s.000000', datetime(?, '+' || (n * 30) || ' seconds')), "
        "NULL, NULL, NULL, 120, 480, 0, NULL FROM seq",
        (closed, SERVICES, REQUESTERS, REQUESTERS + 1, base, base),
    )
    ahead = stamp(NOW + timedelta(minutes=1))
    db.execute(
        f"WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ?) "
        f"INSERT INTO tickets ({TICKET_COLUMNS}) SELECT "
        "printf('GGN-O-%08d', n), 'incident', 1 + n % ?, 1 + n % ?, ?, 'Tiket terbuka', '', "
        "'{}', 'medium', 'medium', 'medium', 'in_progress', 'telegram', ?, ?, ?, NULL, "
        "printf('%s.000000', datetime(?, '+' || (n * 17 % 604800) || ' seconds')), 120, 480, 0, "
        "printf('%s.000000', datetime(?, '+' || (n * 7 % 604800) || ' seconds')) FROM seq",
        (open_count, SERVICES, REQUESTERS, REQUESTERS + 1, base, base, base, ahead, ahead),
    )


def due_rows(config: DeskConfig) -> list[tuple[object, ...]]:
    """Tickets whose next checkpoint has come: response and resolution warnings, breaches."""
    calendar = config.calendar(None)
    friday = datetime(2026, 12, 11, 7, 30, tzinfo=ZONE)
    rows: list[tuple[object, ...]] = []
    for n in range(DUE):
        # Opened last Friday from 07.30 on: the earliest are breached by Monday 10.00,
        # the latest have used 75% of their resolution time.
        created = friday + timedelta(minutes=n)
        responded = created + timedelta(minutes=10) if n % 3 else None
        ticket = Ticket(
            status="in_progress",
            created_at=created,
            first_response_at=responded,
            response_target_minutes=60,
            resolution_target_minutes=480,
            response_due_at=calendar.add_business_time(created, 60),
            resolution_due_at=calendar.add_business_time(created, 480),
            paused_minutes=0.0,
        )
        check_at = checkpoints(ticket, calendar)[0].at
        rows.append(
            (
                f"GGN-D-{n:08d}", "incident", 1 + n % SERVICES, 1 + n % REQUESTERS,
                REQUESTERS + 1, "Tiket jatuh tempo", "", "{}", "high", "medium", "high",
                "in_progress", "telegram", stamp(created), stamp(created), stamp(responded),
                stamp(ticket.response_due_at), stamp(ticket.resolution_due_at), 60, 480, 0.0,
                stamp(check_at),
            )
        )  # fmt: skip
    return rows


def build(path: Path, total: int, open_count: int, config: DeskConfig) -> None:
    db = sqlite3.connect(path)
    try:
        db.execute("PRAGMA synchronous=OFF")
        fill_people_and_services(db)
        fill_history(db, total, open_count)
        placeholders = ", ".join("?" * len(TICKET_COLUMNS.split(",")))
        db.executemany(
            f"INSERT INTO tickets ({TICKET_COLUMNS}) VALUES ({placeholders})", due_rows(config)
        )
        db.commit()
        db.execute("ANALYZE")
    finally:
        db.close()


def reset(path: Path, config: DeskConfig) -> None:
    """Put the due tickets back as they were and forget the notices, for another run."""
    db = sqlite3.connect(path)
    try:
        db.execute("DELETE FROM outbox")
        db.executemany(
            "UPDATE tickets SET sla_check_at = ? WHERE number = ?",
            [(row[-1], row[0]) for row in due_rows(config)],
        )
        db.commit()
    finally:
        db.close()


async def time_sweeps(path: Path, config: DeskConfig) -> float:
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    sessions = create_session_factory(engine)
    timings = []
    # A running bot has laid out this year's calendar table at its first sweep.
    config.calendar(None).add_business_time(NOW, 1)
    try:
        for _ in range(RUNS):
            reset(path, config)
            await sweep_due_tickets(sessions, config, NOW - timedelta(days=30))  # warm pool
            began = time.perf_counter()
            queued = await sweep_due_tickets(sessions, config, NOW)
            timings.append((time.perf_counter() - began) * 1000)
            assert queued >= DUE, f"expected at least {DUE} notices, got {queued}"
    finally:
        await engine.dispose()
    return min(timings)


async def measure(folder: Path, total: int, open_count: int) -> float:
    config = desk()
    path = folder / f"sla-{total}.db"
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    try:
        await upgrade_database(engine)
    finally:
        await engine.dispose()
    build(path, total, open_count, config)
    return await time_sweeps(path, config)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="sigap-bench-") as folder:
        large = asyncio.run(measure(Path(folder), 1_000_000, 50_000))
        small = asyncio.run(measure(Path(folder), 100_000, 5_000))
    print(f"sla_sweep_ms: {large:.1f}")
    print(f"sla_sweep_small_ms: {small:.1f}")
    print(f"sla_sweep_due_tickets: {DUE}")


if __name__ == "__main__":
    main()
