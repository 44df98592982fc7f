"""English readers get the FAQ and the catalog in English, and Indonesian where none is written."""

from __future__ import annotations

from sqlalchemy import select, update

from bot.harness import OfflineSigap
from bot.offline import Person
from storage.models import FaqEntry, SearchLog, Service
from tests.handlers.test_intake import registered


async def registered_in_english(sigap: OfflineSigap, user_id: int) -> Person:
    john = sigap.person(user_id, "John", language_code="en")
    await sigap.say(john, "/start")
    await sigap.tap(john, "English")
    await sigap.tap(john, "Use John")
    await sigap.tap(john, "Business")
    await sigap.tap(john, "I agree")
    return john


async def last_search(sigap: OfflineSigap) -> SearchLog:
    async with sigap.sessions() as session:
        query = select(SearchLog).order_by(SearchLog.id.desc()).limit(1)
        return (await session.execute(query)).scalar_one()


def labels(buttons: list[dict[str, object]]) -> list[str]:
    return [str(button["text"]) for button in buttons]


async def test_an_english_question_gets_the_english_title_and_answer(
    sigap: OfflineSigap,
) -> None:
    john = await registered_in_english(sigap, 78000001)

    sent = await sigap.say(john, "How do I reset my official e-mail password?")

    text = sent[-1].text
    assert "<b>How do I reset my official e-mail password?</b>" in text
    assert "Official e-mail uses your SSO password" in text
    assert "kata sandi" not in text
    assert labels(sent[-1].buttons()) == ["👍 That helped", "🙋 I still need help"]
    assert (await last_search(sigap)).top_key == "faq:email-lupa-kata-sandi"


async def test_suggestions_show_english_titles_and_answer_in_english(
    sigap: OfflineSigap,
) -> None:
    john = await registered_in_english(sigap, 78000002)

    suggested = await sigap.say(john, "vpn problem")
    asked, shown = suggested[-1].text, labels(suggested[-1].buttons())
    chosen = await sigap.tap(john, "How do I apply for VPN access?")

    assert "Is it one of these?" in asked
    assert "Network and VPN" in shown and "How do I apply for VPN access?" in shown
    assert not any("Bagaimana" in label or "Jaringan" in label for label in shown)
    assert "<b>How do I apply for VPN access?</b>" in chosen[-1].text
    assert "Fill in the VPN access form" in chosen[-1].text


async def test_an_indonesian_requester_still_reads_indonesian(sigap: OfflineSigap) -> None:
    sari = await registered(sigap, 78000003)

    answered = await sigap.say(sari, "Bagaimana cara mengatur ulang kata sandi e-mail dinas?")
    await sigap.say(sari, "/katalog")
    page = await sigap.tap(sari, "E-mail Dinas")

    assert "<b>Bagaimana cara mengatur ulang kata sandi e-mail dinas?</b>" in answered[-1].text
    assert "kata sandi akun SSO" in answered[-1].text
    assert "Official e-mail" not in answered[-1].text
    assert "Kotak surat elektronik resmi" in page[-1].text
    assert "Senin-Kamis 07.30-16.00 WIB" in page[-1].text
    assert "official mailbox" not in page[-1].text


async def test_the_catalog_page_reads_in_english(sigap: OfflineSigap) -> None:
    john = await registered_in_english(sigap, 78000004)
    await sigap.say(john, "/catalog")

    sent = await sigap.tap(john, "Official E-mail")

    text = sent[-1].text
    for expected in (
        "<b>Official E-mail</b>",  # name
        "The ministry's official mailbox",  # description
        "All civil servants (ASN) and contract staff (PPPK)",  # audience
        "Work messages are recorded and secure",  # benefits
        "Monday-Thursday 07:30-16:00 WIB",  # hours
        "Your line manager sends an official memo",  # request procedure
        "ext. 1234",  # contact, written once for both languages
    ):
        assert expected in text
    assert "Kotak surat elektronik" not in text and "nota dinas" not in text


async def test_content_without_english_falls_back_to_indonesian(sigap: OfflineSigap) -> None:
    async with sigap.sessions() as session, session.begin():
        await session.execute(
            update(Service)
            .where(Service.code == "email-dinas")
            .values(description_en=None, audience_en="", request_procedure_en=None)
        )
        await session.execute(
            update(FaqEntry)
            .where(FaqEntry.key == "email-lupa-kata-sandi")
            .values(question_en=None)
        )
    john = await registered_in_english(sigap, 78000005)

    answered = await sigap.say(john, "gmn kalo lupa password email dinas?")
    await sigap.say(john, "/catalog")
    page = await sigap.tap(john, "Official E-mail")

    assert "<b>Bagaimana cara mengatur ulang kata sandi e-mail dinas?</b>" in answered[-1].text
    assert "Official e-mail uses your SSO password" in answered[-1].text
    text = page[-1].text
    assert "Kotak surat elektronik resmi" in text  # description: no English
    assert "Seluruh ASN dan PPPK" in text  # audience: English left blank
    assert "nota dinas permohonan" in text  # procedure: no English
    assert "Work messages are recorded and secure" in text  # benefits: English written
    assert "Monday-Thursday 07:30-16:00 WIB" in text
