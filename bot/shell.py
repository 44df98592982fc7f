"""`sigap shell`: chat with Sigap in the terminal, as a requester or as an agent, offline."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from bot.app import open_database
from bot.demo import AGENTS_CHAT, SEED, fresh_database
from bot.harness import OfflineSigap
from bot.seed import load_seed
from bot.settings import Settings
from handlers.runtime import utc_now

HELP = """Ketik pesan seperti di Telegram. Perintah shell:
  :tap TEKS      ketuk tombol yang labelnya memuat TEKS
  :agent         bicara sebagai petugas di grup petugas (balasan ke notifikasi terakhir)
  :me            kembali sebagai pengguna
  :quit          keluar"""


async def run_shell(settings: Settings, database: Path) -> int:
    logging.getLogger().setLevel(logging.WARNING)  # the conversation is the output
    url = fresh_database(database)
    settings = settings.model_copy(update={"database_url": url, "agents_chat_id": AGENTS_CHAT})
    engine, sessions = await open_database(settings)
    try:
        await load_seed(sessions, SEED, utc_now())
        async with OfflineSigap(settings, sessions) as sigap:
            await converse(sigap)
    finally:
        await engine.dispose()
    return 0


async def converse(sigap: OfflineSigap) -> None:
    me = sigap.person(81000009, "Dewi")
    agent = sigap.person(9100000001, "Petugas")
    speaker, chat = me, None
    print(HELP)
    while True:
        try:
            line = (await asyncio.to_thread(input, f"{speaker.first_name}> ")).strip()
        except EOFError:  # end of piped input, or Ctrl-D
            return
        if line in {":quit", ":q"}:
            return
        if line == ":agent":
            speaker, chat = agent, AGENTS_CHAT
            continue
        if line == ":me":
            speaker, chat = me, None
            continue
        try:
            if line.startswith(":tap "):
                await sigap.tap(speaker, line[5:], chat_id=chat)
            elif chat is not None:
                notice = sigap.api.last_to(AGENTS_CHAT)
                await sigap.say(speaker, line, chat_id=chat, reply_to=notice)
            elif line:
                await sigap.say(speaker, line)
            await sigap.deliver()
        except LookupError as error:
            print(f"  ({error})")
        show_new(sigap)


def show_new(sigap: OfflineSigap) -> None:
    start = len(sigap.transcript)
    sigap.collect()
    for entry in sigap.transcript[start:]:
        print(f"\n{entry.speaker}:\n    " + entry.text.replace("\n", "\n    "))
        if entry.buttons:
            print("    " + "  ".join(f"[{label}]" for label in entry.buttons))
    print()
