"""Questions in informal Indonesian: answer, suggestions, or a ticket with the text filled in."""

from __future__ import annotations

from sqlalchemy import select

from bot.harness import OfflineSigap
from storage.models import ChatState, SearchLog
from tests.handlers.test_intake import registered


async def search_logs(sigap: OfflineSigap) -> list[SearchLog]:
    async with sigap.sessions() as session:
        return list((await session.execute(select(SearchLog).order_by(SearchLog.id))).scalars())


async def test_confident_answer_with_helpful_buttons(sigap: OfflineSigap) -> None:
    sari = await registered(sigap, 73000001)

    sent = await sigap.say(sari, "gmn kalo lupa password email dinas?")

    assert "kata sandi" in sent[-1].text.lower()
    labels = [b["text"] for b in sent[-1].buttons()]
    assert labels == ["👍 Terjawab", "🙋 Masih perlu bantuan"]
    [log] = await search_logs(sigap)
    assert log.outcome == "answer" and log.top_key == "faq:email-lupa-kata-sandi"
    assert log.normalised and log.candidates[0]["key"] == log.top_key


async def test_helpful_answer_is_recorded(sigap: OfflineSigap) -> None:
    sari = await registered(sigap, 73000002)
    await sigap.say(sari, "vpn gk bisa konek")

    sent = await sigap.tap(sari, "Terjawab")

    [log] = await search_logs(sigap)
    assert log.helpful is True
    assert "Senang bisa membantu" in sent[-1].text


async def test_unanswered_question_offers_a_ticket_with_the_text_filled_in(
    sigap: OfflineSigap,
) -> None:
    sari = await registered(sigap, 73000003)

    sent = await sigap.say(sari, "siapa juara piala dunia 2022")
    await sigap.tap(sari, "Lapor gangguan")
    await sigap.tap(sari, "Tidak tahu")

    assert "belum menemukan jawabannya" in sent[-1].text
    [log] = await search_logs(sigap)
    assert log.outcome == "none"
    async with sigap.sessions() as session:
        state = await session.get(ChatState, sari.user_id)
    assert state is not None and state.flow == "intake" and state.step == "urgency"
    assert state.draft["description"] == "siapa juara piala dunia 2022"


async def test_another_persons_search_cannot_be_rated(sigap: OfflineSigap) -> None:
    sari = await registered(sigap, 73000004)
    budi = await registered(sigap, 73000005, "Budi")
    await sigap.say(sari, "vpn gk bisa konek")
    [log] = await search_logs(sigap)
    answer = sigap.with_button(sari.user_id, "Terjawab")

    forged = await sigap.process(sigap.people.tap(budi, answer, f"fq|y|{log.id}"))

    assert "tidak berlaku" in forged[-1].text
    assert (await search_logs(sigap))[0].helpful is None
