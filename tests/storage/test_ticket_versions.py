"""Two steps that read one ticket at once cannot both write it: the later one is refused."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from desk.config import DeskConfig
from desk.errors import ChangedMeanwhile
from desk.history import Actor
from desk.tickets import change_status, load_ticket, open_ticket
from desk.types import Role, TicketStatus
from handlers.runtime import Runtime
from storage.db import SessionFactory, create_engine, create_session_factory
from storage.models import Ticket, TicketHistory
from tests.conftest import FixedClock
from tests.factories import draft, make_person
from texts import t


@pytest.fixture
async def second_process(database_url: str) -> AsyncIterator[SessionFactory]:
    """Sessions of another process on the same database: a connection of its own."""
    engine = create_engine(database_url)
    try:
        yield create_session_factory(engine)
    finally:
        await engine.dispose()


async def requester_agent_and_ticket(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> tuple[Actor, Actor, str]:
    """A requester, an agent, and the number of a new ticket of the requester's."""
    async with sessions() as session, session.begin():
        requester = await make_person(session, clock())
        agent = await make_person(session, clock(), role="agent")
        ticket = await open_ticket(session, desk_config, draft(), requester, clock())
    return Actor(requester.id, Role.REQUESTER), Actor(agent.id, Role.AGENT), ticket.number


async def test_the_later_of_two_changes_to_one_ticket_is_refused(
    sessions: SessionFactory,
    second_process: SessionFactory,
    desk_config: DeskConfig,
    clock: FixedClock,
) -> None:
    requester, agent, number = await requester_agent_and_ticket(sessions, desk_config, clock)
    agent_step, requester_step = sessions(), second_process()
    try:
        seen_by_agent = await load_ticket(agent_step, number)
        seen_by_requester = await load_ticket(requester_step, number)
        read_version = seen_by_agent.version
        change_status(
            agent_step,
            desk_config,
            seen_by_agent,
            TicketStatus.IN_PROGRESS,
            agent,
            clock.advance(minutes=1),
        )
        await agent_step.commit()
        change_status(
            requester_step,
            desk_config,
            seen_by_requester,
            TicketStatus.CANCELLED,
            requester,
            clock.advance(minutes=1),
        )
        with pytest.raises(StaleDataError):
            await requester_step.commit()
    finally:
        await agent_step.close()
        await requester_step.close()

    async with sessions() as session:
        ticket = (
            await session.execute(select(Ticket).where(Ticket.number == number))
        ).scalar_one()
        changes = (
            await session.execute(
                select(TicketHistory.new_value).where(
                    TicketHistory.ticket_id == ticket.id, TicketHistory.field == "status"
                )
            )
        ).scalars()
        assert (ticket.status, ticket.version) == (
            TicketStatus.IN_PROGRESS.value,
            read_version + 1,
        )
        assert list(changes) == ["new", "in_progress"]


async def test_a_step_that_lost_the_race_is_refused_politely(
    sessions: SessionFactory,
    second_process: SessionFactory,
    desk_config: DeskConfig,
    clock: FixedClock,
) -> None:
    requester, agent, number = await requester_agent_and_ticket(sessions, desk_config, clock)
    rt = Runtime(sessions=sessions, desk=desk_config, clock=clock)

    with pytest.raises(ChangedMeanwhile) as refused:
        async with rt.transaction() as session:
            seen = await load_ticket(session, number)
            async with second_process() as other, other.begin():
                moved_on = await load_ticket(other, number)
                change_status(
                    other,
                    desk_config,
                    moved_on,
                    TicketStatus.IN_PROGRESS,
                    agent,
                    clock(),
                )
            change_status(
                session,
                desk_config,
                seen,
                TicketStatus.CANCELLED,
                requester,
                clock(),
            )

    assert "diubah oleh orang lain" in t(refused.value.text_key, "id")
    assert "changed this ticket" in t(refused.value.text_key, "en")
