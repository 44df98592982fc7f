"""In a forum supergroup each ticket gets its own topic, and agents answer inside it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.harness import OfflineSigap
from storage.db import create_engine, create_session_factory
from tests.conftest import AGENTS_CHAT, FixedClock, copy_of, offline_settings
from tests.handlers.test_intake import reach_summary, registered

VPN_AGENT = 9100000002  # serves jaringan-vpn in seed/people.yaml


@pytest.fixture
async def forum(
    tmp_path: Path, templates: dict[str, Path], clock: FixedClock
) -> AsyncIterator[OfflineSigap]:
    url = copy_of(templates["seeded"], tmp_path)
    settings = offline_settings(url).model_copy(update={"agents_forum_topics": True})
    engine = create_engine(url)
    try:
        async with OfflineSigap(settings, create_session_factory(engine), clock) as running:
            yield running
    finally:
        await engine.dispose()


async def test_new_ticket_opens_a_topic_named_by_number_and_priority(
    forum: OfflineSigap,
) -> None:
    sari = await registered(forum, 77000001)
    await reach_summary(forum, sari)
    await forum.tap(sari, "Kirim")

    await forum.deliver()
    await forum.deliver()

    topics = [call.params for call in forum.api.calls if call.method == "createForumTopic"]
    assert topics == [{"chat_id": AGENTS_CHAT, "name": "GGN-2026-000001 · Tinggi"}]
    notice, photo = forum.api.to_chat(AGENTS_CHAT)
    assert notice.message_thread_id is not None and "GGN-2026-000001" in notice.text
    assert photo.message_thread_id == notice.message_thread_id


async def test_writing_in_the_topic_reaches_the_requester(forum: OfflineSigap) -> None:
    sari = await registered(forum, 77000002)
    await reach_summary(forum, sari)
    await forum.tap(sari, "Kirim")
    await forum.deliver()
    thread = forum.api.to_chat(AGENTS_CHAT)[0].message_thread_id
    agent = forum.person(VPN_AGENT, "Agen")

    await forum.process(
        forum.people.message(
            agent,
            "Sedang kami cek, mohon tunggu 15 menit",
            chat_id=AGENTS_CHAT,
            thread_id=thread,
        )
    )
    await forum.deliver()

    answers = [m.text for m in forum.api.to_chat(sari.user_id) if "mohon tunggu 15" in m.text]
    assert len(answers) == 1


async def test_what_the_requester_adds_later_goes_into_the_topic(forum: OfflineSigap) -> None:
    sari = await registered(forum, 77000003)
    await reach_summary(forum, sari)
    confirmation = (await forum.tap(sari, "Kirim"))[-1]
    await forum.deliver()
    thread = forum.api.to_chat(AGENTS_CHAT)[0].message_thread_id

    await forum.say(sari, "Sekarang Wi-Fi juga ikut mati", reply_to=confirmation)
    await forum.deliver()

    added = forum.api.to_chat(AGENTS_CHAT)[-1]
    assert "Wi-Fi juga ikut mati" in added.text and added.message_thread_id == thread
