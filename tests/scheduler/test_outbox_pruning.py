"""Old delivered notices leave the outbox; an open ticket's and undelivered ones stay."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update

from desk import outbox
from desk.config import DeskConfig
from desk.history import Actor
from desk.tickets import change_status, open_ticket
from desk.types import Role, TicketStatus
from scheduler.jobs import JOBS
from scheduler.outbox_pruning import BATCH, prune_outbox
from storage.db import SessionFactory
from storage.models import OutboxMessage
from tests.conftest import FixedClock
from tests.factories import draft, make_person

LONG_AGO = timedelta(days=120)


async def notice(
    sessions: SessionFactory, key: str, when: datetime, status: str, ticket_id: int | None = None
) -> None:
    async with sessions() as session, session.begin():
        await outbox.enqueue(
            session, chat_id=42, text=key, now=when, dedupe_key=key, ticket_id=ticket_id
        )
        row = (
            await session.execute(select(OutboxMessage).where(OutboxMessage.dedupe_key == key))
        ).scalar_one()
        row.status = status


async def remaining(sessions: SessionFactory) -> set[str]:
    async with sessions() as session:
        return set((await session.execute(select(OutboxMessage.text))).scalars())


async def test_old_finished_notices_go_and_everything_still_needed_stays(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> None:
    old = clock() - LONG_AGO
    async with sessions() as session, session.begin():
        person = await make_person(session, old)
        open_one = await open_ticket(session, desk_config, draft(), person, old)
        closed_one = await open_ticket(session, desk_config, draft(), person, old)
        change_status(
            session,
            desk_config,
            closed_one,
            TicketStatus.CANCELLED,
            Actor(person.id, Role.REQUESTER),
            old,
        )
    await notice(sessions, "old sent", old, "sent")
    await notice(sessions, "old failed", old, "failed")
    await notice(sessions, "old of a long-closed ticket", old, "sent", closed_one.id)
    await notice(sessions, "old of an open ticket", old, "sent", open_one.id)
    await notice(sessions, "old and still pending", old, "pending")
    await notice(sessions, "recent sent", clock() - timedelta(days=10), "sent")

    pruned = await prune_outbox(sessions, clock())
    again = await prune_outbox(sessions, clock())

    assert (pruned, again) == (3, 0)
    assert await remaining(sessions) == {
        "old of an open ticket",
        "old and still pending",
        "recent sent",
    }


async def test_a_large_backlog_is_pruned_in_batches(
    sessions: SessionFactory, clock: FixedClock
) -> None:
    old = clock() - LONG_AGO
    async with sessions() as session, session.begin():
        for index in range(BATCH + 3):
            await outbox.enqueue(session, chat_id=42, text=f"n{index}", now=old)
        await session.execute(update(OutboxMessage).values(status="sent"))

    assert await prune_outbox(sessions, clock()) == BATCH + 3
    assert await remaining(sessions) == set()


def test_pruning_is_a_scheduled_job() -> None:
    assert "outbox-prune" in {job.name for job in JOBS}
