"""SQLite run inline on the loop through one connection: tasks take turns, nesting is refused."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import MissingGreenlet

from storage.db import create_engine, create_session_factory
from storage.inline_session import InlineSession
from storage.inline_sqlite import NestedSessionError
from storage.migrate import upgrade_database
from storage.models import Catalog, Person, Service


async def test_tasks_take_turns_on_the_one_connection(sqlite_url: str) -> None:
    engine = create_engine(sqlite_url)
    sessions = create_session_factory(engine)
    async with sessions() as session, session.begin():
        await session.execute(text("CREATE TABLE seen (task INTEGER, step INTEGER)"))
    inside: list[int] = []

    async def write(task: int) -> None:
        insert = text("INSERT INTO seen VALUES (:t, :s)")
        async with sessions() as session, session.begin():
            for step in range(3):
                await session.execute(insert, {"t": task, "s": step})
                if step == 0:  # the session holds the connection from its first statement
                    inside.append(task)
                await asyncio.sleep(0)  # give the other tasks every chance to cut in
            assert inside == [task]
            inside.remove(task)

    try:
        await asyncio.gather(*(write(task) for task in range(5)))
        async with sessions() as session:
            rows = (await session.execute(text("SELECT task, step FROM seen"))).all()
    finally:
        await engine.dispose()
    assert sorted(rows) == [(task, step) for task in range(5) for step in range(3)]


async def test_a_second_session_in_the_same_task_fails_at_once(sqlite_url: str) -> None:
    engine = create_engine(sqlite_url)
    sessions = create_session_factory(engine)
    try:
        async with sessions() as outer, outer.begin():
            await outer.execute(text("SELECT 1"))
            with pytest.raises(NestedSessionError):
                async with sessions() as inner:
                    await inner.execute(text("SELECT 1"))
        async with sessions() as again:  # the connection went back to the pool
            assert (await again.execute(text("SELECT 2"))).scalar_one() == 2
    finally:
        await engine.dispose()


async def test_statements_run_on_the_loop_thread(sqlite_url: str) -> None:
    engine = create_engine(sqlite_url)
    threads: list[int] = []

    def whose_thread() -> int:
        threads.append(threading.get_ident())
        return 1

    try:
        async with engine.connect() as connection:
            raw = await connection.get_raw_connection()
            raw.driver_connection.create_function(  # type: ignore[union-attr]
                "whose_thread", 0, whose_thread
            )
            await connection.execute(text("SELECT whose_thread()"))
    finally:
        await engine.dispose()
    assert threads == [threading.get_ident()]


async def test_inline_sessions_commit_roll_back_and_nest_like_async_sessions(
    sqlite_url: str,
) -> None:
    engine = create_engine(sqlite_url)
    sessions = create_session_factory(engine)
    try:
        async with sessions() as session, session.begin():
            assert isinstance(session, InlineSession)
            await session.execute(text("CREATE TABLE kept (n INTEGER)"))
            assert session.holds_connection()
            await session.execute(text("INSERT INTO kept VALUES (1)"))
            async with session.begin_nested():
                await session.execute(text("INSERT INTO kept VALUES (2)"))
        with pytest.raises(RuntimeError):
            async with sessions() as session, session.begin():
                await session.execute(text("INSERT INTO kept VALUES (3)"))
                raise RuntimeError("the step failed")
        async with sessions() as session:  # no begin(): the session begins on its own
            await session.execute(text("INSERT INTO kept VALUES (4)"))
            await session.commit()
            assert isinstance(session, InlineSession) and not session.holds_connection()
            rows = (await session.execute(text("SELECT n FROM kept ORDER BY n"))).scalars()
            assert list(rows) == [1, 2, 4]
    finally:
        await engine.dispose()


async def test_a_commit_that_must_wait_for_the_connection_waits(sqlite_url: str) -> None:
    """Objects added before any statement need the connection at commit, and it may be busy."""
    engine = create_engine(sqlite_url)
    sessions = create_session_factory(engine)
    held, release = asyncio.Event(), asyncio.Event()
    now = datetime(2026, 12, 3, tzinfo=UTC)

    async def hold() -> None:
        async with sessions() as session, session.begin():
            await session.execute(text("SELECT 1"))
            held.set()
            await release.wait()

    async def add() -> None:
        await held.wait()
        async with sessions() as session, session.begin():
            session.add(Person(telegram_id=5, full_name="Sari", created_at=now, updated_at=now))

    try:
        await upgrade_database(engine)
        holding, adding = asyncio.create_task(hold()), asyncio.create_task(add())
        await held.wait()
        for _ in range(5):  # let the commit reach the busy pool
            await asyncio.sleep(0)
        assert not adding.done()
        release.set()
        await asyncio.gather(holding, adding)
        async with sessions() as session, session.begin():
            await session.execute(text("SELECT 1"))
            found = await session.scalar(select(Person.full_name).where(Person.telegram_id == 5))
            person = await session.get(Person, 1)
            assert person is not None
            await session.refresh(person)
        assert found == "Sari"
    finally:
        await engine.dispose()


async def test_a_lazy_load_is_refused_as_postgresql_would_refuse_it(sqlite_url: str) -> None:
    """Only the session's own calls run SQL; else SQLite tests pass what fails in production."""
    engine = create_engine(sqlite_url)
    sessions = create_session_factory(engine)
    now = datetime(2026, 12, 3, tzinfo=UTC)
    try:
        await upgrade_database(engine)
        async with sessions() as session, session.begin():
            catalog = Catalog(code="tik", name="Layanan TIK")
            session.add(catalog)
            await session.flush()
            session.add(
                Service(
                    catalog_id=catalog.id, code="vpn", name="VPN", created_at=now, updated_at=now
                )
            )
        async with sessions() as session, session.begin():
            service = (await session.execute(select(Service))).scalar_one()
            with pytest.raises(MissingGreenlet):
                _ = service.catalog
            loaded = await session.get(Catalog, service.catalog_id)
            assert loaded is not None and loaded.name == "Layanan TIK"
    finally:
        await engine.dispose()
