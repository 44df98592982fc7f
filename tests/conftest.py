"""Shared fixtures: fixed clocks, real databases (SQLite files and PostgreSQL), offline bot."""

from __future__ import annotations

import asyncio
import itertools
import shutil
import sqlite3
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.harness import OfflineSigap
from bot.seed import load_seed
from bot.settings import DEFAULT_MATRIX, Settings
from desk.calendar import BusinessCalendar
from desk.config import DeskConfig
from desk.priority import PriorityMatrix
from storage.db import SessionFactory, create_engine, create_session_factory
from storage.migrate import upgrade_database
from tests.support.postgres import create_database, pg_bin_or_skip, throwaway_cluster

AGENTS_CHAT = -1001000000001
ADMIN_ID = 9000000001
SEED = Path(__file__).resolve().parent.parent / "seed"
_names = itertools.count()
FIRST_MONDAY = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)  # Monday 7 December 2026, 09.00 WIB


class FixedClock:
    """A clock that only moves when the test says so."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(FIRST_MONDAY)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    pg_bin_or_skip()
    with throwaway_cluster() as url:
        yield url


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Migrated (and migrated + seeded) SQLite files, made once and copied for each test."""
    folder = tmp_path_factory.mktemp("templates")
    made = {"empty": folder / "empty.db", "seeded": folder / "seeded.db"}
    asyncio.run(_build_template(made["empty"], seed=False))
    asyncio.run(_build_template(made["seeded"], seed=True))
    return made


async def _build_template(path: Path, *, seed: bool) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    try:
        await upgrade_database(engine)
        if seed:
            await load_seed(create_session_factory(engine), SEED, FIRST_MONDAY)
    finally:
        await engine.dispose()
    with sqlite3.connect(path) as connection:  # fold the WAL in, so one file is the copy
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def copy_of(template: Path, tmp_path: Path) -> str:
    target = tmp_path / "sigap.db"
    shutil.copyfile(template, target)
    return f"sqlite+aiosqlite:///{target}"


@pytest.fixture(scope="session")
def postgres_template(postgres_server: str) -> str:
    """A migrated PostgreSQL database that each test's database is created from."""
    url = create_database(postgres_server, "sigap_template")
    engine = create_engine(url)

    async def migrate() -> None:
        try:
            await upgrade_database(engine)
        finally:
            await engine.dispose()

    asyncio.run(migrate())
    return "sigap_template"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, templates: dict[str, Path]
) -> str:
    """A fresh, migrated database of each backend: an SQLite file, a PostgreSQL database."""
    if request.param == "sqlite":
        return copy_of(templates["empty"], tmp_path)
    server: str = request.getfixturevalue("postgres_server")
    template: str = request.getfixturevalue("postgres_template")
    return create_database(server, f"t{next(_names)}", template=template)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """An empty SQLite file path (not yet migrated), for tests of start-up itself."""
    return f"sqlite+aiosqlite:///{tmp_path / 'sigap.db'}"


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[SessionFactory]:
    """Sessions on a migrated database, for storage, desk and scheduler tests."""
    engine = create_engine(database_url)
    try:
        await upgrade_database(engine)  # already at head: checks the template is current
        yield create_session_factory(engine)
    finally:
        await engine.dispose()


@pytest.fixture
def desk_config() -> DeskConfig:
    zone = ZoneInfo("Asia/Jakarta")
    return DeskConfig(
        matrix=PriorityMatrix.from_mapping(DEFAULT_MATRIX),
        timezone=zone,
        calendars={
            "office": BusinessCalendar.office(tz="Asia/Jakarta"),
            "24x7": BusinessCalendar.always_open(tz="Asia/Jakarta"),
        },
        agents_chat_id=AGENTS_CHAT,
    )


def offline_settings(url: str) -> Settings:
    return Settings(
        _env_file=None,
        database_url=url,
        agents_chat_id=AGENTS_CHAT,
        admin_ids=(ADMIN_ID,),
        calendars_file=SEED / "calendars.yaml",
    )


@pytest.fixture
async def sigap(
    tmp_path: Path, templates: dict[str, Path], clock: FixedClock
) -> AsyncIterator[OfflineSigap]:
    """The real application over the offline Bot API, on a seeded SQLite file."""
    url = copy_of(templates["seeded"], tmp_path)
    settings = offline_settings(url)
    engine = create_engine(url)
    try:
        async with OfflineSigap(settings, create_session_factory(engine), clock) as running:
            yield running
    finally:
        await engine.dispose()
