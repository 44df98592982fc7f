"""Knowledge upkeep in the bot: coordinators write, publish, edit and retire; agents draft."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bot.harness import OfflineSigap
from bot.offline import Person
from desk.tickets import open_ticket
from desk.types import TicketType
from storage.models import FaqEntry, SearchLog
from storage.models import Person as PersonRow
from tests.conftest import FixedClock
from tests.factories import draft
from tests.handlers.test_english_content import registered_in_english
from tests.handlers.test_intake import registered

COORDINATOR = 9100000101
AGENT = 9100000001
QUESTION = "Bagaimana cara meminjam proyektor untuk acara kantor?"
ANSWER = "Isi formulir peminjaman di Bagian Umum lantai 1, paling lambat sehari sebelumnya."


async def entry_by_question(sigap: OfflineSigap, question: str) -> FaqEntry:
    async with sigap.sessions() as session:
        query = select(FaqEntry).where(FaqEntry.question == question)
        return (await session.execute(query)).scalar_one()


async def last_search(sigap: OfflineSigap) -> SearchLog:
    async with sigap.sessions() as session:
        query = select(SearchLog).order_by(SearchLog.id.desc()).limit(1)
        return (await session.execute(query)).scalar_one()


async def write_entry(sigap: OfflineSigap, coordinator: Person) -> FaqEntry:
    await sigap.say(coordinator, "/faq")
    await sigap.tap(coordinator, "Entri baru")
    await sigap.say(coordinator, QUESTION)
    await sigap.say(coordinator, ANSWER)
    await sigap.say(coordinator, "pinjam proyektor\nproyektor buat rapat | infocus")
    return await entry_by_question(sigap, QUESTION)


async def test_a_written_entry_answers_only_once_published(
    sigap: OfflineSigap, clock: FixedClock
) -> None:
    hendra = sigap.person(COORDINATOR, "Hendra")
    sari = await registered(sigap, 74000001)
    entry = await write_entry(sigap, hendra)
    await sigap.say(sari, QUESTION)
    before = await last_search(sigap)
    clock.advance(minutes=2)

    published = await sigap.tap(hendra, "Terbitkan")
    clock.advance(seconds=5)  # sooner than the matcher's own recheck: publishing rebuilds it
    answered = await sigap.say(sari, QUESTION)

    assert entry.status == "draft" and entry.owner == "Hendra Wijayakusuma"
    assert entry.alternatives == ["pinjam proyektor", "proyektor buat rapat", "infocus"]
    assert entry.review_by == date(2027, 6, 7)
    assert before.top_key != f"faq:{entry.key}"
    assert "terbit" in published[-1].text and "7 Juni 2027" in published[-1].text
    assert (await entry_by_question(sigap, QUESTION)).status == "published"
    assert (await last_search(sigap)).top_key == f"faq:{entry.key}"
    assert "Bagian Umum lantai 1" in answered[-1].text


async def test_new_entry_flow_says_what_it_kept(sigap: OfflineSigap) -> None:
    hendra = sigap.person(COORDINATOR, "Hendra")
    await sigap.say(hendra, "/faq")
    await sigap.tap(hendra, "Entri baru")
    await sigap.say(hendra, QUESTION)

    empty = await sigap.say(hendra, "   ")
    await sigap.say(hendra, ANSWER)
    sent = await sigap.tap(hendra, "Lewati")

    assert "kosong" in empty[-1].text
    entry = await entry_by_question(sigap, QUESTION)
    assert entry.answer == ANSWER and entry.alternatives == []
    assert f"Draf {entry.key} tersimpan" in sent[-2].text.replace("<b>", "").replace("</b>", "")
    assert QUESTION in sent[-1].text and "Draf" in sent[-1].text


async def test_edit_answer_then_retire_stops_answering(
    sigap: OfflineSigap, clock: FixedClock
) -> None:
    hendra = sigap.person(COORDINATOR, "Hendra")
    sari = await registered(sigap, 74000002)
    async with sigap.sessions() as session:
        newest = (
            await session.execute(select(FaqEntry).order_by(FaqEntry.id.desc()).limit(1))
        ).scalar_one()
    await sigap.say(hendra, "/faq")
    await sigap.tap(hendra, "Terbit")
    await sigap.tap(hendra, newest.question[:30])
    await sigap.tap(hendra, "Ubah jawaban")
    await sigap.say(sari, newest.question)  # the matcher is built before the edit
    clock.advance(minutes=1)

    saved = await sigap.say(hendra, "Jawaban yang sudah diperbarui untuk diuji.")
    clock.advance(seconds=5)
    answered = await sigap.say(sari, newest.question)
    await sigap.tap(hendra, "Arsipkan")
    clock.advance(seconds=5)
    after = await sigap.say(sari, newest.question)

    assert "Jawaban diperbarui" in saved[0].text
    assert "Jawaban yang sudah diperbarui" in answered[-1].text
    retired = await entry_by_question(sigap, newest.question)
    assert retired.status == "retired"
    assert "Jawaban yang sudah diperbarui" not in after[-1].text
    assert (await last_search(sigap)).top_key != f"faq:{newest.key}"


async def test_a_coordinator_writes_the_english_version_for_english_readers(
    sigap: OfflineSigap, clock: FixedClock
) -> None:
    hendra = sigap.person(COORDINATOR, "Hendra")
    john = await registered_in_english(sigap, 74000009)
    entry = await write_entry(sigap, hendra)
    await sigap.tap(hendra, "Terbitkan")
    await sigap.tap(hendra, "Versi Inggris")

    empty = await sigap.say(hendra, " ")
    await sigap.say(hendra, "How do I borrow a projector for an office event?")
    saved = await sigap.say(hendra, "Fill in the loan form at General Affairs, first floor.")
    clock.advance(seconds=5)
    answered = await sigap.say(john, "how do I borrow a projector for an office event")

    assert "kosong" in empty[-1].text
    assert "Versi Inggris tersimpan" in saved[0].text
    assert "How do I borrow a projector" in saved[-1].text  # the entry, English shown
    kept = await entry_by_question(sigap, QUESTION)
    assert kept.question_en == "How do I borrow a projector for an office event?"
    assert kept.answer_en == "Fill in the loan form at General Affairs, first floor."
    assert (await last_search(sigap)).top_key == f"faq:{entry.key}"
    assert "How do I borrow a projector" in answered[-1].text
    assert "General Affairs, first floor" in answered[-1].text


async def test_review_lists_entries_past_their_date(sigap: OfflineSigap) -> None:
    hendra = sigap.person(COORDINATOR, "Hendra")
    async with sigap.sessions() as session, session.begin():
        entry = (
            await session.execute(select(FaqEntry).order_by(FaqEntry.id).limit(1))
        ).scalar_one()
        entry.review_by = date(2026, 12, 6)

    listed = (await sigap.say(hendra, "/faq review"))[-1].text
    opened = await sigap.tap(hendra, entry.question[:30])

    assert "perlu ditinjau" in listed and "(1)" in listed
    assert entry.answer[:40] in opened[-1].text.replace("\n", " ")
    assert "6 Desember 2026" in opened[-1].text


async def test_people_without_the_role_are_refused_politely(sigap: OfflineSigap) -> None:
    sari = await registered(sigap, 74000003)
    rina = sigap.person(AGENT, "Rina")

    as_requester = [await sigap.say(sari, command) for command in ("/faq", "/analitik")]
    as_agent = await sigap.say(rina, "/faq")
    draft_refused = await sigap.say(sari, "/jadikanfaq GGN-2026-000001")

    for sent in [*as_requester, as_agent]:
        assert "hanya untuk koordinator" in sent[-1].text
    assert "hanya untuk petugas" in draft_refused[-1].text


async def solved_ticket(sigap: OfflineSigap, resolution: str | None) -> str:
    async with sigap.sessions() as session, session.begin():
        requester = (
            (await session.execute(select(PersonRow).where(PersonRow.role == "requester")))
            .scalars()
            .first()
        )
        assert requester is not None
        ticket = await open_ticket(
            session,
            sigap.runtime.desk,
            draft(
                ticket_type=TicketType.INCIDENT,
                description="Proyektor ruang rapat tidak menyala, hubungi 081234567890",
            ),
            requester,
            sigap.runtime.now(),
        )
        ticket.status, ticket.resolution = "resolved", resolution
        return ticket.number


async def test_agent_turns_a_solved_ticket_into_a_draft(sigap: OfflineSigap) -> None:
    await registered(sigap, 74000004)
    rina = sigap.person(AGENT, "Rina")
    number = await solved_ticket(sigap, "Kabel daya proyektor diganti.")

    sent = await sigap.say(rina, f"/jadikanfaq {number.lower()}")
    again = await sigap.say(rina, f"/jadikanfaq {number}")
    usage = await sigap.say(rina, "/jadikanfaq")

    assert "menunggu ditinjau koordinator" in sent[-1].text and number in sent[-1].text
    async with sigap.sessions() as session:
        entry = (
            await session.execute(select(FaqEntry).where(FaqEntry.source_ticket_id.is_not(None)))
        ).scalar_one()
    assert entry.status == "draft" and entry.answer == "Kabel daya proyektor diganti."
    assert "081234567890" not in entry.question and "Proyektor" in entry.question
    assert "sudah dijadikan entri" in again[-1].text
    assert "/jadikanfaq GGN" in usage[-1].text


async def test_analytics_command_shows_the_figures(sigap: OfflineSigap, clock: FixedClock) -> None:
    hendra = sigap.person(COORDINATOR, "Hendra")
    sari = await registered(sigap, 74000005)
    await sigap.say(sari, "gmn kalo lupa password email dinas?")
    await sigap.tap(sari, "Terjawab")
    await sigap.say(sari, "siapa juara piala dunia 2022")
    clock.advance(hours=2)

    sent = await sigap.say(hendra, "/analitik 7")
    bad = await sigap.say(hendra, "/analitik seminggu")

    text = sent[-1].text
    assert "7 hari terakhir" in text and "Pertanyaan: 2" in text
    assert "Tertangani tanpa tiket: 1 (50%)" in text
    assert "1. Bagaimana cara mengatur ulang kata sandi e-mail dinas? · 1×" in text
    assert "juara piala dunia" in text and "1/1 terbantu" in text
    assert "antara 1 dan 366" in bad[-1].text
