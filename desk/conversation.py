"""Where each person is in a conversation, stored with every step.

Flows and steps are named values chosen by the handlers; this module only keeps them, with
the draft, so a restart resumes exactly where the person was.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ChatState

IDLE_LIMIT = timedelta(minutes=30)


async def load_state(session: AsyncSession, telegram_id: int, now: datetime) -> ChatState:
    state = await session.get(ChatState, telegram_id)
    if state is None:
        state = ChatState(telegram_id=telegram_id, draft={}, updated_at=now)
        session.add(state)
    return state


def enter(state: ChatState, flow: str, step: str, now: datetime, **draft: Any) -> None:
    state.flow = flow
    state.step = step
    state.draft = dict(draft)
    state.updated_at = now
    state.expired_at = None


def advance(state: ChatState, step: str, now: datetime, **changes: Any) -> None:
    """Go to `step`, merging `changes` into the draft (a new dict, so the change is seen)."""
    state.step = step
    state.draft = {**(state.draft or {}), **changes}
    state.updated_at = now
    state.expired_at = None


def leave(state: ChatState, now: datetime) -> None:
    state.flow = None
    state.step = None
    state.draft = {}
    state.updated_at = now
    state.expired_at = None


def is_idle(state: ChatState, now: datetime) -> bool:
    return state.flow is not None and now - state.updated_at >= IDLE_LIMIT


async def idle_states(session: AsyncSession, now: datetime, limit: int = 200) -> list[ChatState]:
    """Flows left idle past the limit and not yet ended, for the expiry job."""
    query = (
        select(ChatState)
        .where(
            ChatState.flow.is_not(None),
            ChatState.expired_at.is_(None),
            ChatState.updated_at <= now - IDLE_LIMIT,
        )
        .limit(limit)
    )
    return list((await session.execute(query)).scalars())
