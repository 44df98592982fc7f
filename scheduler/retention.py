"""Retention: a finished ticket's personal content is kept only as long as its type needs.

UU PDP allows keeping personal data only for as long as its purpose lasts. A ticket's purpose
ends some time after it is closed (complaints and changes are evidence for audits and reviews
for longer than a routine incident), so each type has its own period. When it runs out the
ticket's words are redacted as an erasure would (`desk.personal_data.redact_ticket`) while the
ticket itself, its times, SLA figures and rating stay for the statistics. The job is
idempotent: a redacted ticket is marked and never selected again.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from desk.personal_data import EXPIRED, redact_ticket
from desk.types import TicketStatus, TicketType
from storage.db import SessionFactory
from storage.models import Ticket

logger = logging.getLogger(__name__)

# Days after closure; overridden per type by SIGAP_RETENTION_DAYS.
DEFAULT_RETENTION_DAYS: dict[str, int] = {
    TicketType.COMPLAINT.value: 1825,
    TicketType.INCIDENT.value: 730,
    TicketType.PROBLEM.value: 1825,
    TicketType.SERVICE_REQUEST.value: 730,
    TicketType.CHANGE.value: 1825,
}
FINISHED = (TicketStatus.CLOSED.value, TicketStatus.CANCELLED.value)
BATCH = 200  # tickets per transaction, so a first run on a large backlog never locks long


async def enforce_retention(
    sessions: SessionFactory, now: datetime, retention: Mapping[str, int]
) -> int:
    """Redact every finished ticket older than its type's period; how many were redacted."""
    redacted = 0
    for ticket_type, days in retention.items():
        cutoff = now - timedelta(days=days)
        while True:
            async with sessions() as session, session.begin():
                batch = await _expired(session, ticket_type, cutoff)
                for ticket in batch:
                    redacted += await redact_ticket(session, ticket, now, EXPIRED)
            if len(batch) < BATCH:
                break
    if redacted:
        logger.info("retention enforced tickets=%s", redacted)
    return redacted


async def _expired(session: AsyncSession, ticket_type: str, cutoff: datetime) -> list[Ticket]:
    """Finished before `cutoff` and not yet redacted; a cancelled ticket has no closure time,
    so its last change stands for it."""
    finished_at = func.coalesce(Ticket.closed_at, Ticket.updated_at)
    query = (
        select(Ticket)
        .where(
            Ticket.ticket_type == ticket_type,
            Ticket.status.in_(FINISHED),
            Ticket.redacted_at.is_(None),
            finished_at < cutoff,
        )
        .order_by(Ticket.id)
        .limit(BATCH)
    )
    return list((await session.execute(query)).scalars())
