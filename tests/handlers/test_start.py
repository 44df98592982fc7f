"""First contact over the offline Bot API: greeting, language, registration, consent, menu."""

from __future__ import annotations

from sqlalchemy import select

from bot.harness import OfflineSigap
from bot.offline import OfflinePeople
from storage.models import ChatState, Person
from tests.conftest import FixedClock


async def person_row(sigap: OfflineSigap, telegram_id: int) -> Person:
    async with sigap.sessions() as session:
        found = (
            await session.execute(select(Person).where(Person.telegram_id == telegram_id))
        ).scalar_one()
        return found


async def test_start_greets_in_indonesian_and_offers_english(sigap: OfflineSigap) -> None:
    budi = sigap.person(71000001, "Budi")

    sent = await sigap.say(budi, "/start")

    assert "Halo, Budi" in sent[0].text
    labels = [b["text"] for b in sent[0].buttons()]
    assert labels == ["🇮🇩 Bahasa Indonesia", "🇬🇧 English"]
    assert "nama lengkap" in sent[-1].text


async def test_registration_records_profile_and_consent(sigap: OfflineSigap) -> None:
    budi = sigap.person(71000002, "Budi", "Santoso")

    await sigap.say(budi, "/start")
    await sigap.say(budi, "Budi Santoso, S.Kom.")
    await sigap.tap(budi, "ASN")
    await sigap.say(budi, "Pusat Data dan Informasi")
    sent = await sigap.tap(budi, "setuju")

    person = await person_row(sigap, budi.user_id)
    assert person.full_name == "Budi Santoso, S.Kom."
    assert person.requester_type == "civil_servant"
    assert person.work_unit == "Pusat Data dan Informasi"
    assert person.consent_at == sigap.clock()
    assert "Apa yang ingin Anda lakukan?" in sent[-1].text
    labels = [b["text"] for b in sent[-1].buttons()]
    assert "🚨 Lapor gangguan" in labels and "🎫 Tiket saya" in labels


async def test_declining_consent_records_no_profile(sigap: OfflineSigap) -> None:
    rina = sigap.person(71000003, "Rina")

    await sigap.say(rina, "/start")
    await sigap.tap(rina, "Pakai nama")
    await sigap.tap(rina, "Masyarakat")
    sent = await sigap.tap(rina, "Tidak sekarang")

    person = await person_row(sigap, rina.user_id)
    assert person.consent_at is None
    assert "Tanpa persetujuan" in sent[-1].text


async def test_english_is_used_after_choosing_it(sigap: OfflineSigap) -> None:
    john = sigap.person(71000004, "John", language_code="en")

    await sigap.say(john, "/start")
    sent = await sigap.tap(john, "English")

    assert "I'll use English" in sent[0].text
    assert "full name" in sent[-1].text
    assert (await person_row(sigap, john.user_id)).language == "en"


async def test_registration_step_survives_a_restart(sigap: OfflineSigap) -> None:
    budi = sigap.person(71000005, "Budi")
    await sigap.say(budi, "/start")
    await sigap.say(budi, "Budi")

    async with OfflineSigap(sigap.settings, sigap.sessions, sigap.clock) as restarted:
        restarted.names = sigap.names
        restarted.people = OfflinePeople(restarted.app.bot, first_update_id=10_000)
        restarted.api.messages = list(sigap.api.messages)
        restarted.api.by_chat = {chat: list(sent) for chat, sent in sigap.api.by_chat.items()}
        sent = await restarted.tap(budi, "Badan usaha")

    assert "Apakah Anda setuju?" in sent[-1].text
    async with sigap.sessions() as session:
        state = await session.get(ChatState, budi.user_id)
    assert state is not None and state.step == "consent"


async def test_unknown_command_and_sticker_get_polite_answers(sigap: OfflineSigap) -> None:
    budi = sigap.person(71000006, "Budi")

    unknown = await sigap.say(budi, "/terbang")
    sticker = await sigap.process(sigap.people.message(budi, sticker="CAACAgIAAx"))

    assert "tidak saya kenal" in unknown[-1].text
    assert "belum bisa saya proses" in sticker[-1].text


async def test_html_in_a_name_is_escaped(sigap: OfflineSigap) -> None:
    mallory = sigap.person(71000007, "<b>Mallory</b>")

    sent = await sigap.say(mallory, "/start")

    assert "&lt;b&gt;Mallory&lt;/b&gt;" in sent[0].text


async def test_a_repeated_update_is_handled_once(sigap: OfflineSigap) -> None:
    budi = sigap.person(71000008, "Budi")
    update = sigap.people.message(budi, "/start")

    first = await sigap.process(update)
    again = await sigap.process(update)

    assert first and again == []


async def test_a_flood_gets_one_polite_notice_then_silence(
    sigap: OfflineSigap, clock: FixedClock
) -> None:
    budi = sigap.person(71000009, "Budi")
    replies = []

    for _ in range(35):
        replies.append(await sigap.say(budi, "/bantuan"))

    notices = [m for batch in replies for m in batch if "tunggu sebentar" in m.text]
    assert len(notices) == 1
    assert replies[-1] == []
    clock.advance(seconds=31)
    assert await sigap.say(budi, "/bantuan")
