"""The SLA sweep: warn the assignee at 75% of a target, tell the coordinators at 100%.

The sweep reads only tickets whose `sla_check_at` has come (an index range, oldest first, in
batches), so its cost follows how many checkpoints fall due, not how many tickets are open.
For each such ticket it sends the latest stage reached per target (a sweep that ran late
sends the breach, not a stale warning first), then moves `sla_check_at` to the next
checkpoint still ahead, or clears it.

Every notice has an outbox dedupe key naming the stage, target, ticket and due time, so a
restart or an overlapping run adds nothing, and a priority change (which moves the due time)
warns again for the new one. Responses and resolutions are separate targets. Notices about
non-critical tickets wait for the service calendar's next opening instead of waking people at
night; critical ones go at once.

SLA exceptions are kept simple: a breach whose due time falls inside an exception period of
one of the service's SLAs is not reported. The warning before it still goes, as the work is
still owed.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache, partial
from typing import Any

from sqlalchemy import Row, Table, bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import load_only, selectinload

from desk.calendar import BusinessCalendar
from desk.config import DeskConfig
from desk.sla import Checkpoint, checkpoints
from desk.types import Priority, Role
from storage.db import SessionFactory
from storage.models import OutboxMessage, Person, ServiceLevelAgreement, SlaException, Ticket
from storage.upsert import insert_for
from texts import language_of, t
from texts.dates import local_time

logger = logging.getLogger(__name__)

BATCH = 500


@dataclass(frozen=True)
class Recipient:
    chat_id: int
    lang: str


async def sweep_due_tickets(
    sessions: SessionFactory, config: DeskConfig, now: datetime, batch: int = BATCH
) -> int:
    """Act on every ticket whose next SLA checkpoint has come; returns notices queued."""
    queued = 0
    while True:
        async with sessions() as session, session.begin():
            tickets = await _due_tickets(session, now, batch)
            if tickets:
                queued += await _check_batch(session, config, tickets, now)
        if len(tickets) < batch:
            return queued


# What the checkpoints and the notices read; the rest of a ticket is left unloaded.
SWEPT_COLUMNS = (
    Ticket.id,
    Ticket.number,
    Ticket.title,
    Ticket.status,
    Ticket.priority,
    Ticket.service_id,
    Ticket.assignee_id,
    Ticket.created_at,
    Ticket.first_response_at,
    Ticket.response_due_at,
    Ticket.resolution_due_at,
    Ticket.response_target_minutes,
    Ticket.resolution_target_minutes,
    Ticket.paused_since,
    Ticket.paused_minutes,
    Ticket.sla_check_at,
)


# One executemany on the table rather than a unit-of-work flush of every swept ticket.
TICKETS: Table = Ticket.__table__  # type: ignore[assignment]
OUTBOX: Table = OutboxMessage.__table__  # type: ignore[assignment]
MOVE_CHECK = (
    update(TICKETS)
    .where(TICKETS.c.id == bindparam("ticket"))
    .values(sla_check_at=bindparam("check_at"))
)


async def _due_tickets(session: AsyncSession, now: datetime, batch: int) -> list[Ticket]:
    # SKIP LOCKED lets an overlapping sweep on PostgreSQL take other rows instead of waiting.
    query = (
        select(Ticket)
        .where(Ticket.sla_check_at <= now)
        .order_by(Ticket.sla_check_at)
        .limit(batch)
        .options(
            load_only(*SWEPT_COLUMNS),
            selectinload(Ticket.service),
            selectinload(Ticket.assignee),
        )
        .with_for_update(skip_locked=True)
    )
    return list((await session.execute(query)).scalars())


async def _check_batch(
    session: AsyncSession, config: DeskConfig, tickets: list[Ticket], now: datetime
) -> int:
    reached: list[tuple[Ticket, BusinessCalendar, Checkpoint]] = []
    next_checks: list[dict[str, Any]] = []
    for ticket in tickets:
        calendar = config.calendar(ticket.service.calendar_code if ticket.service else None)
        points = checkpoints(ticket, calendar)
        reached += [(ticket, calendar, point) for point in latest_reached(points, now)]
        following = next((p.at for p in points if p.at > now), None)
        next_checks.append({"ticket": ticket.id, "check_at": following})
    await session.execute(MOVE_CHECK, next_checks)
    if not reached:
        return 0

    exceptions = await exception_periods(session, {t.service_id for t, _, _ in reached})
    coordinators = await coordinator_recipients(session, config)
    held = cache(partial(hold_until, now=now))
    rows: list[dict[str, Any]] = []
    for ticket, calendar, point in reached:
        not_before = held(calendar, urgent=is_critical(ticket))
        if point.stage == "warning":
            rows += _warning(config, ticket, calendar, point, not_before, now)
        elif not _excepted(exceptions.get(ticket.service_id, []), point.due_at):
            rows += _breach_reports(ticket, calendar, point, coordinators, not_before, now)
    numbers = {ticket.id: ticket.number for ticket, _, _ in reached}
    added = await _enqueue_all(session, rows)
    for row in added:
        logger.info("sla notice queued ticket=%s key=%s", numbers[row.ticket_id], row.dedupe_key)
    return len(added)


def latest_reached(points: list[Checkpoint], now: datetime) -> list[Checkpoint]:
    """Per target, the last checkpoint already reached (points come earliest first)."""
    latest: dict[str, Checkpoint] = {}
    for point in points:
        if point.at <= now:
            latest[point.target] = point
    return list(latest.values())


def _warning(
    config: DeskConfig,
    ticket: Ticket,
    calendar: BusinessCalendar,
    point: Checkpoint,
    not_before: datetime | None,
    now: datetime,
) -> list[dict[str, Any]]:
    """The assignee is warned; an unassigned ticket warns the agents' group instead."""
    recipient = _assignee_or_group(ticket, config)
    if recipient is None:
        logger.warning("sla warning without recipient ticket=%s", ticket.number)
        return []
    text = _render("sla.warning", ticket, calendar, point, recipient.lang)
    key = notice_key("warn", point, ticket)
    return [_notice(ticket, recipient.chat_id, text, key, "sla_warning", not_before, now)]


