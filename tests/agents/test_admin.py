"""Admins grant and revoke staff roles; command menus follow the role."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from bot.harness import OfflineSigap
from desk import people, staff
from handlers.admin import set_all_menus
from storage.models import Person
from tests.agents.support import RINA, YOHANES, lodge
from tests.conftest import ADMIN_ID, AGENTS_CHAT


async def person_row(sigap: OfflineSigap, telegram_id: int) -> Person:
    async with sigap.sessions() as session:
        found = await people.find_person(session, telegram_id)
        assert found is not None
        return found


async def served(sigap: OfflineSigap, telegram_id: int) -> list[str]:
    async with sigap.sessions() as session:
        person = await people.find_person(session, telegram_id)
        assert person is not None
        return await staff.served_codes(session, person.id)


def menu_calls(sigap: OfflineSigap, chat_id: int) -> list[tuple[str, dict[str, Any]]]:
    calls = []
    for call in sigap.api.calls:
        scope = call.params.get("scope")
        if call.method in {"setMyCommands", "deleteMyCommands"} and scope:
            if isinstance(scope, str):
                scope = json.loads(scope)
            if scope.get("chat_id") == chat_id:
                calls.append((call.method, call.params))
    return calls


def command_names(params: dict[str, Any]) -> list[str]:
    commands = params["commands"]
    if isinstance(commands, str):
        commands = json.loads(commands)
    return [str(command["command"]) for command in commands]


async def test_admin_grants_an_agent_role_with_services_and_menu(sigap: OfflineSigap) -> None:
    admin = sigap.person(ADMIN_ID, "Admin")
    budi = sigap.person(75000001, "Budi")
    budi.username = "budi_tik"
    await sigap.say(budi, "/start")

    sent = await sigap.say(admin, "/grant @Budi_TIK agen jaringan-vpn,wifi-kantor")
    await sigap.deliver()

    assert "kini agen" in sent[-1].text and "jaringan-vpn, wifi-kantor" in sent[-1].text
    assert (await person_row(sigap, 75000001)).role == "agent"
    assert await served(sigap, 75000001) == ["jaringan-vpn", "wifi-kantor"]
    [(method, params)] = menu_calls(sigap, 75000001)
    assert method == "setMyCommands"
    assert "take" in command_names(params) and "approve" not in command_names(params)
    assert "terdaftar sebagai agen" in sigap.api.last_to(75000001).text


async def test_granted_agent_can_then_work_their_service(sigap: OfflineSigap) -> None:
    admin = sigap.person(ADMIN_ID, "Admin")
    await sigap.say(admin, "/grant 75000002 agent jaringan-vpn")
    lodged = await lodge(sigap, 75000003)
    fresh = sigap.person(75000002, "Dewi")

    sent = await sigap.say(fresh, f"/take {lodged.number}", chat_id=AGENTS_CHAT)

    assert lodged.number in sent[-1].text and "ditangani" in sent[-1].text


async def test_grant_coordinator_gets_the_coordinator_menu(sigap: OfflineSigap) -> None:
    admin = sigap.person(ADMIN_ID, "Admin")

    await sigap.say(admin, f"/beriperan {RINA} koordinator")

    assert (await person_row(sigap, RINA)).role == "coordinator"
    [(_, params)] = menu_calls(sigap, RINA)
    assert "approve" in command_names(params) and "grant" not in command_names(params)


async def test_revoke_returns_the_person_to_requester(sigap: OfflineSigap) -> None:
    admin = sigap.person(ADMIN_ID, "Admin")

    sent = await sigap.say(admin, f"/revoke {YOHANES}")

    assert "dicabut" in sent[-1].text
    assert (await person_row(sigap, YOHANES)).role == "requester"
    assert await served(sigap, YOHANES) == []
    assert [method for method, _ in menu_calls(sigap, YOHANES)] == ["deleteMyCommands"]


async def test_only_admins_grant_and_revoke(sigap: OfflineSigap) -> None:
    yohanes = sigap.person(YOHANES, "Yohanes")

    granted = await sigap.say(yohanes, f"/grant {RINA} coordinator")
    revoked = await sigap.say(yohanes, f"/revoke {RINA}")

    assert "tidak memiliki akses" in granted[-1].text
    assert "tidak memiliki akses" in revoked[-1].text
    assert (await person_row(sigap, RINA)).role == "agent"


async def test_admin_role_and_bad_input_are_refused(sigap: OfflineSigap) -> None:
    admin = sigap.person(ADMIN_ID, "Admin")
    await sigap.say(admin, "/start")

    self_demote = await sigap.say(admin, f"/revoke {ADMIN_ID}")
    bad_role = await sigap.say(admin, f"/grant {RINA} raja")
    bad_service = await sigap.say(admin, f"/grant {RINA} agent tidak-ada")
    unknown = await sigap.say(admin, "/grant @tidak_dikenal agent")

    assert "konfigurasi" in self_demote[-1].text
    assert "Cara pakai" in bad_role[-1].text
    assert "tidak-ada" in bad_service[-1].text
    assert "belum pernah menghubungi" in unknown[-1].text


async def test_start_up_sets_a_menu_for_every_staff_member(sigap: OfflineSigap) -> None:
    count = await set_all_menus(sigap.app.bot, sigap.runtime)

    async with sigap.sessions() as session:
        staff_ids = list(
            (
                await session.execute(
                    select(Person.telegram_id).where(
                        Person.role.in_(["agent", "coordinator", "admin"])
                    )
                )
            ).scalars()
        )
    assert count == len(staff_ids) == 9
    assert all(menu_calls(sigap, telegram_id) for telegram_id in staff_ids)
    assert menu_calls(sigap, AGENTS_CHAT)
