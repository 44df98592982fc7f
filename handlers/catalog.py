"""Browsing the service catalog: /katalog and the menu's catalog button.

Requesters see the services they can ask for (active ones); staff see every service with its
status, since they answer questions about planned and retiring services too. A service's page
shows each catalog field the guideline lists (BAB IV.1) and, when active, a button to request
it that starts the intake with the service already chosen.
"""

from __future__ import annotations

import logging
import secrets

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from desk import catalog, conversation, people, staff
from desk.callbacks import decode, decode_int
from desk.errors import NotFound
from desk.records import Service
from desk.types import ServiceStatus, TicketType
from handlers import intake
from handlers.bot_api import Button
from handlers.common import (
    App,
    Context,
    Turn,
    answer_query,
    edit_or_reply,
    meet_sender,
    open_turn,
    page_buttons,
    reply,
)
from handlers.flows import Flow
from handlers.runtime import runtime_of

logger = logging.getLogger(__name__)

PAGE = 8
FIELD_LIMIT = 600
DETAIL_FIELDS = ("description", "audience", "benefits", "contact", "operating_hours", "owner")


async def catalog_command(update: Update, context: Context) -> None:
    """/katalog: the first page of services."""
    rt = runtime_of(context)
    async with rt.transaction() as session:
        person = await meet_sender(rt, session, update)
        await show_page(Turn(rt, session, person, update), 0, edit=False)


async def catalog_button(update: Update, context: Context) -> None:
    """`cat|list|<page>`, `cat|show|<id>`, `cat|req|<id>`."""
    await answer_query(update)
    action, value = decode(update.callback_query.data if update.callback_query else "", "cat", 2)
    number = decode_int(value)
    async with open_turn(update, context) as turn:
        if action == "list":
            await show_page(turn, number, edit=True)
        elif action == "show":
            await show_service(turn, await visible_service(turn, number))
        elif action == "req":
            await request_service(turn, await visible_service(turn, number))
        else:
            await reply(update, turn.t("error.stale_button"))


async def show_page(turn: Turn, page: int, *, edit: bool) -> None:
    services, total = await catalog.list_services(
        turn.session,
        statuses=catalog.visible_statuses(turn.person),
        offset=page * PAGE,
        limit=PAGE,
    )
    rows: list[list[Button]] = [[(label(turn, s), f"cat|show|{s.id}")] for s in services]
    rows.append(page_buttons(turn, page, PAGE, total, lambda n: f"cat|list|{n}"))
    rows.append([(turn.t("button.menu"), "menu")])
    key = "browse.title_staff" if staff.is_staff(turn.person) else "browse.title"
    text = turn.t(key, total=total) if services else turn.t("browse.empty")
    await (edit_or_reply if edit else reply)(turn.update, text, rows)


def name_of(turn: Turn, service: Service | catalog.ServiceChoice) -> str:
    return catalog.service_name(service, turn.lang)


def label(turn: Turn, service: catalog.ServiceChoice) -> str:
    if not staff.is_staff(turn.person):
        return name_of(turn, service)
    return f"{name_of(turn, service)} · {turn.t(f'browse.status.{service.status}')}"


async def visible_service(turn: Turn, service_id: int) -> Service:
    """The service, if this person may see it: requesters only see active services."""
    service = await catalog.get_service(turn.session, service_id)
    if service.status not in {status.value for status in catalog.visible_statuses(turn.person)}:
        raise NotFound(f"service {service_id} hidden from requesters", text_key="browse.gone")
    return service


def clip(value: str | None) -> str:
    text = " ".join((value or "").split())
    if not text:
        return "-"
    return text if len(text) <= FIELD_LIMIT else text[:FIELD_LIMIT].rsplit(" ", 1)[0] + "…"


def response_time(turn: Turn, minutes: int | None) -> str:
    if not minutes:
        return "-"
    if minutes == 60:
        return turn.t("browse.hour")
    if minutes % 60 == 0:
        return turn.t("browse.hours", count=minutes // 60)
    return turn.t("browse.minutes", count=minutes)


async def show_service(turn: Turn, service: Service) -> None:
    """Every catalog field of one service, and what the person can do with it."""
    fields = {name: clip(catalog.service_text(service, name, turn.lang)) for name in DETAIL_FIELDS}
    text = turn.t(
        "browse.service",
        name=name_of(turn, service),
        status=turn.t(f"browse.status.{service.status}"),
        response=response_time(turn, service.first_response_minutes),
        procedure=clip(catalog.service_text(service, "request_procedure", turn.lang)),
        **fields,
    )
    rows: list[list[Button]] = []
    if service.status == ServiceStatus.ACTIVE.value:
        rows.append([(turn.t("browse.request"), f"cat|req|{service.id}")])
    rows.append([(turn.t("browse.back"), "cat|list|0")])
    await edit_or_reply(turn.update, text, rows)


async def request_service(turn: Turn, service: Service) -> None:
    """Start a service request with this service chosen, at the description question."""
    if service.status != ServiceStatus.ACTIVE.value:
        await reply(turn.update, turn.t("browse.not_requestable"))
        return
    if not people.is_registered(turn.person):
        await reply(turn.update, turn.t("register.need_first"))
        return
    state = await conversation.load_state(turn.session, turn.person.telegram_id, turn.rt.now())
    if state.flow is not None:  # a draft in progress is not thrown away for a new one
        await reply(turn.update, turn.t("browse.finish_first"))
        return
    conversation.enter(
        state,
        Flow.INTAKE,
        intake.Step.SERVICE,
        turn.rt.now(),
        ticket_type=TicketType.SERVICE_REQUEST.value,
        attachments=[],
        intake_key=secrets.token_hex(8),
        service_id=service.id,
        service_name=name_of(turn, service),
    )
    await reply(turn.update, turn.t("intake.service_chosen", service=name_of(turn, service)))
    await intake.ask(turn, state, intake.Step.DESCRIBE)


def register(app: App) -> None:
    app.add_handler(CommandHandler(["katalog", "catalog"], catalog_command))
    app.add_handler(CallbackQueryHandler(catalog_button, pattern=r"^cat\|"))
