"""A Sigap process driven line by line from stdin, for the crash tests to kill.

Each input line is a JSON command; each output line is `UPDATE <json>` before an update is
handled, `SENT <json>` for each message the bot sent, `HANG` when the bot blocks on a send
whose text contains the hang marker, and `DONE` after each command.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.request import RequestData

from bot.app import open_database
from bot.harness import OfflineSigap
from bot.offline import OfflineBotApi, OfflinePeople, Person
from bot.seed import load_seed
from tests.conftest import SEED, offline_settings


class HangingApi(OfflineBotApi):
    """Blocks forever on the first send containing `marker`: the process dies there."""

    def __init__(self, marker: str | None) -> None:
        super().__init__()
        self.marker = marker

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        text = str((request_data.parameters if request_data else {}).get("text", ""))
        if self.marker and self.marker in text:
            print("HANG", flush=True)
            await asyncio.sleep(3600)
        return await super().do_request(url, method, request_data, *args, **kwargs)


def emit(kind: str, payload: Any) -> None:
    print(f"{kind} {json.dumps(payload)}", flush=True)


async def handle(sigap: OfflineSigap, command: dict[str, Any]) -> None:
    op = command["op"]
    if op == "deliver":
        await sigap.deliver()
        return
    person = Person(int(command.get("user", 0)), str(command.get("name", "Sari")))
    if op == "say":
        update = sigap.people.message(person, str(command["text"]))
    elif op == "tap":
        sent = sigap.with_button(person.user_id, str(command["label"]))
        update = sigap.people.tap(person, sent, sent.button_data(str(command["label"])))
    elif op == "replay":
        update = Update.de_json(command["update"], sigap.app.bot)
    else:
        raise ValueError(f"unknown op {op}")
    emit("UPDATE", update.to_dict())
    before = len(sigap.api.messages)
    await sigap.app.process_update(update)
    for sent in sigap.api.messages[before:]:
        emit("SENT", {"chat_id": sent.chat_id, "text": sent.text, "buttons": sent.buttons()})


async def main(database: Path, fresh: bool) -> None:
    now = datetime.fromisoformat(os.environ["SIGAP_TEST_NOW"])
    settings = offline_settings(f"sqlite+aiosqlite:///{database}")
    engine, sessions = await open_database(settings)
    if fresh:
        await load_seed(sessions, SEED, now)
    api = HangingApi(os.environ.get("SIGAP_TEST_HANG_ON"))
    sigap = OfflineSigap(settings, sessions, lambda: now, api=api)
    sigap.people = OfflinePeople(sigap.app.bot, int(os.environ.get("SIGAP_TEST_FIRST_ID", "1")))
    async with sigap:
        print("READY", flush=True)
        for line in sys.stdin:
            await handle(sigap, json.loads(line))
            print("DONE", flush=True)
    await engine.dispose()


if __name__ == "__main__":
    path = Path(sys.argv[1])
    asyncio.run(main(path, fresh=not path.exists()))
