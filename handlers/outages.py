"""Telling people about an outage already being handled, and letting them follow it."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import CallbackQueryHandler

from desk import outages
from desk.callbacks import decode, decode_int, encode
from desk.records import Ticket
from handlers.common import App, Context, Turn, answer_query, close_buttons, open_turn, reply
from texts import in_language

logger = logging.getLogger(__name__)


async def mention_outage(turn: Turn, outage: outages.KnownOutage | None) -> bool:
    """Say the service is already known to be down, with a button to hear when it is fixed."""
    if outage is None:
        return False
    name = in_language(turn.lang, outage.service_name, outage.service_name_en)
    rows = [[(turn.t("outage.watch"), encode("ow", outage.ticket_id))]]
    await reply(turn.update, turn.t("outage.known", service=name, number=outage.number), rows)
    return True


async def watch_button(update: Update, context: Context) -> None:
    """The "tell me" button: put the person on the outage's list."""
    await answer_query(update)
    (raw,) = decode(update.callback_query.data if update.callback_query else None, "ow", 1)
    async with open_turn(update, context) as turn:
        outage = await turn.session.get(Ticket, decode_int(raw))
        if outage is None or await outages.outage_on(turn.session, outage.service_id) is None:
            await reply(update, turn.t("outage.over"))
            return
        added = await outages.watch(turn.session, outage, turn.person, turn.rt.now())
        await close_buttons(update)
        key = "outage.watching" if added else "outage.already_watching"
        await reply(update, turn.t(key, number=outage.number))
        logger.info(
            "outage watched ticket=%s person=%s new=%s", outage.number, turn.person.id, added
        )


def register(app: App) -> None:
    app.add_handler(CallbackQueryHandler(watch_button, pattern=r"^ow\|"))
