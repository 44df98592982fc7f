"""Coming back to a conversation that was paused for being idle: carry on, or throw it away.

The expiry notice (`scheduler.conversations`) carries `flow|resume` and `flow|discard`.
Resuming puts the question of the step the person was at again; each flow says how with
`@resumes(Flow.X)`. Intake and registration are known here; other journeys register theirs.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import CallbackQueryHandler

from desk import conversation
from desk.records import ChatState
from handlers import intake, start
from handlers.common import App, Context, Turn, answer_query, close_buttons, open_turn, reply
from handlers.flows import Flow

logger = logging.getLogger(__name__)

Resume = Callable[[Turn, ChatState], Awaitable[None]]
RESUMES: dict[str, Resume] = {}


def resumes(flow: Flow) -> Callable[[Resume], Resume]:
    """Register how `flow` asks its current step again."""

    def register(function: Resume) -> Resume:
        RESUMES[flow.value] = function
        return function

    return register


@resumes(Flow.INTAKE)
async def resume_intake(turn: Turn, state: ChatState) -> None:
    await intake.ask(turn, state, intake.Step(state.step or intake.Step.SERVICE))


@resumes(Flow.REGISTER)
async def resume_registration(turn: Turn, state: ChatState) -> None:
    step, draft = state.step, state.draft or {}
    if step == start.Step.TYPE and draft.get("name"):
        await start.take_name(turn, state, str(draft["name"]))
    elif step == start.Step.UNIT:
        rows = [[(turn.t("button.cancel"), "flow|cancel")]]
        await reply(turn.update, turn.t("register.ask_unit"), rows)
    elif step == start.Step.CONSENT:
        await start.ask_consent(turn)
    else:
        await start.ask_name(turn, state)


async def resume(update: Update, context: Context) -> None:
    """`flow|resume`: put the paused question again, with the draft as it was."""
    await answer_query(update)
    async with open_turn(update, context) as turn:
        state = await conversation.load_state(turn.session, turn.person.telegram_id, turn.rt.now())
        await close_buttons(update)
        again = RESUMES.get(state.flow or "")
        if state.flow is None or state.step is None or again is None:
            conversation.leave(state, turn.rt.now())
            await reply(update, turn.t("resume.nothing"))
            return
        conversation.advance(state, state.step, turn.rt.now())
        logger.info(
            "flow resumed person=%s flow=%s step=%s", turn.person.id, state.flow, state.step
        )
        await again(turn, state)


async def discard(update: Update, context: Context) -> None:
    """`flow|discard`: drop the paused draft; a flow the person came back to is left alone."""
    await answer_query(update)
    async with open_turn(update, context) as turn:
        state = await conversation.load_state(turn.session, turn.person.telegram_id, turn.rt.now())
        await close_buttons(update)
        if state.flow is None:
            await reply(update, turn.t("resume.nothing"))
            return
        if state.expired_at is None:
            await reply(update, turn.t("resume.still_active"))
            return
        conversation.leave(state, turn.rt.now())
        logger.info("flow discarded person=%s", turn.person.id)
        await reply(update, turn.t("resume.discarded"))


def register(app: App) -> None:
    app.add_handler(CallbackQueryHandler(resume, pattern=r"^flow\|resume$"))
    app.add_handler(CallbackQueryHandler(discard, pattern=r"^flow\|discard$"))
