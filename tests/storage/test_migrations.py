"""The migrations build exactly the schema the models describe, and an older install
upgrades with its data, on both databases."""

from __future__ import annotations

from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection

from desk.config import DeskConfig
from desk.history import Actor
from desk.tickets import change_status, load_ticket, open_ticket
from desk.types import Role, TicketStatus
from storage.db import SessionFactory, create_engine, create_session_factory
from storage.migrate import alembic_config, upgrade_database
from storage.models import Base
from tests.conftest import FixedClock
from tests.factories import draft, make_person


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def test_migrated_schema_matches_the_models(sessions: SessionFactory) -> None:
    async with sessions() as session:
        connection = await session.connection()
        differences = await connection.run_sync(_differences)

    assert differences == []


def _downgrade(connection: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.downgrade(config, revision)


async def test_an_install_at_the_first_schema_upgrades_with_its_tickets(
    database_url: str, desk_config: DeskConfig, clock: FixedClock
) -> None:
    engine = create_engine(database_url)
    sessions = create_session_factory(engine)
    try:
        async with sessions() as session, session.begin():
            requester = await make_person(session, clock())
            ticket = await open_ticket(session, desk_config, draft(), requester, clock())
        async with engine.begin() as connection:  # back to what the first release shipped
            await connection.run_sync(_downgrade, "0001")
        await upgrade_database(engine)
        async with sessions() as session, session.begin():
            again = await load_ticket(session, ticket.number)
            before = again.version
            change_status(
                session,
                desk_config,
                again,
                TicketStatus.CANCELLED,
                Actor(requester.id, Role.REQUESTER),
                clock(),
            )
        async with sessions() as session:
            after = await load_ticket(session, ticket.number)
    finally:
        await engine.dispose()

    assert before == 1  # rows from before the version column start at 1
    assert (after.status, after.version) == (TicketStatus.CANCELLED.value, 2)