def _breach_reports(
    ticket: Ticket,
    calendar: BusinessCalendar,
    point: Checkpoint,
    coordinators: list[Recipient],
    not_before: datetime | None,
    now: datetime,
) -> list[dict[str, Any]]:
    if not coordinators:
        logger.warning("sla breach without coordinators ticket=%s", ticket.number)
    key = notice_key("breach", point, ticket)
    texts = {
        lang: _render("sla.breach", ticket, calendar, point, lang)
        for lang in {person.lang for person in coordinators}
    }
    return [
        _notice(
            ticket,
            person.chat_id,
            texts[person.lang],
            f"{key}:{person.chat_id}",
            "sla_breach",
            not_before,
            now,
        )
        for person in coordinators
    ]


def _notice(
    ticket: Ticket,
    chat_id: int,
    text: str,
    key: str,
    purpose: str,
    not_before: datetime | None,
    now: datetime,
) -> dict[str, Any]:
    """An outbox row as `desk.outbox.enqueue` writes it, for one insert per batch."""
    return {
        "dedupe_key": key,
        "chat_id": chat_id,
        "text": text,
        "reply_markup": None,
        "reply_to_message_id": None,
        "message_thread_id": None,
        "ticket_id": ticket.id,
        "purpose": purpose,
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": not_before or now,
        "created_at": now,
    }


async def _enqueue_all(session: AsyncSession, rows: list[dict[str, Any]]) -> list[Row[Any]]:
    """Queue the batch's notices in one statement; rows whose key exists are skipped."""
    if not rows:
        return []
    statement = (
        insert_for(session, OUTBOX)
        .on_conflict_do_nothing(index_elements=[OUTBOX.c.dedupe_key])
        .returning(OUTBOX.c.ticket_id, OUTBOX.c.dedupe_key)
    )
    return list(await session.execute(statement, rows))


def notice_key(stage: str, point: Checkpoint, ticket: Ticket) -> str:
    """`sla:warn:resolution:<ticket>:<due, UTC ISO>`: a new due time is a new notice."""
    due = point.due_at.astimezone(UTC).isoformat()
    return f"sla:{stage}:{point.target}:{ticket.id}:{due}"


def _render(
    key: str, ticket: Ticket, calendar: BusinessCalendar, point: Checkpoint, lang: str
) -> str:
    assignee = ticket.assignee.full_name if ticket.assignee else t("sla.nobody", lang)
    return t(
        key,
        lang,
        number=ticket.number,
        priority=t(f"priority.{ticket.priority}", lang),
        target=t(f"sla.target.{point.target}", lang),
        due=local_time(point.due_at, calendar.zone, lang),
        service=ticket.service.name if ticket.service else "-",
        assignee=assignee,
        title=ticket.title,
    )


def _assignee_or_group(ticket: Ticket, config: DeskConfig) -> Recipient | None:
    person = ticket.assignee
    if person is not None and person.unreachable_at is None:
        return Recipient(person.telegram_id, language_of(person.language))
    if config.agents_chat_id is not None:
        return Recipient(config.agents_chat_id, "id")
    return None


def hold_until(
    calendar: BusinessCalendar, now: datetime, *, urgent: bool = False
) -> datetime | None:
    """When a staff notice may go: at once when urgent or in working hours, else at the
    calendar's next opening, so nobody is woken at night for what can wait."""
    if urgent:
        return None
    opens = calendar.next_open(now)
    return opens if opens > now else None


def is_critical(ticket: Ticket) -> bool:
    return ticket.priority == Priority.CRITICAL.value


async def coordinator_recipients(session: AsyncSession, config: DeskConfig) -> list[Recipient]:
    """People with the coordinator role, then any configured coordinator chats."""
    query = select(Person.telegram_id, Person.language).where(
        Person.role == Role.COORDINATOR.value,
        Person.anonymised_at.is_(None),
        Person.unreachable_at.is_(None),
    )
    found = [Recipient(chat, language_of(lang)) for chat, lang in await session.execute(query)]
    known = {r.chat_id for r in found}
    found += [Recipient(chat, "id") for chat in config.coordinator_chat_ids if chat not in known]
    return sorted(found, key=lambda r: r.chat_id)


async def exception_periods(
    session: AsyncSession, service_ids: set[int | None]
) -> dict[int | None, list[tuple[datetime, datetime]]]:
    """The SLA exception periods of these services, by service."""
    wanted = {service for service in service_ids if service is not None}
    periods: dict[int | None, list[tuple[datetime, datetime]]] = defaultdict(list)
    if not wanted:
        return periods
    query = (
        select(ServiceLevelAgreement.service_id, SlaException.starts_at, SlaException.ends_at)
        .join(SlaException, SlaException.sla_id == ServiceLevelAgreement.id)
        .where(ServiceLevelAgreement.service_id.in_(wanted))
    )
    for service_id, starts, ends in await session.execute(query):
        periods[service_id].append((starts, ends))
    return periods


def _excepted(periods: list[tuple[datetime, datetime]], due_at: datetime) -> bool:
    return any(starts <= due_at < ends for starts, ends in periods)
