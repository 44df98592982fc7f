"""A requester's story with everything personal Sigap can hold, for the privacy tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from desk import followup, outbox
from desk.config import DeskConfig
from desk.history import Actor
from desk.tickets import assign, change_status, open_ticket
from desk.types import MessageKind, Role, TicketStatus, TicketType
from storage.models import ChatState, Person, SearchLog, Ticket, TicketMessage
from tests.factories import draft, make_person, make_service

NIK = "3201234567890001"


@dataclass
class Story:
    sari: Person
    dewi: Person
    agent: Person
    closed: Ticket  # Sari's, closed and rated
    open: Ticket  # Sari's, still open
    others: Ticket  # Dewi's


async def closed_and_rated(
    session: AsyncSession, config: DeskConfig, ticket: Ticket, agent: Person, now: datetime
) -> None:
    actor = Actor(agent.id, Role.AGENT)
    assign(session, ticket, agent, actor, now)
    change_status(session, config, ticket, TicketStatus.RESOLVED, actor, now)
    ticket.resolution = f"Akun VPN untuk NIK {NIK} sudah direset."
    change_status(session, config, ticket, TicketStatus.CLOSED, actor, now)
    followup.rate(session, ticket, ticket.requester, 4, now)
    followup.add_rating_comment(session, ticket, ticket.requester, "Cepat, makasih Pak", now)


async def tell(
    session: AsyncSession,
    ticket: Ticket,
    author: Person,
    kind: MessageKind,
    body: str,
    now: datetime,
) -> None:
    session.add(
        TicketMessage(
            ticket_id=ticket.id,
            author_id=author.id,
            kind=kind.value,
            body=body,
            attachments=[{"file_id": "AgAC-photo"}] if kind is MessageKind.REQUESTER else [],
            telegram_chat_id=author.telegram_id,
            telegram_message_id=77,
            created_at=now,
        )
    )


async def lived(session: AsyncSession, config: DeskConfig, now: datetime) -> Story:
    """Sari: a closed rated incident, an open complaint, a question, notices, a draft."""
    service = await make_service(session, now, name="Jaringan dan VPN")
    sari = await make_person(session, now, full_name="Sari Wulandari", username="sariw")
    dewi = await make_person(session, now, full_name="Dewi Lestari", username="dewil")
    agent = await make_person(session, now, full_name="Budi Santoso", role="agent")

    closed = await open_ticket(
        session,
        config,
        draft(service_id=service.id, description=f"VPN putus, NIK {NIK}"),
        sari,
        now,
    )
    await tell(session, closed, agent, MessageKind.AGENT, "Sudah kami cek, Bu Sari", now)
    await tell(session, closed, agent, MessageKind.NOTE, "Catatan internal: akun Sari", now)
    await tell(session, closed, sari, MessageKind.REQUESTER, "Ini tangkapan layarnya", now)
    await closed_and_rated(session, config, closed, agent, now)

    complaint = draft(ticket_type=TicketType.COMPLAINT, description="Petugas loket tidak ramah")
    complaint.details.update(reason="Saya menunggu dua jam", change_kind="none")
    still_open = await open_ticket(session, config, complaint, sari, now)
    others = await open_ticket(session, config, draft(description="Email Dewi penuh"), dewi, now)

    session.add(
        SearchLog(
            person_id=sari.id,
            text="cara reset password vpn",
            normalised="cara reset password vpn",
            candidates=["vpn-reset"],
            outcome="answered",
            helpful=True,
            created_at=now,
        )
    )
    session.add(
        ChatState(telegram_id=sari.telegram_id, flow="intake", draft={"x": 1}, updated_at=now)
    )
    await outbox.enqueue(
        session,
        chat_id=sari.telegram_id,
        text="Tiket Anda selesai, Bu Sari",
        now=now,
        ticket_id=closed.id,
    )
    await session.flush()
    return Story(sari, dewi, agent, closed, still_open, others)
