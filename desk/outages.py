"""Outages and known problems people can be told about, and told again when they are fixed.

An outage is an open problem record, or an open incident of high impact, on a service. A
person who asks about that service, or starts reporting it, hears that it is already being
handled and may ask to be told when it is fixed, instead of filing a duplicate ticket.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from desk import outbox
from desk.types import Level, TicketStatus, TicketType
from storage.models import Person, Service, Ticket, TicketWatcher
from storage.upsert import insert_for
from texts import in_language, language_of, t

logger = logging.getLogger(__name__)

UNRESOLVED = (
    TicketStatus.NEW,
    TicketStatus.ASSIGNED,
    TicketStatus.IN_PROGRESS,
    TicketStatus.PENDING,
)


@dataclass(frozen=True)
class KnownOutage:
    """What a person is told about an outage: its ticket, and the service it is on."""

    ticket_id: int
    number: str
    service_name: str
    service_name_en: str | None


# Asked after most answered questions, and when an incident's service is chosen: built once,
# reading only what the notice shows (a whole ticket row costs several times more to load).
_KNOWN_OUTAGE = (
    select(Ticket.id, Ticket.number, Service.name, Service.name_en)
    .join(Service, Service.id == Ticket.service_id)
    .where(  # an unresolved problem record, or an unresolved incident of high impact
        Ticket.status.in_([status.value for status in UNRESOLVED]),
        (Ticket.ticket_type == TicketType.PROBLEM.value)
        | (
            (Ticket.ticket_type == TicketType.INCIDENT.value)
            & (Ticket.impact == Level.HIGH.value)
        ),
    )
    .order_by(Ticket.created_at)
    .limit(1)
)
_BY_CODE = _KNOWN_OUTAGE.where(Service.code == bindparam("service_code"))
_BY_SERVICE = _KNOWN_OUTAGE.where(Service.id == bindparam("service_id"))


async def outage_for_code(session: AsyncSession, service_code: str | None) -> KnownOutage | None:
    """The oldest unresolved outage on the service with this code, if any."""
    if not service_code:
        return None
    return _known(await session.execute(_BY_CODE, {"service_code": service_code}))


async def outage_on(session: AsyncSession, service_id: int | None) -> KnownOutage | None:
    """The oldest unresolved outage on the service, if any."""
    if service_id is None:
        return None
    return _known(await session.execute(_BY_SERVICE, {"service_id": service_id}))


def _known(result: Any) -> KnownOutage | None:
    row = result.first()
    return KnownOutage(*row) if row is not None else None


async def watch(session: AsyncSession, ticket: Ticket, person: Person, now: datetime) -> bool:
    """Ask to be told when the outage is fixed; False if already watching or it is over."""
    if ticket.status not in {status.value for status in UNRESOLVED}:
        return False
    statement = (
        insert_for(session, TicketWatcher)
        .values(ticket_id=ticket.id, person_id=person.id, created_at=now)
        .on_conflict_do_nothing(index_elements=[TicketWatcher.ticket_id, TicketWatcher.person_id])
        .returning(TicketWatcher.person_id)
    )
    return (await session.execute(statement)).scalar_one_or_none() is not None


async def tell_watchers(session: AsyncSession, ticket: Ticket, now: datetime) -> int:
    """The outage is fixed: tell everyone who asked, once each."""
    rows = (
        await session.execute(
            select(TicketWatcher, Person)
            .join(Person, Person.id == TicketWatcher.person_id)
            .where(TicketWatcher.ticket_id == ticket.id, TicketWatcher.told_at.is_(None))
        )
    ).all()
    service = await session.get(Service, ticket.service_id) if ticket.service_id else None
    for watcher, person in rows:
        watcher.told_at = now
        if person.anonymised_at is not None:
            continue
        lang = language_of(person.language)
        name = in_language(lang, service.name, service.name_en) if service else ticket.title
        await outbox.enqueue(
            session,
            chat_id=person.telegram_id,
            now=now,
            ticket_id=ticket.id,
            dedupe_key=f"outage-fixed:{ticket.id}:{person.id}",
            purpose="outage_fixed",
            text=t("outage.fixed", lang, service=name, number=ticket.number),
        )
    if rows:
        logger.info("outage watchers told ticket=%s count=%s", ticket.number, len(rows))
    return len(rows)
