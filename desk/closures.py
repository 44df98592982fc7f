"""Cuti bersama and local closures added in the bot, and the due times they move.

The calendar file holds what was known when Sigap was deployed; the yearly joint decree, a
flood or a power cut come later. Coordinators add such a day in the bot; it is stored, merged
into the file's calendars (a stored closure wins over the file on the same day), and every
open ticket on an affected calendar gets its due times recomputed at once, with a history row
saying why they moved. The base calendars (the file's) are always passed in, so removing a
stored closure gives back exactly what the file said.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from desk import sla
from desk.calendar import BusinessCalendar, Closure
from desk.config import DeskConfig
from desk.errors import Conflict, InvalidInput, NotFound, required_line
from desk.history import Actor, record_change
from desk.service_status import CATALOG_MANAGERS
from desk.staff import require_role, role_of
from desk.types import Priority, Source, TicketStatus, TicketType
from storage.models import CalendarClosure, Person, Ticket

logger = logging.getLogger(__name__)

Calendars = Mapping[str, BusinessCalendar]
TargetKey = tuple[int | None, str, str]  # service, ticket type, priority
MAX_REASON = 200
# Statuses whose due times still matter: the clock runs, or waits on the requester.
DUE_STATUSES = sla.CLOCK_RUNNING | {TicketStatus.PENDING.value}


@dataclass(frozen=True)
class ClosureChange:
    """What adding or removing a closure did: the new desk configuration to use from now on,
    and how many open tickets had their due times moved."""

    day: date
    reason: str
    calendars: tuple[str, ...]
    config: DeskConfig
    moved: int


@dataclass(frozen=True)
class UpcomingClosure:
    day: date
    reason: str
    calendars: tuple[str, ...]


async def stored_closures(session: AsyncSession) -> dict[str, list[Closure]]:
    """Closures added in the bot, by calendar code."""
    rows = (await session.execute(select(CalendarClosure).order_by(CalendarClosure.day))).scalars()
    found: dict[str, list[Closure]] = defaultdict(list)
    for row in rows:
        found[row.calendar_code].append(Closure(row.day, row.reason))
    return dict(found)


def merge_closures(
    base: Calendars, stored: Mapping[str, Sequence[Closure]]
) -> dict[str, BusinessCalendar]:
    """The base calendars with the stored closures added; 24x7 calendars never close."""
    merged = dict(base)
    for code, extra in stored.items():
        calendar = base.get(code)
        if calendar is None:
            logger.warning("closure for unknown calendar calendar=%s days=%s", code, len(extra))
            continue
        if calendar.around_the_clock or not extra:
            continue
        by_day = {closure.date: closure for closure in calendar.closures}
        by_day.update((closure.date, closure) for closure in extra)
        merged[code] = replace(calendar, closures=tuple(sorted(by_day.values())))
    return merged


async def with_stored_closures(
    session: AsyncSession, config: DeskConfig, base: Calendars
) -> DeskConfig:
    """A desk configuration whose calendars are `base` plus every stored closure."""
    return replace(config, calendars=merge_closures(base, await stored_closures(session)))


ClosuresVersion = tuple[int, int | None, datetime | None]


async def closures_version(session: AsyncSession) -> ClosuresVersion:
    """How many closures are stored, the newest id and the newest time: any add or removal
    changes one of them (SQLite may give a new row the id of a just-removed last row)."""
    query = select(
        func.count(CalendarClosure.id),
        func.max(CalendarClosure.id),
        func.max(CalendarClosure.created_at),
    )
    count, newest, latest = (await session.execute(query)).one()
    return int(count), newest, latest


@dataclass
class ClosureWatch:
    """Keeps a process's calendars in step with the closures stored by any process.

    A coordinator's `/libur` changes the calendars of the process that handled it at once;
    every other process (another webhook process, `sigap worker`) and the jobs built at
    start-up catch up when they next look, by one small query that finds nothing new.
    """

    base: Calendars
    version: ClosuresVersion | None = None

    async def refresh(self, session: AsyncSession, config: DeskConfig) -> DeskConfig | None:
        """`config` with the stored closures merged anew, or None when nothing changed."""
        version = await closures_version(session)
        if version == self.version:
            return None
        merged = await with_stored_closures(session, config, self.base)
        self.version = version
        logger.info("calendar closures merged closures=%s", version[0])
        return merged


def clean_reason(text: str) -> str:
    return required_line(
        text, limit=MAX_REASON, missing_key="closure.error.reason", what="closure reason"
    )


def target_calendars(base: Calendars, code: str | None) -> tuple[str, ...]:
    """The named calendar, or, for a cuti bersama, every calendar that keeps office hours."""
    if code is not None:
        if code not in base:
            raise NotFound(f"no calendar {code!r}", text_key="closure.error.calendar", code=code)
        if base[code].around_the_clock:
            raise InvalidInput(f"calendar {code} is 24x7", text_key="closure.error.always_open")
        return (code,)
    return tuple(sorted(name for name, cal in base.items() if not cal.around_the_clock))


async def add_closure(
    session: AsyncSession,
    config: DeskConfig,
    base: Calendars,
    *,
    day: date,
    reason: str,
    calendar_code: str | None,
    actor: Person,
    now: datetime,
) -> ClosureChange:
    """Close `day` on one calendar (or all office calendars) and move the due times."""
    require_role(actor, CATALOG_MANAGERS, "add a closure")
    reason = clean_reason(reason)
    codes = await _codes_without(session, target_calendars(base, calendar_code), day)
    if not codes:
        raise Conflict(f"{day} is already closed", text_key="closure.error.exists", day=str(day))
    for code in codes:
        session.add(
            CalendarClosure(
                calendar_code=code, day=day, reason=reason, created_by_id=actor.id, created_at=now
            )
        )
    await session.flush()
    logger.info("closure added day=%s calendars=%s actor=%s", day, ",".join(codes), actor.id)
    return await _apply(session, config, base, day, reason, codes, actor, now)


async def remove_closure(
    session: AsyncSession,
    config: DeskConfig,
    base: Calendars,
    *,
    day: date,
    calendar_code: str | None,
    actor: Person,
    now: datetime,
) -> ClosureChange:
    """Remove a closure added in the bot; the day is open again unless the file closes it."""
    require_role(actor, CATALOG_MANAGERS, "remove a closure")
    query = select(CalendarClosure).where(CalendarClosure.day == day)
    if calendar_code is not None:
        query = query.where(CalendarClosure.calendar_code == calendar_code)
    rows = list((await session.execute(query)).scalars())
    if not rows:
        raise NotFound(
            f"no stored closure on {day}", text_key="closure.error.missing", day=str(day)
        )
    await session.execute(
        delete(CalendarClosure).where(CalendarClosure.id.in_([r.id for r in rows]))
    )
    codes = tuple(sorted(row.calendar_code for row in rows))
    logger.info("closure removed day=%s calendars=%s actor=%s", day, ",".join(codes), actor.id)
    return await _apply(session, config, base, day, rows[0].reason, codes, actor, now)


async def _codes_without(
    session: AsyncSession, codes: Sequence[str], day: date
) -> tuple[str, ...]:
    query = select(CalendarClosure.calendar_code).where(
        CalendarClosure.day == day, CalendarClosure.calendar_code.in_(codes)
    )
    taken = set((await session.execute(query)).scalars())
    return tuple(code for code in codes if code not in taken)


async def _apply(
    session: AsyncSession,
    config: DeskConfig,
    base: Calendars,
    day: date,
    reason: str,
    codes: tuple[str, ...],
    actor: Person,
    now: datetime,
) -> ClosureChange:
    updated = await with_stored_closures(session, config, base)
    moved = await move_due_times(
        session,
        updated,
        codes,
        reason=reason,
        actor=Actor(actor.id, role_of(actor)),
        source=Source.TELEGRAM,
        now=now,
    )
    return ClosureChange(day, reason, codes, updated, moved)


def calendar_code_of(config: DeskConfig, ticket: Ticket) -> str:
    """The calendar a ticket's due times are counted on (the default when unknown)."""
    code = ticket.service.calendar_code if ticket.service else None
    if code is not None and code in config.calendars:
        return code
    return config.default_calendar


