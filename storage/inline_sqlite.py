"""SQLite on the event loop's own thread, through one connection per process.

For SQLite a statement takes microseconds. aiosqlite hands every call (execute, fetch,
commit, even creating a cursor) to a worker thread and wakes the loop when it is done, and
SQLAlchemy's adapter for it switches greenlets around each call: together they cost many
times the work. `InlineSQLiteDialect` is SQLAlchemy's own sqlite3 dialect, declared
asynchronous so that `create_async_engine` and `AsyncSession` take it: every call then runs
at once, on the loop's thread, with no hand-off and no adapter.

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
from contextvars import ContextVar
from typing import Any

from sqlalchemy.dialects import registry
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine import URL
from sqlalchemy.exc import MissingGreenlet
from sqlalchemy.pool import AsyncAdaptedQueuePool, ConnectionPoolEntry
from sqlalchemy.util import await_
from sqlalchemy.util.concurrency import in_greenlet

DRIVER = "sigap_inline"


class InlineCursor(sqlite3.Cursor):
    """A plain sqlite3 cursor, with the one coroutine SQLAlchemy's asyncio layer calls."""

    async def _async_soft_close(self) -> None:
        return None  # rows are read straight from SQLite; there is nothing to release early


class InlineSQLiteConnection(sqlite3.Connection):
    """A sqlite3 connection whose cursors are `InlineCursor`s."""

    def cursor(self, factory: Any = InlineCursor) -> Any:
        return super().cursor(factory)


class InlineSQLiteDialect(SQLiteDialect_pysqlite):
    """sqlite3, run inline: asynchronous in name only, because SQLite never waits on a network."""

    is_async = True
    supports_statement_cache = True
    driver = DRIVER

    @classmethod
    def get_pool_class(cls, url: URL) -> type[SingleConnectionPool]:
        return SingleConnectionPool

    def create_connect_args(self, url: URL) -> Any:
        args, kwargs = super().create_connect_args(url)
        # Only the loop's thread uses the connection, but the pool may close it elsewhere.
        kwargs.update(factory=InlineSQLiteConnection, check_same_thread=False)
        return args, kwargs

    def do_execute(
        self, cursor: Any, statement: Any, parameters: Any, context: Any = None
    ) -> None:
        _check_context()
        super().do_execute(cursor, statement, parameters, context)  # type: ignore[no-untyped-call]

    def do_execute_no_params(self, cursor: Any, statement: Any, context: Any = None) -> None:
        _check_context()
        super().do_execute_no_params(cursor, statement, context)  # type: ignore[no-untyped-call]

    def do_executemany(
        self, cursor: Any, statement: Any, parameters: Any, context: Any = None
    ) -> None:
        _check_context()
        many = super().do_executemany
        many(cursor, statement, parameters, context)  # type: ignore[no-untyped-call]


# True while an `InlineSession` calls the ORM directly, holding its connection.
DIRECT: ContextVar[bool] = ContextVar("inline_sqlite_direct", default=False)


async def _nothing() -> None:
    return None


def _check_context() -> None:
    """Run a statement only where an asynchronous driver could: await once, or refuse.

    In SQLAlchemy's greenlet, await once, on nothing: `AsyncConnection.execute` refuses a
    driver that never awaits, to catch a blocking driver used by mistake, and this one blocks
    on purpose, for microseconds. Outside a greenlet only an `InlineSession`'s own direct
    calls may run statements. Anything else is implicit IO, a lazy load say, which
    PostgreSQL's driver refuses; it is refused here too, or the SQLite tests would pass code
    that fails in production.
    """
    if in_greenlet():
        await_(_nothing())
    elif not DIRECT.get():
        raise MissingGreenlet(
            "SQL run outside the session's own calls (a lazy load?); load it explicitly"
        )


registry.register(f"sqlite.{DRIVER}", __name__, "InlineSQLiteDialect")


def inline_url(url: URL) -> URL:
    """The same SQLite file, opened through `InlineSQLiteDialect`."""
    return url.set(drivername=f"sqlite+{DRIVER}")


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
