"""Following up: /tiket, a ticket's status and story, adding to it, withdrawing it.

A reply to any message about a ticket adds to that ticket; a reply to anything else goes on
to the usual routing (the active flow, or a question for the FAQ).
"""

from __future__ import annotations

import logging
from enum import StrEnum

from telegram import Message, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from desk import conversation, followup
from desk.callbacks import decode, decode_int
from desk.followup import TimelineEntry
from desk.records import ChatState, Ticket
from desk.types import TicketStatus
from handlers import router
from handlers.bot_api import Button, Sent
from handlers.common import (
    App,
    Context,
    Turn,
    answer_query,
    attachment_of,
    edit_or_reply,
    meet_sender,
    open_turn,
    page_buttons,
    reply,
)
from handlers.flows import Flow, text_step
from handlers.resume import resumes
from handlers.runtime import runtime_of
from texts import in_language
from texts.dates import due_phrase, local_time

logger = logging.getLogger(__name__)

PAGE = 5
TIMELINE_LINES = 8
SNIPPET = 160
ICONS = {
    TicketStatus.NEW: "🆕",
    TicketStatus.ASSIGNED: "👤",
    TicketStatus.IN_PROGRESS: "🛠",
    TicketStatus.PENDING: "⏸",
    TicketStatus.RESOLVED: "✅",
    TicketStatus.CLOSED: "🔒",
    TicketStatus.CANCELLED: "✖️",
}


class Step(StrEnum):
    ADD = "add"  # the next text or file goes to the ticket in the draft


async def my_tickets(update: Update, context: Context) -> None:
    """/tiket: the person's tickets; `/tiket <number>` opens one directly."""
    async with open_turn(update, context) as turn:
        if context.args:
            ticket = await followup.own_ticket_by_number(
                turn.session, turn.person, context.args[0]
            )
            await show_ticket(turn, ticket)
            return
        await show_list(turn, 0, edit=False)


async def show_list(turn: Turn, page: int, *, edit: bool) -> None:
    """One page of the person's open and recent tickets, each a button."""
    found, total = await followup.requester_tickets(
        turn.session, turn.person, turn.rt.now(), offset=page * PAGE, limit=PAGE
    )
    if not found:
        rows = [[(turn.t("button.menu"), "menu")]]
        text = turn.t("followup.none") if page == 0 else turn.t("error.stale_button")
        await (edit_or_reply if edit else reply)(turn.update, text, rows)
        return
    rows = [[(ticket_label(ticket), f"my|open|{ticket.id}")] for ticket in found]
    rows.append(page_buttons(turn, page, PAGE, total, lambda n: f"my|list|{n}"))
    text = turn.t("followup.list", total=total)
    await (edit_or_reply if edit else reply)(turn.update, text, rows)


def ticket_label(ticket: Ticket) -> str:
    title = ticket.title if len(ticket.title) <= 28 else ticket.title[:27] + "…"
    return f"{ICONS[TicketStatus(ticket.status)]} {ticket.number} · {title}"


async def show_ticket(turn: Turn, ticket: Ticket) -> None:
    """Status, due times and the visible story, sent as a message a reply can thread to."""
    timeline = await followup.visible_timeline(turn.session, ticket)
    sent = await reply(turn.update, ticket_text(turn, ticket, timeline), ticket_rows(turn, ticket))
    remember(turn, ticket, sent)


def remember(turn: Turn, ticket: Ticket, sent: Sent | None) -> None:
    if sent is not None:
        followup.remember_message(
            turn.session, ticket, sent.chat_id, sent.message_id, turn.rt.now()
        )


