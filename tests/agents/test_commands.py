"""Each staff command for the role allowed, and the refusal for anyone else."""

from __future__ import annotations

from bot.harness import OfflineSigap
from desk import tickets
from desk.history import Actor
from desk.types import Role, TicketStatus, TicketType
from tests.agents.support import (
    HENDRA,
    RATNA,
    RINA,
    YOHANES,
    history,
    in_group,
    lodge,
    stored,
)
from tests.conftest import AGENTS_CHAT


async def move(sigap: OfflineSigap, ticket_id: int, *targets: TicketStatus) -> None:
    async with sigap.sessions() as session, session.begin():
        ticket = await tickets.load_ticket(session, (await stored(sigap, ticket_id)).number)
        for target in targets:
            tickets.change_status(
                session,
                sigap.runtime.desk,
                ticket,
                target,
                Actor(None, Role.AGENT),
                sigap.runtime.now(),
            )


async def test_requester_is_refused_every_staff_command(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 74000001)
    sari = lodged.requester

    answers = [
        (await sigap.say(sari, f"/{command} {lodged.number} teks"))[-1].text
        for command in ("take", "reply", "resolve", "queue", "ticket", "canned")
    ]

    assert all("tidak memiliki akses" in text for text in answers)
    assert (await stored(sigap, lodged.ticket_id)).status == "new"


async def test_take_by_number_is_case_insensitive_and_refuses_a_second_taker(
    sigap: OfflineSigap,
) -> None:
    lodged = await lodge(sigap, 74000002)
    yohanes, hendra = sigap.person(YOHANES, "Yohanes"), sigap.person(HENDRA, "Hendra")

    took = await in_group(sigap, yohanes, f"/ambil {lodged.number.lower()}")
    again = await in_group(sigap, hendra, f"/take {lodged.number}")

    assert "kini ditangani Yohanes Marpaung" in took[-1].text
    assert "sudah ditangani Yohanes Marpaung" in again[-1].text
    ticket = await stored(sigap, lodged.ticket_id)
    assert ticket.status == "assigned"


async def test_assign_by_telegram_id_and_only_managers_take_a_ticket_away(
    sigap: OfflineSigap,
) -> None:
    lodged = await lodge(sigap, 74000003)
    yohanes, hendra = sigap.person(YOHANES, "Yohanes"), sigap.person(HENDRA, "Hendra")
    await in_group(sigap, hendra, f"/take {lodged.number}")

    refused = await in_group(sigap, yohanes, f"/assign {lodged.number} {YOHANES}")
    moved = await in_group(sigap, hendra, f"/tugaskan {lodged.number} {YOHANES}")
    await sigap.deliver()

    assert "di luar layanan" in refused[-1].text
    assert "ditugaskan kepada Yohanes Marpaung" in moved[-1].text
    ticket = await stored(sigap, lodged.ticket_id)
    assert ticket.assignee_id is not None
    [_, handed] = await history(sigap, lodged.ticket_id, "assignee")
    assert handed.new_value == str(ticket.assignee_id)
    assert "ditugaskan kepada Anda" in sigap.api.last_to(YOHANES).text


async def test_assign_refuses_an_agent_who_does_not_serve_the_service(
    sigap: OfflineSigap,
) -> None:
    lodged = await lodge(sigap, 74000004)
    hendra = sigap.person(HENDRA, "Hendra")

    sent = await in_group(sigap, hendra, f"/assign {lodged.number} {RINA}")

    assert "tidak melayani layanan" in sent[-1].text
    assert (await stored(sigap, lodged.ticket_id)).assignee_id is None


async def test_reply_command_reaches_the_requester(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 74000005)
    yohanes = sigap.person(YOHANES, "Yohanes")

    await sigap.say(yohanes, f"/balas {lodged.number} Mohon restart laptop dulu")
    await sigap.deliver()

    assert "Mohon restart laptop dulu" in sigap.api.last_to(lodged.requester.user_id).text
    assert (await stored(sigap, lodged.ticket_id)).first_response_at is not None


