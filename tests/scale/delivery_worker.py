"""One delivery worker process for the two-process test: delivers, prints what it sent."""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime, timedelta

from telegram import Bot

from bot.notifier import TelegramSender
from bot.offline import OFFLINE_TOKEN, OfflineBotApi
from scheduler.delivery import deliver_due
from storage.db import create_engine, create_session_factory


async def main(url: str) -> None:
    api = OfflineBotApi()
    bot = Bot(OFFLINE_TOKEN, request=api)
    engine = create_engine(url)
    sessions = create_session_factory(engine)
    now = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
    try:
        async with bot:
            for round_number in range(40):
                await deliver_due(sessions, TelegramSender(bot), now, batch=10)
                now += timedelta(seconds=1)
                if round_number % 5 == 0:
                    await asyncio.sleep(0)
    finally:
        await engine.dispose()
    for sent in api.messages:
        print(sent.text, flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
