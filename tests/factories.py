"""Small factories for test rows, with sensible defaults and overrides."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from desk.types import Level, TicketType
from storage.models import Person, Service

_ids = itertools.count(1)


async def make_person(session: AsyncSession, now: datetime, **overrides: Any) -> Person:
    number = next(_ids)
    values: dict[str, Any] = {
        "telegram_id": 500000 + number,
        "full_name": f"Pengguna {number}",
        "requester_type": "civil_servant",
        "work_unit": "Biro Umum",
        "language": "id",
        "role": "requester",
        "consent_at": now,
        "created_at": now,
        "updated_at": now,
    }
    person = Person(**{**values, **overrides})
    session.add(person)
    await session.flush()
    return person


async def make_service(session: AsyncSession, now: datetime, **overrides: Any) -> Service:
    number = next(_ids)
    values: dict[str, Any] = {
        "code": f"layanan-{number}",
        "name": f"Layanan {number}",
        "status": "active",
        "calendar_code": "office",
        "keywords": [],
        "created_at": now,
        "updated_at": now,
    }
    service = Service(**{**values, **overrides})
    session.add(service)
    await session.flush()
    return service


def draft(**overrides: Any) -> Any:
    from desk.tickets import TicketDraft

    values: dict[str, Any] = {
        "ticket_type": TicketType.INCIDENT,
        "service_id": None,
        "description": "Printer lantai 3 tidak bisa mencetak",
        "urgency": Level.MEDIUM,
        "impact": Level.LOW,
    }
    return TicketDraft(**{**values, **overrides})
