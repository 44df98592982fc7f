"""Handling updates side by side while each chat's updates stay in the order they came.

Every Telegram call a handler makes is a round trip of tens to hundreds of milliseconds, so a
bot that handles one update at a time serves a few updates a second however fast it is. With
PostgreSQL, whose pool holds several connections, updates from different chats can run at
the same time. A person's own updates still must not overtake each other: a second tap or a
quick second message would read a conversation state the first has not written yet. On SQLite
there is one connection per process (see `storage.inline_sqlite`) and a handler keeps it for
its whole step, so more than one update at a time would only queue for it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from storage.db import is_sqlite

POSTGRES_CONCURRENCY = 16  # under the PostgreSQL pool's size, leaving room for the jobs


def default_concurrency(database_url: str) -> int:
    return 1 if is_sqlite(database_url) else POSTGRES_CONCURRENCY


@dataclass
class _ChatTurn:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    waiting: int = 0


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Up to `max_concurrent_updates` at once; one chat's updates one after another."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._chats: dict[int, _ChatTurn] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = chat_key(update)
        if key is None:
            await coroutine
            return
        turn = self._chats.setdefault(key, _ChatTurn())
        turn.waiting += 1
        try:
            async with turn.lock:  # asyncio locks wake waiters first come, first served
                await coroutine
        finally:
            turn.waiting -= 1
            if not turn.waiting:  # forget quiet chats so memory stays bounded
                del self._chats[key]

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def chat_key(update: object) -> int | None:
    """The chat whose order matters (a group's own order for group updates); else the user."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None
