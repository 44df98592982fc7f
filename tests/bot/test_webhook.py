"""Webhook mode: Telegram's secret token is checked before an update reaches Sigap."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import httpx
import pytest

from bot.app import SigapApplication, build_application, build_runtime
from bot.offline import OFFLINE_TOKEN, OfflineBotApi, OfflinePeople, Person
from storage.db import create_engine, create_session_factory
from storage.migrate import upgrade_database
from tests.conftest import FixedClock, offline_settings

SECRET = "rahasia-webhook-uji-123"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def served(
    sqlite_url: str, clock: FixedClock
) -> AsyncIterator[tuple[SigapApplication, OfflineBotApi, str]]:
    settings = offline_settings(sqlite_url)
    engine = create_engine(sqlite_url)
    await upgrade_database(engine)
    api = OfflineBotApi()
    runtime = build_runtime(settings, create_session_factory(engine), clock)
    app = build_application(settings, runtime, token=OFFLINE_TOKEN, request=api, with_updater=True)
    port = free_port()
    try:
        async with app:
            assert app.updater is not None
            await app.updater.start_webhook(
                listen="127.0.0.1",
                port=port,
                url_path="telegram",
                secret_token=SECRET,
                webhook_url="https://sigap.example.go.id/telegram",
            )
            await app.start()
            yield app, api, f"http://127.0.0.1:{port}/telegram"
            await app.stop()
            await app.updater.stop()
    finally:
        await engine.dispose()


async def wait_for(api: OfflineBotApi, chat_id: int) -> None:
    for _ in range(200):
        if api.to_chat(chat_id):
            return
        await asyncio.sleep(0.01)


async def test_update_with_the_secret_is_handled(
    served: tuple[SigapApplication, OfflineBotApi, str],
) -> None:
    app, api, url = served
    update = OfflinePeople(app.bot).message(Person(81000042, "Wati"), "/start")

    async with httpx.AsyncClient() as client:
        answer = await client.post(
            url, json=update.to_dict(), headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
        )
    await wait_for(api, 81000042)

    assert answer.status_code == 200
    assert "Halo, Wati" in api.to_chat(81000042)[0].text
    webhook = [call for call in api.calls if call.method == "setWebhook"]
    assert webhook and webhook[0].params["secret_token"] == SECRET


async def test_update_without_or_with_a_wrong_secret_is_refused(
    served: tuple[SigapApplication, OfflineBotApi, str],
) -> None:
    app, api, url = served
    update = OfflinePeople(app.bot).message(Person(81000043, "Mallory"), "/start")

    async with httpx.AsyncClient() as client:
        missing = await client.post(url, json=update.to_dict())
        wrong = await client.post(
            url, json=update.to_dict(), headers={"X-Telegram-Bot-Api-Secret-Token": "tebakan"}
        )

    assert (missing.status_code, wrong.status_code) == (403, 403)
    assert api.to_chat(81000043) == []
