"""A person's data rights in the chat (UU PDP): /datasaya for a copy, /hapusdata to erase.

Erasure asks for a tap on a button that names the person's record, so a forwarded or stale
button can never erase anyone else, and a second tap after the erasure does nothing.
"""

from __future__ import annotations

import io
import logging

from telegram import InputFile, Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from desk import personal_data
from desk.callbacks import decode, decode_int, encode
from desk.errors import InvalidInput
from handlers.common import (
    App,
    Context,
    Turn,
    answer_query,
    edit_or_reply,
    meet_sender,
    open_turn,
    reply,
)
from handlers.runtime import runtime_of

logger = logging.getLogger(__name__)

PREFIX = "pd"


async def my_data(update: Update, context: Context) -> None:
    """/datasaya: send the person everything Sigap holds about them, as a JSON file."""
    rt = runtime_of(context)
    chat = update.effective_chat
    if chat is None:
        return
    async with rt.transaction() as session:
        person = await meet_sender(rt, session, update)
        turn = Turn(rt, session, person, update)
        data = await personal_data.export_person(session, person, rt.now())

    name = f"sigap-data-saya-{rt.now().date().isoformat()}.json"
    document = InputFile(io.BytesIO(personal_data.export_bytes(data)), filename=name)
    await chat.send_document(document, caption=turn.t("privacy.export.caption"))
    logger.info("personal data exported person=%s tickets=%s", person.id, len(data["tickets"]))


async def erase(update: Update, context: Context) -> None:
    """/hapusdata: say what goes and what stays, and ask for a confirming tap."""
    async with open_turn(update, context) as turn:
        personal_data.check_erasable(turn.person)
        rows = [
            [(turn.t("privacy.erase.yes"), encode(PREFIX, "erase", turn.person.id))],
            [(turn.t("privacy.erase.no"), encode(PREFIX, "keep", turn.person.id))],
        ]
        await reply(update, turn.t("privacy.erase.confirm"), rows)


async def erase_button(update: Update, context: Context) -> None:
    """`pd|erase|<person>` anonymises the person who tapped; `pd|keep|<person>` does not."""
    await answer_query(update)
    query = update.callback_query
    action, value = decode(query.data if query else None, PREFIX, 2)
    async with open_turn(update, context) as turn:
        if decode_int(value) != turn.person.id or action not in {"erase", "keep"}:
            raise InvalidInput(
                f"erasure button {value} for {turn.person.id}", text_key="error.stale_button"
            )
        if action == "keep":
            await edit_or_reply(update, turn.t("privacy.erase.kept"))
            return
        count = await personal_data.anonymise_person(turn.session, turn.person, turn.rt.now())
        await edit_or_reply(update, turn.t("privacy.erase.done", tickets=count))


def register(app: App) -> None:
    app.add_handler(CommandHandler(["datasaya", "mydata"], my_data))
    app.add_handler(CommandHandler(["hapusdata", "erasemydata"], erase))
    app.add_handler(CallbackQueryHandler(erase_button, pattern=rf"^{PREFIX}\|"))
