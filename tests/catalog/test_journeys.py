"""Catalog upkeep in the chat, through the real application over the offline Bot API."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from bot.app import merge_stored_closures
from bot.harness import OfflineSigap
from desk.calendar import Closure
from desk.tickets import open_ticket
from storage.models import Service, Ticket
from tests.conftest import AGENTS_CHAT
from tests.factories import draft, make_person

COORDINATOR, OTHER_COORDINATOR, AGENT = 9100000101, 9100000102, 9100000001
TUESDAY = date(2026, 12, 8)


async def status_of(sigap: OfflineSigap, code: str) -> str:
    async with sigap.sessions() as session:
        service = (await session.execute(select(Service).where(Service.code == code))).scalar_one()
        return service.status


async def test_a_coordinator_deactivates_a_service_and_everyone_concerned_hears(
    sigap: OfflineSigap,
) -> None:
    async with sigap.sessions() as session, session.begin():
        await make_person(session, sigap.clock(), telegram_id=72100001, full_name="Sari")
    sari = sigap.person(72100001, "Sari")
    hendra = sigap.person(COORDINATOR, "Hendra")
    followed = await sigap.say(sari, "/ikuti jaringan-vpn")

    answer = await sigap.say(hendra, "/layanan jaringan-vpn nonaktif penggantian perangkat VPN")
    delivered = await sigap.deliver()

    assert "mengikuti <b>Jaringan dan VPN</b>" in followed[-1].text
    assert "kini <b>Dinonaktifkan</b>" in answer[-1].text and "1 pengikut" in answer[-1].text
    assert await status_of(sigap, "jaringan-vpn") == "deactivated"
    assert delivered == 4
    assert "penggantian perangkat VPN" in sigap.api.last_to(AGENTS_CHAT).text
    assert "Aktif → <b>Dinonaktifkan</b>" in sigap.api.last_to(sari.user_id).text
    for coordinator in (COORDINATOR, OTHER_COORDINATOR):
        report = sigap.api.last_to(coordinator).text
        assert "Laporan layanan" in report and "Jaringan dan VPN (jaringan-vpn)" in report


async def test_a_requester_cannot_change_a_service_and_a_bad_move_is_explained(
    sigap: OfflineSigap,
) -> None:
    async with sigap.sessions() as session, session.begin():
        await make_person(session, sigap.clock(), telegram_id=72100002)
    sari = sigap.person(72100002, "Sari")
    hendra = sigap.person(COORDINATOR, "Hendra")

    refused = await sigap.say(sari, "/layanan jaringan-vpn nonaktif iseng")
    impossible = await sigap.say(hendra, "/layanan jaringan-vpn direncanakan mundur")

    assert "tidak memiliki akses" in refused[-1].text
    assert "tidak bisa diubah menjadi <b>planned</b>" in impossible[-1].text
    assert "deactivated, retiring" in impossible[-1].text
    assert await status_of(sigap, "jaringan-vpn") == "active"


async def test_an_agent_reads_a_service_entry_and_its_slas(sigap: OfflineSigap) -> None:
    rina = sigap.person(AGENT, "Rina")

    entry = await sigap.say(rina, "/layanan email-dinas")
    slas = await sigap.say(rina, "/sla email-dinas")
    unknown = await sigap.say(rina, "/sla tidak-ada")

    assert "Status: <b>Aktif</b>" in entry[-1].text
    assert "Status berikutnya yang diizinkan: Dinonaktifkan, Akan berhenti" in entry[-1].text
    text = slas[-1].text
    assert "PLL E-mail Dinas 2026" in text and "Nomor PLL-TIK/001/I/2026" in text
    assert "Gangguan / Kritis: respons 15 menit kerja, selesai 4 jam kerja" in text
    assert "400 tiket/bulan, 5000 pengguna" in text
    assert "Pemeliharaan terjadwal server surel" in text
    assert "Migrasi penyimpanan" not in text  # June's exception is over
    assert "tidak-ada" in unknown[-1].text and "tidak ada" in unknown[-1].text


async def test_a_cuti_bersama_day_moves_open_due_times_and_survives_a_restart(
    sigap: OfflineSigap,
) -> None:
    rt = sigap.runtime
    file_desk = rt.desk
    async with sigap.sessions() as session, session.begin():
        requester = await make_person(session, sigap.clock())
        ticket = await open_ticket(session, rt.desk, draft(), requester, sigap.clock())
        due_before = ticket.resolution_due_at
    hendra = sigap.person(COORDINATOR, "Hendra")
    rina = sigap.person(AGENT, "Rina")

    added = await sigap.say(hendra, "/libur tambah 2026-12-08 Cuti bersama contoh")
    listed = await sigap.say(rina, "/libur")
    refused = await sigap.say(rina, "/libur tambah 2026-12-09 Rapat")
    bad_date = await sigap.say(hendra, "/libur tambah 8-12-2026 Cuti")

    async with sigap.sessions() as session:
        moved = await session.get_one(Ticket, ticket.id)
    assert "Tenggat 1 tiket terbuka telah digeser" in added[-1].text
    assert "office, office-wita" in added[-1].text
    assert due_before is not None
    assert moved.resolution_due_at == due_before + timedelta(days=1)
    assert Closure(TUESDAY, "Cuti bersama contoh") in rt.desk.calendar("office").closures
    assert "2026-12-08: Cuti bersama contoh (office, office-wita)" in listed[-1].text
    assert "2026-12-24: Cuti bersama Hari Raya Natal" in listed[-1].text
    assert "tidak memiliki akses" in refused[-1].text
    assert "8-12-2026" in bad_date[-1].text and "2026-12-24" in bad_date[-1].text

    rt.desk, rt.extras = file_desk, {}  # as a fresh process would start
    await merge_stored_closures(sigap.app)
    assert Closure(TUESDAY, "Cuti bersama contoh") in rt.desk.calendar("office-wita").closures

    removed = await sigap.say(hendra, "/libur hapus 2026-12-08 office")
    async with sigap.sessions() as session:
        back = await session.get_one(Ticket, ticket.id)
    assert "Tenggat 1 tiket terbuka" in removed[-1].text
    assert back.resolution_due_at == due_before
    assert Closure(TUESDAY, "Cuti bersama contoh") in rt.desk.calendar("office-wita").closures
    assert TUESDAY not in {c.date for c in rt.desk.calendar("office").closures}


async def test_following_needs_registration_and_can_be_stopped(sigap: OfflineSigap) -> None:
    async with sigap.sessions() as session, session.begin():
        await make_person(session, sigap.clock(), telegram_id=72100003)
    stranger = sigap.person(72100004, "Tamu")
    sari = sigap.person(72100003, "Sari")

    unregistered = await sigap.say(stranger, "/ikuti email-dinas")
    await sigap.say(sari, "/ikuti email-dinas")
    twice = await sigap.say(sari, "/ikuti email-dinas")
    stopped = await sigap.say(sari, "/berhenti_ikuti email-dinas")
    again = await sigap.say(sari, "/berhenti_ikuti email-dinas")

    assert "daftar dulu dengan /start" in unregistered[-1].text
    assert "sudah mengikuti" in twice[-1].text
    assert "tidak lagi mengikuti" in stopped[-1].text
    assert "memang tidak sedang mengikuti" in again[-1].text
