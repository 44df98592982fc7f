"""An `AsyncSession` for inline SQLite that calls the ORM directly once it holds the connection.

`AsyncSession` runs every call in a greenlet, so that a driver deep below can await the
network, and closes itself in a task of its own, so that a cancelled caller cannot leave a
connection half returned. With `InlineSQLiteDialect` nothing below the ORM ever waits but the
pool, when it hands out the connection; and nothing can interrupt a close, since it never
yields to the loop. So once a transaction holds the connection, `InlineSession` calls the ORM
session straight away, and it closes in place. The first statement of a transaction, which
takes the connection, still goes the usual way. On a plain question this plumbing cost more
than SQLite's own work.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Executable, Result
from sqlalchemy.ext.asyncio import AsyncSession, AsyncSessionTransaction
from sqlalchemy.util import EMPTY_DICT, immutabledict

from storage.inline_sqlite import DIRECT

# As `AsyncSession.execute` does: rows are read before the call returns.
_BUFFERED = immutabledict({"prebuffer_rows": True})


@contextmanager
def _direct() -> Iterator[None]:
    """Mark the ORM calls made here as the session's own (see `inline_sqlite._check_context`)."""
    token = DIRECT.set(True)
    try:
        yield
    finally:
        DIRECT.reset(token)


class InlineSession(AsyncSession):
    """`AsyncSession` whose calls skip the greenlet while its transaction holds a connection."""

    def holds_connection(self) -> bool:
        transaction = self.sync_session.get_transaction()
        return transaction is not None and bool(transaction.connections)

    async def execute(
        self,
        statement: Executable,
        params: Any = None,
        *,
        execution_options: Any = EMPTY_DICT,
        bind_arguments: Any = None,
        **kw: Any,
    ) -> Result[Any]:
        if not self.holds_connection():
            return await super().execute(
                statement,
                params,
                execution_options=execution_options,
                bind_arguments=bind_arguments,
                **kw,
            )
        options = _BUFFERED.union(execution_options) if execution_options else _BUFFERED
        with _direct():
            return self.sync_session.execute(
                statement, params, execution_options=options, bind_arguments=bind_arguments, **kw
            )

    async def get(self, entity: Any, ident: Any, **kw: Any) -> Any:
        if not self.holds_connection():
            return await super().get(entity, ident, **kw)
        with _direct():
            return self.sync_session.get(entity, ident, **kw)

    async def flush(self, objects: Sequence[Any] | None = None) -> None:
        if not self.holds_connection():
            await super().flush(objects)
            return
        with _direct():
            self.sync_session.flush(objects)

    async def refresh(
        self,
        instance: object,
        attribute_names: Any = None,
        with_for_update: Any = None,
    ) -> None:
        if not self.holds_connection():
            await super().refresh(instance, attribute_names, with_for_update)
            return
        with _direct():
            self.sync_session.refresh(instance, attribute_names, with_for_update)

    def begin(self) -> AsyncSessionTransaction:
        return InlineSessionTransaction(self)

    async def close(self) -> None:
        self.sync_session.close()

    async def __aexit__(self, type_: Any, value: Any, traceback: Any) -> None:
        self.sync_session.close()


class InlineSessionTransaction(AsyncSessionTransaction):
    """Commits or rolls back in place when the session holds its connection."""

    async def __aexit__(self, type_: Any, value: Any, traceback: Any) -> None:
        session = self.session
        if isinstance(session, InlineSession) and session.holds_connection():
            with _direct():
                self._sync_transaction().__exit__(type_, value, traceback)
            return
        await super().__aexit__(type_, value, traceback)
