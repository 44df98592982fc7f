"""Staff scope, routing and agent actions as desk rules, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from desk import routing, staff, tickets, workflow
from desk.config import DeskConfig
from desk.errors import Conflict, NotAllowed
from desk.types import Role, TicketStatus
from storage.db import SessionFactory
from storage.models import AgentService, OutboxMessage, Person, Service, Ticket
from tests.conftest import FixedClock
from tests.factories import draft, make_person, make_service


async def agent_of(
    session: AsyncSession,
    now: datetime,
    service: Service,
    competent: bool = False,
    role: Role = Role.AGENT,
) -> Person:
    person = await make_person(session, now, role=role.value)
    session.add(AgentService(person_id=person.id, service_id=service.id, competent=competent))
    await session.flush()
    return person


async def ticket_for(
    session: AsyncSession, config: DeskConfig, now: datetime, service: Service | None
) -> Ticket:
    requester = await make_person(session, now)
    return await tickets.open_ticket(
        session, config, draft(service_id=service.id if service else None), requester, now
    )


async def test_scope_follows_the_services_served(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        vpn, mail = await make_service(session, clock()), await make_service(session, clock())
        agent = await agent_of(session, clock(), vpn)
        admin = await make_person(session, clock(), role="admin")
        requester = await make_person(session, clock())
        ours = await ticket_for(session, desk_config, clock(), vpn)
        theirs = await ticket_for(session, desk_config, clock(), mail)
        unrouted = await ticket_for(session, desk_config, clock(), None)

        await staff.require_scope(session, agent, ours)
        await staff.require_scope(session, agent, unrouted)
        await staff.require_scope(session, admin, theirs)
        with pytest.raises(NotAllowed) as outside:
            await staff.require_scope(session, agent, theirs)
        with pytest.raises(NotAllowed) as not_staff:
            await staff.require_scope(session, requester, ours)
        tickets.assign(session, theirs, agent, staff.actor_of(admin), clock())
        await staff.require_scope(session, agent, theirs)

    assert outside.value.text_key == "agent.error.out_of_scope"
    assert not_staff.value.text_key == "error.not_allowed"


async def test_candidates_prefer_competent_then_least_busy_agents(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        vpn = await make_service(session, clock())
        busy_expert = await agent_of(session, clock(), vpn, competent=True)
        idle_expert = await agent_of(session, clock(), vpn, competent=True)
        novice = await agent_of(session, clock(), vpn)
        coordinator = await agent_of(session, clock(), vpn, True, Role.COORDINATOR)
        held = await ticket_for(session, desk_config, clock(), vpn)
        tickets.assign(session, held, busy_expert, staff.actor_of(coordinator), clock())

        found = await routing.candidates(session, vpn.id)

    assert [c.person.id for c in found] == [
        idle_expert.id,
        busy_expert.id,
        novice.id,
        coordinator.id,
    ]
    assert [c.open_tickets for c in found] == [0, 1, 0, 0]


async def test_auto_assign_picks_the_best_candidate_and_tells_them(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        vpn = await make_service(session, clock())
        await agent_of(session, clock(), vpn)
        expert = await agent_of(session, clock(), vpn, competent=True)
        offered = await ticket_for(session, desk_config, clock(), vpn)
        routed = await ticket_for(session, desk_config, clock(), vpn)

        nobody = await routing.route_new_ticket(session, desk_config, offered, clock(), False)
        chosen = await routing.route_new_ticket(session, desk_config, routed, clock(), True)
        told = list(
            (
                await session.execute(
                    select(OutboxMessage.chat_id).where(OutboxMessage.purpose == "agent_route")
                )
            ).scalars()
        )

    assert nobody is None and offered.assignee_id is None and offered.status == "new"
    assert chosen is not None and chosen.id == expert.id
    assert routed.assignee_id == expert.id and routed.status == "assigned"
    assert told == [expert.telegram_id]


async def test_a_redelivered_reply_is_not_sent_twice(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        vpn = await make_service(session, clock())
        agent = await agent_of(session, clock(), vpn)
        ticket = await ticket_for(session, desk_config, clock(), vpn)
        await session.refresh(ticket, ["requester"])

        await workflow.reply(
            session, ticket, agent, "Sudah kami cek", clock(), chat_id=-100, message_id=7
        )
        with pytest.raises(Conflict):
            await workflow.reply(
                session, ticket, agent, "Sudah kami cek", clock(), chat_id=-100, message_id=7
            )
        sent = list(
            (
                await session.execute(
                    select(OutboxMessage.id).where(
                        OutboxMessage.chat_id == ticket.requester.telegram_id
                    )
                )
            ).scalars()
        )

    assert len(sent) == 1


async def test_pending_pauses_the_clock_and_resolution_keeps_the_solution(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        vpn = await make_service(session, clock())
        agent = await agent_of(session, clock(), vpn)
        ticket = await ticket_for(session, desk_config, clock(), vpn)
        await session.refresh(ticket, ["requester"])
        await workflow.take(session, ticket, agent, clock())

        asked_at = clock.advance(minutes=30)
        await workflow.request_info(session, desk_config, ticket, agent, "Sejak kapan?", asked_at)
        paused, due_while_paused = ticket.paused_since, ticket.resolution_due_at
        clock.advance(hours=1)
        tickets.change_status(
            session,
            desk_config,
            ticket,
            TicketStatus.IN_PROGRESS,
            staff.actor_of(agent),
            clock(),
        )
        await workflow.resolve(session, desk_config, ticket, agent, "Kabel diganti", clock())

    assert paused == asked_at and due_while_paused is None
    assert ticket.first_response_at == asked_at
    assert ticket.paused_minutes == pytest.approx(60.0)
    assert ticket.status == "resolved" and ticket.resolution == "Kabel diganti"
