"""`sigap demo`: a scripted story through the real application, printed as a transcript."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from bot.app import open_database
from bot.harness import OfflineSigap
from bot.seed import load_seed
from bot.settings import Settings
from storage.db import SessionFactory
from storage.models import Ticket

logger = logging.getLogger(__name__)

AGENTS_CHAT = -1001000000001
VPN_AGENT = 9100000002  # Yohanes Marpaung in seed/people.yaml, serves jaringan-vpn
SEED = Path("seed")


class DemoClock:
    """Demo time: a Monday morning in Jakarta, moving a minute per step."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 7, 2, 15, tzinfo=UTC)  # 09.15 WIB

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


def fresh_database(path: Path) -> str:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite+aiosqlite:///{path}"


async def run_demo(settings: Settings, database: Path) -> int:
    """Play the story on a fresh SQLite file and print what everyone saw."""
    logging.getLogger().setLevel(logging.WARNING)  # the transcript is the output
    url = fresh_database(database)
    settings = settings.model_copy(
        update={
            "database_url": url,
            "agents_chat_id": AGENTS_CHAT,
            "bot_token": None,
        }
    )
    engine, sessions = await open_database(settings)
    clock = DemoClock()
    try:
        await load_seed(sessions, SEED, clock())
        async with OfflineSigap(settings, sessions, clock) as sigap:
            await play(sigap)
            print(sigap.render())
        await print_tickets(sessions)
    finally:
        await engine.dispose()
    return 0


async def play(sigap: OfflineSigap) -> None:
    sari = sigap.person(81000001, "Sari", "Wulandari")
    await sigap.say(sari, "/start")
    await sigap.tap(sari, "Pakai nama")
    await sigap.tap(sari, "ASN")
    await sigap.say(sari, "Biro Umum")
    await sigap.tap(sari, "setuju")
    await sigap.say(sari, "gmn kalo lupa password email dinas?")
    await sigap.tap(sari, "Terjawab")
    await sigap.tap(sari, "Lapor gangguan")
    await sigap.say(sari, "vpn")
    await sigap.tap(sari, "VPN")
    await sigap.say(
        sari,
        "VPN kantor tidak bisa tersambung sejak pagi, muncul pesan "
        "'authentication failed' padahal password sudah benar.",
    )
    await sigap.tap(sari, "terhenti")
    await sigap.tap(sari, "Beberapa orang")
    await sigap.tap(sari, "Kirim")
    await sigap.deliver()
    await agent_answers(sigap)
    await sigap.tap(sari, "Sudah teratasi")
    await sigap.deliver()
    await sigap.tap(sari, "⭐⭐⭐⭐⭐")
    await sigap.say(sari, "Cepat sekali, terima kasih Pak Yohanes!")
    await sigap.deliver()


async def agent_answers(sigap: OfflineSigap) -> None:
    """The VPN agent takes the ticket in the group, answers by replying, and resolves it."""
    yohanes = sigap.person(VPN_AGENT, "Yohanes", "Marpaung")
    notice = sigap.api.last_to(AGENTS_CHAT)
    await sigap.tap(yohanes, "Ambil", chat_id=AGENTS_CHAT)
    await sigap.say(
        yohanes,
        "Selamat pagi Bu Sari, akun VPN Ibu terkunci setelah tiga kali "
        "salah kata sandi. Sudah saya buka, silakan dicoba lagi.",
        chat_id=AGENTS_CHAT,
        reply_to=notice,
    )
    await sigap.deliver()
    await sigap.say(
        yohanes,
        "/resolve GGN-2026-000001 Akun VPN dibuka kembali; tersambung normal.",
        chat_id=AGENTS_CHAT,
    )
    await sigap.deliver()


async def print_tickets(sessions: SessionFactory) -> None:
    async with sessions() as session:
        rows = (await session.execute(select(Ticket).order_by(Ticket.id))).scalars().all()
    print("\n=== Tiket yang tercatat / Tickets recorded ===")
    for ticket in rows:
        rating = "★" * (ticket.satisfaction or 0)
        print(
            f"{ticket.number}  {ticket.ticket_type:<16} {ticket.priority:<9} "
            f"{ticket.status:<10} {rating:<6} {ticket.title}"
        )
