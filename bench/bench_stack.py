"""Updates per second through the whole stack, beside a bare PTB echo bot on the same transport.

Prints `echo_per_s`, `questions_per_s`, `intakes_per_s`, `sql_per_question` and
`sql_per_intake` (statements sent to the database, which machine noise cannot blur),
`p99_update_ms` (per update, under the question and intake load) and `peak_rss_mb`.
Everything runs in one process on a fresh SQLite file, the updates pushed through
`Application.process_update` one after another, as the real bot's update queue does by
default. The run fails, instead of printing figures, if the bot refused or dropped work.
"""

from __future__ import annotations

import asyncio
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update
from telegram.ext import Application, MessageHandler, filters

from bot.app import open_database
from bot.harness import OfflineSigap
from bot.offline import OFFLINE_TOKEN, OfflineBotApi, OfflinePeople, Person
from bot.seed import load_seed
from bot.settings import Settings
from handlers.runtime import utc_now
from storage.models import Ticket
from texts import t

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


class BenchClock:
    """Simulated time: half a second per update, so a person's pace stays human.

    On the wall clock each person in the run would send several messages a second, and the
    flood gate would (rightly) refuse them, making the figures measure refusals.
    """

    def __init__(self) -> None:
        self.at = utc_now()

    def __call__(self) -> datetime:
        return self.at

    def tick(self) -> None:
        self.at += timedelta(seconds=0.5)


async def registered_people(
    sigap: OfflineSigap, count: int, clock: BenchClock
) -> list[Person]:
    people = []
    for index in range(count):
        clock.tick()
        person = sigap.person(60_000_000 + index, f"Pegawai{index}")
        await sigap.say(person, "/start")
        await sigap.tap(person, "Pakai nama")
        await sigap.tap(person, "ASN")
        await sigap.say(person, "Biro Umum")
        await sigap.tap(person, "setuju")
        people.append(person)
    return people


class StatementCounter:
    """SQL statements the engine sent: a figure machine noise cannot blur."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.count = 0
        event.listen(engine.sync_engine, "before_cursor_execute", self._seen)

    def _seen(self, *_: Any) -> None:
        self.count += 1


@dataclass
class Load:
    """The bot under load, its simulated clock, and the time each update spent in the stack.

    Like the echo baseline, which builds its updates before the clock starts, only
    `Application.process_update` is timed: building a person's update and finding the button
    they tap is the driver's work, not the bot's.
    """

    sigap: OfflineSigap
    clock: BenchClock
    latencies: list[float] = field(default_factory=list)

    async def say(self, person: Person, text: str) -> None:
        await self._timed(self.sigap.people.message(person, text))

    async def tap(self, person: Person, label: str) -> None:
        sent = self.sigap.with_button(person.user_id, label)
        await self._timed(self.sigap.people.tap(person, sent, sent.button_data(label)))

    async def _timed(self, update: Update) -> None:
        self.clock.tick()
        started = time.perf_counter()
        await self.sigap.app.process_update(update)
        self.latencies.append((time.perf_counter() - started) * 1000)

    def seconds_since(self, mark: int) -> float:
        return sum(self.latencies[mark:]) / 1000


async def question_rate(load: Load, people: list[Person], count: int) -> float:
    mark = len(load.latencies)
    for index in range(count):
        await load.say(people[index % len(people)], QUESTIONS[index % len(QUESTIONS)])
    return count / load.seconds_since(mark)


async def intake_rate(load: Load, people: list[Person], count: int) -> float:
    mark = len(load.latencies)
    for index in range(count):
        person = people[index % len(people)]
        await load.tap(person, "Lapor gangguan")
        await load.say(person, "vpn")
        await load.tap(person, "Jaringan dan VPN")
        await load.say(person, f"VPN putus-putus sejak pagi, percobaan {index}")
        await load.tap(person, "terhenti")
        await load.tap(person, "Hanya saya")
        await load.tap(person, "Kirim")
    return count / load.seconds_since(mark)


async def check_work_done(load: Load, answers: int, questions: int, intakes: int) -> list[str]:
    """What the bot failed to do under load; a fast run that refused work proves nothing."""
    problems = []
    refused = t("error.rate_limited", "id")
    if any(sent.text == refused for sent in load.sigap.api.messages):
        problems.append("the flood gate refused updates")
    if answers < questions:
        problems.append(f"{answers} answers to {questions} questions")
    async with load.sigap.sessions() as session:
        made = (await session.execute(select(func.count(Ticket.id)))).scalar_one()
    if made != intakes:
        problems.append(f"{made} tickets made for {intakes} intakes")
    return problems


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
            clock = BenchClock()
            async with OfflineSigap(settings, sessions, clock=clock) as sigap:
                people = await registered_people(sigap, 200, clock)
                sigap.transcript.clear()
                load = Load(sigap, clock)
                before, statements = len(sigap.api.messages), StatementCounter(engine)
                per_question = await question_rate(load, people, questions)
                answers, question_sql = len(sigap.api.messages) - before, statements.count
                per_intake = await intake_rate(load, people, intakes)
                intake_sql = statements.count - question_sql
                problems = await check_work_done(load, answers, questions, intakes)
        finally:
            await engine.dispose()
    if problems:
        raise RuntimeError("; ".join(problems))
    ranked = sorted(load.latencies)
    return {
        "echo_per_s": echo,
        "questions_per_s": per_question,
        "intakes_per_s": per_intake,
        "sql_per_question": question_sql / questions,
        "sql_per_intake": intake_sql / intakes,
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
