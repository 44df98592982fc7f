"""Backup and restore round trips: SQLite online backup, PostgreSQL pg_dump/pg_restore."""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.backup import BackupError, backup, backup_command, restore
from desk.config import DeskConfig
from desk.tickets import open_ticket
from storage.db import SessionFactory, create_engine, create_session_factory
from storage.migrate import upgrade_database
from storage.models import Ticket
from tests.conftest import FixedClock, offline_settings
from tests.factories import draft, make_person
from tests.support.postgres import create_database, find_pg_bin


async def add_ticket(
    sessions: SessionFactory, config: DeskConfig, now: datetime, description: str
) -> None:
    async with sessions() as session, session.begin():
        person = await make_person(session, now)
        await open_ticket(session, config, draft(description=description), person, now)


async def descriptions(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            rows = await session.execute(select(Ticket.description).order_by(Ticket.id))
            return list(rows.scalars())
    finally:
        await engine.dispose()


async def round_trip(
    url: str, file: Path, config: DeskConfig, now: datetime, pg_bin: Path | None = None
) -> list[str]:
    """Two tickets, a backup taken while a session reads, a third ticket, then a restore."""
    engine = create_engine(url)
    try:
        await upgrade_database(engine)
        sessions = create_session_factory(engine)
        await add_ticket(sessions, config, now, "sebelum cadangan satu")
        await add_ticket(sessions, config, now, "sebelum cadangan dua")
        async with sessions() as reading:
            await reading.execute(select(Ticket))  # a read transaction stays open
            await backup(url, file, pg_bin=pg_bin)
        await add_ticket(sessions, config, now, "sesudah cadangan")
    finally:
        await engine.dispose()

    with pytest.raises(BackupError, match="--force"):
        await restore(url, file, pg_bin=pg_bin)
    await restore(url, file, force=True, pg_bin=pg_bin)
    return await descriptions(url)


async def test_sqlite_round_trip_forgets_what_came_after_the_backup(
    sqlite_url: str, tmp_path: Path, desk_config: DeskConfig, clock: FixedClock
) -> None:
    kept = await round_trip(sqlite_url, tmp_path / "cadangan.db", desk_config, clock())

    assert kept == ["sebelum cadangan satu", "sebelum cadangan dua"]


@pytest.mark.postgres
async def test_postgres_round_trip_with_pg_dump_and_pg_restore(
    postgres_server: str, tmp_path: Path, desk_config: DeskConfig, clock: FixedClock
) -> None:
    url = create_database(postgres_server, "backup_round_trip")

    kept = await round_trip(url, tmp_path / "cadangan.dump", desk_config, clock(), find_pg_bin())

    assert kept == ["sebelum cadangan satu", "sebelum cadangan dua"]


async def test_restore_refuses_a_file_that_is_not_a_sigap_database(
    sqlite_url: str, tmp_path: Path
) -> None:
    text_file = tmp_path / "catatan.db"
    text_file.write_text("bukan basis data")
    other = tmp_path / "lain.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE people (id INTEGER)")

    with pytest.raises(BackupError, match="not an SQLite database"):
        await restore(sqlite_url, text_file)
    with pytest.raises(BackupError, match="not a Sigap database"):
        await restore(sqlite_url, other)
    assert not await asyncio.to_thread((tmp_path / "sigap.db").exists)  # nothing was touched


async def test_restore_refuses_an_unknown_schema_revision(sqlite_url: str, tmp_path: Path) -> None:
    engine = create_engine(sqlite_url)
    await upgrade_database(engine)
    await engine.dispose()
    future = tmp_path / "masa-depan.db"
    await backup(sqlite_url, future)
    with sqlite3.connect(future) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999'")

    with pytest.raises(BackupError, match="revision 9999, unknown"):
        await restore(sqlite_url, future, force=True)


def test_command_line_reports_refusals_plainly(
    sqlite_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = offline_settings(sqlite_url)
    missing = argparse.Namespace(
        command="restore", file=tmp_path / "tidak-ada.db", force=False, pg_bin=None
    )
    written = argparse.Namespace(
        command="backup", file=tmp_path / "ada.db", force=False, pg_bin=None
    )

    refused = backup_command(missing, settings)
    no_database = backup_command(written, settings)

    assert (refused, no_database) == (1, 1)
    errors = capsys.readouterr().err
    assert "no backup file" in errors and "no database file" in errors
