"""Coordinators keep the FAQ in the bot: /faq lists, opens, writes, publishes and retires.

An entry written here is a draft; only publishing lets it answer requesters, and every change
that alters what requesters may read rebuilds the matcher at once. `/faq review` lists entries
past their review-by date. Agents' drafts from tickets and the analytics live in
`handlers.knowledge_reports`.
"""

from __future__ import annotations

import logging
from datetime import date

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from desk import conversation, staff
from desk.callbacks import decode, decode_int, encode
from desk.errors import InvalidInput
from desk.records import ChatState, FaqEntry, Person
from faq import upkeep
from faq.knowledge import STATUSES
from handlers import knowledge_reports
from handlers.bot_api import Button
from handlers.common import (
    App,
    Context,
    Turn,
    answer_query,
    edit_or_reply,
    meet_sender,
    page_buttons,
    reply,
)
from handlers.flows import TEXT_STEPS, Flow
from handlers.knowledge_reports import require, upkeep_errors
from handlers.resume import RESUMES
from handlers.runtime import runtime_of
from texts import Raw, in_language

logger = logging.getLogger(__name__)

FLOW = Flow.FAQ_ADMIN
PAGE = 8
ANSWER_PREVIEW = 1500
REVIEW_WORDS = {"review", "tinjau", "tinjauan"}


def require_coordinator(person: Person, action: str) -> None:
    require(person, staff.is_manager, action, "kb.error.coordinator_only")


def local_day(turn: Turn) -> date:
    return turn.rt.now().astimezone(turn.rt.desk.timezone).date()


def day_text(turn: Turn, day: date | None) -> str:
    if day is None:
        return "-"
    return f"{day.day} {turn.t(f'month.{day.month}')} {day.year}"


async def faq_command(update: Update, context: Context) -> None:
    """/faq: counts and lists for coordinators; `/faq review` lists entries due for review."""
    rt = runtime_of(context)
    async with rt.transaction() as session:
        person = await meet_sender(rt, session, update)
        require_coordinator(person, "faq.menu")
        turn = Turn(rt, session, person, update)
        words = {word.lower() for word in context.args or []}
        if words & REVIEW_WORDS:
            await show_review(turn)
        else:
            await show_menu(turn, edit=False)


async def show_menu(turn: Turn, *, edit: bool) -> None:
    counts = await upkeep.status_counts(turn.session)
    due = len(await upkeep.due_for_review(turn.session, local_day(turn)))
    rows: list[list[Button]] = [
        [(turn.t(f"kb.button.list.{status}"), encode("kbl", status, 0)) for status in STATUSES],
        [
            (turn.t("kb.button.new"), encode("kb", "new", 0)),
            (turn.t("kb.button.review"), encode("kb", "rev", 0)),
        ],
    ]
    text = turn.t("kb.menu", due=due, **counts)
    await (edit_or_reply if edit else reply)(turn.update, text, rows)


async def show_review(turn: Turn) -> None:
    entries = await upkeep.due_for_review(turn.session, local_day(turn))
    if not entries:
        await reply(turn.update, turn.t("kb.review.none"))
        return
    rows = [[entry_button(turn, entry)] for entry in entries[: PAGE * 2]]
    await reply(turn.update, turn.t("kb.review", count=len(entries)), rows)


def entry_button(turn: Turn, entry: FaqEntry) -> Button:
    question = in_language(turn.lang, entry.question, entry.question_en)
    title = question if len(question) <= 55 else question[:54] + "…"
    return title, encode("kb", "v", entry.id)


async def list_button(update: Update, context: Context) -> None:
    """`kbl|<status>|<page>`: one page of entries in a status."""
    rt = runtime_of(context)
    await answer_query(update)
    status, page = decode(update.callback_query.data if update.callback_query else "", "kbl", 2)
    if status not in STATUSES:
        raise InvalidInput(f"no status {status}", text_key="error.stale_button")
    async with rt.transaction() as session:
        person = await meet_sender(rt, session, update)
        require_coordinator(person, "faq.list")
        await show_list(Turn(rt, session, person, update), status, decode_int(page))


async def show_list(turn: Turn, status: str, page: int) -> None:
    entries, total = await upkeep.list_entries(
        turn.session, status, offset=page * PAGE, limit=PAGE
    )
    rows: list[list[Button]] = [[entry_button(turn, entry)] for entry in entries]
    rows.append(page_buttons(turn, page, PAGE, total, lambda n: encode("kbl", status, n)))
    rows.append([(turn.t("button.back"), encode("kb", "menu", 0))])
    name = turn.t(f"kb.status.{status}")
    key = "kb.list" if entries else "kb.list.empty"
    await edit_or_reply(turn.update, turn.t(key, status=name, total=total), rows)


def preview(answer: str) -> str:
    if len(answer) <= ANSWER_PREVIEW:
        return answer
    return answer[:ANSWER_PREVIEW].rsplit(" ", 1)[0] + "…"