async def move_due_times(
    session: AsyncSession,
    config: DeskConfig,
    calendar_codes: Collection[str],
    *,
    reason: str,
    actor: Actor,
    source: Source,
    now: datetime,
) -> int:
    """Recompute the due times of open tickets on these calendars, keeping paused time;
    one history row per ticket whose due times moved. Returns how many moved."""
    query = (
        select(Ticket)
        .where(Ticket.status.in_(DUE_STATUSES))
        .options(selectinload(Ticket.service))
        .order_by(Ticket.id)
    )
    tickets = [
        ticket
        for ticket in (await session.execute(query)).scalars()
        if calendar_code_of(config, ticket) in calendar_codes
    ]
    # One target lookup per service, type and priority, not per ticket: a cuti bersama
    # moves every open ticket of the office calendars at once.
    targets: dict[TargetKey, sla.Targets] = {}
    for key in {_target_key(ticket) for ticket in tickets}:
        service_id, ticket_type, priority = key
        targets[key] = await sla.targets_for(
            session, config, service_id, TicketType(ticket_type), Priority(priority)
        )
    moved = sum(
        _reschedule(
            session, config, ticket, targets[_target_key(ticket)], reason, actor, source, now
        )
        for ticket in tickets
    )
    logger.info("due times moved calendars=%s tickets=%s", ",".join(calendar_codes), moved)
    return moved


def _target_key(ticket: Ticket) -> TargetKey:
    return ticket.service_id, ticket.ticket_type, ticket.priority


def _reschedule(
    session: AsyncSession,
    config: DeskConfig,
    ticket: Ticket,
    targets: sla.Targets,
    reason: str,
    actor: Actor,
    source: Source,
    now: datetime,
) -> bool:
    before = _due_text(ticket)
    check_at = ticket.sla_check_at
    sla.schedule_due_times(ticket, targets, config)
    after = _due_text(ticket)
    if after == before:
        ticket.sla_check_at = check_at  # nothing moved: leave the sweep's place untouched
        return False
    ticket.updated_at = now
    record_change(
        session,
        ticket,
        field="due_times",
        old=before,
        new=f"{after} (due times moved: {reason})",
        actor=actor,
        source=source,
        now=now,
    )
    return True


def _due_text(ticket: Ticket) -> str:
    def iso(moment: datetime | None) -> str:
        return moment.isoformat(timespec="minutes") if moment else "-"

    return f"response {iso(ticket.response_due_at)}, resolution {iso(ticket.resolution_due_at)}"


def upcoming(config: DeskConfig, today: date, limit: int = 20) -> list[UpcomingClosure]:
    """Closures from `today` on, across the desk's calendars, each day with its calendars."""
    grouped: dict[tuple[date, str], list[str]] = defaultdict(list)
    for code, calendar in config.calendars.items():
        for closure in calendar.closures:
            if closure.date >= today:
                grouped[(closure.date, closure.reason)].append(code)
    return [
        UpcomingClosure(day, reason, tuple(sorted(codes)))
        for (day, reason), codes in sorted(grouped.items())[:limit]
    ]
