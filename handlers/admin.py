"""Admins grant and revoke staff roles; each staff member's command menu follows their role.

Telegram shows a command menu per chat (`BotCommandScopeChat`), so an agent sees the agent
commands, a coordinator the coordinator ones and everyone else the requesters' menu. Menus
are set after every grant and revoke, and for all staff when the bot starts.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Bot, BotCommand, BotCommandScopeChat, Update
from telegram.error import TelegramError
from telegram.ext import CommandHandler

from desk import staff
from desk.records import Person
from desk.types import Role
from handlers.agent_views import commands_for, staff_turn, usage
from handlers.common import App, Context, reply
from handlers.runtime import RUNTIME_KEY, Runtime
from texts import language_of, t

logger = logging.getLogger(__name__)

ROLE_WORDS = {
    "agent": Role.AGENT,
    "agen": Role.AGENT,
    "petugas": Role.AGENT,
    "coordinator": Role.COORDINATOR,
    "koordinator": Role.COORDINATOR,
}


def menu_for(role: Role, lang: str) -> list[BotCommand]:
    return [
        BotCommand(command.name, t(f"agent.command.{command.name}", lang))
        for command in commands_for(role)
    ]


async def set_menu(bot: Bot, person: Person) -> None:
    """The person's own command menu; a requester falls back to the default one."""
    scope = BotCommandScopeChat(person.telegram_id)
    role = staff.role_of(person)
    try:
        if role in staff.STAFF:
            await bot.set_my_commands(menu_for(role, language_of(person.language)), scope=scope)
        else:
            await bot.delete_my_commands(scope=scope)
    except TelegramError as error:  # a person who never opened the chat has no menu to set
        logger.warning("menu not set person=%s error=%s", person.id, error)


async def set_all_menus(bot: Bot, runtime: Runtime) -> int:
    """Menus for every staff member in the database, and the agents' group menu."""
    async with runtime.sessions() as session:
        members = await staff.staff_members(session)
    for person in members:
        await set_menu(bot, person)
    group = runtime.desk.agents_chat_id
    if group is not None:
        try:
            await bot.set_my_commands(menu_for(Role.AGENT, "id"), scope=BotCommandScopeChat(group))
        except TelegramError as error:
            logger.warning("group menu not set chat=%s error=%s", group, error)
    logger.info("staff menus set count=%s", len(members))
    return len(members)


async def grant(update: Update, context: Context) -> None:
    """/grant <telegram_id|@username> agent|coordinator [service codes]."""
    async with staff_turn(update, context, "grant") as turn:
        args = context.args or []
        role = ROLE_WORDS.get(args[1].lower()) if len(args) >= 2 else None
        if role is None:
            raise usage(turn, "grant")
        codes = [code for arg in args[2:] for code in arg.split(",")]
        person = await staff.grant(turn.session, turn.person, args[0], role, codes, turn.rt.now())
        await staff.tell_role(turn.session, person, turn.rt.now())
        served = await staff.served_codes(turn.session, person.id)
        await reply(
            update,
            turn.t(
                "agent.done.grant",
                who=person.full_name or args[0],
                role=turn.t(f"agent.role_name.{role.value}"),
                services=", ".join(served) or "-",
            ),
        )
    await set_menu(context.bot, person)


async def revoke(update: Update, context: Context) -> None:
    """/revoke <telegram_id|@username>: back to requester, serving no service."""
    async with staff_turn(update, context, "revoke") as turn:
        args = context.args or []
        if not args:
            raise usage(turn, "revoke")
        person = await staff.revoke(turn.session, turn.person, args[0], turn.rt.now())
        await staff.tell_role(turn.session, person, turn.rt.now())
        await reply(update, turn.t("agent.done.revoke", who=person.full_name or args[0]))
    await set_menu(context.bot, person)


def chain_start_up(app: App) -> None:
    """Set the staff menus when the bot starts, after whatever start-up was there."""
    previous: Callable[[Any], Awaitable[None]] | None = app.post_init

    async def on_start(application: Any) -> None:
        if previous is not None:
            await previous(application)
        runtime = application.bot_data.get(RUNTIME_KEY)
        if isinstance(runtime, Runtime):
            await set_all_menus(application.bot, runtime)

    app.post_init = on_start


def register(app: App) -> None:
    app.add_handler(CommandHandler(["grant", "beriperan"], grant))
    app.add_handler(CommandHandler(["revoke", "cabutperan"], revoke))
    chain_start_up(app)
