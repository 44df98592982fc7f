"""Service reports (BAB IV.4.c): one on every service status change, kept and sent.

A status change is the moment coordinators must see how the service stood: how many tickets
of which kind, whether the SLA was kept, how satisfied requesters were, whether the workload
stayed within the SLA's limits, and which periods the SLA did not cover. The report is plain
Markdown so it reads the same in the chat, in a file and in the audit evidence.

Ticket counts cover tickets created in the period; SLA compliance and satisfaction cover
tickets resolved in it, since that is when the outcome is known.
"""

from __future__ import annotations

import html
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from desk import outbox
from desk.config import DeskConfig
from desk.types import Role
from storage.models import (
    Person,
    Service,
    ServiceHistory,
    ServiceLevelAgreement,
    ServiceReport,
    SlaException,
    Ticket,
)
from texts import Raw, in_language, language_of, t
from texts.dates import zone_label

logger = logging.getLogger(__name__)

STATUS_CHANGE = "status_change"
CHUNK = 3500  # characters of report per Telegram message, below its 4096 limit


@dataclass
class ServiceFigures:
    """What the report says about one service over one period, before wording."""

    created: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    by_priority: Counter[str] = field(default_factory=Counter)
    by_status: Counter[str] = field(default_factory=Counter)
    requesters: int = 0
    monthly: Counter[str] = field(default_factory=Counter)  # "2026-12" -> tickets created
    resolved: int = 0
    resolved_in_time: int = 0
    ratings: list[int] = field(default_factory=list)
    slas: list[ServiceLevelAgreement] = field(default_factory=list)
    exceptions: list[SlaException] = field(default_factory=list)

    @property
    def compliance(self) -> float | None:
        return self.resolved_in_time / self.resolved if self.resolved else None

    @property
    def mean_satisfaction(self) -> float | None:
        return sum(self.ratings) / len(self.ratings) if self.ratings else None


async def gather(
    session: AsyncSession, service: Service, start: datetime, end: datetime, zone: ZoneInfo
) -> ServiceFigures:
    """Count the service's tickets, SLA results and exceptions in [start, end)."""
    figures = ServiceFigures()
    for ticket in await _tickets(session, service, start, end):
        if start <= ticket.created_at < end:
            _count_created(figures, ticket, zone)
        if ticket.resolved_at is not None and start <= ticket.resolved_at < end:
            _count_resolved(figures, ticket)
    figures.slas = await _slas(session, service)
    figures.exceptions = sorted(
        (item for sla in figures.slas for item in sla.exceptions if _overlaps(item, start, end)),
        key=lambda item: item.starts_at,
    )
    return figures


class TicketFacts(NamedTuple):
    """The columns of a ticket the report reads: loading whole rows took four times longer."""

    ticket_type: str
    priority: str
    status: str
    created_at: datetime
    resolved_at: datetime | None
    resolution_due_at: datetime | None
    satisfaction: int | None


async def _tickets(
    session: AsyncSession, service: Service, start: datetime, end: datetime
) -> list[TicketFacts]:
    created = (Ticket.created_at >= start) & (Ticket.created_at < end)
    resolved = (Ticket.resolved_at >= start) & (Ticket.resolved_at < end)
    columns = [getattr(Ticket, name) for name in TicketFacts._fields]
    query = select(*columns).where(Ticket.service_id == service.id, or_(created, resolved))
    return [TicketFacts(*row) for row in (await session.execute(query)).all()]


def _count_created(figures: ServiceFigures, ticket: TicketFacts, zone: ZoneInfo) -> None:
    figures.created += 1
    figures.by_type[ticket.ticket_type] += 1
    figures.by_priority[ticket.priority] += 1
    figures.by_status[ticket.status] += 1
    figures.monthly[ticket.created_at.astimezone(zone).strftime("%Y-%m")] += 1


def _count_resolved(figures: ServiceFigures, ticket: TicketFacts) -> None:
    if ticket.resolved_at is not None and ticket.resolution_due_at is not None:
        figures.resolved += 1
        figures.resolved_in_time += ticket.resolved_at <= ticket.resolution_due_at
    if ticket.satisfaction is not None:
        figures.ratings.append(ticket.satisfaction)


async def _slas(session: AsyncSession, service: Service) -> list[ServiceLevelAgreement]:
    query = (
        select(ServiceLevelAgreement)
        .where(ServiceLevelAgreement.service_id == service.id)
        .options(selectinload(ServiceLevelAgreement.exceptions))
        .order_by(ServiceLevelAgreement.id)
    )
    return list((await session.execute(query)).scalars())


def _overlaps(item: SlaException, start: datetime, end: datetime) -> bool:
    return item.starts_at < end and item.ends_at > start


