"""Helpers for the follow-up tests: a requester with a ticket the agents were told about."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.harness import OfflineSigap
from bot.offline import Person as TelegramPerson
from desk import notices, requester_notices, tickets
from desk.history import Actor
from desk.types import Role, TicketStatus
from storage.models import Person, Ticket
from tests.factories import draft, make_person

AGENT_TELEGRAM_ID = 9100000001  # Rina, an agent in seed/people.yaml


@dataclass
class Lodged:
    """A requester as Telegram sees them, and the id of their ticket."""

    who: TelegramPerson
    ticket_id: int
    number: str


async def lodge(sigap: OfflineSigap, user_id: int, description: str = "") -> Lodged:
    """A registered requester's ticket, announced to the agents' group and delivered."""
    rt = sigap.runtime
    async with rt.transaction() as session:
        found = (
            await session.execute(select(Person).where(Person.telegram_id == user_id))
        ).scalar_one_or_none()
        requester = found or await make_person(session, rt.now(), telegram_id=user_id)
        extra = {"description": description} if description else {}
        ticket = await tickets.open_ticket(session, rt.desk, draft(**extra), requester, rt.now())
        await notices.ticket_opened(session, rt.desk, ticket, rt.now())
    await sigap.deliver()
    return Lodged(sigap.person(user_id, "Sari"), ticket.id, ticket.number)


async def agent_moves(sigap: OfflineSigap, ticket_id: int, *targets: TicketStatus) -> None:
    """An agent moves the ticket through `targets`, as the agent journey would."""
    rt = sigap.runtime
    async with rt.transaction() as session:
        agent = (
            await session.execute(select(Person).where(Person.telegram_id == AGENT_TELEGRAM_ID))
        ).scalar_one()
        ticket = await load(session, ticket_id)
        for target in targets:
            tickets.change_status(
                session, rt.desk, ticket, target, Actor(agent.id, Role.AGENT), rt.now()
            )


async def agent_resolves(sigap: OfflineSigap, ticket_id: int, solution: str) -> None:
    """Resolve and send the resolution notice with its solved / not solved buttons."""
    await agent_moves(sigap, ticket_id, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED)
    async with sigap.runtime.transaction() as session:
        ticket = await load(session, ticket_id)
        await requester_notices.resolved(session, ticket, solution, sigap.runtime.now(), 1)
    await sigap.deliver()


async def load(session: AsyncSession, ticket_id: int) -> Ticket:
    query = (
        select(Ticket)
        .where(Ticket.id == ticket_id)
        .options(selectinload(Ticket.requester), selectinload(Ticket.service))
    )
    return (await session.execute(query)).scalar_one()


async def stored(sigap: OfflineSigap, ticket_id: int) -> Ticket:
    async with sigap.sessions() as session:
        return await load(session, ticket_id)
