"""First contact: greeting, language, registration with consent, the main menu, profile."""

from __future__ import annotations

import logging
from enum import StrEnum

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from desk import conversation, people
from desk.callbacks import decode
from desk.errors import InvalidInput
from desk.records import ChatState
from desk.types import RequesterType
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
from handlers.flows import Flow, text_step
from handlers.runtime import runtime_of
from texts import t

logger = logging.getLogger(__name__)


class Step(StrEnum):
    NAME = "name"
    TYPE = "type"
    UNIT = "unit"
    CONSENT = "consent"


MENU_ITEMS = (
    ("menu.incident", "new|incident"),
    ("menu.service_request", "new|service_request"),
    ("menu.complaint", "new|complaint"),
    ("menu.change", "new|change"),
    ("menu.my_tickets", "my|list|0"),
    ("menu.catalog", "cat|list|0"),
    ("menu.question", "ask"),
)


def language_buttons() -> list[list[tuple[str, str]]]:
    return [[("🇮🇩 Bahasa Indonesia", "lang|id"), ("🇬🇧 English", "lang|en")]]


def menu_rows(lang: str) -> list[list[tuple[str, str]]]:
    buttons = [(t(key, lang), data) for key, data in MENU_ITEMS]
    return [buttons[0:2], buttons[2:4], buttons[4:6], buttons[6:7]]


async def show_menu(turn: Turn, *, edit: bool = False) -> None:
    text = turn.t("menu.title")
    if edit:
        await edit_or_reply(turn.update, text, menu_rows(turn.lang))
    else:
        await reply(turn.update, text, menu_rows(turn.lang))


async def start(update: Update, context: Context) -> None:
    """/start: greet, offer English, then register or show the menu."""
    async with open_turn(update, context) as turn:
        user = update.effective_user
        name = turn.person.full_name or (user.first_name if user else "")
        await reply(update, turn.t("start.greeting", name=name), language_buttons())

        if people.is_registered(turn.person):
            await show_menu(turn)
            return
        state = await conversation.load_state(turn.session, turn.person.telegram_id, turn.rt.now())
        await ask_name(turn, state)


async def ask_name(turn: Turn, state: ChatState) -> None:
    conversation.enter(state, Flow.REGISTER, Step.NAME, turn.rt.now())
    user = turn.update.effective_user
    rows = []
    if user is not None and user.full_name.strip():
        label = turn.t("register.use_name", name=user.full_name[:40])
        rows.append([(label, "reg|usetg")])
    rows.append([(turn.t("button.cancel"), "flow|cancel")])
    await reply(turn.update, turn.t("register.ask_name"), rows)


async def choose_language(update: Update, context: Context) -> None:
    """A language button: remember the choice and answer in it."""
    rt = runtime_of(context)
    await answer_query(update)
    (language,) = decode(update.callback_query.data if update.callback_query else None, "lang", 1)
    async with rt.transaction() as session:
        person = await meet_sender(rt, session, update)
        people.set_language(person, language, rt.now())
        turn = Turn(rt, session, person, update)
        await reply(update, turn.t("language.set"))

        state = await conversation.load_state(session, person.telegram_id, rt.now())
        if state.flow == Flow.REGISTER and state.step == Step.NAME:
            await ask_name(turn, state)
        elif people.is_registered(person) and state.flow is None:
            await show_menu(turn)


@text_step(Flow.REGISTER)
async def registration_text(turn: Turn, context: Context, state: ChatState) -> None:
    """Typed answers during registration: the name, then the work unit."""
    message = turn.update.effective_message
    text = message.text if message and message.text else ""
    if state.step == Step.NAME:
        await take_name(turn, state, text)
    elif state.step == Step.UNIT:
        await take_unit(turn, state, text)
    else:
        await reply(turn.update, turn.t("error.invalid_input"))


async def take_name(turn: Turn, state: ChatState, text: str) -> None:
    try:
        name = people.clean_name(text)
    except InvalidInput as error:
        await reply(turn.update, turn.t(error.text_key, **error.params))
        return
    conversation.advance(state, Step.TYPE, turn.rt.now(), name=name)
    rows = [
        [(turn.t(f"requester_type.{kind.value}"), f"reg|type|{kind.value}")]
        for kind in RequesterType
    ]
    rows.append([(turn.t("button.cancel"), "flow|cancel")])
    await reply(turn.update, turn.t("register.ask_type", name=name), rows)


async def take_unit(turn: Turn, state: ChatState, text: str) -> None:
    try:
        unit = people.clean_unit(text)
    except InvalidInput as error:
        await reply(turn.update, turn.t(error.text_key, **error.params))
        return
    conversation.advance(state, Step.CONSENT, turn.rt.now(), unit=unit)
    await ask_consent(turn)


async def ask_consent(turn: Turn) -> None:
    rows = [
        [
            (turn.t("register.consent_yes"), "reg|consent|yes"),
            (turn.t("register.consent_no"), "reg|consent|no"),
        ]
    ]
    await reply(turn.update, turn.t("register.consent"), rows)


