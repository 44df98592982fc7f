"""Staff roles and scope: who may act on which ticket, and how admins grant and revoke roles.

Admins come from the settings (`people.meet` makes them admins); agents and coordinators are
granted here and serve the services listed in `agent_services`. Every refusal is logged with
the person, the action and the ticket, so attempts are traceable.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from desk import outbox
from desk.errors import Conflict, InvalidInput, NotAllowed, NotFound
from desk.history import Actor
from desk.types import Role
from storage.models import AgentService, Person, Service, Ticket
from texts import language_of, t

logger = logging.getLogger(__name__)

STAFF = frozenset({Role.AGENT, Role.COORDINATOR, Role.ADMIN})
MANAGERS = frozenset({Role.COORDINATOR, Role.ADMIN})
GRANTABLE = frozenset({Role.AGENT, Role.COORDINATOR})


def role_of(person: Person) -> Role:
    try:
        return Role(person.role)
    except ValueError:
        return Role.REQUESTER


def actor_of(person: Person) -> Actor:
    return Actor(person.id, role_of(person))


def is_staff(person: Person) -> bool:
    return role_of(person) in STAFF


def is_manager(person: Person) -> bool:
    return role_of(person) in MANAGERS


def refuse(person: Person, action: str, ticket: Ticket | None = None, **params: object) -> None:
    """Log the attempt and raise `NotAllowed` with a polite text."""
    logger.warning(
        "refused person=%s role=%s action=%s ticket=%s",
        person.id,
        person.role,
        action,
        ticket.number if ticket is not None else "-",
    )
    key = "agent.error.out_of_scope" if ticket is not None and is_staff(person) else None
    number = ticket.number if ticket is not None else ""
    raise NotAllowed(f"person {person.id} may not {action}", text_key=key, number=number, **params)


def require_role(person: Person, roles: Iterable[Role], action: str) -> None:
    """Raise `NotAllowed` (and log) unless the person holds one of `roles`."""
    if role_of(person) not in set(roles):
        logger.warning(
            "refused person=%s role=%s action=%s ticket=-", person.id, person.role, action
        )
        raise NotAllowed(f"person {person.id} may not {action}")


def require_staff(person: Person, action: str) -> None:
    require_role(person, STAFF, action)


def require_manager(person: Person, action: str) -> None:
    require_role(person, MANAGERS, action)


async def served_service_ids(session: AsyncSession, person_id: int) -> set[int]:
    query = select(AgentService.service_id).where(AgentService.person_id == person_id)
    return set((await session.execute(query)).scalars())


async def in_scope(session: AsyncSession, person: Person, ticket: Ticket) -> bool:
    """Admins see everything; other staff their services, unrouted tickets and their own."""
    role = role_of(person)
    if role is Role.ADMIN:
        return True
    if role not in STAFF:
        return False
    if ticket.assignee_id == person.id or ticket.service_id is None:
        return True
    return ticket.service_id in await served_service_ids(session, person.id)


async def require_scope(
    session: AsyncSession, person: Person, ticket: Ticket, action: str = "act"
) -> None:
    """Raise `NotAllowed` unless `person` is staff serving the ticket's service."""
    if not await in_scope(session, person, ticket):
        refuse(person, action, ticket)


async def find_staff_reference(session: AsyncSession, reference: str) -> Person | None:
    """The person named by a Telegram id or an @username, if Sigap has met them."""
    text = reference.strip()
    if text.startswith("@") and len(text) > 1:
        query = select(Person).where(func.lower(Person.username) == text[1:].lower())
        return (await session.execute(query.order_by(Person.id).limit(1))).scalar_one_or_none()
    if text.isdigit() and len(text) <= 15:
        query = select(Person).where(Person.telegram_id == int(text))
        return (await session.execute(query)).scalar_one_or_none()
    raise InvalidInput(f"not a person reference: {text!r}", text_key="agent.error.bad_person")


async def find_agent(session: AsyncSession, reference: str) -> Person:
    """A staff member by Telegram id or @username; `NotFound` for anyone else."""
    person = await find_staff_reference(session, reference)
    if person is None or not is_staff(person):
        raise NotFound(
            f"no staff member {reference}", text_key="agent.error.no_agent", who=reference
        )
    return person


