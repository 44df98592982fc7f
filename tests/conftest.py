"""Shared fixtures: fixed clocks, real databases (SQLite files and PostgreSQL), offline bot."""

from __future__ import annotations

import itertools
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
    # Monday 7 December 2026, 09.00 WIB.
    return FixedClock(datetime(2026, 12, 7, 2, 0, tzinfo=UTC))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    pg_bin_or_skip()
    with throwaway_cluster() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of each backend: an SQLite file, a PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'sigap.db'}"
    server: str = request.getfixturevalue("postgres_server")
    return create_database(server, f"t{next(_names)}")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'sigap.db'}"


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[SessionFactory]:
    """Sessions on a migrated database, for storage, desk and scheduler tests."""
    engine = create_engine(database_url)
    try:
        await upgrade_database(engine)
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
async def sigap(sqlite_url: str, clock: FixedClock) -> AsyncIterator[OfflineSigap]:
    """The real application over the offline Bot API, on a seeded SQLite file."""
    settings = offline_settings(sqlite_url)
    engine = create_engine(sqlite_url)
    await upgrade_database(engine)
    try:
        sessions = create_session_factory(engine)
        await load_seed(sessions, SEED, clock())
        async with OfflineSigap(settings, sessions, clock) as running:
            yield running
    finally:
        await engine.dispose()
