"""The service catalog (BAB IV.1): services with their SLAs, read and loaded from YAML."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload
from sqlalchemy.sql import ColumnElement

from desk.errors import InvalidInput, NotFound
from desk.staff import is_staff
from desk.types import ServiceStatus
from storage.models import (
    Catalog,
    Person,
    Service,
    ServiceDependency,
    ServiceLevelAgreement,
    ServiceLevelTarget,
    SlaException,
)
from texts import in_language

logger = logging.getLogger(__name__)

SERVICE_FIELDS = (
    "name",
    "name_en",
    "description",
    "description_en",
    "audience",
    "audience_en",
    "benefits",
    "benefits_en",
    "first_response_minutes",
    "contact",
    "operating_hours",
    "operating_hours_en",
    "owner",
    "request_procedure",
    "request_procedure_en",
)
# The catalog fields a requester reads that may also be written in English.
TRANSLATED_FIELDS = ("description", "audience", "benefits", "operating_hours", "request_procedure")


class ServiceChoice(NamedTuple):
    """A service as a list of them shows it: enough for a button, nothing more."""

    id: int
    name: str
    name_en: str | None
    status: str


def service_name(service: Service | ServiceChoice, lang: str | None) -> str:
    return in_language(lang, service.name, service.name_en)


def service_text(service: Service, name: str, lang: str | None) -> str:
    """One catalog field as `lang` reads it: its English twin when written, else as stored."""
    text = str(getattr(service, name) or "")
    if name not in TRANSLATED_FIELDS:
        return text
    return in_language(lang, text, getattr(service, f"{name}_en"))


def visible_statuses(person: Person) -> tuple[ServiceStatus, ...]:
    """Requesters see the active services; staff see the catalog in every status."""
    return tuple(ServiceStatus) if is_staff(person) else (ServiceStatus.ACTIVE,)


async def get_service(session: AsyncSession, service_id: int) -> Service:
    service = await session.get(Service, service_id)
    if service is None:
        raise NotFound(f"no service {service_id}", text_key="error.not_found")
    return service


async def service_by_code(session: AsyncSession, code: str) -> Service | None:
    query = select(Service).where(Service.code == code)
    return (await session.execute(query)).scalar_one_or_none()


async def list_services(
    session: AsyncSession,
    *,
    statuses: Sequence[ServiceStatus] = (ServiceStatus.ACTIVE,),
    search: str | None = None,
    offset: int = 0,
    limit: int = 6,
) -> tuple[list[ServiceChoice], int]:
    """One page of services in the given statuses, by name; with the total for paging."""
    conditions: list[ColumnElement[bool]] = [
        Service.status.in_([status.value for status in statuses])
    ]
    if search:
        pattern = f"%{search.strip().lower()}%"
        conditions.append(
            or_(func.lower(Service.name).like(pattern), func.lower(Service.code).like(pattern))
        )
    # Only what a button shows, and the total riding along on every row: a page costs one
    # light query. Only a page past the end, with no row to carry the total, counts apart.
    query = (
        select(Service.id, Service.name, Service.name_en, Service.status, func.count().over())
        .where(*conditions)
        .order_by(Service.name)
        .offset(offset)
        .limit(limit)
    )
    rows = (await session.execute(query)).all()
    if rows:
        return [ServiceChoice(*row[:4]) for row in rows], int(rows[0][4])
    total = (await session.execute(select(func.count(Service.id)).where(*conditions))).scalar()
    return [], int(total or 0)


async def import_catalog(
    session: AsyncSession, data: Mapping[str, Any], now: datetime
) -> dict[str, int]:
    """Create or update catalogs and services by code, with their SLAs and dependencies.

    Loading the same file twice changes nothing; an SLA listed for a service replaces the
    one of the same name, targets and exceptions included.
    """
    catalogs = {}
    for entry in data.get("catalogs", []) or []:
        catalogs[entry["code"]] = await _upsert_catalog(session, entry)
    services: dict[str, Service] = {}
    for entry in data.get("services", []) or []:
        services[entry["code"]] = await _upsert_service(session, entry, catalogs, now)
    await session.flush()
    for entry in data.get("services", []) or []:
        await _replace_dependencies(session, services[entry["code"]], entry, services)
        await _replace_slas(session, services[entry["code"]], entry.get("slas", []) or [])
    logger.info("catalog imported catalogs=%s services=%s", len(catalogs), len(services))
    return {"catalogs": len(catalogs), "services": len(services)}


async def _upsert_catalog(session: AsyncSession, entry: Mapping[str, Any]) -> Catalog:
    found = (
        await session.execute(select(Catalog).where(Catalog.code == entry["code"]))
    ).scalar_one_or_none()
    catalog = found or Catalog(code=str(entry["code"]))
    catalog.name = str(entry.get("name", entry["code"]))
    catalog.name_en = entry.get("name_en")
    session.add(catalog)
    await session.flush()
    return catalog


async def _upsert_service(
    session: AsyncSession,
    entry: Mapping[str, Any],
    catalogs: Mapping[str, Catalog],
    now: datetime,
) -> Service:
    code = str(entry["code"])
    try:
        status = ServiceStatus(entry.get("status", ServiceStatus.ACTIVE.value))
    except ValueError as error:
        raise InvalidInput(f"service {code}: unknown status {entry.get('status')!r}") from error
    service = await service_by_code(session, code)
    if service is None:
        service = Service(code=code, created_at=now)
        session.add(service)
    for name in SERVICE_FIELDS:
        if name in entry:
            setattr(service, name, entry[name] if entry[name] is not None else None)
    service.name = str(entry.get("name", code))
    service.status = status.value
    service.calendar_code = str(entry.get("calendar", "office"))
    service.keywords = [str(word) for word in entry.get("keywords", []) or []]
    catalog = catalogs.get(str(entry.get("catalog", "")))
    service.catalog_id = catalog.id if catalog else service.catalog_id
    service.updated_at = now
    return service


async def _replace_dependencies(
    session: AsyncSession,
    service: Service,
    entry: Mapping[str, Any],
    services: Mapping[str, Service],
) -> None:
    await session.execute(
        delete(ServiceDependency).where(ServiceDependency.service_id == service.id)
    )
    for code in entry.get("depends_on", []) or []:
        upstream = services.get(code) or await service_by_code(session, code)
        if upstream is None:
            raise InvalidInput(f"service {service.code} depends on unknown service {code}")
        session.add(ServiceDependency(service_id=service.id, depends_on_id=upstream.id))


async def _replace_slas(
    session: AsyncSession, service: Service, entries: Sequence[Mapping[str, Any]]
) -> None:
    existing = (
        await session.execute(
            select(ServiceLevelAgreement)
            .where(ServiceLevelAgreement.service_id == service.id)
            .options(
                selectinload(ServiceLevelAgreement.targets),
                selectinload(ServiceLevelAgreement.exceptions),
            )
        )
    ).scalars()
    by_name = {sla.name: sla for sla in existing}
    for entry in entries:
        old = by_name.get(str(entry["name"]))
        if old is not None:
            await session.delete(old)
            await session.flush()
        session.add(_sla_from(service, entry))


def _sla_from(service: Service, entry: Mapping[str, Any]) -> ServiceLevelAgreement:
    sla = ServiceLevelAgreement(
        service_id=service.id,
        name=str(entry["name"]),
        agreement_form=str(entry.get("agreement_form", "signed_document")),
        agreement_reference=str(entry.get("agreement_reference", "")),
        valid_from=_date(entry.get("valid_from")),
        valid_to=_date(entry.get("valid_to")),
        max_tickets_per_month=entry.get("max_tickets_per_month"),
        max_users=entry.get("max_users"),
        max_transactions_per_month=entry.get("max_transactions_per_month"),
    )
    sla.targets = [
        ServiceLevelTarget(
            ticket_type=str(target["ticket_type"]),
            priority=str(target["priority"]),
            response_minutes=int(target["response_minutes"]),
            resolution_minutes=int(target["resolution_minutes"]),
        )
        for target in entry.get("targets", []) or []
    ]
    sla.exceptions = [
        SlaException(
            starts_at=_aware(item["starts_at"]),
            ends_at=_aware(item["ends_at"]),
            reason=str(item.get("reason", "")),
        )
        for item in entry.get("exceptions", []) or []
    ]
    return sla


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _aware(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        raise InvalidInput(f"SLA exception time {value!r} needs a UTC offset such as +07:00")
    return moment


async def export_catalog(session: AsyncSession, zone: ZoneInfo) -> dict[str, Any]:
    """The whole catalog in the shape `desk.catalog.import_catalog` reads: a round trip
    through the file changes nothing. Times are written in `zone`, with their offset."""
    catalogs = (await session.execute(select(Catalog).order_by(Catalog.id))).scalars()
    query = (
        select(Service)
        .options(
            selectinload(Service.catalog),
            selectinload(Service.slas).selectinload(ServiceLevelAgreement.targets),
            selectinload(Service.slas).selectinload(ServiceLevelAgreement.exceptions),
        )
        .order_by(Service.id)
    )
    services = list((await session.execute(query)).scalars())
    upstream = await _dependencies(session)
    return {
        "catalogs": [
            {"code": item.code, "name": item.name, "name_en": item.name_en} for item in catalogs
        ],
        "services": [_service_entry(item, upstream.get(item.id, []), zone) for item in services],
    }


async def _dependencies(session: AsyncSession) -> dict[int, list[str]]:
    query = (
        select(ServiceDependency.service_id, Service.code)
        .join(Service, Service.id == ServiceDependency.depends_on_id)
        .order_by(ServiceDependency.service_id, Service.id)
    )
    found: dict[int, list[str]] = {}
    for service_id, code in (await session.execute(query)).all():
        found.setdefault(service_id, []).append(code)
    return found


def _service_entry(service: Service, depends_on: list[str], zone: ZoneInfo) -> dict[str, Any]:
    entry: dict[str, Any] = {"code": service.code}
    if service.catalog is not None:
        entry["catalog"] = service.catalog.code
    entry.update((name, getattr(service, name)) for name in SERVICE_FIELDS)
    entry["calendar"] = service.calendar_code
    entry["status"] = service.status
    entry["depends_on"] = depends_on
    entry["keywords"] = list(service.keywords)
    entry["slas"] = [_sla_entry(sla, zone) for sla in sorted(service.slas, key=_by_id)]
    return entry


def _sla_entry(sla: ServiceLevelAgreement, zone: ZoneInfo) -> dict[str, Any]:
    return {
        "name": sla.name,
        "agreement_form": sla.agreement_form,
        "agreement_reference": sla.agreement_reference,
        "valid_from": sla.valid_from,
        "valid_to": sla.valid_to,
        "max_tickets_per_month": sla.max_tickets_per_month,
        "max_users": sla.max_users,
        "max_transactions_per_month": sla.max_transactions_per_month,
        "targets": [
            {
                "ticket_type": target.ticket_type,
                "priority": target.priority,
                "response_minutes": target.response_minutes,
                "resolution_minutes": target.resolution_minutes,
            }
            for target in sorted(sla.targets, key=_by_id)
        ],
        "exceptions": [
            {
                "starts_at": item.starts_at.astimezone(zone).isoformat(),
                "ends_at": item.ends_at.astimezone(zone).isoformat(),
                "reason": item.reason,
            }
            for item in sorted(sla.exceptions, key=_by_id)
        ],
    }


def _by_id(row: Any) -> int:
    return int(row.id)
