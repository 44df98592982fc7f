"""People who talk to the bot: first contact, registration, consent and roles."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from desk.errors import InvalidInput, NotFound
from desk.types import RequesterType, Role
from storage.models import AgentService, ChatState, Person, Service

logger = logging.getLogger(__name__)

MAX_NAME = 100
MAX_UNIT = 150


# Every update looks its sender up: the statement is built once, not per message.
_BY_TELEGRAM_ID = select(Person).where(Person.telegram_id == bindparam("telegram_id"))


async def find_person(session: AsyncSession, telegram_id: int) -> Person | None:
    result = await session.execute(_BY_TELEGRAM_ID, {"telegram_id": telegram_id})
    return result.scalar_one_or_none()


# The sender of an update, with where they are in a conversation: the router asks for that
# next, and loading both in one statement saves a round trip on every message.
_SENDER = (
    select(Person, ChatState)
    .outerjoin(ChatState, ChatState.telegram_id == Person.telegram_id)
    .where(Person.telegram_id == bindparam("telegram_id"))
)


async def find_sender(session: AsyncSession, telegram_id: int) -> Person | None:
    """Like `find_person`, also bringing the chat state into the session (no second query)."""
    row = (await session.execute(_SENDER, {"telegram_id": telegram_id})).first()
    if row is None:
        return None
    person, state = row
    if state is not None:
        # The session only weakly holds what it loaded; keep the state alive so a later
        # `session.get(ChatState, ...)` in this session finds it without asking again.
        session.info.setdefault("kept", []).append(state)
    return person


async def get_person(session: AsyncSession, person_id: int) -> Person:
    person = await session.get(Person, person_id)
    if person is None:
        raise NotFound(f"no person {person_id}")
    return person


async def meet(
    session: AsyncSession,
    telegram_id: int,
    *,
    display_name: str,
    username: str | None,
    language: str,
    admin_ids: Iterable[int],
    now: datetime,
) -> Person:
    """The person behind a Telegram account, recorded on first contact.

    Admins come from the settings, so a configured admin is an admin from the first message
    even on a fresh database.
    """
    person = await find_sender(session, telegram_id)
    is_admin = telegram_id in set(admin_ids)
    if person is None:
        person = Person(
            telegram_id=telegram_id,
            full_name="",
            username=username,
            language=language,
            role=Role.ADMIN.value if is_admin else Role.REQUESTER.value,
            created_at=now,
            updated_at=now,
        )
        session.add(person)
        await session.flush()
        logger.info("person met person=%s role=%s", person.id, person.role)
        return person
    if is_admin and person.role != Role.ADMIN.value:
        person.role = Role.ADMIN.value
        person.updated_at = now
    if username != person.username:
        person.username = username
    return person


def clean_name(text: str) -> str:
    name = " ".join(text.split())
    if not name or len(name) > MAX_NAME or name.startswith("/"):
        raise InvalidInput("name not usable", text_key="error.bad_name", limit=MAX_NAME)
    return name


def clean_unit(text: str) -> str:
    unit = " ".join(text.split())
    if not unit or len(unit) > MAX_UNIT or unit.startswith("/"):
        raise InvalidInput("work unit not usable", text_key="error.bad_unit", limit=MAX_UNIT)
    return unit


def register(
    person: Person,
    *,
    full_name: str,
    requester_type: RequesterType,
    work_unit: str | None,
    now: datetime,
) -> None:
    person.full_name = clean_name(full_name)
    person.requester_type = requester_type.value
    person.work_unit = clean_unit(work_unit) if work_unit else None
    person.updated_at = now


def give_consent(person: Person, now: datetime) -> None:
    person.consent_at = now
    person.updated_at = now
    logger.info("consent given person=%s", person.id)


def is_registered(person: Person) -> bool:
    return bool(person.full_name) and person.consent_at is not None


def set_language(person: Person, language: str, now: datetime) -> None:
    if language not in {"id", "en"}:
        raise InvalidInput(f"unknown language {language}")
    person.language = language
    person.updated_at = now


async def import_people(
    session: AsyncSession, entries: Iterable[Mapping[str, Any]], now: datetime
) -> int:
    """Create or update staff by Telegram id, with the services they serve and why."""
    count = 0
    for entry in entries:
        role = Role(str(entry.get("role", Role.AGENT.value)))
        person = await find_person(session, int(entry["telegram_id"]))
        if person is None:
            person = Person(telegram_id=int(entry["telegram_id"]), created_at=now)
            session.add(person)
        person.full_name = clean_name(str(entry["full_name"]))
        person.role = role.value
        person.work_unit = entry.get("work_unit")
        person.language = str(entry.get("language", "id"))
        person.requester_type = RequesterType.CIVIL_SERVANT.value
        person.consent_at = person.consent_at or now
        person.updated_at = now
        await session.flush()
        await _replace_services(session, person, entry)
        count += 1
    return count


async def _replace_services(
    session: AsyncSession, person: Person, entry: Mapping[str, Any]
) -> None:
    evidence = {
        str(item["service"]): str(item.get("evidence", ""))
        for item in entry.get("competences", []) or []
    }
    codes = set(entry.get("services", []) or []) | set(evidence)
    await session.execute(delete(AgentService).where(AgentService.person_id == person.id))
    for code in sorted(codes):
        service_id = (
            await session.execute(select(Service.id).where(Service.code == code))
        ).scalar_one_or_none()
        if service_id is None:
            raise InvalidInput(f"{person.full_name} serves unknown service {code}")
        session.add(
            AgentService(
                person_id=person.id,
                service_id=service_id,
                competent=code in evidence,
                evidence=evidence.get(code) or None,
            )
        )