async def count_requesters(
    session: AsyncSession, service: Service, start: datetime, end: datetime
) -> int:
    """Distinct people who lodged tickets: the users the SLA's user limit is measured by."""
    query = (
        select(Ticket.requester_id)
        .where(Ticket.service_id == service.id, Ticket.created_at >= start)
        .where(Ticket.created_at < end)
        .distinct()
    )
    return len(list((await session.execute(query)).scalars()))


def render(
    service: Service,
    figures: ServiceFigures,
    *,
    start: datetime,
    end: datetime,
    zone: ZoneInfo,
    lang: str,
    change: ServiceHistory | None = None,
) -> str:
    """The report as Markdown, in `lang`."""
    name = in_language(lang, service.name, service.name_en)
    lines = [
        _t("svc.report.title", lang, name=name, code=service.code),
        _t("svc.report.period", lang, start=_moment(start, zone), end=_moment(end, zone)),
    ]
    if change is not None:
        lines += ["", *_change_lines(change, zone, lang)]
    lines += ["", *_ticket_lines(figures, lang)]
    lines += ["", *_sla_lines(figures, lang)]
    lines += ["", *_workload_lines(figures, lang)]
    lines += ["", *_exception_lines(figures, zone, lang)]
    return "\n".join(lines) + "\n"


def _t(key: str, lang: str, **params: object) -> str:
    """A catalog text with its parameters left as they are: this is Markdown, not HTML."""
    return t(key, lang, **{name: Raw(str(value)) for name, value in params.items()})


def _moment(moment: datetime, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%Y-%m-%d %H.%M} {zone_label(zone)}"


def _number(value: float, lang: str) -> str:
    text = f"{value:.1f}"
    return text if lang == "en" else text.replace(".", ",")


def _change_lines(change: ServiceHistory, zone: ZoneInfo, lang: str) -> list[str]:
    return [
        _t("svc.report.change_heading", lang),
        _t(
            "svc.report.change",
            lang,
            old=t(f"browse.status.{change.old_value}", lang),
            new=t(f"browse.status.{change.new_value}", lang),
            at=_moment(change.created_at, zone),
            reason=change.reason,
        ),
    ]


def _breakdown(counts: Counter[str], prefix: str, lang: str) -> str:
    if not counts:
        return "-"
    return ", ".join(f"{t(f'{prefix}.{key}', lang)} {n}" for key, n in sorted(counts.items()))


def _ticket_lines(figures: ServiceFigures, lang: str) -> list[str]:
    return [
        _t("svc.report.tickets_heading", lang, count=figures.created),
        _t("svc.report.by_type", lang, items=_breakdown(figures.by_type, "ticket_type", lang)),
        _t(
            "svc.report.by_priority", lang, items=_breakdown(figures.by_priority, "priority", lang)
        ),
        _t("svc.report.by_status", lang, items=_breakdown(figures.by_status, "status", lang)),
    ]


def _sla_lines(figures: ServiceFigures, lang: str) -> list[str]:
    lines = [_t("svc.report.sla_heading", lang)]
    if figures.compliance is None:
        lines.append(_t("svc.report.none_resolved", lang))
    else:
        percent = _number(100 * figures.compliance, lang)
        lines.append(
            _t(
                "svc.report.compliance",
                lang,
                in_time=figures.resolved_in_time,
                resolved=figures.resolved,
                percent=percent,
            )
        )
    mean = figures.mean_satisfaction
    if mean is None:
        lines.append(_t("svc.report.no_ratings", lang))
    else:
        lines.append(
            _t(
                "svc.report.satisfaction",
                lang,
                mean=_number(mean, lang),
                count=len(figures.ratings),
            )
        )
    return lines


def _workload_lines(figures: ServiceFigures, lang: str) -> list[str]:
    lines = [_t("svc.report.workload_heading", lang)]
    if not figures.slas:
        return [*lines, _t("svc.report.no_sla", lang)]
    busiest = figures.monthly.most_common(1)
    month, peak = busiest[0] if busiest else ("-", 0)
    for sla in figures.slas:
        lines.append(f"- {sla.name}")
        lines.append(_monthly_line(sla, figures, month, peak, lang))
        if sla.max_users is not None:
            users = figures.requesters
            lines.append(_t("svc.report.users", lang, count=users, limit=sla.max_users))
        if sla.max_transactions_per_month is not None:
            limit = sla.max_transactions_per_month
            lines.append(_t("svc.report.transactions", lang, limit=limit))
    return lines


