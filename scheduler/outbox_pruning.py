"""Pruning the outbox: notices delivered (or given up on) long ago are deleted.

Every notice stays in the outbox after it is sent, with its text, so without pruning the
table grows with every ticket for as long as Sigap runs, and keeps people's words there
after they stop serving any purpose. A row goes once it is `KEEP` old, is finished with
(sent, failed or unreachable) and speaks of no ticket still open or recently finished. Rows
of open tickets stay because they carry the ticket's forum topic and the dedupe keys that
keep its notices from being sent twice.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import Select, delete, or_, select

from desk.types import TicketStatus
from storage.db import SessionFactory
from storage.models import OutboxMessage, Ticket

logger = logging.getLogger(__name__)

KEEP = timedelta(days=90)
FINISHED_NOTICES = ("sent", "failed", "unreachable")
FINISHED_TICKETS = (TicketStatus.CLOSED.value, TicketStatus.CANCELLED.value)
BATCH = 500  # rows per transaction, so a first run on a large outbox never locks long


async def prune_outbox(sessions: SessionFactory, now: datetime) -> int:
    """Delete outbox rows past keeping; how many went."""
    cutoff = now - KEEP
    pruned = 0
    while True:
        async with sessions() as session, session.begin():
            ids = list((await session.execute(_prunable(cutoff).limit(BATCH))).scalars())
            if ids:
                await session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(ids)))
        pruned += len(ids)
        if len(ids) < BATCH:
            break
    if pruned:
        logger.info("outbox pruned rows=%s", pruned)
    return pruned


def _prunable(cutoff: datetime) -> Select[int]:
    long_finished = select(Ticket.id).where(
        Ticket.status.in_(FINISHED_TICKETS), Ticket.updated_at < cutoff
    )
    return (
        select(OutboxMessage.id)
        .where(
            OutboxMessage.status.in_(FINISHED_NOTICES),
            OutboxMessage.created_at < cutoff,
            or_(OutboxMessage.ticket_id.is_(None), OutboxMessage.ticket_id.in_(long_finished)),
        )
        .order_by(OutboxMessage.id)
    )
