"""Small pieces every journey uses: who is talking, their language, keyboards, replies."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Message, Update
from telegram.ext import Application, ContextTypes

from desk import people
from desk.records import Person
from handlers import bot_api
from handlers.bot_api import Button, Rows, Sent
from handlers.runtime import Runtime, runtime_of
from texts import language_of, t

logger = logging.getLogger(__name__)

Context = ContextTypes.DEFAULT_TYPE
App = Application[Any, Any, Any, Any, Any, Any]


@dataclass
class Turn:
    """One update being handled: the runtime, the session and the person, in one place."""

    rt: Runtime
    session: AsyncSession
    person: Person
    update: Update

    @property
    def lang(self) -> str:
        return language_of(self.person.language)

    def t(self, key: str, /, **params: Any) -> str:
        return t(key, self.lang, **params)


async def meet_sender(rt: Runtime, session: AsyncSession, update: Update) -> Person:
    """The person behind the update, recorded on first contact."""
    user = update.effective_user
    if user is None:
        raise ValueError("update without a user")
    language = "en" if (user.language_code or "").startswith("en") else rt.default_language
    return await people.meet(
        session,
        user.id,
        display_name=user.full_name,
        username=user.username,
        language=language,
        admin_ids=rt.admin_ids,
        now=rt.now(),
    )


@asynccontextmanager
async def open_turn(update: Update, context: Context) -> AsyncIterator[Turn]:
    """One step of a journey: its transaction, and the person behind the update."""
    rt = runtime_of(context)
    async with rt.transaction() as session:
        person = await meet_sender(rt, session, update)
        yield Turn(rt, session, person, update)


def page_buttons(
    turn: Turn, page: int, page_size: int, total: int, data_for: Callable[[int], str]
) -> list[Button]:
    """Previous / next buttons for a paged list; `data_for(n)` is the callback for page n."""
    row: list[Button] = []
    if page > 0:
        row.append((turn.t("button.prev"), data_for(page - 1)))
    if (page + 1) * page_size < total:
        row.append((turn.t("button.next"), data_for(page + 1)))
    return row


def attachment_of(message: Message) -> dict[str, Any] | None:
    """The photo (largest size) or document a message carries, as kept on a ticket."""
    if message.photo:
        photo = message.photo[-1]
        return {"kind": "photo", "file_id": photo.file_id}
    if message.document:
        return {
            "kind": "document",
            "file_id": message.document.file_id,
            "name": message.document.file_name or "",
        }
    return None


async def reply(update: Update, text: str, rows: Rows | None = None) -> Sent | None:
    """Answer in the chat the update came from, in HTML, with optional buttons."""
    chat = update.effective_chat
    if chat is None:
        return None
    return await bot_api.send_text(update.get_bot(), chat.id, text, rows)


async def edit_or_reply(update: Update, text: str, rows: Rows | None = None) -> None:
    """Replace the message under a tapped button, so old buttons cannot be tapped twice."""
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        message = query.message
        await bot_api.edit_text(update.get_bot(), message.chat.id, message.message_id, text, rows)
        return
    await reply(update, text, rows)


async def close_buttons(update: Update) -> None:
    """Take the buttons off the tapped message: what it offered is done."""
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        message = query.message
        await bot_api.drop_buttons(update.get_bot(), message.chat.id, message.message_id)


async def answer_query(update: Update, text: str | None = None) -> None:
    """Every tap is answered at once, so the person's client stops its spinner."""
    if update.callback_query is not None:
        await update.callback_query.answer(text)


def runtime(context: Context) -> Runtime:
    return runtime_of(context)