async def registration_button(update: Update, context: Context) -> None:
    """Buttons of the registration: Telegram name, requester type, consent."""
    await answer_query(update)
    data = update.callback_query.data if update.callback_query else ""
    async with open_turn(update, context) as turn:
        state = await conversation.load_state(turn.session, turn.person.telegram_id, turn.rt.now())
        if state.flow != Flow.REGISTER:
            await reply(update, turn.t("error.stale_button"))
            return
        parts = (data or "").split("|")
        if parts[1:2] == ["usetg"] and state.step == Step.NAME:
            user = update.effective_user
            await take_name(turn, state, user.full_name if user else "")
        elif parts[1:2] == ["type"] and state.step == Step.TYPE:
            await take_type(turn, state, decode(data, "reg", 2)[1])
        elif parts[1:2] == ["consent"] and state.step == Step.CONSENT:
            await take_consent(turn, state, decode(data, "reg", 2)[1] == "yes")
        else:
            await reply(update, turn.t("error.stale_button"))


async def take_type(turn: Turn, state: ChatState, value: str) -> None:
    try:
        kind = RequesterType(value)
    except ValueError as error:
        raise InvalidInput(
            f"unknown requester type {value!r}", text_key="error.stale_button"
        ) from error
    if kind is RequesterType.CIVIL_SERVANT:
        conversation.advance(state, Step.UNIT, turn.rt.now(), requester_type=kind.value)
        await edit_or_reply(
            turn.update, turn.t("register.ask_unit"), [[(turn.t("button.cancel"), "flow|cancel")]]
        )
        return
    conversation.advance(state, Step.CONSENT, turn.rt.now(), requester_type=kind.value, unit=None)
    await ask_consent(turn)


async def take_consent(turn: Turn, state: ChatState, agreed: bool) -> None:
    now = turn.rt.now()
    if not agreed:
        conversation.leave(state, now)
        await edit_or_reply(turn.update, turn.t("register.consent_declined"))
        return
    draft = state.draft or {}
    people.register(
        turn.person,
        full_name=str(draft.get("name", "")),
        requester_type=RequesterType(str(draft.get("requester_type", "other"))),
        work_unit=draft.get("unit"),
        now=now,
    )
    people.give_consent(turn.person, now)
    conversation.leave(state, now)
    await edit_or_reply(turn.update, turn.t("register.done", name=turn.person.full_name))
    await show_menu(turn)


async def menu(update: Update, context: Context) -> None:
    """/menu: the main menu, or the way to register first."""
    async with open_turn(update, context) as turn:
        await show_menu(turn)


async def profile(update: Update, context: Context) -> None:
    """/profil: show the profile with buttons to edit it or change language."""
    async with open_turn(update, context) as turn:
        kind = (
            turn.t(f"requester_type.{turn.person.requester_type}")
            if turn.person.requester_type
            else "-"
        )
        text = turn.t(
            "profile.show",
            name=turn.person.full_name or "-",
            kind=kind,
            unit=turn.person.work_unit or "-",
            language="Bahasa Indonesia" if turn.lang == "id" else "English",
        )
        rows = [[(turn.t("profile.edit"), "prof|edit")], language_buttons()[0]]
        await reply(update, text, rows)


async def edit_profile(update: Update, context: Context) -> None:
    """The edit button on /profil: run the registration questions again."""
    await answer_query(update)
    async with open_turn(update, context) as turn:
        state = await conversation.load_state(turn.session, turn.person.telegram_id, turn.rt.now())
        await ask_name(turn, state)


async def help_command(update: Update, context: Context) -> None:
    """/bantuan: what the bot can do."""
    rt = runtime_of(context)
    async with rt.transaction() as session:
        person = await meet_sender(rt, session, update)
        await reply(update, Turn(rt, session, person, update).t("help.requester"))


async def cancel(update: Update, context: Context) -> None:
    """/batal or a cancel button: leave whatever flow is running, recording nothing."""
    await answer_query(update)
    async with open_turn(update, context) as turn:
        state = await conversation.load_state(turn.session, turn.person.telegram_id, turn.rt.now())
        if state.flow is None:
            await edit_or_reply(update, turn.t("flow.nothing_to_cancel"))
            return
        conversation.leave(state, turn.rt.now())
        await edit_or_reply(update, turn.t("flow.cancelled"))
        logger.info("flow cancelled person=%s", turn.person.id)


async def menu_button(update: Update, context: Context) -> None:
    """The main menu button shown under other messages."""
    rt = runtime_of(context)
    await answer_query(update)
    async with rt.transaction() as session:
        person = await meet_sender(rt, session, update)
        await show_menu(Turn(rt, session, person, update), edit=True)


def register(app: App) -> None:
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler(["menu"], menu))
    app.add_handler(CommandHandler(["profil", "profile"], profile))
    app.add_handler(CommandHandler(["bantuan", "help"], help_command))
    app.add_handler(CommandHandler(["batal", "cancel"], cancel))
    app.add_handler(CallbackQueryHandler(choose_language, pattern=r"^lang\|"))
    app.add_handler(CallbackQueryHandler(registration_button, pattern=r"^reg\|"))
    app.add_handler(CallbackQueryHandler(edit_profile, pattern=r"^prof\|edit$"))
    app.add_handler(CallbackQueryHandler(cancel, pattern=r"^flow\|cancel$"))
    app.add_handler(CallbackQueryHandler(menu_button, pattern=r"^menu$"))
