"""Updates per second through the whole stack, beside a bare PTB echo bot on the same transport.

Prints `echo_per_s`, `questions_per_s`, `intakes_per_s`, `p99_update_ms` (per update, under
the question and intake load) and `peak_rss_mb`. Everything runs in one process on a fresh
SQLite file, the updates pushed through `Application.process_update` one after another, as
the real bot's update queue does by default.
"""

from __future__ import annotations

import asyncio
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

from telegram import Update
from telegram.ext import Application, MessageHandler, filters

from bot.app import open_database
from bot.harness import OfflineSigap
from bot.offline import OFFLINE_TOKEN, OfflineBotApi, OfflinePeople, Person
from bot.seed import load_seed
from bot.settings import Settings
from handlers.runtime import utc_now

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = (
    "gmn kalo lupa password email dinas?",
    "vpn gk bisa konek dari rumah",
    "printer di ruangan rusak",
    "jam layanan service desk sampai jam berapa",
    "cara booking zoom untuk rapat",
    "siapa juara piala dunia 2022",
)


async def echo_rate(count: int) -> float:
    """A bare python-telegram-bot echo bot over the same offline transport: the baseline."""
    api = OfflineBotApi()
    app = Application.builder().token(OFFLINE_TOKEN).request(api).updater(None).build()

    async def echo(update: Update, _: Any) -> None:
        if update.effective_message and update.effective_message.text:
            await update.effective_message.reply_text(update.effective_message.text)

    app.add_handler(MessageHandler(filters.TEXT, echo))
    people = OfflinePeople(app.bot)
    person = Person(1, "Echo")
    updates = [people.message(person, QUESTIONS[i % len(QUESTIONS)]) for i in range(count)]
    async with app:
        started = time.perf_counter()
        for update in updates:
            await app.process_update(update)
        return count / (time.perf_counter() - started)


async def registered_people(sigap: OfflineSigap, count: int) -> list[Person]:
    people = []
    for index in range(count):
        person = sigap.person(60_000_000 + index, f"Pegawai{index}")
        await sigap.say(person, "/start")
        await sigap.tap(person, "Pakai nama")
        await sigap.tap(person, "ASN")
        await sigap.say(person, "Biro Umum")
        await sigap.tap(person, "setuju")
        people.append(person)
    return people


async def timed(latencies: list[float], step: Callable[[], Awaitable[Any]]) -> None:
    started = time.perf_counter()
    await step()
    latencies.append((time.perf_counter() - started) * 1000)


async def question_rate(sigap: OfflineSigap, people: list[Person], count: int,
                        latencies: list[float]) -> float:
    started = time.perf_counter()
    for index in range(count):
        person = people[index % len(people)]
        text = QUESTIONS[index % len(QUESTIONS)]
        await timed(latencies, partial(sigap.say, person, text))
    return count / (time.perf_counter() - started)


async def intake_rate(sigap: OfflineSigap, people: list[Person], count: int,
                      latencies: list[float]) -> float:
    started = time.perf_counter()
    for index in range(count):
        person = people[index % len(people)]
        steps: list[Callable[[], Awaitable[Any]]] = [
            partial(sigap.tap, person, "Lapor gangguan"),
            partial(sigap.say, person, "vpn"),
            partial(sigap.tap, person, "Jaringan dan VPN"),
            partial(sigap.say, person, f"VPN putus-putus sejak pagi, percobaan {index}"),
            partial(sigap.tap, person, "terhenti"),
            partial(sigap.tap, person, "Hanya saya"),
            partial(sigap.tap, person, "Kirim"),
        ]
        for step in steps:
            await timed(latencies, step)
    return count / (time.perf_counter() - started)


async def measure(questions: int, intakes: int) -> dict[str, float]:
    echo = await echo_rate(questions)
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(
            _env_file=None, database_url=f"sqlite+aiosqlite:///{folder}/bench.db",
            agents_chat_id=-1001, calendars_file=ROOT / "seed" / "calendars.yaml",
        )
        engine, sessions = await open_database(settings)
        try:
            await load_seed(sessions, ROOT / "seed", utc_now())
            async with OfflineSigap(settings, sessions) as sigap:
                people = await registered_people(sigap, 200)
                sigap.transcript.clear()
                latencies: list[float] = []
                per_question = await question_rate(sigap, people, questions, latencies)
                per_intake = await intake_rate(sigap, people, intakes, latencies)
        finally:
            await engine.dispose()
    ranked = sorted(latencies)
    return {
        "echo_per_s": echo,
        "questions_per_s": per_question,
        "intakes_per_s": per_intake,
        "p99_update_ms": ranked[int(len(ranked) * 0.99) - 1],
        "p50_update_ms": statistics.median(ranked),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    questions = int(args[0]) if args else 2000
    intakes = int(args[1]) if len(args) > 1 else 200
    figures = asyncio.run(measure(questions, intakes))
    for name, value in figures.items():
        print(f"{name}: {value:.1f}")
    print(f"questions_vs_echo: {figures['questions_per_s'] / figures['echo_per_s']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
