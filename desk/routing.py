"""Who should work a ticket, and the work queues agents read.

A new ticket is offered to the agents serving its service: those with recorded competence
for it first (BAB III: competence with evidence), then those holding the fewest open tickets,
so work spreads instead of piling on whoever answers fastest.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from desk import outbox, tickets
from desk.callbacks import encode
from desk.config import DeskConfig
from desk.errors import NotFound
from desk.history import Actor
from desk.notices import buttons
from desk.staff import refuse, require_staff, role_of, served_service_ids
from desk.types import Priority, Role, Source, TicketStatus
from storage.models import AgentService, Person, Service, Ticket
from texts import language_of, t

logger = logging.getLogger(__name__)

# Statuses that are work on an agent's desk; a resolved ticket waits on the requester.
WORKING = (
    TicketStatus.NEW.value,
    TicketStatus.ASSIGNED.value,
    TicketStatus.IN_PROGRESS.value,
    TicketStatus.PENDING.value,
)
OPEN = (*WORKING, TicketStatus.RESOLVED.value)
OFFERED = 3
PRIORITY_RANK = {p.value: rank for rank, p in enumerate(Priority)}


@dataclass(frozen=True)
class Candidate:
    person: Person
    competent: bool
    open_tickets: int


async def open_counts(session: AsyncSession, person_ids: list[int]) -> dict[int, int]:
    if not person_ids:
        return {}
    query = (
        select(Ticket.assignee_id, func.count(Ticket.id))
        .where(Ticket.assignee_id.in_(person_ids), Ticket.status.in_(WORKING))
        .group_by(Ticket.assignee_id)
    )
    rows = (await session.execute(query)).all()
    return {int(pid): int(count) for pid, count in rows if pid is not None}


async def candidates(session: AsyncSession, service_id: int | None) -> list[Candidate]:
    """Staff serving the service, best first; agents before coordinators."""
    if service_id is None:
        return []
    query = (
        select(Person, AgentService.competent)
        .join(AgentService, AgentService.person_id == Person.id)
        .where(
            AgentService.service_id == service_id,
            Person.role.in_([Role.AGENT.value, Role.COORDINATOR.value]),
        )
    )
    rows = [(person, bool(competent)) for person, competent in (await session.execute(query))]
    counts = await open_counts(session, [person.id for person, _ in rows])
    found = [Candidate(person, competent, counts.get(person.id, 0)) for person, competent in rows]
    found.sort(
        key=lambda c: (
            role_of(c.person) is not Role.AGENT,
            not c.competent,
            c.open_tickets,
            c.person.id,
        )
    )
    return found


async def route_new_ticket(
    session: AsyncSession, config: DeskConfig, ticket: Ticket, now: datetime, auto_assign: bool
) -> Person | None:
    """With auto-assign on, give the ticket to the best candidate and tell them privately.

    Otherwise the ticket is offered through the group notice, whose assign button lists the
    candidates in this same order; returns the assignee when one was chosen.
    """
    found = await candidates(session, ticket.service_id)
    if not found:
        logger.info("ticket unrouted ticket=%s service=%s", ticket.number, ticket.service_id)
        return None
    if not auto_assign:
        logger.info(
            "ticket offered ticket=%s candidates=%s",
            ticket.number,
            ",".join(str(c.person.id) for c in found[:OFFERED]),
        )
        return None
    best = found[0].person
    tickets.assign(session, ticket, best, Actor.system(), now, Source.SYSTEM)
    await tell_assignee(session, ticket, best, now)
    logger.info("ticket auto-assigned ticket=%s assignee=%s", ticket.number, best.id)
    return best


async def tell_assignee(
    session: AsyncSession, ticket: Ticket, agent: Person, now: datetime
) -> None:
    """Tell an agent privately that a ticket is now theirs, with a button to open it."""
    lang = language_of(agent.language)
    rows = [[(t("agent.button.open", lang), encode("ag", "open", ticket.id))]]
    service = ticket.service.name if ticket.service is not None else "-"
    await outbox.enqueue(
        session,
        chat_id=agent.telegram_id,
        text=t(
            "agent.route.assigned",
            lang,
            number=ticket.number,
            title=ticket.title,
            service=service,
            priority=t(f"priority.{ticket.priority}", lang),
        ),
        now=now,
        dedupe_key=f"assigned:{ticket.id}:{agent.id}:{now:%Y%m%d%H%M%S%f}",
        reply_markup=buttons(rows),
        ticket_id=ticket.id,
        purpose="agent_route",
    )


class QueueView(StrEnum):
    """The ways `/queue` slices the work: all by priority, or one of these."""

    PRIORITY = "priority"
    MINE = "mine"
    UNASSIGNED = "unassigned"
    SERVICE = "svc"
    DUE = "due"


async def queue(
    session: AsyncSession,
    person: Person,
    view: QueueView,
    *,
    service_code: str | None = None,
    limit: int = 15,
) -> list[Ticket]:
    """Open tickets in the person's scope, sliced and ordered as `view` says."""
    require_staff(person, "queue")
    query = select(Ticket).options(selectinload(Ticket.service), selectinload(Ticket.assignee))
    query = query.where(Ticket.status.in_(OPEN))
    if role_of(person) is not Role.ADMIN:
        served = await served_service_ids(session, person.id)
        query = query.where(
            or_(
                Ticket.service_id.in_(served),
                Ticket.service_id.is_(None),
                Ticket.assignee_id == person.id,
            )
        )
    query = await _narrow(session, person, query, view, service_code)
    rank = case(PRIORITY_RANK, value=Ticket.priority, else_=len(PRIORITY_RANK))
    if view is QueueView.DUE:
        query = query.where(
            Ticket.resolution_due_at.is_not(None), Ticket.status.in_(WORKING)
        ).order_by(Ticket.resolution_due_at, rank)
    else:
        query = query.order_by(rank, Ticket.resolution_due_at, Ticket.id)
    return list((await session.execute(query.limit(limit))).scalars())


async def _narrow(
    session: AsyncSession, person: Person, query: Any, view: QueueView, code: str | None
) -> Any:
    if view is QueueView.MINE:
        return query.where(Ticket.assignee_id == person.id)
    if view is QueueView.UNASSIGNED:
        return query.where(Ticket.assignee_id.is_(None))
    if view is QueueView.SERVICE:
        service = (
            await session.execute(select(Service).where(Service.code == (code or "").lower()))
        ).scalar_one_or_none()
        if service is None:
            raise NotFound(
                f"no service {code}", text_key="agent.error.unknown_service", codes=code or ""
            )
        if role_of(person) is not Role.ADMIN and service.id not in await served_service_ids(
            session, person.id
        ):
            refuse(person, "queue service")
        return query.where(Ticket.service_id == service.id)
    return query
