"""What staff read: the command table, /help, /queue, /ticket and the canned replies list.

Also the small pieces every staff handler shares: a turn that refuses non-staff (the refusal
is logged by `desk.staff`), and the parsing of "/command NUMBER text".
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from telegram import Update
from telegram.ext import CommandHandler, filters

from desk import routing, staff, tickets
from desk.canned import CannedReply
from desk.errors import InvalidInput
from desk.records import Ticket
from desk.ticket_story import Entry, story
from desk.types import Role
from handlers.common import App, Context, Turn, open_turn, reply
from texts import Raw
from texts.dates import due_phrase, local_time

logger = logging.getLogger(__name__)

CANNED_KEY = "canned_replies"
TELEGRAM_LIMIT = 3900
STORY_LINES = 25
RANK = {Role.AGENT: 1, Role.COORDINATOR: 2, Role.ADMIN: 3}


@dataclass(frozen=True)
class StaffCommand:
    """A staff command, its Indonesian alias and the least role that may use it."""

    name: str
    alias: str
    role: Role


STAFF_COMMANDS = (
    StaffCommand("queue", "antrian", Role.AGENT),
    StaffCommand("take", "ambil", Role.AGENT),
    StaffCommand("assign", "tugaskan", Role.AGENT),
    StaffCommand("reply", "balas", Role.AGENT),
    StaffCommand("note", "catatan", Role.AGENT),
    StaffCommand("pending", "tunda", Role.AGENT),
    StaffCommand("resolve", "selesaikan", Role.AGENT),
    StaffCommand("close", "tutup", Role.AGENT),
    StaffCommand("reopen", "bukakembali", Role.AGENT),
    StaffCommand("link", "tautkan", Role.AGENT),
    StaffCommand("merge", "gabungkan", Role.AGENT),
    StaffCommand("ticket", "detail", Role.AGENT),
    StaffCommand("canned", "templat", Role.AGENT),
    StaffCommand("priority", "prioritas", Role.COORDINATOR),
    StaffCommand("approve", "setujui", Role.COORDINATOR),
    StaffCommand("reject", "tolak", Role.COORDINATOR),
    StaffCommand("grant", "beriperan", Role.ADMIN),
    StaffCommand("revoke", "cabutperan", Role.ADMIN),
)


def commands_for(role: Role) -> list[StaffCommand]:
    rank = RANK.get(role, 0)
    return [command for command in STAFF_COMMANDS if RANK[command.role] <= rank]


@asynccontextmanager
async def staff_turn(update: Update, context: Context, action: str) -> AsyncIterator[Turn]:
    """One transaction for a staff step; anyone else is refused politely and logged."""
    async with open_turn(update, context) as turn:
        staff.require_staff(turn.person, action)
        yield turn


def command_parts(update: Update, count: int) -> list[str]:
    """The words after the command, the last part keeping its line breaks."""
    message = update.effective_message
    text = (message.text or message.caption or "") if message is not None else ""
    parts = text.split(maxsplit=count)[1:]
    return [part.strip() for part in parts]


def usage(turn: Turn, name: str) -> InvalidInput:
    return InvalidInput(
        f"usage of /{name}",
        text_key="agent.usage",
        command=name,
        args=turn.t(f"agent.args.{name}"),
    )


def help_text(turn: Turn) -> str:
    lines = [
        turn.t(
            "agent.help.line",
            command=command.name,
            alias=command.alias,
            args=turn.t(f"agent.args.{command.name}"),
            description=turn.t(f"agent.command.{command.name}"),
        )
        for command in commands_for(staff.role_of(turn.person))
    ]
    return turn.t("agent.help", lines=Raw("\n".join(lines)), prefix=turn.rt.note_prefix)


async def staff_help(update: Update, context: Context) -> None:
    """/staffhelp anywhere: the staff commands."""
    async with staff_turn(update, context, "help") as turn:
        await reply(update, help_text(turn))


async def group_help(update: Update, context: Context) -> None:
    """/help in a group: staff get the staff commands, anyone else the requesters' help.

    Registered before the requesters' journeys (see `JOURNEYS`), so in groups it answers
    instead of the private-chat help.
    """
    async with open_turn(update, context) as turn:
        text = help_text(turn) if staff.is_staff(turn.person) else turn.t("help.requester")
        await reply(update, text)


async def show_queue(update: Update, context: Context) -> None:
    """/queue [mine|unassigned|svc CODE|due]: open tickets in the person's scope."""
    async with staff_turn(update, context, "queue") as turn:
        args = [arg.lower() for arg in (context.args or [])]
        view, code = queue_view(args)
        if view is routing.QueueView.SERVICE and code is None:
            raise usage(turn, "queue")
        found = await routing.queue(turn.session, turn.person, view, service_code=code)
        if not found:
            await reply(update, turn.t("agent.queue.empty"))
            return
        lines = [queue_line(turn, ticket) for ticket in found]
        title = turn.t(f"agent.queue.title.{view.value}", code=code or "")
        await reply(update, title + "\n\n" + "\n".join(lines))


