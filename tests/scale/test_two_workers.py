"""Two worker processes on one PostgreSQL database never send the same notice twice."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desk.outbox import enqueue
from storage.db import SessionFactory, create_engine, create_session_factory
from storage.models import OutboxMessage
from tests.support.postgres import create_database, drop_database

ROOT = Path(__file__).resolve().parents[2]
NOTICES = 300


def run_two_workers(database_url: str) -> tuple[list[list[str]], list[int]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "tests.scale.delivery_worker", database_url]
    workers = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [worker.communicate(timeout=180)[0].split() for worker in workers]
    return outputs, [worker.returncode for worker in workers]


@pytest.fixture
def postgres(postgres_server: str, postgres_template: str) -> Iterator[str]:
    """A migrated PostgreSQL database: several processes share one only on PostgreSQL."""
    yield create_database(postgres_server, "two_workers", template=postgres_template)
    drop_database(postgres_server, "two_workers")


@pytest.fixture
async def sessions(postgres: str) -> AsyncIterator[SessionFactory]:
    engine = create_engine(postgres)
    try:
        yield create_session_factory(engine)
    finally:
        await engine.dispose()


@pytest.mark.postgres
async def test_two_delivery_processes_share_the_outbox_without_doubles(
    postgres: str, sessions: SessionFactory
) -> None:
    now = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
    async with sessions() as session, session.begin():
        for number in range(NOTICES):
            await enqueue(session, chat_id=1000 + number, text=f"notice-{number}", now=now)

    outputs, codes = await asyncio.to_thread(run_two_workers, postgres)

    sent = outputs[0] + outputs[1]
    assert codes == [0, 0]
    assert len(sent) == NOTICES and len(set(sent)) == NOTICES
    assert outputs[0] and outputs[1], "both workers should have taken part"
    async with sessions() as session:
        rows = (await session.execute(select(OutboxMessage))).scalars().all()
    assert {row.status for row in rows} == {"sent"}
    assert {row.attempts for row in rows} == {1}
