"""The service report: what it counts over a period, and how it is split for Telegram."""

from __future__ import annotations

from datetime import timedelta

from desk import service_report
from desk.config import DeskConfig
from desk.tickets import open_ticket
from desk.types import TicketType
from storage.db import SessionFactory
from storage.models import ServiceLevelAgreement, SlaException
from tests.conftest import FixedClock
from tests.factories import draft, make_person, make_service


async def test_the_report_counts_tickets_sla_results_ratings_limits_and_exceptions(
    sessions: SessionFactory, clock: FixedClock, desk_config: DeskConfig
) -> None:
    start = clock()
    async with sessions() as session, session.begin():
        sari = await make_person(session, start)
        budi = await make_person(session, start)
        service = await make_service(session, start, name="E-mail Dinas")
        agreement = ServiceLevelAgreement(
            service_id=service.id, name="PLL 2026", max_tickets_per_month=2, max_users=10
        )
        agreement.exceptions = [
            SlaException(
                starts_at=start + timedelta(days=1),
                ends_at=start + timedelta(days=2),
                reason="Migrasi",
            ),
            SlaException(
                starts_at=start - timedelta(days=60),
                ends_at=start - timedelta(days=59),
                reason="Lama",
            ),
        ]
        session.add(agreement)
        incident = draft(service_id=service.id)
        request = draft(service_id=service.id, ticket_type=TicketType.SERVICE_REQUEST)
        on_time = await open_ticket(session, desk_config, incident, sari, start)
        late = await open_ticket(session, desk_config, incident, budi, start)
        await open_ticket(session, desk_config, request, sari, start)
        before = await open_ticket(
            session, desk_config, incident, sari, start - timedelta(days=40)
        )
        assert on_time.resolution_due_at and late.resolution_due_at
        on_time.resolved_at, on_time.satisfaction = on_time.resolution_due_at, 5
        late.resolved_at = late.resolution_due_at + timedelta(minutes=1)
        late.satisfaction = 2
        before.status = "closed"
        end = start + timedelta(days=10)

        [body] = (
            await service_report.build(
                session, service, start=start, end=end, zone=desk_config.timezone
            )
        ).values()

    assert "# Laporan Layanan: E-mail Dinas" in body
    assert "Periode: 2026-12-07 09.00 WIB s.d. 2026-12-17 09.00 WIB" in body
    assert "## Tiket yang dibuat dalam periode: 3" in body
    assert "Menurut jenis: Gangguan 2, Permintaan layanan 1" in body
    assert "Selesai sebelum tenggat: 1 dari 2 (50,0%)" in body
    assert "Rata-rata kepuasan: 3,5 dari 5 (2 penilaian)" in body
    assert "tertinggi 3 (2026-12), batas 2; bulan di atas batas: 2026-12" in body
    assert "Pengguna yang melapor: 2, batas 10 pengguna" in body
    assert "Migrasi" in body and "Lama" not in body


async def test_an_empty_period_says_so_in_english_too(
    sessions: SessionFactory, clock: FixedClock, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        service = await make_service(session, clock(), name="VPN", name_en="Network")

        bodies = await service_report.build(
            session,
            service,
            start=clock(),
            end=clock() + timedelta(days=1),
            zone=desk_config.timezone,
            languages=("id", "en"),
        )

    assert "No tickets were resolved in this period" in bodies["en"]
    assert "# Service Report: Network" in bodies["en"]
    assert "Layanan ini belum memiliki SLA" in bodies["id"]


def test_a_long_report_is_split_at_line_ends_within_the_limit() -> None:
    body = "".join(f"- baris {n:04d} {'x' * 40}\n" for n in range(300)) + "y" * 120

    parts = service_report.chunks(body, size=100)

    assert "".join(parts) == body
    assert all(len(part) <= 100 for part in parts)
    assert all(part.endswith("\n") for part in parts[:-3])
