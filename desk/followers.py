"""Who hears about a service's status: the agents' group, and requesters who follow it.

A requester waiting for a planned service to go live, or relying on one about to retire, asks
to follow it (`/ikuti <code>`); a status change then reaches them through the outbox, once per
change (the dedupe key names the history row and the person).
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from desk import outbox
from desk.config import DeskConfig
from desk.errors import InvalidInput, NotFound
from desk.types import ServiceStatus
from storage.models import (
    Person,
    Service,
    ServiceFollower,
    ServiceHistory,
    ServiceLevelAgreement,
)
from texts import in_language, language_of, t

logger = logging.getLogger(__name__)


async def find_service(session: AsyncSession, code: str) -> Service:
    """The service with this code (any case), its catalog and SLAs loaded, or `NotFound`."""
    query = (
        select(Service)
        .where(func.lower(Service.code) == code.strip().lower())
        .options(
            selectinload(Service.catalog),
            selectinload(Service.slas).selectinload(ServiceLevelAgreement.targets),
            selectinload(Service.slas).selectinload(ServiceLevelAgreement.exceptions),
        )
    )
    service = (await session.execute(query)).scalar_one_or_none()
    if service is None:
        raise NotFound(f"no service {code!r}", text_key="svc.error.unknown", code=code)
    return service


async def is_following(session: AsyncSession, person: Person, service: Service) -> bool:
    return await session.get(ServiceFollower, (person.id, service.id)) is not None


async def follow(session: AsyncSession, person: Person, service: Service, now: datetime) -> bool:
    """Start following; False when the person already followed it."""
    if service.status == ServiceStatus.RETIRED.value:
        raise InvalidInput(f"service {service.code} is retired", text_key="svc.error.retired")
    if await is_following(session, person, service):
        return False
    session.add(ServiceFollower(person_id=person.id, service_id=service.id, created_at=now))
    await session.flush()
    logger.info("service followed service=%s person=%s", service.code, person.id)
    return True


async def unfollow(session: AsyncSession, person: Person, service: Service) -> bool:
    """Stop following; False when the person was not following it."""
    result = await session.execute(
        delete(ServiceFollower).where(
            ServiceFollower.person_id == person.id, ServiceFollower.service_id == service.id
        )
    )
    removed = bool(result.rowcount)  # type: ignore[attr-defined]
    if removed:
        logger.info("service unfollowed service=%s person=%s", service.code, person.id)
    return removed


async def followers_of(session: AsyncSession, service: Service) -> list[Person]:
    """The people following `service` who can still be told (not anonymised)."""
    query = (
        select(Person)
        .join(ServiceFollower, ServiceFollower.person_id == Person.id)
        .where(ServiceFollower.service_id == service.id, Person.anonymised_at.is_(None))
        .order_by(Person.id)
    )
    return list((await session.execute(query)).scalars())


async def follower_count(session: AsyncSession, service: Service) -> int:
    query = select(func.count()).where(ServiceFollower.service_id == service.id)
    return int((await session.execute(query)).scalar_one())


def status_notice(service: Service, record: ServiceHistory, lang: str) -> str:
    """The announcement of one status change, in `lang`."""
    name = in_language(lang, service.name, service.name_en)
    return t(
        "svc.notice.status",
        lang,
        name=name,
        code=service.code,
        old=t(f"browse.status.{record.old_value}", lang),
        new=t(f"browse.status.{record.new_value}", lang),
        reason=record.reason,
    )


async def announce_status_change(
    session: AsyncSession,
    service: Service,
    record: ServiceHistory,
    *,
    config: DeskConfig,
    now: datetime,
) -> int:
    """Queue the notice for the agents' group and every follower; how many were queued."""
    queued = 0
    if config.agents_chat_id is not None:
        queued += await outbox.enqueue(
            session,
            chat_id=config.agents_chat_id,
            text=status_notice(service, record, "id"),
            now=now,
            dedupe_key=f"svc:{record.id}:agents",
            purpose="service_notice",
        )
    for person in await followers_of(session, service):
        queued += await outbox.enqueue(
            session,
            chat_id=person.telegram_id,
            text=status_notice(service, record, language_of(person.language)),
            now=now,
            dedupe_key=f"svc:{record.id}:follower:{person.id}",
            purpose="service_notice",
        )
    logger.info("service change announced service=%s queued=%s", service.code, queued)
    return queued