ALIASES = {"saya": "mine", "baru": "unassigned", "layanan": "svc", "tenggat": "due"}


def queue_view(args: list[str]) -> tuple[routing.QueueView, str | None]:
    if not args:
        return routing.QueueView.PRIORITY, None
    word = ALIASES.get(args[0], args[0])
    try:
        view = routing.QueueView(word)
    except ValueError as error:
        raise InvalidInput(f"unknown queue {word}", text_key="agent.error.queue_view") from error
    return view, (args[1] if len(args) > 1 else None)


def queue_line(turn: Turn, ticket: Ticket) -> str:
    due = ticket.resolution_due_at
    overdue = due is not None and due <= turn.rt.now()
    return turn.t(
        "agent.queue.line",
        mark="⚠️" if overdue else "•",
        number=ticket.number,
        priority=turn.t(f"priority.{ticket.priority}"),
        status=turn.t(f"status.{ticket.status}"),
        title=ticket.title[:60],
        assignee=ticket.assignee.full_name if ticket.assignee else "-",
        due=due_phrase(due, turn.rt.desk.timezone, turn.lang),
    )


async def show_ticket(update: Update, context: Context) -> None:
    """/ticket N: details and the full history, notes included."""
    async with staff_turn(update, context, "ticket") as turn:
        parts = command_parts(update, 1)
        if not parts:
            raise usage(turn, "ticket")
        ticket = await tickets.load_ticket(turn.session, parts[0])
        await staff.require_scope(turn.session, turn.person, ticket, "ticket")
        await reply(update, await ticket_card(turn, ticket))


async def ticket_card(turn: Turn, ticket: Ticket) -> str:
    zone, lang = turn.rt.desk.timezone, turn.lang
    requester = ticket.requester
    head = turn.t(
        "agent.ticket.card",
        number=ticket.number,
        type=turn.t(f"ticket_type.{ticket.ticket_type}"),
        title=ticket.title,
        service=ticket.service.name if ticket.service else "-",
        priority=turn.t(f"priority.{ticket.priority}"),
        status=turn.t(f"status.{ticket.status}"),
        assignee=ticket.assignee.full_name if ticket.assignee else "-",
        requester=f"{requester.full_name} · {requester.work_unit or '-'}",
        response_due=due_phrase(ticket.response_due_at, zone, lang),
        resolution_due=due_phrase(ticket.resolution_due_at, zone, lang),
    )
    entries = (await story(turn.session, ticket))[-STORY_LINES:]
    lines = "\n".join(story_line(turn, entry) for entry in entries)
    text = head + "\n\n" + turn.t("agent.ticket.history") + "\n" + lines
    return text if len(text) <= TELEGRAM_LIMIT else text[:TELEGRAM_LIMIT] + "…"


def story_line(turn: Turn, entry: Entry) -> str:
    when = local_time(entry.at, turn.rt.desk.timezone, turn.lang).split(", ", 1)[-1]
    if entry.field is not None:
        return turn.t(
            "agent.ticket.change",
            when=when,
            who=entry.actor,
            field=entry.field,
            old=entry.old or "-",
            new=(entry.new or "-")[:200],
        )
    return turn.t(
        f"agent.ticket.message.{entry.kind}", when=when, who=entry.actor, body=entry.body[:300]
    )


def canned_replies(turn: Turn) -> dict[str, CannedReply]:
    found = turn.rt.extras.get(CANNED_KEY, {})
    return found if isinstance(found, dict) else {}


def canned_list(turn: Turn) -> str:
    replies = canned_replies(turn)
    if not replies:
        return turn.t("agent.canned.none")
    lines = [
        turn.t("agent.canned.line", key=reply.key, title=reply.title) for reply in replies.values()
    ]
    return turn.t("agent.canned.list", lines=Raw("\n".join(lines)))


def register(app: App) -> None:
    """Staff help in groups only: in private, /help stays the requesters' help."""
    group_only = filters.ChatType.GROUPS
    app.add_handler(CommandHandler(["help", "bantuan"], group_help, group_only))
    app.add_handler(CommandHandler(["staffhelp", "bantuanpetugas"], staff_help))
    app.add_handler(CommandHandler(["queue", "antrian"], show_queue))
    app.add_handler(CommandHandler(["ticket", "detail"], show_ticket))