async def services_by_code(session: AsyncSession, codes: Iterable[str]) -> list[Service]:
    wanted = [code.strip().lower() for code in codes if code.strip()]
    if not wanted:
        return []
    query = select(Service).where(Service.code.in_(wanted))
    found = {service.code: service for service in (await session.execute(query)).scalars()}
    unknown = [code for code in wanted if code not in found]
    if unknown:
        raise InvalidInput(
            f"unknown services {unknown}",
            text_key="agent.error.unknown_service",
            codes=", ".join(unknown),
        )
    return [found[code] for code in wanted]


async def grant(
    session: AsyncSession,
    admin: Person,
    reference: str,
    role: Role,
    service_codes: Iterable[str],
    now: datetime,
) -> Person:
    """Make someone an agent or coordinator serving the given services (kept, not replaced).

    A Telegram id that Sigap has not met yet gets a record, so the role is in place when the
    person first writes; an @username can only name someone who has written already.
    """
    require_role(admin, {Role.ADMIN}, "grant")
    if role not in GRANTABLE:
        raise InvalidInput(f"role {role} cannot be granted", text_key="agent.error.bad_role")
    services = await services_by_code(session, service_codes)
    person = await find_staff_reference(session, reference)
    if person is None and reference.strip().isdigit():
        person = Person(telegram_id=int(reference.strip()), created_at=now, updated_at=now)
        session.add(person)
    if person is None:
        raise NotFound(
            f"no person {reference}", text_key="agent.error.unknown_person", who=reference
        )
    if role_of(person) is Role.ADMIN:
        raise Conflict("admins keep their role", text_key="agent.error.admin_role")

    person.role = role.value
    person.updated_at = now
    await session.flush()
    await _add_services(session, person, services)
    logger.info(
        "role granted person=%s role=%s services=%s by=%s",
        person.id,
        role.value,
        ",".join(s.code for s in services) or "-",
        admin.id,
    )
    return person


async def _add_services(session: AsyncSession, person: Person, services: list[Service]) -> None:
    have = await served_service_ids(session, person.id)
    for service in services:
        if service.id not in have:
            session.add(AgentService(person_id=person.id, service_id=service.id, competent=False))
    await session.flush()


async def revoke(session: AsyncSession, admin: Person, reference: str, now: datetime) -> Person:
    """Take the staff role away; the person stays a requester and serves no service."""
    require_role(admin, {Role.ADMIN}, "revoke")
    person = await find_staff_reference(session, reference)
    if person is None:
        raise NotFound(
            f"no person {reference}", text_key="agent.error.unknown_person", who=reference
        )
    if role_of(person) is Role.ADMIN:
        raise Conflict("admins keep their role", text_key="agent.error.admin_role")
    if role_of(person) not in GRANTABLE:
        raise Conflict("not staff", text_key="agent.error.not_staff", who=reference)

    old = person.role
    person.role = Role.REQUESTER.value
    person.updated_at = now
    await session.execute(delete(AgentService).where(AgentService.person_id == person.id))
    logger.info("role revoked person=%s old=%s by=%s", person.id, old, admin.id)
    return person


async def staff_members(session: AsyncSession) -> list[Person]:
    """Everyone holding a staff role, for the per-person command menus."""
    roles = [role.value for role in STAFF]
    query = select(Person).where(Person.role.in_(roles)).order_by(Person.id)
    return list((await session.execute(query)).scalars())


async def served_codes(session: AsyncSession, person_id: int) -> list[str]:
    query = (
        select(Service.code)
        .join(AgentService, AgentService.service_id == Service.id)
        .where(AgentService.person_id == person_id)
        .order_by(Service.code)
    )
    return list((await session.execute(query)).scalars())


async def tell_role(session: AsyncSession, person: Person, now: datetime) -> None:
    """Tell the person their new role through the outbox (they may not have the chat open)."""
    role = role_of(person)
    lang = language_of(person.language)
    key = "agent.role.granted" if role in GRANTABLE else "agent.role.revoked"
    await outbox.enqueue(
        session,
        chat_id=person.telegram_id,
        text=t(key, lang, role=t(f"agent.role_name.{role.value}", lang)),
        now=now,
        dedupe_key=f"role:{person.id}:{role.value}:{now.isoformat()}",
        purpose="role_notice",
    )
