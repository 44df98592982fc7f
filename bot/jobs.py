"""Periodic work inside the bot process, on PTB's job queue (APScheduler underneath)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from telegram.ext import CallbackContext

from bot.app import SigapApplication
from bot.notifier import TelegramSender
from scheduler.delivery import deliver_due
from storage.db import SessionFactory

logger = logging.getLogger(__name__)

DELIVERY_INTERVAL = 3.0


def schedule_delivery(application: SigapApplication, sessions: SessionFactory) -> None:
    """Deliver the outbox every few seconds; a failing run is logged and tried again."""
    if application.job_queue is None:
        raise RuntimeError("python-telegram-bot was installed without the job-queue extra")
    sender = TelegramSender(application.bot)

    async def deliver(_: CallbackContext[Any, Any, Any, Any]) -> None:
        try:
            await deliver_due(sessions, sender, datetime.now(UTC))
        except Exception:  # a job boundary: log and let the next run retry
            logger.exception("outbox delivery run failed")

    application.job_queue.run_repeating(
        deliver, interval=DELIVERY_INTERVAL, first=1.0, name="outbox-delivery"
    )
