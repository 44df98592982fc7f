"""Following a ticket through the real application: /tiket, replies, withdrawal, ownership."""

from __future__ import annotations

from sqlalchemy import select

from bot.harness import OfflineSigap
from desk import requester_notices
from desk.types import TicketStatus
from storage.models import OutboxMessage, TicketHistory, TicketMessage
from tests.conftest import AGENTS_CHAT, FixedClock
from tests.followup.support import agent_moves, load, lodge, stored


async def messages_of(sigap: OfflineSigap, ticket_id: int, kind: str) -> list[TicketMessage]:
    async with sigap.sessions() as session:
        query = select(TicketMessage).where(
            TicketMessage.ticket_id == ticket_id, TicketMessage.kind == kind
        )
        return list((await session.execute(query.order_by(TicketMessage.id))).scalars())


async def test_tiket_lists_the_persons_tickets_and_opens_one_with_its_story(
    sigap: OfflineSigap,
) -> None:
    first = await lodge(sigap, 73000001, "Printer lantai 3 macet")
    second = await lodge(sigap, 73000001, "Monitor berkedip terus")
    await lodge(sigap, 73000002, "Tiket orang lain")

    listing = await sigap.say(first.who, "/tiket")
    opened = await sigap.tap(first.who, second.number)

    labels = [b["text"] for b in listing[-1].buttons()]
    assert any(first.number in label for label in labels)
    assert any(second.number in label for label in labels)
    assert len([label for label in labels if "GGN-" in label]) == 2
    detail = opened[-1].text
    assert second.number in detail and "Monitor berkedip terus" in detail
    assert "Baru" in detail and "paling lambat" in detail
    assert any("Batalkan" in b["text"] for b in opened[-1].buttons())


async def test_typed_number_of_someone_elses_ticket_is_not_found(sigap: OfflineSigap) -> None:
    mine = await lodge(sigap, 73000011)
    theirs = await lodge(sigap, 73000012, "Rahasia unit lain")

    sent = await sigap.say(mine.who, f"/tiket {theirs.number}")

    assert "tidak ditemukan" in sent[-1].text
    assert "Rahasia" not in sent[-1].text


async def test_forged_callback_cannot_open_or_withdraw_another_ticket(
    sigap: OfflineSigap,
) -> None:
    mine = await lodge(sigap, 73000021)
    theirs = await lodge(sigap, 73000022, "Rahasia unit lain")
    await sigap.say(mine.who, "/tiket")
    under = sigap.api.last_to(mine.who.user_id)

    peek = await sigap.process(sigap.people.tap(mine.who, under, f"my|open|{theirs.ticket_id}"))
    cancel = await sigap.process(sigap.people.tap(mine.who, under, f"my|wdy|{theirs.ticket_id}"))

    assert all("Rahasia" not in m.text for m in peek)
    assert "tidak ditemukan" in peek[-1].text and "tidak ditemukan" in cancel[-1].text
    assert (await stored(sigap, theirs.ticket_id)).status == TicketStatus.NEW.value


async def test_reply_to_the_info_request_adds_to_the_ticket_resumes_it_and_reaches_agents(
    sigap: OfflineSigap, clock: FixedClock
) -> None:
    lodged = await lodge(sigap, 73000031)
    await agent_moves(sigap, lodged.ticket_id, TicketStatus.IN_PROGRESS, TicketStatus.PENDING)
    async with sigap.runtime.transaction() as session:
        ticket = await load(session, lodged.ticket_id)
        await requester_notices.info_requested(session, ticket, "Nomor seri?", clock(), 1)
    await sigap.deliver()
    question = sigap.api.last_to(lodged.who.user_id)
    agents_notice = sigap.api.to_chat(AGENTS_CHAT)[0]
    clock.advance(minutes=45)

    sent = await sigap.say(
        lodged.who, "Nomor seri SN-123, NIK 3201234567890001", reply_to=question
    )
    await sigap.deliver()

    ticket = await stored(sigap, lodged.ticket_id)
    assert ticket.status == TicketStatus.IN_PROGRESS.value and ticket.paused_since is None
    assert ticket.paused_minutes >= 45
    added = (await messages_of(sigap, lodged.ticket_id, "requester"))[-1]
    assert added.body.startswith("Nomor seri SN-123")
    assert "kembali ditangani" in sent[-1].text
    forwarded = sigap.api.last_to(AGENTS_CHAT)
    assert forwarded.reply_to_message_id == agents_notice.message_id
    assert "SN-123" in forwarded.text and "3201********0001" in forwarded.text


async def test_photo_reply_to_the_ticket_view_is_kept_on_the_ticket(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 73000041)
    await sigap.say(lodged.who, f"/tiket {lodged.number}")
    view = sigap.api.last_to(lodged.who.user_id)

    sent = await sigap.process(
        sigap.people.message(lodged.who, photo="AgAC-bukti", caption="Ini fotonya", reply_to=view)
    )

    added = (await messages_of(sigap, lodged.ticket_id, "requester"))[-1]
    assert added.attachments == [{"kind": "photo", "file_id": "AgAC-bukti"}]
    assert added.body == "Ini fotonya"
    assert lodged.number in sent[-1].text


