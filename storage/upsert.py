"""The dialect's INSERT construct, for upserts that both SQLite and PostgreSQL understand."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def insert_for(session: AsyncSession, table: Any) -> Any:
    """`INSERT` with `on_conflict_do_*` for the session's backend."""
    return insert_for_dialect(session.get_bind().dialect.name, table)


def insert_for_dialect(dialect: str, table: Any) -> Any:
    """`INSERT` with `on_conflict_do_*` for the backend named `dialect`."""
    if dialect == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)
