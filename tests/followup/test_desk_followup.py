"""The follow-up rules in `desk.followup`, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from desk import followup, tickets
from desk.config import DeskConfig
from desk.errors import Conflict, InvalidInput, NotFound
from desk.history import Actor
from desk.types import Role, TicketStatus
from storage.db import SessionFactory
from storage.models import OutboxMessage, Person, Ticket, TicketMessage
from tests.conftest import AGENTS_CHAT
from tests.factories import draft, make_person

NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)  # Monday 09.00 WIB


async def a_ticket(session: AsyncSession, config: DeskConfig) -> tuple[Person, Ticket]:
    requester = await make_person(session, NOW)
    ticket = await tickets.open_ticket(session, config, draft(), requester, NOW)
    return requester, ticket


async def agent_of(session: AsyncSession) -> Actor:
    agent = await make_person(session, NOW, role="agent")
    return Actor(agent.id, Role.AGENT)


async def test_a_ticket_of_someone_else_is_not_found_by_id_or_number(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        _, ticket = await a_ticket(session, desk_config)
        stranger = await make_person(session, NOW)

        with pytest.raises(NotFound) as by_id:
            await followup.own_ticket(session, stranger, ticket.id)
        with pytest.raises(NotFound) as by_number:
            await followup.own_ticket_by_number(session, stranger, ticket.number.lower())

    assert by_id.value.text_key == by_number.value.text_key == "error.ticket_not_found"
    assert by_number.value.params["number"] == ticket.number


async def test_list_holds_open_and_recently_closed_tickets_newest_first(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        requester, old = await a_ticket(session, desk_config)
        newer = await tickets.open_ticket(
            session, desk_config, draft(), requester, NOW + timedelta(hours=1)
        )
        await followup.withdraw(session, desk_config, old, requester, NOW + timedelta(hours=2))

        soon, soon_total = await followup.requester_tickets(
            session, requester, NOW + timedelta(days=29)
        )
        later, later_total = await followup.requester_tickets(
            session, requester, NOW + timedelta(days=31)
        )

    assert [t.number for t in soon] == [newer.number, old.number] and soon_total == 2
    assert [t.number for t in later] == [newer.number] and later_total == 1


async def test_an_answer_resumes_a_pending_ticket_and_threads_under_the_agents_notice(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        requester, ticket = await a_ticket(session, desk_config)
        agent = await agent_of(session)
        session.add(
            TicketMessage(
                ticket_id=ticket.id,
                kind="system",
                body="",
                attachments=[],
                telegram_chat_id=AGENTS_CHAT,
                telegram_message_id=4242,
                created_at=NOW,
            )
        )
        for target in (TicketStatus.IN_PROGRESS, TicketStatus.PENDING):
            tickets.change_status(session, desk_config, ticket, target, agent, NOW)
        later = NOW + timedelta(hours=2)

        done = await followup.add_requester_message(
            session, desk_config, ticket, requester, "Nomor seri SN-1", [], later
        )
        queued = (await session.execute(select(OutboxMessage))).scalars().all()

    assert done.resumed and done.ticket_open
    assert ticket.status == TicketStatus.IN_PROGRESS.value and ticket.paused_since is None
    assert ticket.paused_minutes == pytest.approx(120)
    [notice] = queued
    assert notice.chat_id == AGENTS_CHAT and notice.reply_to_message_id == 4242
    assert "SN-1" in notice.text


async def test_withdraw_only_before_work_starts(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        requester, ticket = await a_ticket(session, desk_config)
        agent = await agent_of(session)
        tickets.change_status(session, desk_config, ticket, TicketStatus.IN_PROGRESS, agent, NOW)

        with pytest.raises(InvalidInput) as refused:
            await followup.withdraw(session, desk_config, ticket, requester, NOW)

    assert refused.value.text_key == "followup.withdraw_too_late"
    assert ticket.status == TicketStatus.IN_PROGRESS.value


async def test_confirming_closes_and_rating_is_kept_once(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        requester, ticket = await a_ticket(session, desk_config)
        agent = await agent_of(session)
        for target in (TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED):
            tickets.change_status(session, desk_config, ticket, target, agent, NOW)

        with pytest.raises(Conflict):
            followup.rate(session, ticket, requester, 5, NOW)
        await followup.confirm_solved(session, desk_config, ticket, requester, NOW)
        followup.rate(session, ticket, requester, 4, NOW)
        with pytest.raises(Conflict) as again:
            followup.rate(session, ticket, requester, 1, NOW)
        followup.add_rating_comment(session, ticket, requester, " Cepat ", NOW)
        with pytest.raises(Conflict):
            await followup.confirm_solved(session, desk_config, ticket, requester, NOW)

    assert again.value.text_key == "feedback.already_rated"
    assert ticket.status == TicketStatus.CLOSED.value and ticket.closed_at == NOW
    assert ticket.satisfaction == 4 and ticket.satisfaction_comment == "Cepat"


async def test_timeline_keeps_notes_and_hidden_changes_out(
    sessions: SessionFactory, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        _, ticket = await a_ticket(session, desk_config)
        helper = await make_person(session, NOW, role="agent")
        tickets.assign(session, ticket, helper, Actor(helper.id, Role.AGENT), NOW)
        for kind in ("agent", "note", "system"):
            session.add(
                TicketMessage(
                    ticket_id=ticket.id,
                    kind=kind,
                    body=kind,
                    attachments=[],
                    created_at=NOW + timedelta(minutes=5),
                )
            )
        await session.flush()

        timeline = await followup.visible_timeline(session, ticket)

    fields = [entry.field for entry in timeline if entry.author is None]
    bodies = [entry.body for entry in timeline if entry.author is not None]
    assert fields == ["status", "status"]  # new, then assigned; the assignee stays hidden
    assert "note" not in bodies and "system" not in bodies and "agent" in bodies
