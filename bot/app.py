"""The composition root: settings in, a ready `Application` out."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import BotCommand, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, Defaults
from telegram.request import BaseRequest

from bot import guards
from bot.settings import Settings
from bot.updates import ChatOrderedProcessor, default_concurrency
from desk.calendar import BusinessCalendar
from desk.config import DeskConfig
from desk.priority import PriorityMatrix
from handlers import (
    admin,
    agent_commands,
    agent_group,
    agent_views,
    catalog,
    catalog_admin,
    errors,
    feedback,
    followup,
    intake,
    knowledge_admin,
    outages,
    personal_data,
    questions,
    resume,
    router,
    start,
)
from handlers.runtime import RUNTIME_KEY, Runtime, utc_now
from storage.db import SessionFactory, create_engine, create_session_factory, is_sqlite
from storage.migrate import upgrade_database
from texts import t

logger = logging.getLogger(__name__)

SigapApplication = Application[Any, Any, Any, Any, Any, Any]

JOURNEYS: list[Callable[[Any], None]] = [
    agent_views.register,  # first: its group /help answers before the requesters' /help
    agent_commands.register,
    agent_group.register,
    admin.register,
    start.register,
    intake.register,
    questions.register,
    outages.register,
    followup.register,
    feedback.register,
    catalog.register,
    catalog_admin.register,
    knowledge_admin.register,
    personal_data.register,
    resume.register,
]
REQUESTER_COMMANDS = (
    "start", "menu", "tiket", "katalog", "profil", "batal", "bantuan", "datasaya", "hapusdata",
)


def load_calendars(path: Path, default_zone: str) -> dict[str, BusinessCalendar]:
    """Calendars from the YAML file coordinators edit; the office calendar when absent."""
    calendars = {"office": BusinessCalendar.office(tz=default_zone)}
    if not path.exists():
        logger.warning("calendar file missing path=%s using=office-default", path)
        return calendars
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for entry in data.get("calendars", []):
        calendars[str(entry["code"])] = BusinessCalendar.from_mapping(entry)
    return calendars


def desk_config(settings: Settings) -> DeskConfig:
    return DeskConfig(
        matrix=PriorityMatrix.from_mapping(settings.priority_matrix),
        timezone=settings.zone,
        calendars=load_calendars(settings.calendars_file, settings.timezone),
        agents_chat_id=settings.agents_chat_id,
    )


async def open_database(settings: Settings) -> tuple[AsyncEngine, SessionFactory]:
    """Engine and sessions; on SQLite the schema is brought up to date on start."""
    engine = create_engine(settings.database_url)
    if is_sqlite(settings.database_url):
        await upgrade_database(engine)
    return engine, create_session_factory(engine)


def build_runtime(
    settings: Settings,
    sessions: SessionFactory,
    clock: Callable[[], datetime] = utc_now,
) -> Runtime:
    return Runtime(
        sessions=sessions,
        desk=desk_config(settings),
        admin_ids=frozenset(settings.admin_ids),
        default_language=settings.language,
        faq_answer_threshold=settings.faq_answer_threshold,
        faq_suggest_threshold=settings.faq_suggest_threshold,
        note_prefix=settings.note_prefix,
        auto_assign=settings.auto_assign,
        clock=clock,
    )


def build_application(
    settings: Settings,
    runtime: Runtime,
    *,
    token: str,
    request: BaseRequest | None = None,
    prepare: Callable[[], Awaitable[None]] | None = None,
    with_updater: bool = False,
) -> SigapApplication:
    """The PTB application with every journey; `request` swaps the Bot API transport.

    Offline, updates are pushed in directly, so there is no updater unless `with_updater`
    asks for one (to serve the webhook in tests).
    """
    defaults = Defaults(
        parse_mode=ParseMode.HTML,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
        tzinfo=settings.zone,
    )
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        Application.builder()
        .token(token)
        .base_url(settings.bot_api_base_url)
        .base_file_url(settings.bot_api_file_url)
        .defaults(defaults)
        .post_init(partial(on_start, prepare))
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
        if not with_updater:
            builder = builder.updater(None)
    else:
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))
    concurrency = settings.concurrent_updates or default_concurrency(settings.database_url)
    if concurrency > 1:
        builder = builder.concurrent_updates(ChatOrderedProcessor(concurrency))
    application = builder.build()
    application.bot_data[RUNTIME_KEY] = runtime

    guards.register(application)
    for register in JOURNEYS:
        register(application)
    router.register(application)
    application.add_error_handler(errors.on_error)
    return application


async def on_start(
    prepare: Callable[[], Awaitable[None]] | None, application: SigapApplication
) -> None:
    if prepare is not None:
        await prepare()
    await merge_stored_closures(application)
    await set_commands(application)


async def merge_stored_closures(application: SigapApplication) -> None:
    """Closures coordinators added in the bot join the file's calendars before any update."""
    runtime = application.bot_data.get(RUNTIME_KEY)
    if isinstance(runtime, Runtime):
        await catalog_admin.refresh_closures(runtime)


async def set_commands(application: SigapApplication) -> None:
    """The command menu people see, in Indonesian by default and in English for English."""
    for language in ("id", "en"):
        commands = [
            BotCommand(name, t(f"command.{name}", language)) for name in REQUESTER_COMMANDS
        ]
        await application.bot.set_my_commands(
            commands, language_code=None if language == "id" else "en"
        )
