"""SIGKILL in the middle of an intake and of outbox delivery loses and doubles nothing."""

from __future__ import annotations

import asyncio
import json
import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import select

from storage.db import create_engine, create_session_factory
from storage.models import ChatState, OutboxMessage, Ticket

ROOT = Path(__file__).resolve().parents[2]
SARI = 74000001
AGENTS = -1001000000001
LINE_TIMEOUT = 20


class SigapProcess:
    """One runner process; `send` a command and read its lines up to DONE or HANG."""

    def __init__(
        self, database: Path, now: str, hang_on: str | None = None, first_update_id: int = 1
    ) -> None:
        env = {
            **os.environ,
            "SIGAP_TEST_NOW": now,
            "SIGAP_TEST_FIRST_ID": str(first_update_id),
            "PYTHONPATH": str(ROOT),
        }
        if hang_on:
            env["SIGAP_TEST_HANG_ON"] = hang_on
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.crash.runner", str(database)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        assert self._next() == "READY"

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put("EXIT")

    def _next(self) -> str:
        return self.lines.get(timeout=LINE_TIMEOUT)

    def send(self, **command: Any) -> list[tuple[str, Any]]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        out: list[tuple[str, Any]] = []
        while (line := self._next()) not in {"DONE", "HANG"}:
            assert line != "EXIT", "the Sigap process ended unexpectedly"
            kind, _, payload = line.partition(" ")
            out.append((kind, json.loads(payload)))
        out.append((line, None))
        return out

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self._finish()

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self._finish()

    def _finish(self) -> None:
        self.process.wait(timeout=LINE_TIMEOUT)
        self.reader.join(timeout=LINE_TIMEOUT)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None and not stream.closed:
                stream.close()


def register_and_describe(sigap: SigapProcess) -> None:
    sigap.send(op="say", user=SARI, text="/start")
    sigap.send(op="tap", user=SARI, label="Pakai nama")
    sigap.send(op="tap", user=SARI, label="ASN")
    sigap.send(op="say", user=SARI, text="Biro Umum")
    sigap.send(op="tap", user=SARI, label="setuju")
    sigap.send(op="tap", user=SARI, label="Lapor gangguan")
    sigap.send(op="say", user=SARI, text="vpn")
    sigap.send(op="tap", user=SARI, label="VPN")
    sigap.send(op="say", user=SARI, text="VPN putus sejak pagi di lantai 5")


def read_rows(database: Path) -> tuple[list[Ticket], ChatState | None, list[OutboxMessage]]:
    async def load() -> tuple[list[Ticket], ChatState | None, list[OutboxMessage]]:
        engine = create_engine(f"sqlite+aiosqlite:///{database}")
        try:
            async with create_session_factory(engine)() as session:
                tickets = list((await session.execute(select(Ticket))).scalars())
                state = await session.get(ChatState, SARI)
                notices = list((await session.execute(select(OutboxMessage))).scalars())
                return tickets, state, notices
        finally:
            await engine.dispose()

    return asyncio.run(load())


def test_kill_mid_intake_step_then_redelivery_resumes_exactly(tmp_path: Path) -> None:
    database = tmp_path / "sigap.db"
    first = SigapProcess(database, "2026-12-07T02:00:00+00:00", hang_on="Siapa saja")
    register_and_describe(first)

    # The urgency tap is being handled when the process dies, mid-transaction.
    output = first.send(op="tap", user=SARI, label="terhenti")
    in_flight = next(payload for kind, payload in output if kind == "UPDATE")
    assert output[-1][0] == "HANG"
    first.kill()
    _, state, _ = read_rows(database)
    assert state is not None and state.step == "urgency"  # the half-done step rolled back
    assert state.draft["description"] == "VPN putus sejak pagi di lantai 5"

    second = SigapProcess(database, "2026-12-07T02:05:00+00:00", first_update_id=5000)
    replayed = second.send(op="replay", update=in_flight)  # Telegram delivers it again
    assert any("Siapa saja" in p["text"] for k, p in replayed if k == "SENT")
    second.send(op="replay", update=in_flight)  # and once more, after it was handled
    summary = second.send(op="say", user=SARI, text="x")  # typed text during buttons
    assert any("pilih salah satu tombol" in p["text"] for k, p in summary if k == "SENT")
    impact = [
        p
        for k, p in second.send(
            op="replay",
            update={
                **in_flight,
                "update_id": 9001,
                "callback_query": {
                    **in_flight["callback_query"],
                    "id": "9001",
                    "data": "in|i|low",
                },
            },
        )
        if k == "SENT"
    ]
    send_data = next(b["callback_data"] for b in impact[-1]["buttons"] if "Kirim" in b["text"])
    tap_send = {
        **in_flight,
        "update_id": 9002,
        "callback_query": {**in_flight["callback_query"], "id": "9002", "data": send_data},
    }
    second.send(op="replay", update=tap_send)
    second.send(op="replay", update={**tap_send, "update_id": 9003})  # a double tap
    second.close()

    tickets, state, notices = read_rows(database)
    assert len(tickets) == 1
    assert tickets[0].urgency == "high" and tickets[0].impact == "low"
    assert tickets[0].description == "VPN putus sejak pagi di lantai 5"
    assert state is not None and state.flow is None
    assert len([n for n in notices if n.chat_id == AGENTS]) == 1


def test_kill_mid_delivery_then_restart_delivers_once(tmp_path: Path) -> None:
    database = tmp_path / "sigap.db"
    first = SigapProcess(database, "2026-12-07T02:00:00+00:00", hang_on="untuk menjawab pelapor")
    register_and_describe(first)
    first.send(op="tap", user=SARI, label="terhenti")
    first.send(op="tap", user=SARI, label="Hanya saya")
    first.send(op="tap", user=SARI, label="Kirim")

    assert first.send(op="deliver")[-1][0] == "HANG"  # claimed, sending, then killed
    first.kill()
    _, _, notices = read_rows(database)
    assert [n.status for n in notices] == ["sending"]

    # A restart before the claim expires leaves it alone; after, it is delivered once.
    early = SigapProcess(database, "2026-12-07T02:01:00+00:00", first_update_id=5000)
    assert [k for k, _ in early.send(op="deliver") if k == "SENT"] == []
    early.close()
    later = SigapProcess(database, "2026-12-07T02:10:00+00:00", first_update_id=6000)
    later.send(op="deliver")
    later.send(op="deliver")
    later.close()

    _, _, notices = read_rows(database)
    assert [(n.status, n.attempts) for n in notices] == [("sent", 1)]
