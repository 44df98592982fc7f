"""Reporting a disruption end to end, through the real application and database."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.harness import OfflineSigap
from bot.offline import Person
from desk import people
from desk.tickets import TicketDraft, open_ticket
from desk.types import Level, TicketType
from storage.models import ChatState, OutboxMessage, Ticket, TicketMessage
from tests.conftest import AGENTS_CHAT


async def registered(sigap: OfflineSigap, user_id: int, name: str = "Sari") -> Person:
    person = sigap.person(user_id, name)
    await sigap.say(person, "/start")
    await sigap.tap(person, "Pakai nama")
    await sigap.tap(person, "ASN")
    await sigap.say(person, "Biro Umum")
    await sigap.tap(person, "setuju")
    return person


async def reach_summary(sigap: OfflineSigap, person: Person) -> None:
    await sigap.tap(person, "Lapor gangguan")
    await sigap.say(person, "vpn")
    await sigap.tap(person, "VPN")
    await sigap.send_photo(person, "AgACAgUAAxk-screenshot")
    await sigap.say(person, "VPN putus terus sejak pagi, NIK saya 3201234567890001")
    await sigap.tap(person, "terhenti")
    await sigap.tap(person, "Beberapa orang")


async def tickets(sigap: OfflineSigap) -> list[Ticket]:
    async with sigap.sessions() as session:
        return list((await session.execute(select(Ticket))).scalars())


async def test_disruption_report_makes_one_ticket_and_notifies_agents(
    sigap: OfflineSigap,
) -> None:
    sari = await registered(sigap, 72000001)
    await reach_summary(sigap, sari)

    sent = await sigap.tap(sari, "Kirim")
    delivered = await sigap.deliver()

    [ticket] = await tickets(sigap)
    assert ticket.number == "GGN-2026-000001"
    assert ticket.priority == "high" and ticket.status == "new"
    assert "GGN-2026-000001" in sent[-1].text
    assert "paling lambat Senin, 7 Desember" in sent[-1].text
    assert delivered == 1
    notice, photo = sigap.api.to_chat(AGENTS_CHAT)
    assert "GGN-2026-000001" in notice.text and "Jaringan dan VPN" in notice.text
    assert "3201234567890001" not in notice.text and "3201********0001" in notice.text
    assert (photo.kind, photo.file_id) == ("photo", "AgACAgUAAxk-screenshot")
    assert photo.reply_to_message_id == notice.message_id
    async with sigap.sessions() as session:
        first = (
            (
                await session.execute(
                    select(TicketMessage)
                    .where(TicketMessage.ticket_id == ticket.id)
                    .order_by(TicketMessage.id)
                )
            )
            .scalars()
            .first()
        )
    assert first is not None
    assert first.attachments == [{"kind": "photo", "file_id": "AgACAgUAAxk-screenshot"}]


async def test_double_tap_on_send_makes_exactly_one_ticket(sigap: OfflineSigap) -> None:
    sari = await registered(sigap, 72000002)
    await reach_summary(sigap, sari)
    summary = sigap.with_button(sari.user_id, "Kirim")
    data = summary.button_data("Kirim")

    await sigap.process(sigap.people.tap(sari, summary, data))
    again = await sigap.process(sigap.people.tap(sari, summary, data))

    assert len(await tickets(sigap)) == 1
    assert "tidak berlaku" in again[-1].text
    async with sigap.sessions() as session:
        notices = (await session.execute(select(func.count(OutboxMessage.id)))).scalar()
    assert notices == 1


async def test_a_draft_sent_meanwhile_elsewhere_is_refused_politely(
    sigap: OfflineSigap,
) -> None:
    """Another process sent the same draft first: this step rolls back and says so."""
    sari = await registered(sigap, 72000005)
    await reach_summary(sigap, sari)
    async with sigap.sessions() as session, session.begin():
        state = await session.get(ChatState, sari.user_id)
        person = await people.find_person(session, sari.user_id)
        assert state is not None and person is not None
        draft = TicketDraft(
            ticket_type=TicketType.INCIDENT,
            service_id=None,
            description="VPN putus",
            urgency=Level.HIGH,
            impact=Level.MEDIUM,
            intake_key=str(state.draft["intake_key"]),
        )
        await open_ticket(session, sigap.runtime.desk, draft, person, sigap.runtime.now())

    sent = await sigap.tap(sari, "Kirim")

    assert "sudah terkirim sebelumnya" in sent[-1].text
    assert len(await tickets(sigap)) == 1
    async with sigap.sessions() as session:
        notices = (await session.execute(select(func.count(OutboxMessage.id)))).scalar()
        state = await session.get(ChatState, sari.user_id)
    assert notices == 0
    assert state is not None and state.flow == "intake"  # nothing of the step was kept


async def test_cancel_leaves_no_ticket(sigap: OfflineSigap) -> None:
    sari = await registered(sigap, 72000003)
    await sigap.tap(sari, "Lapor gangguan")
    await sigap.tap(sari, "Tidak tahu")

    sent = await sigap.tap(sari, "Batal")

    assert await tickets(sigap) == []
    assert "dibatalkan" in sent[-1].text.lower()


async def test_back_returns_to_the_previous_question(sigap: OfflineSigap) -> None:
    sari = await registered(sigap, 72000004)
    await sigap.tap(sari, "Lapor gangguan")
    await sigap.tap(sari, "Tidak tahu")
    await sigap.say(sari, "Laptop mati total")

    sent = await sigap.tap(sari, "Kembali")

    assert "Ceritakan gangguannya" in sent[-1].text


async def test_too_long_text_is_refused_and_the_draft_kept(sigap: OfflineSigap) -> None:
    sari = await registered(sigap, 72000005)
    await sigap.tap(sari, "Lapor gangguan")
    await sigap.tap(sari, "Tidak tahu")

    refused = await sigap.say(sari, "a" * 4001)
    accepted = await sigap.say(sari, "Monitor berkedip")

    assert "terlalu panjang" in refused[-1].text
    assert "Seberapa mendesak" in accepted[-1].text


async def test_unregistered_person_is_asked_to_register_before_reporting(
    sigap: OfflineSigap,
) -> None:
    stranger = sigap.person(72000006, "Tamu")
    await sigap.say(stranger, "/start")
    menu_message = sigap.api.messages[0]

    sent = await sigap.process(sigap.people.tap(stranger, menu_message, "new|incident"))

    assert "lengkapi dulu profil" in sent[-1].text
    assert await tickets(sigap) == []


async def test_replying_to_the_confirmation_adds_to_the_ticket(sigap: OfflineSigap) -> None:
    sari = await registered(sigap, 72000007)
    await reach_summary(sigap, sari)
    confirmation = (await sigap.tap(sari, "Kirim"))[-1]

    await sigap.say(sari, "Tambahan: sekarang juga tidak bisa buka SIMPEG", reply_to=confirmation)

    [ticket] = await tickets(sigap)
    async with sigap.sessions() as session:
        bodies = (
            (
                await session.execute(
                    select(TicketMessage.body)
                    .where(TicketMessage.ticket_id == ticket.id, TicketMessage.kind == "requester")
                    .order_by(TicketMessage.id)
                )
            )
            .scalars()
            .all()
        )
    assert bodies[-1] == "Tambahan: sekarang juga tidak bisa buka SIMPEG"


async def test_the_whole_report_reads_in_english_after_choosing_it(sigap: OfflineSigap) -> None:
    john = sigap.person(72000008, "John", language_code="en")
    await sigap.say(john, "/start")
    await sigap.tap(john, "English")
    await sigap.tap(john, "Use John")
    await sigap.tap(john, "Business")
    await sigap.tap(john, "I agree")
    await sigap.tap(john, "Report a disruption")
    await sigap.say(john, "vpn")
    await sigap.tap(john, "VPN")
    await sigap.say(john, "The VPN drops every few minutes")
    await sigap.tap(john, "stopped")
    await sigap.tap(john, "Just me")

    sent = await sigap.tap(john, "Send")

    assert "Your ticket is recorded as <b>GGN-2026-000001</b>" in sent[-1].text
    assert "by Monday, 7 December" in sent[-1].text and "WIB" in sent[-1].text
    assert "Terima kasih" not in sent[-1].text
