"""The life of a catalog entry (BAB IV.1): planned to retired, one explicit table of moves.

A service's status tells requesters whether they may ask for it, and agents what to say about
it, so a change is a decision: only coordinators and admins make it, always with a reason, and
every change is recorded, announced and reported (BAB IV.4.c: a service report on every
status change).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from desk import followers, service_report
from desk.config import DeskConfig
from desk.errors import InvalidInput, TransitionRefused, required_line
from desk.staff import require_role
from desk.types import Role, ServiceStatus
from storage.models import (
    Person,
    Service,
    ServiceHistory,
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
    return required_line(
        text, limit=MAX_REASON, missing_key="error.reason_needed", what="status change reason"
    )


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
