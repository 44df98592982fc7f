"""What every handler needs, built once by the composition root and kept in `bot_data`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from telegram.ext import CallbackContext

from desk.config import DeskConfig
from desk.errors import ChangedMeanwhile
from desk.idempotency import claim_update
from faq.search import KnowledgeBase

RUNTIME_KEY = "sigap"


@dataclass
class Handling:
    """The update being handled in this task, and whether its id is recorded yet."""

    update_id: int
    claimed: bool = False


HANDLING: ContextVar[Handling | None] = ContextVar("handling", default=None)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Runtime:
    """Sessions, configuration and the clock; tests swap the clock for a fixed one."""

    sessions: async_sessionmaker[AsyncSession]
    desk: DeskConfig
    admin_ids: frozenset[int] = frozenset()
    default_language: str = "id"
    faq_answer_threshold: float = 0.6
    faq_suggest_threshold: float = 0.3
    note_prefix: str = "#"
    auto_assign: bool = False
    clock: Callable[[], datetime] = utc_now
    knowledge: KnowledgeBase = field(default_factory=KnowledgeBase)
    extras: dict[str, Any] = field(default_factory=dict)

    def now(self) -> datetime:
        return self.clock()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One handler step, one transaction: committed on success, rolled back on error.

        The first transaction of an update also records the update's id, so its effects and
        the mark that it was handled commit together or not at all.
        """
        handling = HANDLING.get()
        claimed_here = False
        try:
            async with self.sessions() as session, session.begin():
                if handling is not None and not handling.claimed:
                    await claim_update(session, handling.update_id, self.now())
                    handling.claimed = claimed_here = True
                yield session
        except BaseException as error:
            if handling is not None and claimed_here:
                handling.claimed = False  # the claim rolled back with the rest
            if isinstance(error, StaleDataError):  # a ticket changed under this step
                raise ChangedMeanwhile(str(error)) from error
            raise


def runtime_of(context: CallbackContext[Any, Any, Any, Any]) -> Runtime:
    found = context.application.bot_data.get(RUNTIME_KEY)
    if not isinstance(found, Runtime):
        raise RuntimeError("the Sigap runtime is missing from bot_data")
    return found