def ticket_text(turn: Turn, ticket: Ticket, timeline: list[TimelineEntry]) -> str:
    zone, lang = turn.rt.desk.timezone, turn.lang
    service = ticket.service
    name = in_language(lang, service.name, service.name_en) if service else ""
    status = TicketStatus(ticket.status)
    dues = ""
    if status.is_open:
        dues = turn.t(
            "followup.dues",
            response=due_phrase(ticket.response_due_at, zone, lang),
            resolution=due_phrase(ticket.resolution_due_at, zone, lang),
        )
        if ticket.paused_since is not None:
            dues += turn.t("followup.paused")
    lines = [timeline_line(turn, entry) for entry in timeline[-TIMELINE_LINES:]]
    if len(timeline) > TIMELINE_LINES:
        lines.insert(0, turn.t("followup.earlier", count=len(timeline) - TIMELINE_LINES))
    return turn.t(
        "followup.ticket",
        icon=ICONS[status],
        number=ticket.number,
        type=turn.t(f"ticket_type.{ticket.ticket_type}"),
        title=ticket.title,
        service=name or turn.t("intake.service_none"),
        status=turn.t(f"status.{ticket.status}"),
        created=local_time(ticket.created_at, zone, lang),
        dues=dues,
        timeline="\n".join(lines),
    )


def timeline_line(turn: Turn, entry: TimelineEntry) -> str:
    """One line of the story; a change names its new value in the person's words."""
    at = short_time(turn, entry)
    if entry.author is not None:
        body = entry.body if len(entry.body) <= SNIPPET else entry.body[:SNIPPET] + "…"
        key = "followup.event.you" if entry.author == "requester" else "followup.event.agent"
        clip = turn.t("followup.event.files", count=entry.attachments) if entry.attachments else ""
        return turn.t(key, at=at, body=body, files=clip)
    if entry.field == "status" and entry.new:
        return turn.t("followup.event.status", at=at, status=turn.t(f"status.{entry.new}"))
    if entry.field == "satisfaction" and entry.new and entry.new.isdigit():
        return turn.t("followup.event.rating", at=at, stars="⭐" * int(entry.new))
    if entry.field == "priority" and entry.new:
        level = entry.new.split(" ", 1)[0]
        return turn.t("followup.event.priority", at=at, priority=turn.t(f"priority.{level}"))
    return turn.t("followup.event.other", at=at)


def short_time(turn: Turn, entry: TimelineEntry) -> str:
    """`7 Des 09.05`: enough to follow a story on a phone."""
    local = entry.at.astimezone(turn.rt.desk.timezone)
    separator = ":" if turn.lang == "en" else "."
    month = turn.t(f"month.{local.month}")[:3]
    return f"{local.day} {month} {local.hour:02d}{separator}{local.minute:02d}"


def ticket_rows(turn: Turn, ticket: Ticket) -> list[list[Button]]:
    status = TicketStatus(ticket.status)
    rows: list[list[Button]] = []
    if status is TicketStatus.RESOLVED:
        rows.append(
            [
                (turn.t("notice.button.solved"), f"rs|ok|{ticket.id}"),
                (turn.t("notice.button.not_solved"), f"rs|no|{ticket.id}"),
            ]
        )
    if status.is_open:
        rows.append([(turn.t("followup.button.add"), f"my|add|{ticket.id}")])
    if ticket.status in followup.WITHDRAWABLE:
        rows.append([(turn.t("followup.button.withdraw"), f"my|wd|{ticket.id}")])
    rows.append([(turn.t("followup.button.list"), "my|list|0")])
    return rows


async def ticket_button(update: Update, context: Context) -> None:
    """Buttons under /tiket: page, open, add, withdraw and its confirmation."""
    await answer_query(update)
    action, value = decode(update.callback_query.data if update.callback_query else "", "my", 2)
    number = decode_int(value)
    async with open_turn(update, context) as turn:
        if action == "list":
            await show_list(turn, number, edit=True)
            return
        ticket = await followup.own_ticket(turn.session, turn.person, number)
        if action == "open":
            await show_ticket(turn, ticket)
        elif action == "add":
            await begin_adding(turn, ticket)
        elif action == "wd":
            await ask_withdraw(turn, ticket)
        elif action == "wdy":
            await followup.withdraw(turn.session, turn.rt.desk, ticket, turn.person, turn.rt.now())
            await edit_or_reply(update, turn.t("followup.withdrawn", number=ticket.number))
        else:
            await reply(update, turn.t("error.stale_button"))


