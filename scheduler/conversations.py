"""Ending conversations people walked away from, politely, with their draft kept.

A flow left idle for half an hour is marked expired and the person is told once, with
buttons to carry on or throw the draft away. Nothing is deleted: if the person simply
types again, the flow takes the input as if no time had passed.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from desk import conversation, outbox
from desk.notices import buttons
from storage.db import SessionFactory
from storage.models import ChatState, Person
from texts import language_of, t

logger = logging.getLogger(__name__)


def expiry_key(state: ChatState) -> str:
    """One notice per idle spell: a later spell of the same flow has a new `updated_at`."""
    return f"flow-expired:{state.telegram_id}:{state.updated_at.isoformat()}"


async def _language(session: AsyncSession, state: ChatState) -> str:
    if state.language:
        return language_of(state.language)
    query = select(Person.language).where(Person.telegram_id == state.telegram_id)
    return language_of((await session.execute(query)).scalar_one_or_none())


async def _tell(session: AsyncSession, state: ChatState, now: datetime) -> bool:
    lang = await _language(session, state)
    rows = [[(t("flow.resume", lang), "flow|resume"), (t("flow.discard", lang), "flow|discard")]]
    return await outbox.enqueue(
        session,
        chat_id=state.telegram_id,
        text=t("flow.expired", lang),
        now=now,
        dedupe_key=expiry_key(state),
        reply_markup=buttons(rows),
        purpose="flow_expired",
    )


async def expire_idle_flows(sessions: SessionFactory, now: datetime) -> int:
    """Mark idle flows expired and queue the polite notice; how many were expired now."""
    async with sessions() as session, session.begin():
        states = await conversation.idle_states(session, now)
        for state in states:
            # The key is taken before the mark: expiring must not change `updated_at`.
            await _tell(session, state, now)
            state.expired_at = now
            logger.info(
                "flow expired person=%s flow=%s step=%s", state.telegram_id, state.flow, state.step
            )
    return len(states)