async def test_close_and_reopen_follow_the_lifecycle(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 74000006)
    yohanes, hendra = sigap.person(YOHANES, "Yohanes"), sigap.person(HENDRA, "Hendra")
    early = await in_group(sigap, yohanes, f"/close {lodged.number}")
    await move(sigap, lodged.ticket_id, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED)

    closed = await in_group(sigap, yohanes, f"/tutup {lodged.number}")
    await sigap.deliver()
    rating = sigap.api.last_to(lodged.requester.user_id)
    agent_reopen = await in_group(sigap, yohanes, f"/reopen {lodged.number}")
    manager_reopen = await in_group(sigap, hendra, f"/bukakembali {lodged.number}")

    assert "tidak bisa langsung" in early[-1].text
    assert "ditutup" in closed[-1].text
    assert rating.button_data("⭐⭐⭐⭐⭐") == f"rt|{lodged.ticket_id}|5"
    assert "Peran Anda tidak dapat" in agent_reopen[-1].text
    assert "dibuka kembali" in manager_reopen[-1].text
    assert (await stored(sigap, lodged.ticket_id)).status == "in_progress"


async def test_priority_is_a_coordinators_call_with_a_reason(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 74000007)
    yohanes, hendra = sigap.person(YOHANES, "Yohanes"), sigap.person(HENDRA, "Hendra")
    before = await stored(sigap, lodged.ticket_id)

    refused = await in_group(sigap, yohanes, f"/priority {lodged.number} kritis server mati")
    no_reason = await in_group(sigap, hendra, f"/priority {lodged.number} kritis")
    done = await in_group(sigap, hendra, f"/prioritas {lodged.number} kritis satu gedung putus")

    assert "tidak memiliki akses" in refused[-1].text
    assert "Cara pakai" in no_reason[-1].text
    assert "Kritis" in done[-1].text
    after = await stored(sigap, lodged.ticket_id)
    assert after.priority == "critical"
    assert after.resolution_due_at is not None and before.resolution_due_at is not None
    assert after.resolution_due_at < before.resolution_due_at
    [change] = await history(sigap, lodged.ticket_id, "priority")
    assert change.new_value == "critical (satu gedung putus)"
    await sigap.deliver()
    told = sigap.api.last_to(lodged.requester.user_id).text
    assert "kini <b>Kritis</b>" in told and "paling lambat" in told


async def test_link_incident_to_problem(sigap: OfflineSigap) -> None:
    incident = await lodge(sigap, 74000008)
    problem = await lodge(sigap, 74000009, ticket_type=TicketType.PROBLEM)
    yohanes = sigap.person(YOHANES, "Yohanes")

    wrong_way = await in_group(sigap, yohanes, f"/link {problem.number} {incident.number}")
    linked = await in_group(sigap, yohanes, f"/tautkan {incident.number} {problem.number}")

    assert "bukan gangguan" in wrong_way[-1].text
    assert problem.number in linked[-1].text
    assert (await stored(sigap, incident.ticket_id)).parent_id == problem.ticket_id


async def test_merge_cancels_the_duplicate_and_tells_its_requester(sigap: OfflineSigap) -> None:
    original = await lodge(sigap, 74000010)
    duplicate = await lodge(sigap, 74000011)
    yohanes = sigap.person(YOHANES, "Yohanes")

    merged = await in_group(sigap, yohanes, f"/merge {duplicate.number} {original.number}")
    await sigap.deliver()

    assert "digabung" in merged[-1].text
    ticket = await stored(sigap, duplicate.ticket_id)
    assert ticket.status == "cancelled" and ticket.duplicate_of_id == original.ticket_id
    assert original.number in sigap.api.last_to(duplicate.requester.user_id).text


async def test_ticket_details_show_history_and_notes(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 74000012)
    yohanes = sigap.person(YOHANES, "Yohanes")
    await in_group(sigap, yohanes, f"/take {lodged.number}")
    await in_group(sigap, yohanes, f"/note {lodged.number} cek log radius")

    sent = await in_group(sigap, yohanes, f"/detail {lodged.number}")

    card = sent[-1].text
    assert lodged.number in card and "Yohanes Marpaung" in card
    assert "status new → assigned" in card and "cek log radius" in card


async def test_ticket_unknown_number_is_explained(sigap: OfflineSigap) -> None:
    yohanes = sigap.person(YOHANES, "Yohanes")

    sent = await in_group(sigap, yohanes, "/ticket GGN-2026-999999")

    assert "GGN-2026-999999 tidak ditemukan" in sent[-1].text


async def test_canned_lists_and_sends_a_filled_reply(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 74000013)
    yohanes = sigap.person(YOHANES, "Yohanes")

    listed = await in_group(sigap, yohanes, "/canned")
    sent = await in_group(sigap, yohanes, f"/templat salam {lodged.number}")
    unknown = await in_group(sigap, yohanes, f"/canned tidak-ada {lodged.number}")
    await sigap.deliver()

    assert "reset-sandi" in listed[-1].text
    assert "dikirim ke pelapor" in sent[-1].text
    assert "tidak-ada" in unknown[-1].text
    text = sigap.api.last_to(lodged.requester.user_id).text
    assert "Halo Sari Dewi, terima kasih" in text and lodged.number in text


