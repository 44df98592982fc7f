"""A ticket's round trip in the agents' group: taken, answered by replying, pended, resolved."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from bot.harness import OfflineSigap
from storage.models import OutboxMessage, TicketMessage
from tests.agents.support import HENDRA, RINA, YOHANES, history, in_group, lodge, stored
from tests.conftest import AGENTS_CHAT, FixedClock


async def test_ticket_taken_answered_pended_and_resolved_from_the_group(
    sigap: OfflineSigap, clock: FixedClock
) -> None:
    lodged = await lodge(sigap, 73000001)
    yohanes = sigap.person(YOHANES, "Yohanes")

    took = await sigap.tap(yohanes, "Ambil", chat_id=AGENTS_CHAT)
    replied_at = clock.advance(minutes=10)
    answered = await sigap.say(
        yohanes,
        "Coba sambung ulang dengan profil baru",
        chat_id=AGENTS_CHAT,
        reply_to=lodged.notice,
    )
    await sigap.deliver()
    reply_to_requester = sigap.api.last_to(lodged.requester.user_id)
    await in_group(sigap, yohanes, f"/pending {lodged.number.lower()} Pakai Windows atau Mac?")
    paused = await stored(sigap, lodged.ticket_id)
    await sigap.deliver()
    question = sigap.api.last_to(lodged.requester.user_id)
    await in_group(sigap, yohanes, f"/resolve {lodged.number} Profil VPN diperbarui")
    await sigap.deliver()
    resolution = sigap.api.last_to(lodged.requester.user_id)

    assert "Yohanes Marpaung" in took[-1].text and lodged.number in took[-1].text
    assert "dikirim ke pelapor" in answered[-1].text
    assert "Coba sambung ulang dengan profil baru" in reply_to_requester.text
    assert paused.status == "pending" and paused.paused_since is not None
    assert "Pakai Windows atau Mac?" in question.text
    assert "Profil VPN diperbarui" in resolution.text
    assert resolution.button_data("Sudah teratasi") == f"rs|ok|{lodged.ticket_id}"
    ticket = await stored(sigap, lodged.ticket_id)
    assert ticket.status == "resolved" and ticket.resolution == "Profil VPN diperbarui"
    [first] = await history(sigap, lodged.ticket_id, "first_response_at")
    assert ticket.first_response_at == replied_at and first.new_value == replied_at.isoformat()
    assert [h.new_value for h in await history(sigap, lodged.ticket_id, "status")] == [
        "new",
        "assigned",
        "pending",
        "resolved",
    ]


async def test_every_reply_is_recorded_and_only_the_first_sets_first_response(
    sigap: OfflineSigap, clock: FixedClock
) -> None:
    lodged = await lodge(sigap, 73000002)
    yohanes = sigap.person(YOHANES, "Yohanes")
    update = sigap.people.message(
        yohanes, "Sedang kami cek", chat_id=AGENTS_CHAT, reply_to=lodged.notice
    )

    await sigap.process(update)
    responded_at = (await stored(sigap, lodged.ticket_id)).first_response_at
    clock.advance(minutes=5)
    await sigap.say(yohanes, "Masih kami cek", chat_id=AGENTS_CHAT, reply_to=lodged.notice)

    async with sigap.sessions() as session:
        replies = list(
            (
                await session.execute(
                    select(TicketMessage).where(
                        TicketMessage.ticket_id == lodged.ticket_id, TicketMessage.kind == "agent"
                    )
                )
            ).scalars()
        )
    assert [m.body for m in replies] == ["Sedang kami cek", "Masih kami cek"]
    assert replies[0].telegram_chat_id == AGENTS_CHAT
    assert (await stored(sigap, lodged.ticket_id)).first_response_at == responded_at
    assert len(await history(sigap, lodged.ticket_id, "first_response_at")) == 1


async def test_note_prefix_keeps_the_reply_internal(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 73000003)
    yohanes = sigap.person(YOHANES, "Yohanes")
    queued_before = await outbox_count(sigap)

    sent = await sigap.say(
        yohanes, "# pelapor sering salah ketik sandi", chat_id=AGENTS_CHAT, reply_to=lodged.notice
    )

    assert "Catatan internal" in sent[-1].text
    assert await outbox_count(sigap) == queued_before
    assert (await stored(sigap, lodged.ticket_id)).first_response_at is None
    async with sigap.sessions() as session:
        kinds = list(
            (
                await session.execute(
                    select(TicketMessage.kind, TicketMessage.body).where(
                        TicketMessage.ticket_id == lodged.ticket_id,
                        TicketMessage.kind == "note",
                    )
                )
            ).all()
        )
    assert kinds == [("note", "pelapor sering salah ketik sandi")]


async def test_note_command_never_reaches_the_requester(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 73000004)
    hendra = sigap.person(HENDRA, "Hendra")
    queued_before = await outbox_count(sigap)

    sent = await in_group(sigap, hendra, f"/catatan {lodged.number} cek log radius dulu")

    assert "Catatan internal" in sent[-1].text
    assert await outbox_count(sigap) == queued_before


async def test_agent_outside_the_service_cannot_take_or_reply(
    sigap: OfflineSigap, caplog: pytest.LogCaptureFixture
) -> None:
    lodged = await lodge(sigap, 73000005)
    rina = sigap.person(RINA, "Rina")  # serves e-mail and SSO, not the VPN

    with caplog.at_level(logging.WARNING, logger="desk.staff"):
        took = await sigap.tap(rina, "Ambil", chat_id=AGENTS_CHAT)
        answered = await sigap.say(rina, "Halo", chat_id=AGENTS_CHAT, reply_to=lodged.notice)

    assert "di luar layanan" in took[-1].text
    assert "di luar layanan" in answered[-1].text
    assert (await stored(sigap, lodged.ticket_id)).assignee_id is None
    assert "refused person=" in caplog.text and f"ticket={lodged.number}" in caplog.text


async def test_requester_in_the_group_is_refused(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 73000006)
    stranger = sigap.person(73000099, "Budi")

    sent = await sigap.say(stranger, "saya bantu", chat_id=AGENTS_CHAT, reply_to=lodged.notice)
    tapped = await sigap.tap(stranger, "Ambil", chat_id=AGENTS_CHAT)

    assert "tidak memiliki akses" in sent[-1].text
    assert "tidak memiliki akses" in tapped[-1].text
    async with sigap.sessions() as session:
        agent_messages = (
            await session.execute(select(TicketMessage).where(TicketMessage.kind == "agent"))
        ).all()
    assert agent_messages == []


async def test_talk_in_the_group_not_about_a_ticket_is_left_alone(sigap: OfflineSigap) -> None:
    yohanes = sigap.person(YOHANES, "Yohanes")
    first = await sigap.say(yohanes, "/help", chat_id=AGENTS_CHAT)

    sent = await sigap.say(yohanes, "siap", chat_id=AGENTS_CHAT, reply_to=first[-1])

    assert sent == []


async def test_assign_button_offers_serving_agents_and_assigns(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 73000007)
    hendra = sigap.person(HENDRA, "Hendra")

    offered = await sigap.tap(hendra, "Tugaskan", chat_id=AGENTS_CHAT)
    labels = [b["text"] for b in offered[-1].buttons()]
    done = await sigap.tap(hendra, "Yohanes", chat_id=AGENTS_CHAT)
    await sigap.deliver()

    assert labels[0].startswith("⭐Yohanes")
    assert not any("Rina" in label for label in labels)
    assert "ditugaskan kepada Yohanes Marpaung" in done[-1].text
    ticket = await stored(sigap, lodged.ticket_id)
    assert ticket.status == "assigned"
    assert "ditugaskan kepada Anda" in sigap.api.last_to(YOHANES).text


async def test_open_button_shows_the_ticket_card(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 73000008)
    yohanes = sigap.person(YOHANES, "Yohanes")

    sent = await sigap.tap(yohanes, "Buka", chat_id=AGENTS_CHAT)

    assert lodged.number in sent[-1].text and "Riwayat" in sent[-1].text
    assert "Sari Dewi" in sent[-1].text


async def outbox_count(sigap: OfflineSigap) -> int:
    async with sigap.sessions() as session:
        return len((await session.execute(select(OutboxMessage.id))).all())


async def test_a_photo_reply_reaches_the_requester_with_its_caption(
    sigap: OfflineSigap,
) -> None:
    lodged = await lodge(sigap, 73000020)
    yohanes = sigap.person(YOHANES, "Yohanes")
    update = sigap.people.message(
        yohanes,
        chat_id=AGENTS_CHAT,
        reply_to=lodged.notice,
        photo="AgACAgUAAxk-langkah-vpn",
        caption="Ikuti langkah di gambar ini",
    )

    await sigap.process(update)
    await sigap.deliver()

    text, photo = sigap.api.to_chat(lodged.requester.user_id)[-2:]
    assert "Ikuti langkah di gambar ini" in text.text
    assert (photo.kind, photo.file_id) == ("photo", "AgACAgUAAxk-langkah-vpn")
    assert photo.reply_to_message_id == text.message_id
