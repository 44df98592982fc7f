"""The life of a catalog entry (BAB IV.1): planned to retired, one explicit table of moves.

A service's status tells requesters whether they may ask for it, and agents what to say about
it, so a change is a decision: only coordinators and admins make it, always with a reason, and
every change is recorded, announced and reported (BAB IV.4.c: a service report on every
status change).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from desk import followers, service_report
from desk.catalog import SERVICE_FIELDS
from desk.config import DeskConfig
from desk.errors import InvalidInput, NotAllowed, TransitionRefused
from desk.types import Role, ServiceStatus
from storage.models import (
    Catalog,
    Person,
    Service,
    ServiceDependency,
    ServiceHistory,
    ServiceLevelAgreement,
    ServiceReport,
)

logger = logging.getLogger(__name__)

S = ServiceStatus
TRANSITIONS: Mapping[ServiceStatus, frozenset[ServiceStatus]] = {
    S.PLANNED: frozenset({S.IN_DEVELOPMENT, S.RETIRED}),  # retired here: dropped
    S.IN_DEVELOPMENT: frozenset({S.ACTIVE, S.RETIRED}),  # retired here: abandoned
    S.ACTIVE: frozenset({S.DEACTIVATED, S.RETIRING}),
    S.DEACTIVATED: frozenset({S.ACTIVE, S.RETIRING}),
    S.RETIRING: frozenset({S.RETIRED}),
    S.RETIRED: frozenset(),  # a retired service comes back only as a new, planned one
}

# What coordinators type after /layanan <code>: the guideline's Indonesian words or our values.
STATUS_WORDS: Mapping[str, ServiceStatus] = {
    **{status.value: status for status in ServiceStatus},
    "direncanakan": S.PLANNED,
    "rencana": S.PLANNED,
    "pengembangan": S.IN_DEVELOPMENT,
    "dikembangkan": S.IN_DEVELOPMENT,
    "aktif": S.ACTIVE,
    "nonaktif": S.DEACTIVATED,
    "dinonaktifkan": S.DEACTIVATED,
    "akan_berhenti": S.RETIRING,
    "berhenti": S.RETIRED,
    "telah_berhenti": S.RETIRED,
}

CATALOG_MANAGERS = frozenset({Role.COORDINATOR, Role.ADMIN})
CATALOG_VIEWERS = CATALOG_MANAGERS | {Role.AGENT}
MAX_REASON = 500


@dataclass(frozen=True)
class StatusChange:
    """A recorded status change, with the report it produced."""

    service: Service
    old: ServiceStatus
    new: ServiceStatus
    record: ServiceHistory
    report: ServiceReport


def role_of(person: Person) -> Role:
    try:
        return Role(person.role)
    except ValueError:
        return Role.REQUESTER


def require_role(person: Person, roles: Iterable[Role], action: str) -> None:
    """Refuse (and log) anyone whose role is not among `roles`."""
    if role_of(person) not in set(roles):
        logger.warning("refused person=%s role=%s action=%s", person.id, person.role, action)
        raise NotAllowed(f"person {person.id} may not {action}")


def allowed_targets(current: ServiceStatus) -> frozenset[ServiceStatus]:
    return TRANSITIONS[current]


def check_transition(current: ServiceStatus, target: ServiceStatus) -> None:
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(status.value for status in TRANSITIONS[current])) or "none"
        raise TransitionRefused(
            f"a service cannot go from {current.value} to {target.value} (allowed: {allowed})",
            text_key="svc.error.transition",
            current=current.value,
            target=target.value,
            allowed=allowed,
        )


def parse_status(word: str) -> ServiceStatus:
    """A status from what a coordinator typed: `aktif`, `akan-berhenti`, `retired`..."""
    key = word.strip().lower().replace("-", "_")
    found = STATUS_WORDS.get(key)
    if found is None:
        raise InvalidInput(f"unknown service status {word!r}", text_key="svc.error.status")
    return found


def clean_reason(text: str) -> str:
    reason = " ".join(text.split())
    if not reason:
        raise InvalidInput("a status change needs a reason", text_key="error.reason_needed")
    if len(reason) > MAX_REASON:
        raise InvalidInput("reason too long", text_key="error.too_long", limit=MAX_REASON)
    return reason


async def change_status(
    session: AsyncSession,
    service: Service,
    target: ServiceStatus,
    *,
    actor: Person,
    reason: str,
    config: DeskConfig,
    now: datetime,
) -> StatusChange:
    """Move a service along the table; record, announce and report it in this transaction."""
    require_role(actor, CATALOG_MANAGERS, "change service status")
    current = ServiceStatus(service.status)
    check_transition(current, target)
    reason = clean_reason(reason)

    service.status = target.value
    service.updated_at = now
    record = ServiceHistory(
        service_id=service.id,
        actor_id=actor.id,
        field="status",
        old_value=current.value,
        new_value=target.value,
        reason=reason,
        created_at=now,
    )
    session.add(record)
    await session.flush()
    logger.info(
        "service status changed service=%s old=%s new=%s actor=%s",
        service.code,
        current.value,
        target.value,
        actor.id,
    )

    await followers.announce_status_change(session, service, record, config=config, now=now)
    report = await service_report.report_status_change(
        session, service, record, config=config, now=now
    )
    return StatusChange(service, current, target, record, report)


async def recent_changes(
    session: AsyncSession, service: Service, limit: int = 5
) -> list[ServiceHistory]:
    """The service's latest recorded changes, newest first."""
    query = (
        select(ServiceHistory)
        .where(ServiceHistory.service_id == service.id)
        .order_by(ServiceHistory.created_at.desc(), ServiceHistory.id.desc())
        .limit(limit)
    )
    return list((await session.execute(query)).scalars())