async def test_change_approval_is_decided_once_by_a_coordinator(sigap: OfflineSigap) -> None:
    change = await lodge(sigap, 74000014, ticket_type=TicketType.CHANGE)
    yohanes, hendra = sigap.person(YOHANES, "Yohanes"), sigap.person(HENDRA, "Hendra")

    refused = await in_group(sigap, yohanes, f"/approve {change.number}")
    approved = await in_group(sigap, hendra, f"/setujui {change.number}")
    twice = await in_group(sigap, hendra, f"/reject {change.number} biaya terlalu besar")
    await sigap.deliver()

    assert "tidak memiliki akses" in refused[-1].text
    assert "disetujui" in approved[-1].text
    assert "sudah diputuskan" in twice[-1].text
    ticket = await stored(sigap, change.ticket_id)
    assert ticket.status == "in_progress" and ticket.details["approval"]["decision"] == "approved"
    [decision] = await history(sigap, change.ticket_id, "approval")
    assert decision.new_value == "approved"
    assert "disetujui" in sigap.api.last_to(change.requester.user_id).text


async def test_rejected_change_is_cancelled_with_the_reason(sigap: OfflineSigap) -> None:
    change = await lodge(sigap, 74000015, ticket_type=TicketType.CHANGE)
    hendra = sigap.person(HENDRA, "Hendra")

    await in_group(sigap, hendra, f"/tolak {change.number} belum ada anggaran")
    await sigap.deliver()

    ticket = await stored(sigap, change.ticket_id)
    assert ticket.status == "cancelled" and ticket.resolution == "belum ada anggaran"
    assert "belum ada anggaran" in sigap.api.last_to(change.requester.user_id).text


async def test_approve_refuses_a_ticket_that_is_not_a_change(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 74000016)
    hendra = sigap.person(HENDRA, "Hendra")

    sent = await in_group(sigap, hendra, f"/approve {lodged.number}")

    assert "bukan usulan perubahan" in sent[-1].text


async def test_coordinator_is_scoped_to_their_services(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 74000017)  # jaringan-vpn: Hendra's, not Ratna's
    ratna = sigap.person(RATNA, "Ratna")

    sent = await in_group(sigap, ratna, f"/priority {lodged.number} tinggi mendesak")

    assert "di luar layanan" in sent[-1].text
    assert (await stored(sigap, lodged.ticket_id)).priority == "low"


async def test_queue_views(sigap: OfflineSigap) -> None:
    mine = await lodge(sigap, 74000018)
    waiting = await lodge(sigap, 74000019)
    elsewhere = await lodge(sigap, 74000020, service="email-dinas")
    yohanes = sigap.person(YOHANES, "Yohanes")
    await in_group(sigap, yohanes, f"/take {mine.number}")

    everything = (await in_group(sigap, yohanes, "/queue"))[-1].text
    own = (await in_group(sigap, yohanes, "/antrian saya"))[-1].text
    unassigned = (await in_group(sigap, yohanes, "/queue unassigned"))[-1].text
    by_service = (await in_group(sigap, yohanes, "/queue svc jaringan-vpn"))[-1].text
    due = (await in_group(sigap, yohanes, "/queue due"))[-1].text
    foreign = (await in_group(sigap, yohanes, "/queue svc email-dinas"))[-1].text

    assert mine.number in everything and waiting.number in everything
    assert elsewhere.number not in everything
    assert mine.number in own and waiting.number not in own
    assert waiting.number in unassigned and mine.number not in unassigned
    assert mine.number in by_service and waiting.number in by_service
    assert due.index(mine.number) < due.index(waiting.number)
    assert "tidak memiliki akses" in foreign


async def test_help_in_the_group_lists_commands_by_role(sigap: OfflineSigap) -> None:
    yohanes, hendra = sigap.person(YOHANES, "Yohanes"), sigap.person(HENDRA, "Hendra")

    agent_help = (await in_group(sigap, yohanes, "/help"))[-1].text
    coordinator_help = (await in_group(sigap, hendra, "/bantuan"))[-1].text
    private_help = (await sigap.say(yohanes, "/staffhelp"))[-1].text

    assert "/take" in agent_help and "/pending" in agent_help and "/approve" not in agent_help
    assert "/approve" in coordinator_help and "/grant" not in coordinator_help
    assert private_help == agent_help
    assert sigap.api.last_to(AGENTS_CHAT).text == coordinator_help
