"""`sigap faq import FILE` and `sigap faq export FILE`: the knowledge as YAML or CSV."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from bot.settings import Settings
from faq import transfer
from faq.transfer import ImportRejected, ImportReport
from storage.db import SessionFactory, create_engine, create_session_factory
from storage.migrate import upgrade_database

Result = TypeVar("Result")


def faq_file_command(settings: Settings, action: str, path: Path) -> int:
    if action == "import":
        return import_command(settings, path)
    return export_command(settings, path)


def import_command(settings: Settings, path: Path) -> int:
    """Import in one transaction: every row is checked first, and a bad row stops them all."""
    if not path.is_file():
        print(f"sigap faq import: no file {path}", file=sys.stderr)
        return 2
    try:
        raws = transfer.read_file(path)
        report = asyncio.run(with_database(settings, lambda s: import_rows(s, raws)))
    except ImportRejected as rejected:
        for error in rejected.errors:
            print(f"{path}: {error}", file=sys.stderr)
        print(f"sigap faq import: {rejected}", file=sys.stderr)
        return 1
    print(
        f"imported {path}: {len(report.created)} created, {len(report.updated)} updated, "
        f"{report.unchanged} unchanged"
    )
    return 0


def export_command(settings: Settings, path: Path) -> int:
    rows = asyncio.run(with_database(settings, export_rows))
    try:
        transfer.write_file(path, rows)
    except (ValueError, OSError) as error:  # a wrong extension, a | inside a CSV item
        print(f"sigap faq export: {error}", file=sys.stderr)
        return 2
    print(f"exported {len(rows)} entries to {path}")
    return 0


async def with_database(
    settings: Settings, work: Callable[[SessionFactory], Awaitable[Result]]
) -> Result:
    engine = create_engine(settings.database_url)
    try:
        await upgrade_database(engine)
        return await work(create_session_factory(engine))
    finally:
        await engine.dispose()


async def import_rows(sessions: SessionFactory, raws: list[Any]) -> ImportReport:
    async with sessions() as session, session.begin():
        return await transfer.import_rows(session, raws, datetime.now(UTC))


async def export_rows(sessions: SessionFactory) -> list[dict[str, Any]]:
    async with sessions() as session:
        return await transfer.export_rows(session)