# Until desk/catalog.py takes it next to `import_catalog`, the export lives with the status
# rules: it is what `sigap catalog export` writes and `sigap catalog import` reads back.
async def export_catalog(session: AsyncSession, zone: ZoneInfo) -> dict[str, Any]:
    """The whole catalog in the shape `desk.catalog.import_catalog` reads: a round trip
    through the file changes nothing. Times are written in `zone`, with their offset."""
    catalogs = (await session.execute(select(Catalog).order_by(Catalog.id))).scalars()
    query = (
        select(Service)
        .options(
            selectinload(Service.catalog),
            selectinload(Service.slas).selectinload(ServiceLevelAgreement.targets),
            selectinload(Service.slas).selectinload(ServiceLevelAgreement.exceptions),
        )
        .order_by(Service.id)
    )
    services = list((await session.execute(query)).scalars())
    upstream = await _dependencies(session)
    return {
        "catalogs": [
            {"code": item.code, "name": item.name, "name_en": item.name_en} for item in catalogs
        ],
        "services": [_service_entry(item, upstream.get(item.id, []), zone) for item in services],
    }


async def _dependencies(session: AsyncSession) -> dict[int, list[str]]:
    query = (
        select(ServiceDependency.service_id, Service.code)
        .join(Service, Service.id == ServiceDependency.depends_on_id)
        .order_by(ServiceDependency.service_id, Service.id)
    )
    found: dict[int, list[str]] = {}
    for service_id, code in (await session.execute(query)).all():
        found.setdefault(service_id, []).append(code)
    return found


def _service_entry(service: Service, depends_on: list[str], zone: ZoneInfo) -> dict[str, Any]:
    entry: dict[str, Any] = {"code": service.code}
    if service.catalog is not None:
        entry["catalog"] = service.catalog.code
    entry.update((name, getattr(service, name)) for name in SERVICE_FIELDS)
    entry["calendar"] = service.calendar_code
    entry["status"] = service.status
    entry["depends_on"] = depends_on
    entry["keywords"] = list(service.keywords)
    entry["slas"] = [_sla_entry(sla, zone) for sla in sorted(service.slas, key=_by_id)]
    return entry


def _sla_entry(sla: ServiceLevelAgreement, zone: ZoneInfo) -> dict[str, Any]:
    return {
        "name": sla.name,
        "agreement_form": sla.agreement_form,
        "agreement_reference": sla.agreement_reference,
        "valid_from": sla.valid_from,
        "valid_to": sla.valid_to,
        "max_tickets_per_month": sla.max_tickets_per_month,
        "max_users": sla.max_users,
        "max_transactions_per_month": sla.max_transactions_per_month,
        "targets": [
            {
                "ticket_type": target.ticket_type,
                "priority": target.priority,
                "response_minutes": target.response_minutes,
                "resolution_minutes": target.resolution_minutes,
            }
            for target in sorted(sla.targets, key=_by_id)
        ],
        "exceptions": [
            {
                "starts_at": item.starts_at.astimezone(zone).isoformat(),
                "ends_at": item.ends_at.astimezone(zone).isoformat(),
                "reason": item.reason,
            }
            for item in sorted(sla.exceptions, key=_by_id)
        ],
    }


def _by_id(row: Any) -> int:
    return int(row.id)
