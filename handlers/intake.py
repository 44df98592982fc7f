"""Intake: report a disruption, request a service, complain or propose a change.

Service, description (with photos and documents), the questions of the type, urgency and
impact as people understand them, a summary to confirm, then the number and promised times.
Each step is stored, so cancel, back, a restart or a long pause lose nothing.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime
from enum import StrEnum

from sqlalchemy.exc import IntegrityError
from telegram import Message, Update
from telegram.ext import CallbackQueryHandler

from desk import catalog, conversation, followup, notices, outages, people, routing, tickets
from desk.callbacks import decode, decode_int
from desk.errors import Conflict, InvalidInput
from desk.records import ChatState, Service
from desk.types import Level, ServiceStatus, TicketType
from handlers.common import (
    App,
    Context,
    Turn,
    answer_query,
    attachment_of,
    close_buttons,
    edit_or_reply,
    open_turn,
    page_buttons,
    reply,
)
from handlers.flows import Flow, text_step
from handlers.outages import mention_outage
from texts.dates import due_phrase

logger = logging.getLogger(__name__)
PAGE = 6
MAX_ATTACHMENTS = 10


class Step(StrEnum):
    SERVICE = "service"
    DESCRIBE = "describe"
    CHANGE_KIND = "change_kind"
    REASON = "reason"
    EXPECTED = "expected"
    URGENCY = "urgency"
    IMPACT = "impact"
    CONFIRM = "confirm"


CHANGE_KINDS = ("new", "modify", "move", "retire")


def steps_for(ticket_type: TicketType) -> list[Step]:
    """The questions asked for each type, in order; back walks this list."""
    middle = {
        TicketType.CHANGE: [Step.CHANGE_KIND, Step.REASON],
        TicketType.COMPLAINT: [Step.EXPECTED],
    }.get(ticket_type, [])
    return [Step.SERVICE, Step.DESCRIBE, *middle, Step.URGENCY, Step.IMPACT, Step.CONFIRM]


def draft_type(state: ChatState) -> TicketType:
    return TicketType(str((state.draft or {}).get("ticket_type")))


def nav_row(turn: Turn, back: bool = True) -> list[tuple[str, str]]:
    row = [(turn.t("button.back"), "in|back")] if back else []
    return [*row, (turn.t("button.cancel"), "flow|cancel")]


async def begin(update: Update, context: Context) -> None:
    """A menu button such as "Lapor gangguan": start an intake of that type."""
    await answer_query(update)
    (value,) = decode(update.callback_query.data if update.callback_query else "", "new", 1)
    try:
        ticket_type = TicketType(value)
    except ValueError as error:
        raise InvalidInput(f"unknown type {value!r}", text_key="error.stale_button") from error
    async with open_turn(update, context) as turn:
        if not people.is_registered(turn.person):
            await reply(update, turn.t("register.need_first"))
            return
        state = await conversation.load_state(turn.session, turn.person.telegram_id, turn.rt.now())
        enter_intake(state, ticket_type, turn.rt.now())
        await ask(turn, state, Step.SERVICE)


def enter_intake(
    state: ChatState, ticket_type: TicketType, now: datetime, description: str = ""
) -> None:
    """Start a fresh draft; a description may come along, e.g. from an unanswered question."""
    conversation.enter(
        state,
        Flow.INTAKE,
        Step.SERVICE,
        now,
        ticket_type=ticket_type.value,
        attachments=[],
        intake_key=secrets.token_hex(8),
        description=description[: tickets.MAX_TEXT],
    )


async def ask(turn: Turn, state: ChatState, step: Step, page: int = 0) -> None:
    """Put the question of `step` to the person."""
    conversation.advance(state, step, turn.rt.now())
    kind = draft_type(state).value
    if step is Step.SERVICE:
        await ask_service(turn, state, page)
    elif step is Step.DESCRIBE:
        await reply(turn.update, turn.t(f"intake.describe.{kind}"), [nav_row(turn)])
    elif step is Step.CHANGE_KIND:
        rows = [[(turn.t(f"intake.change_kind.{k}"), f"in|ck|{k}")] for k in CHANGE_KINDS]
        await reply(turn.update, turn.t("intake.ask_change_kind"), [*rows, nav_row(turn)])
    elif step is Step.REASON:
        await reply(turn.update, turn.t("intake.ask_reason"), [nav_row(turn)])
    elif step is Step.EXPECTED:
        await reply(turn.update, turn.t("intake.ask_expected"), [nav_row(turn)])
    elif step is Step.URGENCY:
        rows = [[(turn.t(f"intake.urgency.{lv}"), f"in|u|{lv}")] for lv in LEVELS_DOWN]
        await reply(turn.update, turn.t("intake.ask_urgency"), [*rows, nav_row(turn)])
    elif step is Step.IMPACT:
        rows = [[(turn.t(f"intake.impact.{lv}"), f"in|i|{lv}")] for lv in LEVELS_DOWN]
        await reply(turn.update, turn.t("intake.ask_impact"), [*rows, nav_row(turn)])
    else:
        await show_summary(turn, state)


LEVELS_DOWN = (Level.HIGH.value, Level.MEDIUM.value, Level.LOW.value)


async def ask_service(turn: Turn, state: ChatState, page: int) -> None:
    search = (state.draft or {}).get("service_search")
    services, total = await catalog.list_services(
        turn.session,
        statuses=(ServiceStatus.ACTIVE,),
        search=search,
        offset=page * PAGE,
        limit=PAGE,
    )
    rows = [[(service_label(turn, s), f"in|svc|{s.id}")] for s in services]
    rows.append(page_buttons(turn, page, PAGE, total, lambda n: f"in|page|{n}"))
    rows.append([(turn.t("intake.service_unknown"), "in|svc|0")])
    key = "intake.ask_service_found" if search and services else "intake.ask_service"
    if search and not services:
        key = "intake.service_not_found"
    rows.append(nav_row(turn, back=False))
    await reply(turn.update, turn.t(key, search=search or ""), rows)


def service_label(turn: Turn, service: Service | catalog.ServiceChoice) -> str:
    return catalog.service_name(service, turn.lang)


@text_step(Flow.INTAKE)
async def intake_text(turn: Turn, context: Context, state: ChatState) -> None:
    """Typed text or media during an intake, taken by the step the person is in."""
    message = turn.update.effective_message
    if message is None:
        return
    text = (message.text or message.caption or "").strip()
    step = Step(state.step or Step.SERVICE)
    if step is Step.SERVICE and text:
        conversation.advance(state, Step.SERVICE, turn.rt.now(), service_search=text[:60])
        await ask_service(turn, state, 0)
    elif step is Step.DESCRIBE:
        await take_description(turn, state, message, text)
    elif step in {Step.REASON, Step.EXPECTED} and text:
        conversation.advance(state, step, turn.rt.now(), **{step.value: text})
        await ask(turn, state, next_step(state, step))
    elif step is Step.CONFIRM and text:
        await reply(turn.update, turn.t("intake.use_buttons"))
    else:
        await reply(turn.update, turn.t("intake.use_buttons"))


async def take_description(turn: Turn, state: ChatState, message: Message, text: str) -> None:
    """Keep the words and any photo or document; ask on once there is a description."""
    draft = dict(state.draft or {})
    attachments = list(draft.get("attachments", []))
    found = attachment_of(message)
    if found is not None and len(attachments) < MAX_ATTACHMENTS:
        attachments.append(found)
    description = "\n".join(part for part in (draft.get("description", ""), text) if part)
    if len(description) > tickets.MAX_TEXT:
        await reply(turn.update, turn.t("error.too_long", limit=tickets.MAX_TEXT))
        return
    conversation.advance(
        state, Step.DESCRIBE, turn.rt.now(), attachments=attachments, description=description
    )
    if not description:
        await reply(turn.update, turn.t("intake.photo_kept"), [nav_row(turn)])
        return
    await ask(turn, state, next_step(state, Step.DESCRIBE))


def next_step(state: ChatState, step: Step) -> Step:
    order = steps_for(draft_type(state))
    return order[min(order.index(step) + 1, len(order) - 1)]


def previous_step(state: ChatState, step: Step) -> Step:
    order = steps_for(draft_type(state))
    return order[max(order.index(step) - 1, 0)]


async def intake_button(update: Update, context: Context) -> None:
    """Buttons inside an intake: service, page, change kind, urgency, impact, back, send."""
    await answer_query(update)
    data = update.callback_query.data if update.callback_query else ""
    async with open_turn(update, context) as turn:
        state = await conversation.load_state(turn.session, turn.person.telegram_id, turn.rt.now())
        if state.flow != Flow.INTAKE:
            await reply(update, turn.t("error.stale_button"))
            return
        await apply_button(turn, state, (data or "").split("|")[1:])


async def apply_button(turn: Turn, state: ChatState, parts: list[str]) -> None:
    step = Step(state.step or Step.SERVICE)
    action, value = [*parts, "", ""][:2]
    now = turn.rt.now()
    if action == "back":
        target = previous_step(state, step)
        if target is Step.DESCRIBE:  # the description is typed again, not appended to
            conversation.advance(state, target, now, description="")
        await ask(turn, state, target)
    elif action == "page" and step is Step.SERVICE:
        await ask_service(turn, state, decode_int(value))
    elif action == "svc" and step is Step.SERVICE:
        await choose_service(turn, state, decode_int(value))
    elif action == "ck" and step is Step.CHANGE_KIND and value in CHANGE_KINDS:
        conversation.advance(state, step, now, change_kind=value)
        await ask(turn, state, next_step(state, step))
    elif action in {"u", "i"} and step in {Step.URGENCY, Step.IMPACT} and value in LEVELS_DOWN:
        field = "urgency" if step is Step.URGENCY else "impact"
        conversation.advance(state, step, now, **{field: value})
        await ask(turn, state, next_step(state, step))
    elif action == "edit" and step is Step.CONFIRM:
        conversation.advance(state, Step.DESCRIBE, now, description="")
        await ask(turn, state, Step.DESCRIBE)
    elif action == "send" and step is Step.CONFIRM and value == state.draft.get("intake_key"):
        await submit(turn, state)
    else:
        await reply(turn.update, turn.t("error.stale_button"))


async def choose_service(turn: Turn, state: ChatState, service_id: int) -> None:
    if service_id:
        service = await catalog.get_service(turn.session, service_id)
        if service.status != ServiceStatus.ACTIVE.value:
            raise InvalidInput("service not active", text_key="error.stale_button")
        name = service_label(turn, service)
    else:
        name = turn.t("intake.service_none")
    conversation.advance(
        state, Step.SERVICE, turn.rt.now(), service_id=service_id or None, service_name=name
    )
    await edit_or_reply(turn.update, turn.t("intake.service_chosen", service=name))
    if draft_type(state) is TicketType.INCIDENT:
        await mention_outage(turn, await outages.outage_on(turn.session, service_id or None))
    if state.draft.get("description"):
        await ask(turn, state, next_step(state, Step.DESCRIBE))
        return
    await ask(turn, state, Step.DESCRIBE)


async def show_summary(turn: Turn, state: ChatState) -> None:
    draft = state.draft or {}
    extra = ""
    if draft.get("change_kind"):
        extra += turn.t(
            "intake.summary.change_kind", kind=turn.t(f"intake.change_kind.{draft['change_kind']}")
        )
    if draft.get("reason"):
        extra += turn.t("intake.summary.reason", reason=draft["reason"])
    if draft.get("expected"):
        extra += turn.t("intake.summary.expected", expected=draft["expected"])
    text = turn.t(
        "intake.summary",
        type=turn.t(f"ticket_type.{draft['ticket_type']}"),
        service=draft.get("service_name") or turn.t("intake.service_none"),
        description=draft.get("description", ""),
        attachments=len(draft.get("attachments", [])),
        urgency=turn.t(f"intake.urgency.{draft.get('urgency')}"),
        impact=turn.t(f"intake.impact.{draft.get('impact')}"),
        extra=extra,
    )
    rows = [
        [(turn.t("intake.send"), f"in|send|{draft.get('intake_key')}")],
        [(turn.t("intake.edit"), "in|edit")],
        nav_row(turn),
    ]
    await reply(turn.update, text, rows)


def draft_of(state: ChatState) -> tickets.TicketDraft:
    data = state.draft or {}
    details = {key: data[key] for key in ("change_kind", "reason", "expected") if data.get(key)}
    return tickets.TicketDraft(
        ticket_type=TicketType(str(data["ticket_type"])),
        service_id=data.get("service_id"),
        description=str(data.get("description", "")),
        urgency=Level(str(data.get("urgency", Level.MEDIUM.value))),
        impact=Level(str(data.get("impact", Level.LOW.value))),
        details=details,
        attachments=list(data.get("attachments", [])),
        intake_key=str(data.get("intake_key") or "") or None,
    )


async def submit(turn: Turn, state: ChatState) -> None:
    """Record the ticket exactly once, tell the agents, and give the person the number."""
    rt, now = turn.rt, turn.rt.now()
    draft = draft_of(state)
    try:
        ticket = await tickets.open_ticket(turn.session, rt.desk, draft, turn.person, now)
    except IntegrityError as error:  # the step's whole transaction rolls back
        raise Conflict("intake already submitted", text_key="intake.already_sent") from error
    await routing.route_new_ticket(turn.session, rt.desk, ticket, now, rt.auto_assign)
    await notices.ticket_opened(turn.session, rt.desk, ticket, now, draft.attachments)
    conversation.leave(state, now)
    zone = rt.desk.timezone
    text = turn.t(
        "intake.created",
        number=ticket.number,
        response_due=due_phrase(ticket.response_due_at, zone, turn.lang),
        resolution_due=due_phrase(ticket.resolution_due_at, zone, turn.lang),
    )
    await close_buttons(turn.update)
    sent = await reply(turn.update, text, [[(turn.t("button.menu"), "menu")]])
    if sent is not None:  # a reply to the confirmation adds to the ticket
        followup.remember_message(turn.session, ticket, sent.chat_id, sent.message_id, now)


def register(app: App) -> None:
    app.add_handler(CallbackQueryHandler(begin, pattern=r"^new\|"))
    app.add_handler(CallbackQueryHandler(intake_button, pattern=r"^in\|"))
