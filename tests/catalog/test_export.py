"""Catalog YAML export and import: a round trip through the file changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from sqlalchemy import func, select

from bot.seed import read_yaml
from desk.catalog import export_catalog, import_catalog
from storage.db import SessionFactory, create_engine, create_session_factory
from storage.migrate import upgrade_database
from storage.models import ServiceLevelTarget, SlaException
from tests.conftest import SEED, FixedClock

WIB = ZoneInfo("Asia/Jakarta")
TABLES = (ServiceLevelTarget, SlaException)


def through_file(data: dict[str, Any]) -> Any:
    return yaml.safe_load(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


async def test_exporting_then_importing_into_the_same_database_changes_nothing(
    sessions: SessionFactory, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        await import_catalog(session, read_yaml(SEED / "services.yaml"), clock())
        first = await export_catalog(session, WIB)
        rows = [await session.scalar(select(func.count()).select_from(t)) for t in TABLES]

    async with sessions() as session, session.begin():
        await import_catalog(session, through_file(first), clock())
        again = await export_catalog(session, WIB)
        rows_again = [await session.scalar(select(func.count()).select_from(t)) for t in TABLES]

    assert again == first
    assert rows_again == rows and rows[0]
    assert [c["code"] for c in first["catalogs"]] == ["tik", "publik"]
    email = next(s for s in first["services"] if s["code"] == "email-dinas")
    assert email["depends_on"] == ["akun-sso", "pusat-data"]
    assert email["slas"][0]["exceptions"][0]["starts_at"] == "2026-12-27T22:00:00+07:00"
    assert email["description_en"].startswith("The ministry's official mailbox")
    assert email["operating_hours_en"] == (
        "Monday-Thursday 07:30-16:00 WIB, Friday 07:30-16:30 WIB"
    )


async def test_an_export_loads_into_an_empty_database_as_the_same_catalog(
    tmp_path: Path, sessions: SessionFactory, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        await import_catalog(session, read_yaml(SEED / "services.yaml"), clock())
        exported = await export_catalog(session, WIB)
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'other.db'}")
    try:
        await upgrade_database(engine)
        async with create_session_factory(engine)() as session, session.begin():
            await import_catalog(session, through_file(exported), clock())
            copied = await export_catalog(session, WIB)
    finally:
        await engine.dispose()

    assert copied == exported
