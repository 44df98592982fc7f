"""/datasaya and /hapusdata through the real application and database."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select
from telegram.request import RequestData

from bot.harness import OfflineSigap
from desk.personal_data import ERASED
from storage.models import Person, Ticket
from tests.handlers.test_intake import reach_summary, registered

AGENT_ID = 9100000001  # an agent in seed/people.yaml


@pytest.fixture
def uploads(sigap: OfflineSigap, monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The files the bot uploads: the offline API records only the other parameters."""
    files: list[bytes] = []
    original = sigap.api.do_request

    async def recording(
        url: str, method: str, request_data: RequestData | None = None, **kwargs: Any
    ) -> tuple[int, bytes]:
        for _name, content, _mime in (
            request_data.multipart_data if request_data else {}
        ).values():
            assert isinstance(content, bytes)
            files.append(content)
        return await original(url, method, request_data, **kwargs)

    monkeypatch.setattr(sigap.api, "do_request", recording)
    return files


async def person_row(sigap: OfflineSigap, person_id: int) -> Person:
    async with sigap.sessions() as session:
        found = await session.get(Person, person_id)
        assert found is not None
        return found


async def own_id(sigap: OfflineSigap, telegram_id: int) -> int:
    async with sigap.sessions() as session:
        query = select(Person.id).where(Person.telegram_id == telegram_id)
        return int((await session.execute(query)).scalar_one())


async def test_my_data_arrives_as_a_json_file_with_only_my_tickets(
    sigap: OfflineSigap, uploads: list[bytes]
) -> None:
    sari = await registered(sigap, 72100001, "Sari")
    await reach_summary(sigap, sari)
    await sigap.tap(sari, "Kirim")
    dewi = await registered(sigap, 72100002, "Dewi")
    await reach_summary(sigap, dewi)
    await sigap.tap(dewi, "Kirim")

    sent = await sigap.say(sari, "/datasaya")

    assert sent[-1].kind == "document" and "data pribadi Anda" in sent[-1].text
    [upload] = uploads
    data = json.loads(upload)
    assert data["profile"]["full_name"] == "Sari" and data["profile"]["work_unit"] == "Biro Umum"
    assert [t["number"] for t in data["tickets"]] == ["GGN-2026-000001"]
    assert "3201234567890001" in data["tickets"][0]["description"]  # her own words, whole
    assert "Dewi" not in upload.decode()


async def test_erasure_needs_a_confirming_tap_and_then_anonymises(sigap: OfflineSigap) -> None:
    sari = await registered(sigap, 72100003, "Sari")
    await reach_summary(sigap, sari)
    await sigap.tap(sari, "Kirim")
    person_id = await own_id(sigap, sari.user_id)

    await sigap.say(sari, "/hapusdata")
    kept = await sigap.tap(sari, "Batal")
    assert "tidak dihapus" in kept[-1].text
    assert (await person_row(sigap, person_id)).full_name == "Sari"

    warning = await sigap.say(sari, "/hapusdata")
    assert "tidak bisa dibatalkan" in warning[-1].text
    done = await sigap.tap(sari, "Ya, hapus")

    assert "sudah dihapus" in done[-1].text and "1 tiket" in done[-1].text
    erased = await person_row(sigap, person_id)
    assert erased.full_name == f"Pengguna terhapus #{person_id}" and erased.telegram_id < 0
    async with sigap.sessions() as session:
        [ticket] = (await session.execute(select(Ticket))).scalars().all()
    assert ticket.description == ERASED and ticket.requester_id == person_id


async def test_an_old_erase_button_erases_nobody_new(sigap: OfflineSigap) -> None:
    sari = await registered(sigap, 72100004, "Sari")
    await sigap.say(sari, "/hapusdata")
    button = sigap.with_button(sari.user_id, "Ya, hapus")
    data = button.button_data("Ya, hapus")
    await sigap.process(sigap.people.tap(sari, button, data))
    fresh = await registered(sigap, 72100004, "Sari Baru")

    again = await sigap.process(sigap.people.tap(fresh, button, data))

    assert "tidak berlaku" in again[-1].text
    assert (await person_row(sigap, await own_id(sigap, fresh.user_id))).full_name == "Sari Baru"


async def test_staff_are_told_to_ask_the_admin(sigap: OfflineSigap) -> None:
    agent = sigap.person(AGENT_ID, "Budi")

    sent = await sigap.say(agent, "/hapusdata")

    assert "hubungi admin" in sent[-1].text
    assert not any(b for message in sent for b in message.buttons())
