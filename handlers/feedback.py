"""The requester's word on a solution: solved or not, then a 1-5 rating and a comment.

The buttons come on notices sent from the outbox (`desk.requester_notices`): `rs|ok|<id>`,
`rs|no|<id>` under the resolution and `rt|<id>|<score>` under the closure. Every tap names a
ticket id that could be forged, so each goes through the ownership check first.
"""

from __future__ import annotations

import logging
from enum import StrEnum

from telegram import Update
from telegram.ext import CallbackQueryHandler

from desk import conversation, followup
from desk.callbacks import decode, decode_int
from desk.errors import InvalidInput
from desk.records import ChatState
from handlers.common import App, Context, Turn, answer_query, edit_or_reply, open_turn, reply
from handlers.flows import Flow, text_step
from handlers.followup import PROMPTS, begin_adding, busy_elsewhere
from handlers.resume import resumes

logger = logging.getLogger(__name__)


class Step(StrEnum):
    COMMENT = "comment"  # the next text is the comment on the rating


async def verdict(update: Update, context: Context) -> None:
    """`rs|ok` closes the ticket (the closure notice asks for a rating); `rs|no` reopens it."""
    await answer_query(update)
    answer, value = decode(update.callback_query.data if update.callback_query else "", "rs", 2)
    if answer not in {"ok", "no"}:
        raise InvalidInput(f"unknown verdict {answer!r}", text_key="error.stale_button")
    async with open_turn(update, context) as turn:
        ticket = await followup.own_ticket(turn.session, turn.person, decode_int(value))
        if answer == "ok":
            await followup.confirm_solved(
                turn.session, turn.rt.desk, ticket, turn.person, turn.rt.now()
            )
            await edit_or_reply(update, turn.t("feedback.solved", number=ticket.number))
            return
        await followup.report_not_solved(
            turn.session, turn.rt.desk, ticket, turn.person, turn.rt.now()
        )
        await edit_or_reply(update, turn.t("feedback.reopened", number=ticket.number))
        await begin_adding(turn, ticket, PROMPTS[1])


async def rating(update: Update, context: Context) -> None:
    """`rt|<ticket>|<score>`: keep the score once, then offer an optional comment."""
    await answer_query(update)
    value, score = decode(update.callback_query.data if update.callback_query else "", "rt", 2)
    async with open_turn(update, context) as turn:
        ticket = await followup.own_ticket(turn.session, turn.person, decode_int(value))
        stars = decode_int(score)
        followup.rate(turn.session, ticket, turn.person, stars, turn.rt.now())
        text = turn.t("feedback.rated", number=ticket.number, stars="⭐" * stars)
        await edit_or_reply(update, text)

        # A draft of another flow is worth more than a comment: never overwrite it.
        state = await conversation.load_state(turn.session, turn.person.telegram_id, turn.rt.now())
        if busy_elsewhere(state, Flow.FEEDBACK):
            await reply(update, turn.t("feedback.thanks"))
            return
        conversation.enter(state, Flow.FEEDBACK, Step.COMMENT, turn.rt.now(), ticket_id=ticket.id)
        await ask_comment(turn, state)


@resumes(Flow.FEEDBACK)
async def ask_comment(turn: Turn, state: ChatState) -> None:
    """Ask for the optional comment, with a button to skip it."""
    rows = [[(turn.t("feedback.skip"), f"fb|skip|{state.draft['ticket_id']}")]]
    await reply(turn.update, turn.t("feedback.ask_comment"), rows)


@text_step(Flow.FEEDBACK)
async def comment_text(turn: Turn, context: Context, state: ChatState) -> None:
    """The comment after a rating; anything but text is asked again."""
    message = turn.update.effective_message
    if message is None or not message.text:
        await ask_comment(turn, state)
        return
    ticket = await followup.own_ticket(turn.session, turn.person, int(state.draft["ticket_id"]))
    followup.add_rating_comment(turn.session, ticket, turn.person, message.text, turn.rt.now())
    conversation.leave(state, turn.rt.now())
    await reply(turn.update, turn.t("feedback.thanks"), [[(turn.t("button.menu"), "menu")]])


async def skip_comment(update: Update, context: Context) -> None:
    """`fb|skip|<ticket>`: no comment; the rating alone is kept."""
    await answer_query(update)
    _, value = decode(update.callback_query.data if update.callback_query else "", "fb", 2)
    async with open_turn(update, context) as turn:
        state = await conversation.load_state(turn.session, turn.person.telegram_id, turn.rt.now())
        waiting = state.flow == Flow.FEEDBACK and str(state.draft.get("ticket_id")) == value
        if not waiting:
            await edit_or_reply(update, turn.t("error.stale_button"))
            return
        conversation.leave(state, turn.rt.now())
        await edit_or_reply(update, turn.t("feedback.thanks"), [[(turn.t("button.menu"), "menu")]])


def register(app: App) -> None:
    app.add_handler(CallbackQueryHandler(verdict, pattern=r"^rs\|"))
    app.add_handler(CallbackQueryHandler(rating, pattern=r"^rt\|"))
    app.add_handler(CallbackQueryHandler(skip_comment, pattern=r"^fb\|skip\|"))
