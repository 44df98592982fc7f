"""Private messages outside commands: the active flow's step, else a question for the FAQ.

Also the polite answers for what the bot cannot use: unknown commands, stickers and other
media it does not keep.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from desk import conversation
from handlers.common import App, Context, Turn, meet_sender, open_turn, reply
from handlers.flows import TEXT_STEPS
from handlers.runtime import runtime_of
from texts import t

logger = logging.getLogger(__name__)

MAX_TEXT = 4000
Question = Callable[[Turn, Context], Awaitable[None]]
QUESTION: list[Question] = []

USABLE = filters.TEXT | filters.PHOTO | filters.Document.ALL


def on_question(function: Question) -> Question:
    """Register what answers free text outside any flow (the FAQ journey)."""
    QUESTION[:] = [function]
    return function


async def private_message(update: Update, context: Context) -> None:
    """Route a private message to the step the person is in, or treat it as a question."""
    message = update.effective_message
    if message is None:
        return
    async with open_turn(update, context) as turn:
        text = message.text or message.caption or ""
        if len(text) > MAX_TEXT:
            await reply(update, turn.t("error.too_long", limit=MAX_TEXT))
            return
        state = await conversation.load_state(turn.session, turn.person.telegram_id, turn.rt.now())
        step = TEXT_STEPS.get(state.flow or "")
        if step is not None:
            await step(turn, context, state)
            return
        if QUESTION and message.text:
            await QUESTION[0](turn, context)
            return
        await reply(update, turn.t("help.requester"))


async def unknown_command(update: Update, context: Context) -> None:
    """A command no journey knows: say so and point to help."""
    rt = runtime_of(context)
    async with rt.transaction() as session:
        person = await meet_sender(rt, session, update)
        await reply(update, Turn(rt, session, person, update).t("error.unknown_command"))


async def stale_button(update: Update, context: Context) -> None:
    """A button no journey knows (an old keyboard, or forged data): say it no longer works."""
    query = update.callback_query
    if query is None:
        return
    user = update.effective_user
    logger.info("unknown button user=%s data=%r", user.id if user else None, query.data)
    await query.answer(
        t("error.stale_button", user.language_code if user else None), show_alert=True
    )


async def unsupported(update: Update, context: Context) -> None:
    """Stickers, voice notes and the like: explain what the bot can take instead."""
    rt = runtime_of(context)
    async with rt.transaction() as session:
        person = await meet_sender(rt, session, update)
        await reply(update, Turn(rt, session, person, update).t("error.unsupported_media"))


def register(app: App) -> None:
    """Register last: these catch what every journey before them left."""
    private = filters.ChatType.PRIVATE
    app.add_handler(MessageHandler(private & filters.COMMAND, unknown_command))
    app.add_handler(MessageHandler(private & USABLE & ~filters.COMMAND, private_message))
    app.add_handler(MessageHandler(private & ~USABLE & ~filters.COMMAND, unsupported))
    app.add_handler(CallbackQueryHandler(stale_button))
