"""Free text outside a flow is a question: answer, suggest three, or offer a ticket."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import CallbackQueryHandler

from desk import conversation, outages, people
from desk.callbacks import decode_int, encode
from desk.types import TicketType
from faq.matcher import Band
from faq.search import Answer, SearchResult, ask, record_feedback, search_entry
from handlers import intake
from handlers.common import (
    App,
    Context,
    Turn,
    answer_query,
    close_buttons,
    edit_or_reply,
    meet_sender,
    open_turn,
    reply,
)
from handlers.outages import mention_outage
from handlers.router import on_question
from handlers.runtime import runtime_of
from texts import in_language

logger = logging.getLogger(__name__)

TICKET_TYPES = (
    TicketType.INCIDENT,
    TicketType.SERVICE_REQUEST,
    TicketType.COMPLAINT,
    TicketType.CHANGE,
)


@on_question
async def question(turn: Turn, context: Context) -> None:
    """Search the knowledge and answer in the band the confidence allows."""
    message = turn.update.effective_message
    text = (message.text or "").strip() if message else ""
    if not text:
        return
    rt = turn.rt
    result = await ask(
        turn.session,
        rt.knowledge,
        text,
        person_id=turn.person.id,
        now=rt.now(),
        answer_threshold=rt.faq_answer_threshold,
        suggest_threshold=rt.faq_suggest_threshold,
    )
    if result.band is Band.ANSWER and result.answers:
        await show_answer(turn, result.log_id, result.answers[0])
    elif result.band is Band.SUGGEST and result.answers:
        await show_suggestions(turn, result)
    else:
        await offer_ticket(turn, result.log_id, "faq.nothing_found")
        return
    top = result.answers[0]
    await mention_outage(turn, await outages.outage_for_code(turn.session, top.service_code))


def answer_title(turn: Turn, answer: Answer) -> str:
    return in_language(turn.lang, answer.title, answer.title_en)


def answer_text(turn: Turn, answer: Answer) -> str:
    body = in_language(turn.lang, answer.text, answer.text_en)
    return turn.t(f"faq.answer.{answer.kind}", title=answer_title(turn, answer), answer=body)


async def show_answer(turn: Turn, log_id: int, answer: Answer) -> None:
    rows = [
        [
            (turn.t("faq.helpful"), encode("fq", "y", log_id)),
            (turn.t("faq.not_helpful"), encode("fq", "n", log_id)),
        ]
    ]
    await reply(turn.update, answer_text(turn, answer), rows)


async def show_suggestions(turn: Turn, result: SearchResult) -> None:
    rows = [
        [(answer_title(turn, answer)[:60], encode("fq", "s", result.log_id, index))]
        for index, answer in enumerate(result.answers[:3])
    ]
    rows.append([(turn.t("faq.none_of_these"), encode("fq", "n", result.log_id))])
    await reply(turn.update, turn.t("faq.suggest"), rows)


async def offer_ticket(turn: Turn, log_id: int, key: str) -> None:
    rows = [
        [(turn.t(f"faq.open.{kind.value}"), encode("fq", "t", log_id, kind.value))]
        for kind in TICKET_TYPES
    ]
    await reply(turn.update, turn.t(key), rows)


async def question_button(update: Update, context: Context) -> None:
    """Helpful / not helpful, a chosen suggestion, or a ticket from the question."""
    await answer_query(update)
    parts = ((update.callback_query.data if update.callback_query else "") or "").split("|")
    async with open_turn(update, context) as turn:
        log = await search_entry(
            turn.session, decode_int(parts[2] if len(parts) > 2 else ""), turn.person.id
        )
        if log is None or len(parts) < 3:
            await reply(update, turn.t("error.stale_button"))
            return
        action = parts[1]
        if action == "y":
            record_feedback(log, True)
            await close_buttons(update)
            await reply(update, turn.t("faq.glad"))
        elif action == "n":
            record_feedback(log, False)
            await close_buttons(update)
            await offer_ticket(turn, log.id, "faq.sorry_offer_ticket")
        elif action == "s" and len(parts) == 4:
            await choose_suggestion(turn, log.id, decode_int(parts[3]))
        elif action == "t" and len(parts) == 4:
            await ticket_from_question(turn, log.text, parts[3])
        else:
            await reply(update, turn.t("error.stale_button"))


async def choose_suggestion(turn: Turn, log_id: int, index: int) -> None:
    log = await search_entry(turn.session, log_id, turn.person.id)
    keys = [c["key"] for c in (log.candidates if log else [])]
    await turn.rt.knowledge.current(turn.session, turn.rt.now())
    answer = turn.rt.knowledge.answers.get(keys[index]) if index < len(keys) else None
    if log is None or answer is None:
        await reply(turn.update, turn.t("error.stale_button"))
        return
    record_feedback(log, True, chosen_key=answer.key)
    await edit_or_reply(
        turn.update,
        answer_text(turn, answer),
        [[(turn.t("faq.not_helpful"), encode("fq", "n", log_id))]],
    )


async def ticket_from_question(turn: Turn, text: str, kind: str) -> None:
    """Start an intake with the question already filled in as the description."""
    if not people.is_registered(turn.person):
        await reply(turn.update, turn.t("register.need_first"))
        return
    ticket_type = TicketType(kind) if kind in {k.value for k in TICKET_TYPES} else None
    if ticket_type is None:
        await reply(turn.update, turn.t("error.stale_button"))
        return
    await close_buttons(turn.update)
    state = await conversation.load_state(turn.session, turn.person.telegram_id, turn.rt.now())
    intake.enter_intake(state, ticket_type, turn.rt.now(), description=text)
    await intake.ask(turn, state, intake.Step.SERVICE)


async def ask_hint(update: Update, context: Context) -> None:
    """The menu's "Ask" button: invite a question in the person's own words."""
    rt = runtime_of(context)
    await answer_query(update)
    async with rt.transaction() as session:
        person = await meet_sender(rt, session, update)
        await reply(update, Turn(rt, session, person, update).t("menu.ask_hint"))


def register(app: App) -> None:
    app.add_handler(CallbackQueryHandler(question_button, pattern=r"^fq\|"))
    app.add_handler(CallbackQueryHandler(ask_hint, pattern=r"^ask$"))