def english_text(turn: Turn, entry: FaqEntry) -> str:
    """The English twin of the entry, or a line saying English readers get the Indonesian."""
    if not entry.question_en and not entry.answer_en:
        return turn.t("kb.entry.no_english")
    return turn.t(
        "kb.entry.english",
        question=entry.question_en or "-",
        answer=preview(entry.answer_en or "-"),
    )


def entry_text(turn: Turn, entry: FaqEntry, number: str | None) -> str:
    source = turn.t("kb.entry.source", number=number) if number else ""
    return turn.t(
        "kb.entry",
        question=entry.question,
        key=entry.key,
        status=turn.t(f"kb.status.{entry.status}"),
        answer=preview(entry.answer),
        english=Raw(english_text(turn, entry)),
        alternatives="; ".join(str(item) for item in entry.alternatives or []) or "-",
        owner=entry.owner or "-",
        review_by=day_text(turn, entry.review_by),
        source=Raw(source),
    )


def entry_rows(turn: Turn, entry: FaqEntry) -> list[list[Button]]:
    actions: list[Button] = [
        (turn.t("kb.button.edit"), encode("kb", "ed", entry.id)),
        (turn.t("kb.button.english"), encode("kb", "en", entry.id)),
    ]
    if entry.status != "published":
        actions.append((turn.t("kb.button.publish"), encode("kb", "pub", entry.id)))
    if entry.status != "retired":
        actions.append((turn.t("kb.button.retire"), encode("kb", "ret", entry.id)))
    back = (turn.t("kb.button.back"), encode("kbl", entry.status, 0))
    return [actions, [back]]


async def show_entry(turn: Turn, entry: FaqEntry, *, edit: bool) -> None:
    number = await upkeep.source_ticket_number(turn.session, entry)
    text = entry_text(turn, entry, number)
    await (edit_or_reply if edit else reply)(turn.update, text, entry_rows(turn, entry))


async def entry_button_tap(update: Update, context: Context) -> None:
    """`kb|<action>|<id>`: open, edit, publish or retire an entry; new entry; menu; review."""
    rt = runtime_of(context)
    await answer_query(update)
    action, value = decode(update.callback_query.data if update.callback_query else "", "kb", 2)
    number = decode_int(value)
    async with rt.transaction() as session:
        person = await meet_sender(rt, session, update)
        require_coordinator(person, f"faq.{action}")
        turn = Turn(rt, session, person, update)
        with upkeep_errors():
            await ENTRY_ACTIONS.get(action, stale)(turn, number)


async def stale(turn: Turn, _: int) -> None:
    await reply(turn.update, turn.t("error.stale_button"))


async def open_entry(turn: Turn, entry_id: int) -> None:
    await show_entry(turn, await upkeep.get_entry(turn.session, entry_id), edit=True)


async def publish_entry(turn: Turn, entry_id: int) -> None:
    entry = await upkeep.get_entry(turn.session, entry_id)
    upkeep.publish(entry, turn.rt.now(), local_day(turn))
    turn.rt.knowledge.invalidate()
    await show_entry(turn, entry, edit=True)
    review_by = day_text(turn, entry.review_by)
    await reply(turn.update, turn.t("kb.published", key=entry.key, review_by=review_by))


async def retire_entry(turn: Turn, entry_id: int) -> None:
    entry = await upkeep.get_entry(turn.session, entry_id)
    upkeep.retire(entry, turn.rt.now())
    turn.rt.knowledge.invalidate()
    await show_entry(turn, entry, edit=True)
    await reply(turn.update, turn.t("kb.retired", key=entry.key))


async def begin_new(turn: Turn, _: int) -> None:
    state = await conversation.load_state(turn.session, turn.person.telegram_id, turn.rt.now())
    conversation.enter(state, FLOW, "question", turn.rt.now())
    await reply(turn.update, turn.t("kb.ask_question"))


async def begin_edit(turn: Turn, entry_id: int) -> None:
    entry = await upkeep.get_entry(turn.session, entry_id)
    state = await conversation.load_state(turn.session, turn.person.telegram_id, turn.rt.now())
    conversation.enter(state, FLOW, "edit", turn.rt.now(), entry_id=entry.id)
    await reply(
        turn.update, turn.t("kb.ask_new_answer", question=entry.question, answer=entry.answer)
    )


async def begin_english(turn: Turn, entry_id: int) -> None:
    entry = await upkeep.get_entry(turn.session, entry_id)
    state = await conversation.load_state(turn.session, turn.person.telegram_id, turn.rt.now())
    conversation.enter(state, FLOW, "english_question", turn.rt.now(), entry_id=entry.id)
    await reply(turn.update, turn.t("kb.ask_english_question", question=entry.question))