def _monthly_line(
    sla: ServiceLevelAgreement, figures: ServiceFigures, month: str, peak: int, lang: str
) -> str:
    limit = sla.max_tickets_per_month
    if limit is None:
        return _t("svc.report.no_ticket_limit", lang, month=month, count=peak)
    over = sorted(key for key, count in figures.monthly.items() if count > limit)
    return _t(
        "svc.report.monthly",
        lang,
        month=month,
        count=peak,
        limit=limit,
        over=", ".join(over) or "-",
    )


def _exception_lines(figures: ServiceFigures, zone: ZoneInfo, lang: str) -> list[str]:
    lines = [_t("svc.report.exceptions_heading", lang)]
    if not figures.exceptions:
        return [*lines, _t("svc.report.no_exceptions", lang)]
    for item in figures.exceptions:
        span = f"{_moment(item.starts_at, zone)} – {_moment(item.ends_at, zone)}"
        lines.append(f"- {span}: {item.reason}")
    return lines


async def build(
    session: AsyncSession,
    service: Service,
    *,
    start: datetime,
    end: datetime,
    zone: ZoneInfo,
    languages: Iterable[str] = ("id",),
    change: ServiceHistory | None = None,
) -> dict[str, str]:
    """The report over [start, end) in each of `languages`, from one count of the figures."""
    figures = await gather(session, service, start, end, zone)
    figures.requesters = await count_requesters(session, service, start, end)
    return {
        lang: render(service, figures, start=start, end=end, zone=zone, lang=lang, change=change)
        for lang in languages
    }


async def period_start(
    session: AsyncSession, service: Service, record: ServiceHistory
) -> datetime:
    """Since the previous status change, or since the service was entered in the catalog."""
    query = (
        select(ServiceHistory.created_at)
        .where(
            ServiceHistory.service_id == service.id,
            ServiceHistory.field == "status",
            ServiceHistory.id != record.id,
            ServiceHistory.created_at <= record.created_at,
        )
        .order_by(ServiceHistory.created_at.desc(), ServiceHistory.id.desc())
        .limit(1)
    )
    previous = (await session.execute(query)).scalar_one_or_none()
    return previous or service.created_at


async def report_status_change(
    session: AsyncSession,
    service: Service,
    record: ServiceHistory,
    *,
    config: DeskConfig,
    now: datetime,
) -> ServiceReport:
    """Store the report on this status change and queue it for every coordinator."""
    start = await period_start(session, service, record)
    readers = await coordinators(session)
    languages = {"id", *(language_of(person.language) for person in readers)}
    bodies = await build(
        session,
        service,
        start=start,
        end=now,
        zone=config.timezone,
        languages=sorted(languages),
        change=record,
    )
    report = ServiceReport(
        service_id=service.id,
        kind=STATUS_CHANGE,
        period_start=start,
        period_end=now,
        body=bodies["id"],
        created_at=now,
    )
    session.add(report)
    await session.flush()

    chats = [(person.telegram_id, language_of(person.language)) for person in readers]
    chats += [(chat_id, "id") for chat_id in config.coordinator_chat_ids]
    for chat_id, lang in chats:
        await send(session, report, bodies[lang], chat_id=chat_id, lang=lang, now=now)
    logger.info(
        "service report stored report=%s service=%s readers=%s",
        report.id,
        service.code,
        len(chats),
    )
    return report


async def coordinators(session: AsyncSession) -> list[Person]:
    query = (
        select(Person)
        .where(Person.role == Role.COORDINATOR.value, Person.anonymised_at.is_(None))
        .order_by(Person.id)
    )
    return list((await session.execute(query)).scalars())


def chunks(body: str, size: int = CHUNK) -> list[str]:
    """Split at line ends into pieces of at most `size` characters (a longer line is cut)."""
    pieces: list[str] = []
    current = ""
    for line in body.splitlines(keepends=True):
        for offset in range(0, len(line), size):
            piece = line[offset : offset + size]
            if current and len(current) + len(piece) > size:
                pieces.append(current)
                current = ""
            current += piece
    return [*pieces, current] if current else pieces


async def send(
    session: AsyncSession,
    report: ServiceReport,
    body: str,
    *,
    chat_id: int,
    lang: str,
    now: datetime,
) -> int:
    """Queue the report as preformatted text, in as many messages as it needs."""
    parts: Sequence[str] = chunks(body)
    queued = 0
    for number, part in enumerate(parts, start=1):
        header = t("svc.report.message", lang, number=number, total=len(parts))
        queued += await outbox.enqueue(
            session,
            chat_id=chat_id,
            text=f"{header}\n<pre>{html.escape(part, quote=False)}</pre>",
            now=now,
            dedupe_key=f"svc-report:{report.id}:{chat_id}:{number}",
            purpose="service_report",
        )
    return queued