async def ask_withdraw(turn: Turn, ticket: Ticket) -> None:
    """Withdrawing cannot be undone, so it asks once more."""
    if ticket.status not in followup.WITHDRAWABLE:
        await reply(turn.update, turn.t("followup.withdraw_too_late", number=ticket.number))
        return
    rows = [
        [
            (turn.t("followup.button.withdraw_yes"), f"my|wdy|{ticket.id}"),
            (turn.t("followup.button.withdraw_no"), f"my|open|{ticket.id}"),
        ]
    ]
    await edit_or_reply(
        turn.update, turn.t("followup.withdraw_confirm", number=ticket.number), rows
    )


PROMPTS = ("followup.ask_add", "followup.ask_what_failed")


def busy_elsewhere(state: ChatState, *own: Flow) -> bool:
    """The person is in the middle of another flow, whose draft must not be overwritten."""
    return state.flow is not None and state.flow not in {flow.value for flow in own}


async def begin_adding(turn: Turn, ticket: Ticket, prompt: str = PROMPTS[0]) -> None:
    """Wait for the next text or file, which goes to `ticket`; a reply does it too."""
    state = await conversation.load_state(turn.session, turn.person.telegram_id, turn.rt.now())
    if busy_elsewhere(state, Flow.FOLLOW_UP, Flow.FEEDBACK):
        text = turn.t("followup.reply_instead", number=ticket.number)
        remember(turn, ticket, await reply(turn.update, text))
        return
    conversation.enter(
        state, Flow.FOLLOW_UP, Step.ADD, turn.rt.now(), ticket_id=ticket.id, prompt=prompt
    )
    await ask_addition(turn, state)


@resumes(Flow.FOLLOW_UP)
async def ask_addition(turn: Turn, state: ChatState) -> None:
    """Ask for the addition (again, when resumed after a pause)."""
    ticket = await followup.own_ticket(turn.session, turn.person, int(state.draft["ticket_id"]))
    prompt = str(state.draft.get("prompt"))
    rows = [[(turn.t("button.cancel"), "flow|cancel")]]
    text = turn.t(prompt if prompt in PROMPTS else PROMPTS[0], number=ticket.number)
    remember(turn, ticket, await reply(turn.update, text, rows))


@text_step(Flow.FOLLOW_UP)
async def addition_text(turn: Turn, context: Context, state: ChatState) -> None:
    """The text or file typed after "add information": it goes to the ticket."""
    message = turn.update.effective_message
    if message is None:
        return
    ticket = await followup.own_ticket(turn.session, turn.person, int(state.draft["ticket_id"]))
    await add_to_ticket(turn, ticket, message)
    conversation.leave(state, turn.rt.now())


async def add_to_ticket(turn: Turn, ticket: Ticket, message: Message) -> None:
    """Keep the words and file on the ticket, and say what happens next."""
    found = attachment_of(message)
    done = await followup.add_requester_message(
        turn.session,
        turn.rt.desk,
        ticket,
        turn.person,
        (message.text or message.caption or "").strip(),
        [found] if found else [],
        turn.rt.now(),
    )
    key = "followup.added"
    if not done.ticket_open:
        key = "followup.added_closed"
    elif done.resumed:
        key = "followup.added_resumed"
    sent = await reply(turn.update, turn.t(key, number=ticket.number))
    remember(turn, ticket, sent)


async def reply_to_notice(update: Update, context: Context) -> None:
    """A reply in private chat: to a message about a ticket adds to it; else route as usual."""
    rt = runtime_of(context)
    message = update.effective_message
    replied = message.reply_to_message if message else None
    if message is not None and replied is not None:
        async with rt.transaction() as session:
            person = await meet_sender(rt, session, update)
            ticket = await followup.ticket_for_message(
                session, person, replied.chat.id, replied.message_id
            )
            if ticket is not None:
                await add_to_ticket(Turn(rt, session, person, update), ticket, message)
                return
    await router.private_message(update, context)


def register(app: App) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler(["tiket", "tickets"], my_tickets))
    app.add_handler(CallbackQueryHandler(ticket_button, pattern=r"^my\|"))
    app.add_handler(
        MessageHandler(private & filters.REPLY & router.USABLE & ~filters.COMMAND, reply_to_notice)
    )
