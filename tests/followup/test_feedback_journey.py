"""The requester's verdict on a solution, the rating and its comment, end to end."""

from __future__ import annotations

from sqlalchemy import select

from bot.harness import OfflineSigap
from desk.types import TicketStatus
from storage.models import TicketHistory
from tests.conftest import AGENTS_CHAT
from tests.followup.support import agent_resolves, lodge, stored


async def test_solved_closes_rates_once_and_keeps_the_comment(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 74000001)
    await agent_resolves(sigap, lodged.ticket_id, "Driver printer dipasang ulang")

    solved = await sigap.tap(lodged.who, "Sudah teratasi")
    await sigap.deliver()
    closure = sigap.api.last_to(lodged.who.user_id)
    closure_text, closure_buttons = closure.text, len(closure.buttons())
    rated = await sigap.tap(lodged.who, "⭐⭐⭐⭐⭐")
    thanks = await sigap.say(lodged.who, "Cepat dan ramah")

    assert "kami tutup" in solved[0].text
    assert "ditutup" in closure_text and closure_buttons == 5
    assert closure.buttons() == []  # the rating buttons are gone once used
    assert any("Ada saran" in m.text for m in rated)
    assert "Terima kasih" in thanks[-1].text
    ticket = await stored(sigap, lodged.ticket_id)
    assert ticket.status == TicketStatus.CLOSED.value
    assert ticket.satisfaction == 5 and ticket.satisfaction_comment == "Cepat dan ramah"
    async with sigap.sessions() as session:
        rows = (
            (
                await session.execute(
                    select(TicketHistory).where(
                        TicketHistory.ticket_id == lodged.ticket_id,
                        TicketHistory.field == "satisfaction",
                    )
                )
            )
            .scalars()
            .all()
        )
    assert [row.new_value for row in rows] == ["5"]
    assert "teratasi" in sigap.api.last_to(AGENTS_CHAT).text


async def test_a_second_rating_is_refused_politely(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 74000002)
    await agent_resolves(sigap, lodged.ticket_id, "Kabel diganti")
    await sigap.tap(lodged.who, "Sudah teratasi")
    await sigap.deliver()
    closure = sigap.api.last_to(lodged.who.user_id)
    first = f"rt|{lodged.ticket_id}|4"
    await sigap.process(sigap.people.tap(lodged.who, closure, first))

    again = await sigap.process(sigap.people.tap(lodged.who, closure, f"rt|{lodged.ticket_id}|1"))

    assert "sudah Anda nilai" in again[-1].text
    assert (await stored(sigap, lodged.ticket_id)).satisfaction == 4


async def test_skipping_the_comment_keeps_the_rating_alone(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 74000003)
    await agent_resolves(sigap, lodged.ticket_id, "Akun dibuka")
    await sigap.tap(lodged.who, "Sudah teratasi")
    await sigap.deliver()
    await sigap.tap(lodged.who, "⭐⭐⭐")

    await sigap.tap(lodged.who, "Lewati")
    after = await sigap.say(lodged.who, "cara reset password email")

    ticket = await stored(sigap, lodged.ticket_id)
    assert ticket.satisfaction == 3 and ticket.satisfaction_comment is None
    assert all("Terima kasih! Masukan" not in m.text for m in after)


async def test_not_solved_reopens_tells_agents_and_takes_what_failed(
    sigap: OfflineSigap,
) -> None:
    lodged = await lodge(sigap, 74000004)
    await agent_resolves(sigap, lodged.ticket_id, "Sudah di-restart")

    sent = await sigap.tap(lodged.who, "Belum teratasi")
    await sigap.say(lodged.who, "Masih tidak bisa cetak warna")
    await sigap.deliver()

    assert any("belum beres" in m.text for m in sent)
    assert any("Apa yang masih belum beres" in m.text for m in sent)
    assert (await stored(sigap, lodged.ticket_id)).status == TicketStatus.IN_PROGRESS.value
    agents = [m.text for m in sigap.api.to_chat(AGENTS_CHAT)]
    assert any("belum" in text and lodged.number in text for text in agents)
    assert "cetak warna" in agents[-1]


async def test_an_old_solved_button_on_a_closed_ticket_gets_a_clear_answer(
    sigap: OfflineSigap,
) -> None:
    lodged = await lodge(sigap, 74000005)
    await agent_resolves(sigap, lodged.ticket_id, "Selesai")
    notice = sigap.with_button(lodged.who.user_id, "Sudah teratasi")
    data = notice.button_data("Sudah teratasi")
    await sigap.process(sigap.people.tap(lodged.who, notice, data))

    again = await sigap.process(sigap.people.tap(lodged.who, notice, data))

    assert "sudah ditutup" in again[-1].text
    assert (await stored(sigap, lodged.ticket_id)).status == TicketStatus.CLOSED.value


async def test_someone_else_cannot_close_or_rate_a_ticket(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 74000006)
    other = await lodge(sigap, 74000007)
    await agent_resolves(sigap, lodged.ticket_id, "Selesai")
    await sigap.say(other.who, "/tiket")
    under = sigap.api.last_to(other.who.user_id)

    close = await sigap.process(sigap.people.tap(other.who, under, f"rs|ok|{lodged.ticket_id}"))
    rate = await sigap.process(sigap.people.tap(other.who, under, f"rt|{lodged.ticket_id}|1"))

    assert "tidak ditemukan" in close[-1].text and "tidak ditemukan" in rate[-1].text
    ticket = await stored(sigap, lodged.ticket_id)
    assert ticket.status == TicketStatus.RESOLVED.value and ticket.satisfaction is None
