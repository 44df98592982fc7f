"""`sigap run`: the real bot, by long polling or behind a webhook."""

from __future__ import annotations

import logging

from bot.app import build_application, build_runtime
from bot.jobs import schedule_delivery, schedule_jobs
from bot.settings import Settings, SettingsError
from storage.db import create_engine, create_session_factory, is_sqlite
from storage.migrate import upgrade_database

logger = logging.getLogger(__name__)


def run_bot(settings: Settings, *, webhook: bool) -> int:
    token = settings.token()
    if webhook and not settings.webhook_url:
        raise SettingsError(
            "SIGAP_WEBHOOK_URL is not set: give the public HTTPS address "
            "Telegram should call, or run without --webhook."
        )
    if webhook and settings.webhook_secret is None:
        raise SettingsError(
            "SIGAP_WEBHOOK_SECRET is not set: choose a random secret so "
            "only Telegram can call the webhook."
        )
    engine = create_engine(settings.database_url)
    sessions = create_session_factory(engine)

    async def prepare() -> None:
        if is_sqlite(settings.database_url):
            await upgrade_database(engine)

    application = build_application(
        settings, build_runtime(settings, sessions), token=token, prepare=prepare
    )
    schedule_delivery(application, sessions, forum_topics=settings.agents_forum_topics)
    schedule_jobs(application, settings)
    logger.info(
        "sigap starting mode=%s database=%s",
        "webhook" if webhook else "polling",
        engine.dialect.name,
    )
    if webhook:
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        application.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=settings.webhook_path,
            secret_token=secret,
            webhook_url=f"{settings.webhook_url.rstrip('/')}/{settings.webhook_path}"
            if settings.webhook_url
            else None,
        )
    else:
        application.run_polling()
    return 0
