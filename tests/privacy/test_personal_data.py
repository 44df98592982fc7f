"""Export and erasure of a person's data, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desk.config import DeskConfig
from desk.errors import NotAllowed
from desk.people import find_person, meet
from desk.personal_data import (
    ERASED,
    anonymise_person,
    export_bytes,
    export_person,
)
from storage.db import SessionFactory
from storage.models import (
    ChatState,
    OutboxMessage,
    Person,
    SearchLog,
    Ticket,
    TicketHistory,
    TicketMessage,
)
from tests.conftest import FixedClock
from tests.privacy.scenario import NIK, lived


async def test_export_holds_the_persons_data_and_nobody_elses(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        story = await lived(session, desk_config, clock())

    async with sessions() as session:
        sari = await session.get(Person, story.sari.id)
        assert sari is not None
        data = json.loads(export_bytes(await export_person(session, sari, clock())))

    text = json.dumps(data, ensure_ascii=False)
    assert data["profile"]["full_name"] == "Sari Wulandari"
    assert [t["number"] for t in data["tickets"]] == [story.closed.number, story.open.number]
    closed = data["tickets"][0]
    assert closed["assignee"] == "Budi"
    assert [m["from"] for m in closed["messages"]] == ["you", "Budi", "you"]
    assert "Catatan internal" not in text  # notes are the provider's, not hers
    assert {h["field"] for h in closed["history"]} >= {"status", "satisfaction"}
    assert data["ratings"] == [
        {"ticket": story.closed.number, "score": 4, "comment": "Cepat, makasih Pak"}
    ]
    assert data["tickets"][1]["details"] == {"reason": "Saya menunggu dua jam"}
    assert data["questions"][0]["text"] == "cara reset password vpn"
    assert "Santoso" not in text and "Dewi" not in text and "Email Dewi" not in text


async def test_erasure_removes_identity_and_words_but_keeps_statistics(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        story = await lived(session, desk_config, clock())
    old_telegram_id = story.sari.telegram_id

    async with sessions() as session, session.begin():
        sari = await session.get(Person, story.sari.id)
        assert sari is not None
        count = await anonymise_person(session, sari, clock.advance(days=1))

    assert count == 2
    async with sessions() as session:
        sari = await session.get(Person, story.sari.id)
        assert sari is not None
        assert sari.full_name == f"Pengguna terhapus #{sari.id}"
        assert sari.telegram_id < 0 and sari.username is None and sari.work_unit is None
        assert sari.consent_at is None and sari.anonymised_at == clock()
        assert await find_person(session, old_telegram_id) is None

        closed = await session.get(Ticket, story.closed.id)
        assert closed is not None
        assert closed.description == ERASED and closed.title == ERASED
        assert closed.satisfaction == 4 and closed.satisfaction_comment == ERASED
        assert closed.priority == story.closed.priority
        assert closed.closed_at is not None and closed.resolution_due_at is not None
        assert NIK not in (closed.resolution or "") and "3201********0001" in (
            closed.resolution or ""
        )
        complaint = await session.get(Ticket, story.open.id)
        assert complaint is not None and complaint.details == {"change_kind": "none"}

        messages = (await session.execute(select(TicketMessage))).scalars().all()
        mine = [m for m in messages if m.ticket_id in {story.closed.id, story.open.id}]
        assert all(m.body in {ERASED, ""} and m.attachments == [] for m in mine)
        assert all(m.telegram_chat_id != old_telegram_id for m in messages)
        comments = await session.execute(
            select(TicketHistory.new_value).where(TicketHistory.field == "satisfaction_comment")
        )
        assert comments.scalars().all() == [ERASED]

        [question] = (await session.execute(select(SearchLog))).scalars().all()
        assert question.text == "" and question.outcome == "answered" and question.helpful
        assert await session.get(ChatState, old_telegram_id) is None
        notices = (await session.execute(select(OutboxMessage))).scalars().all()
        assert all(n.chat_id != old_telegram_id and "Sari" not in n.text for n in notices)
        assert {n.status for n in notices if n.chat_id == sari.telegram_id} == {"cancelled"}


async def test_erasure_leaves_other_people_alone(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        story = await lived(session, desk_config, clock())

    async with sessions() as session, session.begin():
        sari = await session.get(Person, story.sari.id)
        assert sari is not None
        await anonymise_person(session, sari, clock())

    async with sessions() as session:
        dewi = await session.get(Person, story.dewi.id)
        others = await session.get(Ticket, story.others.id)
        assert dewi is not None and dewi.full_name == "Dewi Lestari" and dewi.anonymised_at is None
        assert others is not None and others.description == "Email Dewi penuh"
        assert others.redacted_at is None


async def test_an_erased_person_coming_back_starts_afresh(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        story = await lived(session, desk_config, clock())
        telegram_id = story.sari.telegram_id
        await anonymise_person(session, story.sari, clock())

    async with sessions() as session, session.begin():
        again = await meet(
            session,
            telegram_id,
            display_name="Sari",
            username="sariw",
            language="id",
            admin_ids=(),
            now=clock(),
        )

    assert again.id != story.sari.id and again.consent_at is None and again.full_name == ""


async def test_staff_cannot_erase_themselves_by_chat(
    sessions: SessionFactory, desk_config: DeskConfig, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        story = await lived(session, desk_config, clock())

    async with sessions() as session, session.begin():
        with pytest.raises(NotAllowed):
            await anonymise_person(session, story.agent, clock())
        assert story.agent.full_name == "Budi Santoso"
