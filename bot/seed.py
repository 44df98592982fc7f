"""`sigap seed`: load the editable sample YAML (catalog, SLAs, FAQ, staff) into the database."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from bot.settings import Settings
from desk import catalog, people
from faq import knowledge
from storage.db import SessionFactory, create_engine, create_session_factory
from storage.migrate import upgrade_database

logger = logging.getLogger(__name__)


def read_yaml(path: Path) -> Any:
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def items(data: Any, key: str) -> list[Any]:
    """The list in a seed file: the file itself, or the list under `key`."""
    if isinstance(data, list):
        return data
    found = data.get(key) if isinstance(data, dict) else None
    if found is None and isinstance(data, dict) and len(data) == 1:
        found = next(iter(data.values()))
    return list(found or [])


async def load_seed(sessions: SessionFactory, folder: Path, now: datetime) -> dict[str, int]:
    """Load every seed file found in `folder`, in one transaction."""
    async with sessions() as session, session.begin():
        summary = await catalog.import_catalog(session, read_yaml(folder / "services.yaml"), now)
        staff = items(read_yaml(folder / "people.yaml"), "people")
        summary["people"] = await people.import_people(session, staff, now)
        entries = items(read_yaml(folder / "faq.yaml"), "entries")
        summary["faq"] = await knowledge.import_entries(session, entries, now)
    return summary


async def seed_command(settings: Settings, folder: Path) -> int:
    engine = create_engine(settings.database_url)
    try:
        await upgrade_database(engine)
        summary = await load_seed(create_session_factory(engine), folder, datetime.now(UTC))
    finally:
        await engine.dispose()
    print("loaded " + ", ".join(f"{count} {name}" for name, count in summary.items()))
    return 0