async def skip_alternatives(turn: Turn, _: int) -> None:
    state = await conversation.load_state(turn.session, turn.person.telegram_id, turn.rt.now())
    if state.flow != FLOW or state.step != "alternatives":
        await stale(turn, 0)
        return
    await finish_new(turn, state, [])


async def back_to_menu(turn: Turn, _: int) -> None:
    await show_menu(turn, edit=True)


async def review_list(turn: Turn, _: int) -> None:
    await show_review(turn)


ENTRY_ACTIONS = {
    "v": open_entry,
    "pub": publish_entry,
    "ret": retire_entry,
    "ed": begin_edit,
    "en": begin_english,
    "new": begin_new,
    "skip": skip_alternatives,
    "menu": back_to_menu,
    "rev": review_list,
}


async def faq_text_step(turn: Turn, context: Context, state: ChatState) -> None:
    """The coordinator's text in the new-entry or edit-answer flow."""
    require_coordinator(turn.person, "faq.write")
    message = turn.update.effective_message
    text = (message.text or "") if message else ""
    now = turn.rt.now()
    with upkeep_errors():
        if state.step == "question":
            conversation.advance(
                state, "answer", now, question=upkeep.clean_text(text, "question")
            )
            await reply(turn.update, turn.t("kb.ask_answer"))
        elif state.step == "answer":
            conversation.advance(
                state, "alternatives", now, answer=upkeep.clean_text(text, "answer")
            )
            rows = [[(turn.t("kb.button.skip"), encode("kb", "skip", 0))]]
            await reply(turn.update, turn.t("kb.ask_alternatives"), rows)
        elif state.step == "alternatives":
            await finish_new(turn, state, upkeep.split_list(text))
        elif state.step == "english_question":
            await take_english_question(turn, state, text)
        elif state.step == "english_answer":
            await finish_english(turn, state, text)
        else:
            await finish_edit(turn, state, text)


async def finish_new(turn: Turn, state: ChatState, alternatives: list[str]) -> None:
    draft = state.draft or {}
    entry = await upkeep.create_entry(
        turn.session,
        question=str(draft.get("question", "")),
        answer=str(draft.get("answer", "")),
        alternatives=alternatives,
        owner=turn.person.full_name,
        now=turn.rt.now(),
        today=local_day(turn),
    )
    conversation.leave(state, turn.rt.now())
    await reply(turn.update, turn.t("kb.created", key=entry.key))
    await show_entry(turn, entry, edit=False)


async def finish_edit(turn: Turn, state: ChatState, text: str) -> None:
    entry = await upkeep.get_entry(turn.session, int((state.draft or {}).get("entry_id", 0)))
    upkeep.edit_answer(entry, text, turn.rt.now())
    conversation.leave(state, turn.rt.now())
    turn.rt.knowledge.invalidate()
    await reply(turn.update, turn.t("kb.answer_saved"))
    await show_entry(turn, entry, edit=False)


async def take_english_question(turn: Turn, state: ChatState, text: str) -> None:
    entry = await upkeep.get_entry(turn.session, int((state.draft or {}).get("entry_id", 0)))
    question = upkeep.clean_text(text, "question_en")
    conversation.advance(state, "english_answer", turn.rt.now(), question_en=question)
    await reply(turn.update, turn.t("kb.ask_english_answer", answer=entry.answer))


async def finish_english(turn: Turn, state: ChatState, text: str) -> None:
    draft = state.draft or {}
    entry = await upkeep.get_entry(turn.session, int(draft.get("entry_id", 0)))
    upkeep.set_english(entry, str(draft.get("question_en", "")), text, turn.rt.now())
    conversation.leave(state, turn.rt.now())
    turn.rt.knowledge.invalidate()
    await reply(turn.update, turn.t("kb.english_saved"))
    await show_entry(turn, entry, edit=False)


async def resume_faq_flow(turn: Turn, state: ChatState) -> None:
    """After an idle pause, ask the step's question again."""
    entry_id = int((state.draft or {}).get("entry_id", 0))
    if state.step == "edit":
        with upkeep_errors():
            await begin_edit(turn, entry_id)
    elif state.step in ("english_question", "english_answer"):
        with upkeep_errors():
            await begin_english(turn, entry_id)
    elif state.step == "alternatives":
        rows = [[(turn.t("kb.button.skip"), encode("kb", "skip", 0))]]
        await reply(turn.update, turn.t("kb.ask_alternatives"), rows)
    elif state.step == "answer":
        await reply(turn.update, turn.t("kb.ask_answer"))
    else:
        await reply(turn.update, turn.t("kb.ask_question"))


def register(app: App) -> None:
    TEXT_STEPS[FLOW] = faq_text_step
    RESUMES[FLOW] = resume_faq_flow
    app.add_handler(CommandHandler("faq", faq_command))
    app.add_handler(CallbackQueryHandler(list_button, pattern=r"^kbl\|"))
    app.add_handler(CallbackQueryHandler(entry_button_tap, pattern=r"^kb\|"))
    knowledge_reports.register(app)
