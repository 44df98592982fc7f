"""Every command and every button, tried by people who must not reach someone else's ticket.

The commands and button prefixes are read from the running application, so a journey added
later is covered without touching this file. For each, a requester (and an agent of another
service) aims it at Sari's ticket with guessed numbers and forged callback data; afterwards
nothing about Sari's ticket or anyone's role has changed, and her words never reach them.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import func, select
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.harness import OfflineSigap
from bot.offline import Person, SentMessage
from storage.models import OutboxMessage, Ticket, TicketHistory, TicketMessage
from storage.models import Person as PersonRow
from tests.conftest import FixedClock
from tests.handlers.test_intake import registered

SECRET = "RAHASIA-SARI-7731"
VERBS = (
    "take",
    "assign",
    "open",
    "ok",
    "no",
    "view",
    "show",
    "withdraw",
    "add",
    "yes",
    "confirm",
    "edit",
    "publish",
    "retire",
    "follow",
    "send",
    "close",
    "reopen",
    "skip",
    "list",
    "0",
    "1",
    "5",
)
# In seed/people.yaml this agent serves ahu-online, paspor-online and pengaduan-publik.
AGENT_OF_OTHER_SERVICES = 9100000005


def commands(sigap: OfflineSigap) -> list[str]:
    names: set[str] = set()
    for group in sigap.app.handlers.values():
        for handler in group:
            if isinstance(handler, CommandHandler):
                names |= set(handler.commands)
    return sorted(names)


def button_prefixes(sigap: OfflineSigap) -> list[str]:
    prefixes: set[str] = set()
    for group in sigap.app.handlers.values():
        for handler in group:
            if isinstance(handler, CallbackQueryHandler) and handler.pattern is not None:
                source = getattr(handler.pattern, "pattern", str(handler.pattern))
                found = re.match(r"\^([a-z_]+)", str(source))
                if found:
                    prefixes.add(found[1])
    return sorted(prefixes)


async def file_secret_ticket(sigap: OfflineSigap) -> Ticket:
    sari = await registered(sigap, 75000001, "Sari")
    await sigap.tap(sari, "Lapor gangguan")
    await sigap.say(sari, "vpn")
    await sigap.tap(sari, "Jaringan dan VPN")
    await sigap.say(sari, f"Laptop saya hilang, kode inventaris {SECRET}")
    await sigap.tap(sari, "terhenti")
    await sigap.tap(sari, "Hanya saya")
    await sigap.tap(sari, "Kirim")
    await sigap.deliver()
    async with sigap.sessions() as session:
        return (await session.execute(select(Ticket))).scalar_one()


async def snapshot(sigap: OfflineSigap, ticket_id: int, outsider: int) -> dict[str, Any]:
    """What an outsider must not be able to change."""
    async with sigap.sessions() as session:
        ticket = await session.get(Ticket, ticket_id)
        assert ticket is not None
        roles = (
            await session.execute(
                select(PersonRow.telegram_id, PersonRow.role, PersonRow.full_name).order_by(
                    PersonRow.telegram_id
                )
            )
        ).all()
        history = (
            await session.execute(
                select(func.count())
                .select_from(TicketHistory)
                .where(TicketHistory.ticket_id == ticket_id)
            )
        ).scalar()
        messages = (
            await session.execute(
                select(func.count())
                .select_from(TicketMessage)
                .where(TicketMessage.ticket_id == ticket_id, TicketMessage.kind != "system")
            )
        ).scalar()
        notices = (
            await session.execute(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.chat_id != outsider)
            )
        ).scalar()
        return {
            "ticket": (
                ticket.status,
                ticket.priority,
                ticket.assignee_id,
                ticket.parent_id,
                ticket.duplicate_of_id,
                ticket.satisfaction,
                ticket.description,
                ticket.resolution,
                ticket.service_id,
            ),
            "roles": [tuple(row) for row in roles],
            "history": history,
            "messages": messages,
            "notices": notices,
        }


def leaked(sigap: OfflineSigap, chat_id: int) -> list[str]:
    return [m.text for m in sigap.api.to_chat(chat_id) if SECRET in m.text]


def forged_data(prefix: str, ticket_id: int) -> list[str]:
    data = [f"{prefix}|{ticket_id}", f"{prefix}|{ticket_id}|5", f"{prefix}|{ticket_id}|1"]
    data += [f"{prefix}|{verb}|{ticket_id}" for verb in VERBS]
    return [item for item in data if len(item.encode()) <= 64]


async def try_everything(
    sigap: OfflineSigap, clock: FixedClock, outsider: Person, ticket: Ticket
) -> int:
    """Aim every command and button at the ticket; how many attempts got no answer at all."""
    silent = 0
    for command in commands(sigap):
        for argument in (ticket.number, ticket.number.lower(), str(ticket.id)):
            clock.advance(seconds=2)  # a patient attacker: the flood gate is not what stops it
            answered = await sigap.say(outsider, f"/{command} {argument} coba-coba")
            silent += not answered
            clock.advance(seconds=2)
            await sigap.say(outsider, "/batal")
    bait = SentMessage(
        chat_id=outsider.user_id,
        message_id=999_999,
        text="Tiket",
        reply_markup={"inline_keyboard": []},
    )
    for prefix in button_prefixes(sigap):
        for data in forged_data(prefix, ticket.id):
            clock.advance(seconds=2)
            before = len(sigap.api.calls)
            await sigap.process(sigap.people.tap(outsider, bait, data))
            silent += not any(c.method == "answerCallbackQuery" for c in sigap.api.calls[before:])
    await sigap.deliver()
    return silent


@pytest.mark.parametrize("who", ["requester", "agent_of_another_service"])
async def test_no_command_or_button_reaches_another_persons_ticket(
    sigap: OfflineSigap, clock: FixedClock, who: str
) -> None:
    ticket = await file_secret_ticket(sigap)
    if who == "requester":
        outsider = await registered(sigap, 75000002, "Mallory")
    else:
        outsider = await agent_elsewhere(sigap)
    before = await snapshot(sigap, ticket.id, outsider.user_id)
    sigap.transcript.clear()

    silent = await try_everything(sigap, clock, outsider, ticket)

    assert silent == 0
    assert await snapshot(sigap, ticket.id, outsider.user_id) == before
    assert leaked(sigap, outsider.user_id) == []


async def test_group_commands_from_a_requester_change_nothing(
    sigap: OfflineSigap, clock: FixedClock
) -> None:
    ticket = await file_secret_ticket(sigap)
    mallory = await registered(sigap, 75000003, "Mallory")
    before = await snapshot(sigap, ticket.id, mallory.user_id)
    group = sigap.settings.agents_chat_id
    assert group is not None

    for command in commands(sigap):
        clock.advance(seconds=2)
        await sigap.say(mallory, f"/{command} {ticket.number} coba", chat_id=group)
    notice = next(m for m in sigap.api.to_chat(group) if ticket.number in m.text)
    await sigap.say(mallory, "Ini balasan palsu ke pelapor", chat_id=group, reply_to=notice)
    for data in forged_data("ag", ticket.id):
        clock.advance(seconds=2)
        await sigap.process(sigap.people.tap(mallory, notice, data))
    await sigap.deliver()

    after = await snapshot(sigap, ticket.id, mallory.user_id)
    assert after["ticket"] == before["ticket"] and after["roles"] == before["roles"]
    assert after["history"] == before["history"] and after["messages"] == before["messages"]
    assert not [m for m in sigap.api.to_chat(75000001) if "balasan palsu" in m.text]


async def agent_elsewhere(sigap: OfflineSigap) -> Person:
    """An agent from the seed who serves AHU, passports and public complaints, not VPN."""
    return sigap.person(AGENT_OF_OTHER_SERVICES, "Agen")