async def test_reply_to_a_message_not_about_a_ticket_goes_to_the_usual_routing(
    sigap: OfflineSigap,
) -> None:
    lodged = await lodge(sigap, 73000051)
    await sigap.say(lodged.who, "/tiket")
    listing = sigap.api.last_to(lodged.who.user_id)

    sent = await sigap.say(lodged.who, "cara reset password email", reply_to=listing)

    assert len(await messages_of(sigap, lodged.ticket_id, "requester")) == 1  # the intake's
    assert sent and all(lodged.number not in message.text for message in sent)


async def test_add_button_takes_the_next_text_and_the_agents_hear_it(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 73000061)
    await sigap.say(lodged.who, f"/tiket {lodged.number}")
    await sigap.tap(lodged.who, "Tambah informasi")

    sent = await sigap.say(lodged.who, "Sudah saya restart, masih sama")
    await sigap.deliver()

    added = (await messages_of(sigap, lodged.ticket_id, "requester"))[-1]
    assert added.body == "Sudah saya restart, masih sama"
    assert "diteruskan ke petugas" in sent[-1].text
    assert "masih sama" in sigap.api.last_to(AGENTS_CHAT).text


async def test_withdraw_asks_again_then_cancels_and_tells_the_agents(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 73000071)
    await sigap.say(lodged.who, f"/tiket {lodged.number}")

    asked = (await sigap.tap(lodged.who, "Batalkan tiket"))[-1].text
    done = await sigap.tap(lodged.who, "Ya, batalkan")
    await sigap.deliver()

    assert "Yakin" in asked
    assert "sudah dibatalkan" in done[-1].text
    assert (await stored(sigap, lodged.ticket_id)).status == TicketStatus.CANCELLED.value
    assert "membatalkan" in sigap.api.last_to(AGENTS_CHAT).text


async def test_withdraw_is_refused_once_work_has_started(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 73000081)
    await sigap.say(lodged.who, f"/tiket {lodged.number}")
    confirm = sigap.api.last_to(lodged.who.user_id)
    await agent_moves(sigap, lodged.ticket_id, TicketStatus.IN_PROGRESS)

    data = f"my|wdy|{lodged.ticket_id}"
    sent = await sigap.process(sigap.people.tap(lodged.who, confirm, data))

    assert "sudah mulai ditangani" in sent[-1].text
    assert (await stored(sigap, lodged.ticket_id)).status == TicketStatus.IN_PROGRESS.value


async def test_a_message_on_a_closed_ticket_is_kept_and_the_person_told(
    sigap: OfflineSigap,
) -> None:
    lodged = await lodge(sigap, 73000091)
    await sigap.say(lodged.who, f"/tiket {lodged.number}")
    view = sigap.api.last_to(lodged.who.user_id)
    await agent_moves(
        sigap,
        lodged.ticket_id,
        TicketStatus.IN_PROGRESS,
        TicketStatus.RESOLVED,
        TicketStatus.CLOSED,
    )

    sent = await sigap.say(lodged.who, "Masalahnya muncul lagi", reply_to=view)

    assert "sudah ditutup" in sent[-1].text and "/menu" in sent[-1].text
    added = (await messages_of(sigap, lodged.ticket_id, "requester"))[-1]
    assert added.body == "Masalahnya muncul lagi"


async def test_story_shows_agent_replies_but_never_internal_notes(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 73000101)
    async with sigap.runtime.transaction() as session:
        for kind, body in (("agent", "Sudah kami cek"), ("note", "pelapor rewel")):
            session.add(
                TicketMessage(
                    ticket_id=lodged.ticket_id,
                    kind=kind,
                    body=body,
                    attachments=[],
                    created_at=sigap.runtime.now(),
                )
            )
        session.add(
            TicketHistory(
                ticket_id=lodged.ticket_id,
                field="assignee",
                old_value=None,
                new_value="99",
                source="telegram",
                visible_to_requester=False,
                created_at=sigap.runtime.now(),
            )
        )

    sent = await sigap.say(lodged.who, f"/tiket {lodged.number}")

    assert "Sudah kami cek" in sent[-1].text
    assert "rewel" not in sent[-1].text and "diperbarui" not in sent[-1].text


async def test_outbox_rows_for_agents_name_the_ticket(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 73000111)
    await sigap.say(lodged.who, f"/tiket {lodged.number}")
    await sigap.tap(lodged.who, "Tambah informasi")

    await sigap.say(lodged.who, "Tambahan")

    async with sigap.sessions() as session:
        rows = (
            (
                await session.execute(
                    select(OutboxMessage).where(OutboxMessage.chat_id == AGENTS_CHAT)
                )
            )
            .scalars()
            .all()
        )
    assert {row.ticket_id for row in rows} == {lodged.ticket_id}
    assert len(rows) == 2  # the new-ticket notice and the addition
