"""An outage already being handled is announced, and its watchers hear when it is fixed."""

from __future__ import annotations

from sqlalchemy import select

from bot.harness import OfflineSigap
from bot.offline import Person
from desk import workflow
from desk.tickets import load_ticket
from storage.models import Person as PersonRow
from storage.models import TicketWatcher
from tests.handlers.test_intake import registered

VPN_AGENT = 9100000002  # serves jaringan-vpn in seed/people.yaml


async def report_vpn_outage(sigap: OfflineSigap, person: Person) -> None:
    await sigap.tap(person, "Lapor gangguan")
    await sigap.say(person, "vpn")
    await sigap.tap(person, "Jaringan dan VPN")
    await sigap.say(person, "VPN mati untuk seluruh gedung B")
    await sigap.tap(person, "terhenti")
    await sigap.tap(person, "Satu unit kerja")
    await sigap.tap(person, "Kirim")


async def test_question_about_a_service_that_is_down_offers_news(sigap: OfflineSigap) -> None:
    budi = await registered(sigap, 76000001, "Budi")
    await report_vpn_outage(sigap, budi)
    sari = await registered(sigap, 76000002, "Sari")

    sent = await sigap.say(sari, "vpn gk bisa konek")
    watching = await sigap.tap(sari, "Kabari saya")

    assert "sedang mengalami gangguan" in sent[-1].text and "GGN-2026-000001" in sent[-1].text
    assert "akan mengabari" in watching[-1].text
    async with sigap.sessions() as session:
        assert len((await session.execute(select(TicketWatcher))).all()) == 1


async def test_watchers_hear_once_when_the_outage_is_resolved(sigap: OfflineSigap) -> None:
    budi = await registered(sigap, 76000003, "Budi")
    await report_vpn_outage(sigap, budi)
    sari = await registered(sigap, 76000004, "Sari")
    await sigap.say(sari, "vpn gk bisa konek")
    await sigap.tap(sari, "Kabari saya")

    async with sigap.runtime.transaction() as session:
        agent = (
            await session.execute(select(PersonRow).where(PersonRow.telegram_id == VPN_AGENT))
        ).scalar_one()
        ticket = await load_ticket(session, "GGN-2026-000001")
        await workflow.take(session, ticket, agent, sigap.clock())
        await workflow.resolve(
            session, sigap.runtime.desk, ticket, agent, "Sertifikat VPN diperbarui", sigap.clock()
        )
    await sigap.deliver()
    await sigap.deliver()

    news = [m.text for m in sigap.api.to_chat(sari.user_id) if "Kabar baik" in m.text]
    assert len(news) == 1 and "Jaringan dan VPN" in news[0]


async def test_reporting_a_known_outage_mentions_it(sigap: OfflineSigap) -> None:
    budi = await registered(sigap, 76000005, "Budi")
    await report_vpn_outage(sigap, budi)
    sari = await registered(sigap, 76000006, "Sari")

    await sigap.tap(sari, "Lapor gangguan")
    await sigap.say(sari, "vpn")
    sent = await sigap.tap(sari, "Jaringan dan VPN")

    assert any("sudah ditangani petugas" in m.text for m in sent)
    assert "Ceritakan gangguannya" in sent[-1].text
