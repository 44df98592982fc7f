"""Updates from different chats run side by side; one chat's updates keep their order."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.ext import Application, ContextTypes, MessageHandler, filters
from telegram.request import RequestData

from bot.app import build_application, build_runtime
from bot.harness import OfflineSigap
from bot.offline import OFFLINE_TOKEN, OfflineBotApi, OfflinePeople, Person
from bot.seed import load_seed
from bot.updates import POSTGRES_CONCURRENCY, ChatOrderedProcessor
from storage.db import create_engine, create_session_factory
from tests.conftest import SEED, FixedClock, offline_settings
from tests.support.postgres import create_database

SLOW, QUICK = Person(5101, "Lambat"), Person(5102, "Cepat")
WAIT = 10.0  # seconds: only a safety net, each step waits on an event
_names = count()


class GatedApi(OfflineBotApi):
    """Holds every message to one chat until `release` is set; says when one is held."""

    def __init__(self, held_chat: int) -> None:
        super().__init__()
        self.held_chat = held_chat
        self.holding = asyncio.Event()
        self.release = asyncio.Event()
        self.answered: dict[int, asyncio.Event] = {}

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        chat_id = request_data.parameters.get("chat_id") if request_data else None
        if url.endswith("/sendMessage") and chat_id == self.held_chat:
            self.holding.set()
            await self.release.wait()
        result = await super().do_request(url, method, request_data)
        if url.endswith("/sendMessage") and isinstance(chat_id, int):
            self.answered.setdefault(chat_id, asyncio.Event()).set()
        return result

    async def answer_to(self, chat_id: int) -> None:
        await asyncio.wait_for(self.answered.setdefault(chat_id, asyncio.Event()).wait(), WAIT)


async def test_other_chats_go_on_while_one_waits_and_a_chat_keeps_its_order() -> None:
    api, seen = GatedApi(SLOW.user_id), []

    async def echo(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None and update.effective_message.text
        seen.append(f"start {update.effective_message.text}")
        await update.effective_message.reply_text(update.effective_message.text)
        seen.append(f"end {update.effective_message.text}")

    app = (
        Application.builder()
        .token(OFFLINE_TOKEN)
        .request(api)
        .updater(None)
        .concurrent_updates(ChatOrderedProcessor(8))
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    people = OfflinePeople(app.bot)
    async with app:
        await app.start()
        try:
            await app.update_queue.put(people.message(SLOW, "slow 1"))
            await app.update_queue.put(people.message(SLOW, "slow 2"))
            await asyncio.wait_for(api.holding.wait(), WAIT)
            await app.update_queue.put(people.message(QUICK, "quick"))
            await api.answer_to(QUICK.user_id)
            quick_done_while_held = list(seen)
            api.release.set()
            await api.answer_to(SLOW.user_id)
            await asyncio.wait_for(app.update_queue.join(), WAIT)
        finally:
            api.release.set()
            await app.stop()

    assert "start quick" in quick_done_while_held  # the other chat went on meanwhile
    assert "end slow 1" not in quick_done_while_held
    assert "start slow 2" not in quick_done_while_held  # the held chat's next one waited
    assert seen.index("end slow 1") < seen.index("start slow 2")
    assert len(seen) == 6


async def test_concurrency_follows_the_database_unless_set(tmp_path: Path) -> None:
    sqlite = offline_settings(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    postgres = sqlite.model_copy(update={"database_url": "postgresql+asyncpg://db/sigap"})
    chosen = sqlite.model_copy(update={"concurrent_updates": 4})
    engine = create_engine(sqlite.database_url)
    sessions = create_session_factory(engine)

    def processor_size(settings: Any) -> int:
        app = build_application(
            settings,
            build_runtime(settings, sessions),
            token=OFFLINE_TOKEN,
            request=OfflineBotApi(),
        )
        return app.update_processor.max_concurrent_updates

    assert processor_size(sqlite) == 1
    assert processor_size(postgres) == POSTGRES_CONCURRENCY
    assert processor_size(chosen) == 4


@pytest.fixture
async def sigap_on_postgres(
    postgres_server: str, postgres_template: str, clock: FixedClock
) -> AsyncIterator[OfflineSigap]:
    url = create_database(postgres_server, f"u{next(_names)}", template=postgres_template)
    engine = create_engine(url)
    sessions = create_session_factory(engine)
    try:
        await load_seed(sessions, SEED, clock())
        async with OfflineSigap(
            offline_settings(url), sessions, clock, api=GatedApi(SLOW.user_id)
        ) as sigap:
            yield sigap
    finally:
        await engine.dispose()


@pytest.mark.postgres
async def test_sigap_answers_one_person_while_another_persons_reply_is_held(
    sigap_on_postgres: OfflineSigap,
) -> None:
    sigap, app = sigap_on_postgres, sigap_on_postgres.app
    api = sigap.api
    assert isinstance(api, GatedApi)
    await app.start()
    try:
        await app.update_queue.put(sigap.people.message(SLOW, "/start"))
        await asyncio.wait_for(api.holding.wait(), WAIT)
        await app.update_queue.put(sigap.people.message(QUICK, "/start"))
        await api.answer_to(QUICK.user_id)
        held = [sent.chat_id for sent in api.messages]
        api.release.set()
        await asyncio.wait_for(app.update_queue.join(), WAIT)
    finally:
        api.release.set()  # never leave a held update behind, or stopping waits for it
        await app.stop()

    assert held == [QUICK.user_id]
    assert {sent.chat_id for sent in api.messages} == {QUICK.user_id, SLOW.user_id}
