"""Knowledge analytics over the search log: topics, gaps, helpfulness, deflection."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from desk.config import DeskConfig
from desk.tickets import open_ticket
from faq.analytics import KnowledgeGap, cluster_questions, knowledge_analytics
from faq.normalize import normalize
from storage.db import SessionFactory
from storage.models import FaqEntry, Person, SearchLog
from tests.conftest import FixedClock
from tests.factories import draft, make_person


def logged(
    session: AsyncSession,
    person: Person | None,
    text: str,
    outcome: str,
    at: datetime,
    top_key: str | None = None,
    helpful: bool | None = None,
) -> None:
    session.add(
        SearchLog(
            person_id=person.id if person else None,
            text=text,
            normalised=normalize(text),
            candidates=[],
            top_key=top_key,
            top_score=0.9 if top_key else None,
            outcome=outcome,
            helpful=helpful,
            created_at=at,
        )
    )


async def test_topics_gaps_helpfulness_and_deflection(
    sessions: SessionFactory, clock: FixedClock, desk_config: DeskConfig
) -> None:
    start = clock()
    hour = timedelta(hours=1)
    async with sessions() as session, session.begin():
        session.add(
            FaqEntry(
                key="vpn",
                question="VPN tidak tersambung",
                answer="Perbarui klien.",
                status="published",
                created_at=start,
                updated_at=start,
            )
        )
        sari = await make_person(session, start)
        budi = await make_person(session, start)
        tono = await make_person(session, start)
        logged(session, sari, "vpn lama", "answer", start - timedelta(days=1), "faq:vpn")
        logged(session, sari, "vpn gak konek", "answer", start + hour, "faq:vpn", True)
        logged(session, budi, "vpn putus", "answer", start + 2 * hour, "faq:vpn", False)
        await open_ticket(session, desk_config, draft(), budi, start + 4 * hour)
        logged(session, tono, "cara reset email", "chosen", start + 3 * hour, "faq:email", True)
        await open_ticket(session, desk_config, draft(), tono, start + 28 * hour)
        logged(session, None, "printer kantor macet", "none", start + 5 * hour)
        logged(session, sari, "printer kantor lantai 3 macet terus", "none", start + 6 * hour)
        logged(session, budi, "siapa juara piala dunia", "none", start + 7 * hour)
        logged(session, budi, "masih di luar jendela", "none", start + timedelta(days=8))

    async with sessions() as session:
        report = await knowledge_analytics(session, start, start + timedelta(days=7))

    assert (report.questions, report.answered, report.deflected) == (6, 3, 2)
    assert report.deflection_rate == 2 / 6
    assert [(t.key, t.title, t.count) for t in report.top_topics] == [
        ("faq:vpn", "VPN tidak tersambung", 2),
        ("faq:email", "faq:email", 1),
    ]
    assert [gap.count for gap in report.gaps] == [2, 1, 1]
    assert report.gaps[0].examples == (
        "printer kantor macet",
        "printer kantor lantai 3 macet terus",
    )
    assert {gap.examples for gap in report.gaps[1:]} == {
        ("vpn putus",),
        ("siapa juara piala dunia",),
    }
    assert [(h.key, h.helpful, h.rated) for h in report.helpfulness] == [
        ("faq:vpn", 1, 2),
        ("faq:email", 1, 1),
    ]


async def test_an_empty_window_reports_zeroes(sessions: SessionFactory, clock: FixedClock) -> None:
    async with sessions() as session:
        report = await knowledge_analytics(session, clock() - timedelta(days=30), clock())

    assert report.questions == 0 and report.deflection_rate == 0.0
    assert report.top_topics == [] and report.gaps == [] and report.helpfulness == []


def test_clusters_keep_two_distinct_examples_and_sort_by_size() -> None:
    questions = [
        (text, normalize(text))
        for text in [
            "jadwal libur lebaran",
            "Jadwal  libur lebaran",
            "jadwal libur lebaran 2027 kapan",
            "jadwal libur lebaran cuti bersama",
            "cetak slip gaji",
        ]
    ]

    gaps = cluster_questions(questions)

    assert gaps == [
        KnowledgeGap(4, ("jadwal libur lebaran", "jadwal libur lebaran 2027 kapan")),
        KnowledgeGap(1, ("cetak slip gaji",)),
    ]
