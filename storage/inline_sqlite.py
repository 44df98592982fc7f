"""SQLite on the event loop's own thread, through one connection per process.

aiosqlite hands every call (execute, fetch, commit, even creating a cursor) to a worker
thread and wakes the loop when it is done. For SQLite those calls take microseconds, so the
hand-offs cost far more than the work: a plain question spent most of its time waiting for
them. `InlineConnection` keeps aiosqlite's interface, which SQLAlchemy's dialect drives, but
runs each call at once.

A call that waits for SQLite's write lock would block the whole loop, so the engine gets a
single pooled connection: transactions in this process queue for it without blocking the
loop, and nothing in this process can ever hold the lock the loop is waiting for. Only
another process (a second `sigap` command on the same file) can make a statement wait, for
at most `busy_timeout`. `SingleConnectionPool` also refuses, at once and by name, a task
that asks for a second session while it holds the first: that would wait for itself.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from typing import Any

import aiosqlite
from sqlalchemy.engine import URL
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.pool import AsyncAdaptedQueuePool, ConnectionPoolEntry


class InlineConnection(aiosqlite.Connection):
    """An aiosqlite connection whose calls run on the calling thread, without a hand-off."""

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self._running or not self._connection:
            raise ValueError("Connection closed")
        return fn(*args, **kwargs)

    async def _connect(self) -> InlineConnection:
        if self._connection is None:
            self._connection = self._connector()
        return self


class NestedSessionError(RuntimeError):
    """A task asked for a second database session while it still holds one."""


class SingleConnectionPool(AsyncAdaptedQueuePool):
    """One connection, handed to one task at a time; a task that nests sessions fails fast."""

    def __init__(self, creator: Any, **kw: Any) -> None:
        kw.update(pool_size=1, max_overflow=0)
        super().__init__(creator, **kw)
        self._holder: asyncio.Task[Any] | None = None

    def _do_get(self) -> ConnectionPoolEntry:
        task = _current_task()
        if task is not None and task is self._holder:
            raise NestedSessionError(
                "this task already holds the SQLite connection; finish that session first"
            )
        record = super()._do_get()
        self._holder = task
        return record

    def _do_return_conn(self, record: ConnectionPoolEntry) -> None:
        self._holder = None
        super()._do_return_conn(record)

    def recreate(self) -> SingleConnectionPool:
        return self.__class__(
            self._creator,
            recycle=self._recycle,
            echo=self.echo,
            pre_ping=self._pre_ping,
            logging_name=self._orig_logging_name,
            reset_on_return=self._reset_on_return,
            _dispatch=self.dispatch,
            dialect=self._dialect,
            timeout=self._timeout,
        )


def _current_task() -> asyncio.Task[Any] | None:
    try:
        return asyncio.current_task()
    except RuntimeError:  # no running loop: a synchronous caller
        return None


def inline_creator(url: URL, dialect: Dialect) -> Callable[[], Any]:
    """An `async_creator` for `create_async_engine`, connecting as the dialect would."""
    args, kwargs = dialect.create_connect_args(url)
    kwargs["check_same_thread"] = False

    def open_sqlite() -> sqlite3.Connection:
        return sqlite3.connect(*args, **kwargs)  # type: ignore[call-overload, no-any-return]

    async def connect() -> InlineConnection:
        connection = InlineConnection(open_sqlite, 64)
        connection._thread.daemon = True
        connection._thread.start()  # kept for the dialect's rare direct use of the queue
        return await connection._connect()

    return connect
