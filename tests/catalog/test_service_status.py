"""Service status rules: the transition table, and what a change records, tells and reports."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desk import followers, service_status
from desk.config import DeskConfig
from desk.errors import InvalidInput, NotAllowed, TransitionRefused
from desk.types import ServiceStatus as S
from storage.db import SessionFactory
from storage.models import OutboxMessage, ServiceHistory, ServiceReport
from tests.conftest import AGENTS_CHAT, FixedClock
from tests.factories import make_person, make_service

ALLOWED = {
    (S.PLANNED, S.IN_DEVELOPMENT),
    (S.PLANNED, S.RETIRED),
    (S.IN_DEVELOPMENT, S.ACTIVE),
    (S.IN_DEVELOPMENT, S.RETIRED),
    (S.ACTIVE, S.DEACTIVATED),
    (S.ACTIVE, S.RETIRING),
    (S.DEACTIVATED, S.ACTIVE),
    (S.DEACTIVATED, S.RETIRING),
    (S.RETIRING, S.RETIRED),
}
EVERY_PAIR = [(old, new) for old in S for new in S]


@pytest.mark.parametrize(("old", "new"), EVERY_PAIR)
def test_only_the_listed_moves_are_allowed(old: S, new: S) -> None:
    if (old, new) in ALLOWED:
        service_status.check_transition(old, new)
        return

    with pytest.raises(TransitionRefused) as refused:
        service_status.check_transition(old, new)

    assert f"from {old.value} to {new.value}" in str(refused.value)
    assert refused.value.text_key == "svc.error.transition"


def test_nothing_leaves_retired() -> None:
    assert service_status.allowed_targets(S.RETIRED) == frozenset()


@pytest.mark.parametrize(
    ("word", "status"),
    [("aktif", S.ACTIVE), ("Akan-Berhenti", S.RETIRING), ("in_development", S.IN_DEVELOPMENT)],
)
def test_coordinators_may_type_indonesian_or_english(word: str, status: S) -> None:
    assert service_status.parse_status(word) is status


def test_an_unknown_status_word_is_refused() -> None:
    with pytest.raises(InvalidInput):
        service_status.parse_status("hidup")


async def test_a_change_is_recorded_announced_and_reported(
    sessions: SessionFactory, clock: FixedClock, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        coordinator = await make_person(session, clock(), role="coordinator", telegram_id=7101)
        follower = await make_person(session, clock(), telegram_id=7102, language="en")
        service = await make_service(session, clock(), code="sso", name="SSO", name_en="SSO EN")
        await followers.follow(session, follower, service, clock())
        service_id = service.id
    clock.advance(days=3)

    async with sessions() as session, session.begin():
        coordinator = await session.get_one(type(coordinator), coordinator.id)
        service = await followers.find_service(session, "SSO")
        change = await service_status.change_status(
            session,
            service,
            S.DEACTIVATED,
            actor=coordinator,
            reason="  migrasi   server ",
            config=desk_config,
            now=clock(),
        )

    async with sessions() as session:
        [record] = (await session.execute(select(ServiceHistory))).scalars()
        [report] = (await session.execute(select(ServiceReport))).scalars()
        sent = list((await session.execute(select(OutboxMessage))).scalars())
    assert change.old is S.ACTIVE and change.new is S.DEACTIVATED
    assert (record.service_id, record.field, record.old_value, record.new_value) == (
        service_id,
        "status",
        "active",
        "deactivated",
    )
    assert record.reason == "migrasi server" and record.actor_id == coordinator.id
    assert report.kind == "status_change" and report.period_end == clock()
    assert report.period_start == clock() - timedelta(days=3)
    assert "Aktif → Dinonaktifkan" in report.body and "migrasi server" in report.body
    by_chat = {message.chat_id: message for message in sent}
    assert "Dinonaktifkan" in by_chat[AGENTS_CHAT].text
    assert "Deactivated" in by_chat[7102].text and "SSO EN" in by_chat[7102].text
    assert "Laporan layanan" in by_chat[7101].text and "<pre>" in by_chat[7101].text
    assert len(sent) == 3


async def test_the_same_change_is_announced_once(
    sessions: SessionFactory, clock: FixedClock, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        follower = await make_person(session, clock(), telegram_id=7202)
        service = await make_service(session, clock())
        await followers.follow(session, follower, service, clock())
        record = ServiceHistory(
            service_id=service.id,
            field="status",
            old_value="active",
            new_value="retiring",
            reason="diganti",
            created_at=clock(),
        )
        session.add(record)
        await session.flush()

        first = await followers.announce_status_change(
            session, service, record, config=desk_config, now=clock()
        )
        again = await followers.announce_status_change(
            session, service, record, config=desk_config, now=clock()
        )

    assert (first, again) == (2, 0)


@pytest.mark.parametrize("role", ["requester", "agent"])
async def test_only_coordinators_and_admins_change_status(
    sessions: SessionFactory, clock: FixedClock, desk_config: DeskConfig, role: str
) -> None:
    async with sessions() as session, session.begin():
        person = await make_person(session, clock(), role=role)
        service = await make_service(session, clock())

        with pytest.raises(NotAllowed):
            await service_status.change_status(
                session,
                service,
                S.DEACTIVATED,
                actor=person,
                reason="coba",
                config=desk_config,
                now=clock(),
            )

        assert service.status == "active"


async def test_a_refused_move_and_a_missing_reason_change_nothing(
    sessions: SessionFactory, clock: FixedClock, desk_config: DeskConfig
) -> None:
    async with sessions() as session, session.begin():
        admin = await make_person(session, clock(), role="admin")
        service = await make_service(session, clock(), status="retired")
        active = await make_service(session, clock())

        with pytest.raises(TransitionRefused):
            await service_status.change_status(
                session,
                service,
                S.ACTIVE,
                actor=admin,
                reason="hidupkan",
                config=desk_config,
                now=clock(),
            )
        with pytest.raises(InvalidInput):
            await service_status.change_status(
                session,
                active,
                S.RETIRING,
                actor=admin,
                reason="  ",
                config=desk_config,
                now=clock(),
            )
        rows = list((await session.execute(select(ServiceHistory))).scalars())

    assert service.status == "retired" and active.status == "active" and rows == []
