"""Entries written in the bot, drafts from tickets, review dates: on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from desk.config import DeskConfig
from desk.privacy import mask_identifiers
from desk.tickets import open_ticket
from faq import upkeep
from faq.upkeep import UpkeepError
from storage.db import SessionFactory
from storage.models import FaqEntry, Ticket, TicketMessage
from tests.conftest import FixedClock
from tests.factories import draft, make_person

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 12, 7), date(2027, 6, 7)),
        (date(2026, 8, 31), date(2027, 2, 28)),
        (date(2027, 8, 31), date(2028, 2, 29)),
        (date(2026, 6, 30), date(2026, 12, 30)),
    ],
)
def test_review_date_is_six_months_later_clamped_to_the_month(today: date, expected: date) -> None:
    assert upkeep.review_date(today) == expected


async def test_new_entry_is_a_draft_with_owner_review_date_and_readable_unique_key(
    sessions: SessionFactory, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        first = await upkeep.create_entry(
            session,
            question="  Bagaimana cara cetak ulang SK?  ",
            answer="Ajukan lewat SIMPEG.",
            alternatives=["cetak sk lagi", " ", "sk hilang"],
            owner="Hendra",
            now=clock(),
            today=TODAY,
        )
        second = await upkeep.create_entry(
            session,
            question="Bagaimana cara cetak ulang SK?!",
            answer="Sama: lewat SIMPEG.",
            owner="Hendra",
            now=clock(),
            today=TODAY,
        )

    assert first.status == "draft" and first.owner == "Hendra"
    assert first.question == "Bagaimana cara cetak ulang SK?"
    assert first.alternatives == ["cetak sk lagi", "sk hilang"]
    assert first.review_by == date(2027, 6, 7)
    assert first.key == "bagaimana-cara-cetak-ulang-sk"
    assert second.key == "bagaimana-cara-cetak-ulang-sk-2"


async def test_empty_or_oversized_text_is_refused(
    sessions: SessionFactory, clock: FixedClock
) -> None:
    async with sessions() as session:
        with pytest.raises(UpkeepError) as empty:
            await upkeep.create_entry(
                session, question=" ", answer="x", owner="", now=clock(), today=TODAY
            )
        with pytest.raises(UpkeepError) as long:
            await upkeep.create_entry(
                session, question="q", answer="x" * 4000, owner="", now=clock(), today=TODAY
            )

    assert empty.value.text_key == "kb.error.empty"
    assert long.value.text_key == "kb.error.too_long"


async def test_publish_restarts_an_expired_review_and_retire_keeps_the_entry(
    sessions: SessionFactory, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        entry = await upkeep.create_entry(
            session, question="Q satu", answer="A", owner="o", now=clock(), today=TODAY
        )
        entry.review_by = date(2026, 1, 1)
        later = clock.advance(days=1)

        upkeep.publish(entry, later, date(2026, 12, 8))
        published_review = entry.review_by
        with pytest.raises(UpkeepError):
            upkeep.publish(entry, later, date(2026, 12, 8))
        upkeep.retire(entry, later)

    assert published_review == date(2027, 6, 8)
    assert entry.status == "retired" and entry.updated_at == later
    async with sessions() as session:
        assert await session.get(FaqEntry, entry.id) is not None


async def test_review_lists_entries_in_use_past_their_date(
    sessions: SessionFactory, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        made = {}
        for name, status, review in [
            ("lewat", "published", date(2026, 12, 6)),
            ("hari-ini", "published", TODAY),
            ("draf-lewat", "draft", date(2026, 1, 1)),
            ("arsip-lewat", "retired", date(2026, 1, 1)),
        ]:
            entry = await upkeep.create_entry(
                session, question=name, answer="A", owner="o", now=clock(), today=TODAY
            )
            entry.status, entry.review_by = status, review
            made[name] = entry.key

        due = await upkeep.due_for_review(session, TODAY)

    assert [entry.key for entry in due] == [made["draf-lewat"], made["lewat"]]


async def solved_ticket(
    session: AsyncSession, desk_config: DeskConfig, clock: FixedClock, description: str
) -> Ticket:
    requester = await make_person(session, clock())
    ticket = await open_ticket(
        session, desk_config, draft(description=description), requester, clock()
    )
    ticket.status = "resolved"
    return ticket


async def test_draft_from_ticket_takes_resolution_and_masks_identifiers(
    sessions: SessionFactory, clock: FixedClock, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        ticket = await solved_ticket(
            session, desk_config, clock, "Printer tidak mencetak, NIK 3201234567890001"
        )
        ticket.resolution = "Driver printer dipasang ulang."

        entry = await upkeep.draft_from_ticket(
            session, ticket, owner="Rina", now=clock(), today=TODAY, redact=mask_identifiers
        )

    assert entry.status == "draft" and entry.source_ticket_id == ticket.id
    assert entry.answer == "Driver printer dipasang ulang."
    assert "3201234567890001" not in entry.question and "Printer" in entry.question
    async with sessions() as session:
        assert await upkeep.source_ticket_number(session, entry) == ticket.number


async def test_draft_from_ticket_falls_back_to_the_last_agent_reply(
    sessions: SessionFactory, clock: FixedClock, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        ticket = await solved_ticket(session, desk_config, clock, "VPN putus")
        agent = await make_person(session, clock(), role="agent")
        for minutes, kind, body in [
            (1, "agent", "Coba restart."),
            (2, "note", "catatan internal"),
            (3, "agent", "Perbarui klien VPN ke versi 5."),
            (4, "requester", "Terima kasih"),
        ]:
            session.add(
                TicketMessage(
                    ticket_id=ticket.id,
                    author_id=agent.id,
                    kind=kind,
                    body=body,
                    created_at=clock.advance(minutes=minutes),
                )
            )

        entry = await upkeep.draft_from_ticket(
            session, ticket, owner="Rina", now=clock(), today=TODAY
        )

    assert entry.answer == "Perbarui klien VPN ke versi 5."


async def test_draft_from_ticket_refuses_unsolved_unanswered_and_repeated(
    sessions: SessionFactory, clock: FixedClock, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        ticket = await solved_ticket(session, desk_config, clock, "Wifi lambat")
        keys = []
        for status, resolution in [("in_progress", "x"), ("resolved", None), ("closed", "y")]:
            ticket.status, ticket.resolution = status, resolution
            try:
                await upkeep.draft_from_ticket(
                    session, ticket, owner="o", now=clock(), today=TODAY
                )
                keys.append("made")
            except UpkeepError as error:
                keys.append(error.text_key)
        with pytest.raises(UpkeepError) as again:
            await upkeep.draft_from_ticket(session, ticket, owner="o", now=clock(), today=TODAY)

    assert keys == ["kb.error.not_solved", "kb.error.no_answer", "made"]
    assert again.value.text_key == "kb.error.already_drafted"


async def test_list_pages_by_status_newest_first(
    sessions: SessionFactory, clock: FixedClock
) -> None:
    async with sessions() as session, session.begin():
        for number in range(5):
            await upkeep.create_entry(
                session,
                question=f"Pertanyaan {number}",
                answer="A",
                owner="o",
                now=clock.advance(minutes=1),
                today=TODAY,
            )

        page, total = await upkeep.list_entries(session, "draft", offset=2, limit=2)
        counts = await upkeep.status_counts(session)

    assert total == 5 and [e.question for e in page] == ["Pertanyaan 2", "Pertanyaan 1"]
    assert counts == {"draft": 5, "published": 0, "retired": 0}


def test_split_list_takes_lines_and_bars() -> None:
    assert upkeep.split_list("satu\n dua | tiga\n\n") == ["satu", "dua", "tiga"]
