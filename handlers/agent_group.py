"""The agents' group: the buttons under a new-ticket notice, and replies to notices.

Replying to any message about a ticket in the group answers its requester; a reply that
starts with the note prefix (default "#") stays an internal note. The ticket is found from
the replied message's chat and message id in `ticket_messages`, which outbox delivery
writes for every notice, or from the forum topic the message is in.
"""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from desk import people, routing, staff, tickets, workflow
from desk.callbacks import decode_int
from desk.errors import InvalidInput
from desk.records import Ticket
from handlers.agent_views import staff_turn, ticket_card
from handlers.common import (
    App,
    Context,
    Turn,
    answer_query,
    attachment_of,
    edit_or_reply,
    meet_sender,
    reply,
)
from handlers.runtime import runtime_of

logger = logging.getLogger(__name__)

PICK = 8


def replied_ids(message: Message) -> tuple[int | None, int | None]:
    target = message.reply_to_message
    thread = message.message_thread_id if message.is_topic_message else None
    return (target.message_id if target is not None else None), thread


async def notice_reply(update: Update, context: Context) -> None:
    """A reply in the agents' group to a message about a ticket: answer or note."""
    rt = runtime_of(context)
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or chat.id != rt.desk.agents_chat_id:
        return
    replied, thread = replied_ids(message)
    async with rt.transaction() as session:
        ticket = await workflow.ticket_for_message(session, chat.id, replied, thread)
        if ticket is None:
            return  # people talk in the group too; only replies about tickets are ours
        person = await meet_sender(rt, session, update)
        turn = Turn(rt, session, person, update)
        staff.require_staff(person, "reply in group")
        await answer_or_note(turn, ticket, message)


async def answer_or_note(turn: Turn, ticket: Ticket, message: Message) -> None:
    text = (message.text or message.caption or "").strip()
    prefix = turn.rt.note_prefix
    ids = {"chat_id": message.chat_id, "message_id": message.message_id}
    now = turn.rt.now()
    if prefix and text.startswith(prefix):
        body = text[len(prefix) :]
        await workflow.note(turn.session, ticket, turn.person, body, now, **ids)
        await message.reply_text(turn.t("agent.done.note", number=ticket.number))
        return
    files = attachment_of(message)
    await workflow.reply(
        turn.session, ticket, turn.person, text, now, **ids, files=[files] if files else None
    )
    await message.reply_text(turn.t("agent.done.reply", number=ticket.number))


async def notice_button(update: Update, context: Context) -> None:
    """Take, assign or open, from the buttons under a ticket notice."""
    await answer_query(update)
    query = update.callback_query
    parts = (query.data or "").split("|") if query is not None else []
    if len(parts) < 3 or parts[1] not in {"take", "assign", "open", "to"}:
        raise InvalidInput(f"bad agent button {parts}", text_key="error.stale_button")
    action = parts[1]
    async with staff_turn(update, context, f"button {action}") as turn:
        ticket = await tickets.load_by_id(turn.session, decode_int(parts[2]))
        if action == "take":
            await workflow.take(turn.session, ticket, turn.person, turn.rt.now())
            await reply(
                update, turn.t("agent.done.take", number=ticket.number, name=turn.person.full_name)
            )
        elif action == "assign":
            await offer_assignees(turn, ticket)
        elif action == "open":
            await staff.require_scope(turn.session, turn.person, ticket, "open")
            await reply(update, await ticket_card(turn, ticket))
        else:
            await assign_picked(turn, ticket, parts[3:])


async def offer_assignees(turn: Turn, ticket: Ticket) -> None:
    """Buttons for the staff serving the ticket's service, least busy competent first."""
    await staff.require_scope(turn.session, turn.person, ticket, "assign")
    found = await routing.candidates(turn.session, ticket.service_id)
    if not found:
        await reply(turn.update, turn.t("agent.assign.nobody", number=ticket.number))
        return
    rows = [
        [
            (
                turn.t(
                    "agent.assign.option",
                    name=c.person.full_name,
                    load=c.open_tickets,
                    mark="⭐" if c.competent else "",
                ),
                f"ag|to|{ticket.id}|{c.person.id}",
            )
        ]
        for c in found[:PICK]
    ]
    await reply(turn.update, turn.t("agent.assign.pick", number=ticket.number), rows)


async def assign_picked(turn: Turn, ticket: Ticket, rest: list[str]) -> None:
    if len(rest) != 1:
        raise InvalidInput("bad assign button", text_key="error.stale_button")
    assignee = await people.get_person(turn.session, decode_int(rest[0]))
    await workflow.assign_to(turn.session, ticket, turn.person, assignee, turn.rt.now())
    text = turn.t("agent.done.assign", number=ticket.number, name=assignee.full_name)
    await edit_or_reply(turn.update, text)


def register(app: App) -> None:
    about_ticket = filters.REPLY | filters.IS_TOPIC_MESSAGE
    app.add_handler(
        MessageHandler(
            filters.ChatType.GROUPS
            & about_ticket
            & (filters.TEXT | filters.PHOTO | filters.Document.ALL)
            & ~filters.COMMAND,
            notice_reply,
        )
    )
    app.add_handler(CallbackQueryHandler(notice_button, pattern=r"^ag\|"))
