"""Staff commands on tickets: take, assign, reply, note, pend, resolve, close, reopen,
reprioritise, link, merge, approve or reject a change, and send a canned reply.

Every command reads "/command NUMBER [text]"; the rules (role, service scope, lifecycle)
live in `desk`, so a handler here only parses, calls one domain function and confirms.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import CommandHandler

from desk import approvals, canned, relations, staff, tickets, workflow
from desk.errors import NotFound
from desk.records import Ticket
from desk.types import Priority
from handlers.agent_views import (
    CANNED_KEY,
    STAFF_COMMANDS,
    canned_list,
    canned_replies,
    command_parts,
    staff_turn,
    usage,
)
from handlers.common import App, Context, Turn, reply
from handlers.runtime import RUNTIME_KEY, Runtime

logger = logging.getLogger(__name__)

TicketAction = Callable[[Turn, Ticket, str], Awaitable[str]]
Callback = Callable[[Update, Context], Coroutine[Any, Any, None]]

PRIORITY_WORDS = {
    "kritis": Priority.CRITICAL,
    "tinggi": Priority.HIGH,
    "sedang": Priority.MEDIUM,
    "rendah": Priority.LOW,
    **{p.value: p for p in Priority},
}


async def find_ticket(turn: Turn, number: str) -> Ticket:
    try:
        return await tickets.load_ticket(turn.session, number)
    except NotFound as error:
        raise NotFound(
            f"no ticket {number}", text_key="agent.error.no_ticket", number=number.upper()
        ) from error


def origin(turn: Turn) -> tuple[int | None, int | None]:
    """The chat and message ids of the command, so a redelivered command is not redone."""
    message = turn.update.effective_message
    if message is None:
        return None, None
    return message.chat_id, message.message_id


def ticket_command(name: str, action: TicketAction, needs_text: bool) -> Callback:
    """A handler for "/name NUMBER [text]" that runs `action` and replies its confirmation."""

    async def handle(update: Update, context: Context) -> None:
        async with staff_turn(update, context, name) as turn:
            parts = command_parts(update, 2)
            if not parts or (needs_text and len(parts) < 2):
                raise usage(turn, name)
            ticket = await find_ticket(turn, parts[0])
            done = await action(turn, ticket, parts[1] if len(parts) > 1 else "")
            await reply(update, done)

    handle.__doc__ = f"/{name}: one staff action on a ticket."
    return handle


async def take(turn: Turn, ticket: Ticket, _: str) -> str:
    await workflow.take(turn.session, ticket, turn.person, turn.rt.now())
    return turn.t("agent.done.take", number=ticket.number, name=turn.person.full_name)


async def assign(turn: Turn, ticket: Ticket, text: str) -> str:
    assignee = await staff.find_agent(turn.session, text.split()[0])
    await workflow.assign_to(turn.session, ticket, turn.person, assignee, turn.rt.now())
    return turn.t("agent.done.assign", number=ticket.number, name=assignee.full_name)


async def answer(turn: Turn, ticket: Ticket, text: str) -> str:
    await write_message(turn, ticket, text, workflow.reply)
    return turn.t("agent.done.reply", number=ticket.number)


async def note(turn: Turn, ticket: Ticket, text: str) -> str:
    await write_message(turn, ticket, text, workflow.note)
    return turn.t("agent.done.note", number=ticket.number)


async def write_message(
    turn: Turn, ticket: Ticket, text: str, write: Callable[..., Awaitable[Any]]
) -> None:
    """A reply or a note, linked to the staff message it came from."""
    chat_id, message_id = origin(turn)
    await write(
        turn.session,
        ticket,
        turn.person,
        text,
        turn.rt.now(),
        chat_id=chat_id,
        message_id=message_id,
    )


async def pend(turn: Turn, ticket: Ticket, text: str) -> str:
    await workflow.request_info(
        turn.session, turn.rt.desk, ticket, turn.person, text, turn.rt.now()
    )
    return turn.t("agent.done.pending", number=ticket.number)


async def resolve(turn: Turn, ticket: Ticket, text: str) -> str:
    await workflow.resolve(turn.session, turn.rt.desk, ticket, turn.person, text, turn.rt.now())
    return turn.t("agent.done.resolve", number=ticket.number)


async def close(turn: Turn, ticket: Ticket, _: str) -> str:
    await workflow.close(turn.session, turn.rt.desk, ticket, turn.person, turn.rt.now())
    return turn.t("agent.done.close", number=ticket.number)


async def reopen(turn: Turn, ticket: Ticket, _: str) -> str:
    await workflow.reopen(turn.session, turn.rt.desk, ticket, turn.person, turn.rt.now())
    return turn.t("agent.done.reopen", number=ticket.number)


async def reprioritise(turn: Turn, ticket: Ticket, text: str) -> str:
    word, _, reason = text.partition(" ")
    priority = PRIORITY_WORDS.get(word.lower())
    if priority is None or not reason.strip():
        raise usage(turn, "priority")
    await workflow.reprioritise(
        turn.session, turn.rt.desk, ticket, turn.person, priority, reason, turn.rt.now()
    )
    return turn.t(
        "agent.done.priority", number=ticket.number, priority=turn.t(f"priority.{priority}")
    )


async def link(turn: Turn, ticket: Ticket, text: str) -> str:
    problem = await find_ticket(turn, text.split()[0])
    await relations.link_to_problem(turn.session, ticket, problem, turn.person, turn.rt.now())
    return turn.t("agent.done.link", number=ticket.number, problem=problem.number)


async def merge(turn: Turn, ticket: Ticket, text: str) -> str:
    original = await find_ticket(turn, text.split()[0])
    await relations.merge(turn.session, turn.rt.desk, ticket, original, turn.person, turn.rt.now())
    return turn.t("agent.done.merge", number=ticket.number, original=original.number)


async def approve(turn: Turn, ticket: Ticket, text: str) -> str:
    await approvals.decide_change(
        turn.session, turn.rt.desk, ticket, turn.person, True, text, turn.rt.now()
    )
    return turn.t("agent.done.approve", number=ticket.number)


async def reject(turn: Turn, ticket: Ticket, text: str) -> str:
    await approvals.decide_change(
        turn.session, turn.rt.desk, ticket, turn.person, False, text, turn.rt.now()
    )
    return turn.t("agent.done.reject", number=ticket.number)


async def send_canned(update: Update, context: Context) -> None:
    """/canned lists the saved replies; /canned KEY NUMBER sends one to the requester."""
    async with staff_turn(update, context, "canned") as turn:
        args = context.args or []
        if not args:
            await reply(update, canned_list(turn))
            return
        if len(args) < 2:
            raise usage(turn, "canned")
        saved = canned.find(canned_replies(turn), args[0])
        ticket = await find_ticket(turn, args[1])
        await staff.require_scope(turn.session, turn.person, ticket, "canned")
        text = canned.render(saved, ticket, turn.person)
        done = await answer(turn, ticket, text)
        await reply(update, done)


ACTIONS: dict[str, tuple[TicketAction, bool]] = {
    "take": (take, False),
    "assign": (assign, True),
    "reply": (answer, True),
    "note": (note, True),
    "pending": (pend, True),
    "resolve": (resolve, True),
    "close": (close, False),
    "reopen": (reopen, False),
    "priority": (reprioritise, True),
    "link": (link, True),
    "merge": (merge, True),
    "approve": (approve, False),
    "reject": (reject, True),
}


def register(app: App) -> None:
    """The ticket commands, and the canned replies read once from their YAML file."""
    runtime = app.bot_data.get(RUNTIME_KEY)
    if isinstance(runtime, Runtime):
        runtime.extras[CANNED_KEY] = canned.load_file()
    aliases = {command.name: command.alias for command in STAFF_COMMANDS}
    for name, (action, needs_text) in ACTIONS.items():
        handle = ticket_command(name, action, needs_text)
        app.add_handler(CommandHandler([name, aliases[name]], handle))
    app.add_handler(CommandHandler(["canned", aliases["canned"]], send_canned))
