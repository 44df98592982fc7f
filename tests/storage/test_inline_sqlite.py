"""SQLite run inline on the loop through one connection: tasks take turns, nesting is refused."""

from __future__ import annotations

import asyncio
import threading

import pytest
from sqlalchemy import text

from storage.db import create_engine, create_session_factory
from storage.inline_sqlite import NestedSessionError


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
            raw.driver_connection._conn.create_function(  # type: ignore[union-attr]
                "whose_thread", 0, whose_thread
            )
            await connection.execute(text("SELECT whose_thread()"))
    finally:
        await engine.dispose()
    assert threads == [threading.get_ident()]
