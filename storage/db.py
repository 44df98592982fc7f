"""Engines and sessions for SQLite (embedded default) and PostgreSQL."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

from storage.inline_session import InlineSession
from storage.inline_sqlite import InlineSQLiteDialect, inline_url

logger = logging.getLogger(__name__)

SessionFactory = async_sessionmaker[AsyncSession]


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def ensure_sqlite_folder(url: str) -> None:
    """Create the folder of an SQLite file so a fresh checkout starts without setup."""
    database = make_url(url).database
    if is_sqlite(url) and database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    # WAL lets readers go on while one writer commits; foreign keys are off by default.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def create_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    """An async engine with the per-backend settings Sigap relies on."""
    if is_sqlite(url):
        ensure_sqlite_folder(url)
        engine = _create_sqlite_engine(url, echo=echo)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(url, echo=echo, pool_pre_ping=True, pool_size=10)


def _create_sqlite_engine(url: str, *, echo: bool) -> AsyncEngine:
    """SQLite run inline on the loop, through one pooled connection (see `inline_sqlite`)."""
    parsed = make_url(url)
    if parsed.database in (None, "", ":memory:"):
        return create_async_engine(url, echo=echo)
    return create_async_engine(inline_url(parsed), echo=echo)


def create_session_factory(engine: AsyncEngine) -> SessionFactory:
    inline = isinstance(engine.dialect, InlineSQLiteDialect)
    session_class = InlineSession if inline else AsyncSession
    return async_sessionmaker(engine, expire_on_commit=False, class_=session_class)
