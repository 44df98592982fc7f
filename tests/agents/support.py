"""Tickets lodged straight through the desk, with their notice delivered to the group."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from bot.harness import OfflineSigap
from bot.offline import Person, SentMessage
from desk import catalog, notices, tickets
from desk.types import TicketType
from storage.models import Ticket, TicketHistory
from tests.conftest import AGENTS_CHAT
from tests.factories import draft, make_person

RINA = 9100000001  # agent: email-dinas, akun-sso, video-conference, drive-dinas
YOHANES = 9100000002  # agent: jaringan-vpn, wifi-kantor, berbagi-berkas-ftp
HENDRA = 9100000101  # coordinator: the ICT services, jaringan-vpn among them
RATNA = 9100000102  # coordinator: simpeg, public services; not jaringan-vpn


@dataclass
class Lodged:
    number: str
    ticket_id: int
    requester: Person
    notice: SentMessage


async def lodge(
    sigap: OfflineSigap,
    requester_id: int,
    *,
    service: str | None = "jaringan-vpn",
    ticket_type: TicketType = TicketType.INCIDENT,
    description: str = "VPN putus terus sejak pagi",
    **details: Any,
) -> Lodged:
    """A requester's ticket, as intake would record it, and its notice in the group."""
    now = sigap.runtime.now()
    async with sigap.sessions() as session, session.begin():
        person = await make_person(session, now, telegram_id=requester_id, full_name="Sari Dewi")
        found = await catalog.service_by_code(session, service) if service else None
        ticket = await tickets.open_ticket(
            session,
            sigap.runtime.desk,
            draft(
                service_id=found.id if found else None,
                ticket_type=ticket_type,
                description=description,
                details=details,
            ),
            person,
            now,
        )
        await notices.ticket_opened(session, sigap.runtime.desk, ticket, now)
        number, ticket_id = ticket.number, ticket.id
    await sigap.deliver()
    notice = sigap.api.last_to(AGENTS_CHAT)
    return Lodged(number, ticket_id, sigap.person(requester_id, "Sari"), notice)


async def stored(sigap: OfflineSigap, ticket_id: int) -> Ticket:
    async with sigap.sessions() as session:
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket


async def history(sigap: OfflineSigap, ticket_id: int, field: str) -> list[TicketHistory]:
    async with sigap.sessions() as session:
        query = (
            select(TicketHistory)
            .where(TicketHistory.ticket_id == ticket_id, TicketHistory.field == field)
            .order_by(TicketHistory.id)
        )
        return list((await session.execute(query)).scalars())


async def in_group(sigap: OfflineSigap, who: Person, text: str) -> list[SentMessage]:
    return await sigap.say(who, text, chat_id=AGENTS_CHAT)
