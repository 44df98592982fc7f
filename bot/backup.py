"""`sigap backup` and `sigap restore`: a copy of the database, and putting one back.

SQLite uses sqlite3's online backup API, which copies a consistent snapshot page by page while
the bot keeps running (WAL readers and writers go on). PostgreSQL uses its own tools, pg_dump
in the custom format and pg_restore, with the connection taken from the database URL and the
password handed to the child in PGPASSWORD, never on a command line others can read.

A restore is checked before anything is replaced: the file must be a Sigap database (or dump)
at an Alembic revision this version knows, and a target that already holds people or tickets
is only overwritten with `force`.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bot.settings import Settings
from storage.db import is_sqlite
from storage.migrate import alembic_config

logger = logging.getLogger(__name__)

BACKUP_FOLDER = Path("backups")
DATA_TABLES = ("people", "tickets")
SIGAP_TABLES = frozenset({"alembic_version", *DATA_TABLES})


class BackupError(Exception):
    """A backup or restore refused or failed; the message says why and what to do."""


def known_revisions() -> frozenset[str]:
    """Every schema revision this version of Sigap can migrate from."""
    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(revision.revision for revision in script.walk_revisions())


def default_target(url: str, now: datetime) -> Path:
    suffix = ".db" if is_sqlite(url) else ".dump"
    return BACKUP_FOLDER / f"sigap-{now.strftime('%Y%m%d-%H%M%S')}{suffix}"


async def backup(
    url: str, target: Path, *, force: bool = False, pg_bin: Path | None = None
) -> Path:
    """Write a backup of the database at `url` to `target`, off the event loop."""
    await asyncio.to_thread(write_backup, url, target, force, pg_bin)
    logger.info("backup written path=%s backend=%s", target, make_url(url).get_backend_name())
    return target


def write_backup(url: str, target: Path, force: bool, pg_bin: Path | None) -> None:
    if target.exists() and not force:
        raise BackupError(f"{target} already exists; choose another file or add --force")
    target.parent.mkdir(parents=True, exist_ok=True)
    if is_sqlite(url):
        backup_sqlite(sqlite_path(url), target)
    else:
        backup_postgres(url, target, pg_bin)


async def restore(
    url: str, source: Path, *, force: bool = False, pg_bin: Path | None = None
) -> str:
    """Replace the database at `url` with the backup `source`; the revision restored."""
    revision = await asyncio.to_thread(check_backup, url, source, pg_bin)
    if not force and await has_data(url):
        raise BackupError(
            f"{make_url(url).database} already holds people or tickets; "
            "add --force to replace them with the backup"
        )
    if is_sqlite(url):
        await asyncio.to_thread(restore_sqlite, source, sqlite_path(url))
    else:
        await asyncio.to_thread(restore_postgres, url, source, pg_bin)
    logger.info("database restored source=%s revision=%s", source, revision)
    return revision


def check_backup(url: str, source: Path, pg_bin: Path | None) -> str:
    """The backup's schema revision, once it is known to be a Sigap backup for this backend."""
    if not source.is_file():
        raise BackupError(f"no backup file {source}")
    if is_sqlite(url):
        return check_sqlite_backup(source)
    return check_postgres_dump(source, pg_bin)


async def has_data(url: str) -> bool:
    """Whether the target holds people or tickets that a restore would replace."""
    if is_sqlite(url):
        return await asyncio.to_thread(sqlite_has_data, sqlite_path(url))
    return await postgres_has_data(url)


def _check_revision(revision: str | None, source: Path) -> str:
    if revision is None:
        raise BackupError(f"{source} has no schema revision: not a Sigap database")
    if revision not in known_revisions():
        raise BackupError(
            f"{source} is at schema revision {revision}, unknown to this version of Sigap; "
            "restore it with the version that made it"
        )
    return revision


# --- SQLite ----------------------------------------------------------------------------


def sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up or restored")
    return Path(database).expanduser()


def backup_sqlite(source: Path, target: Path) -> None:
    """A consistent snapshot of a live SQLite file, taken with sqlite3's backup API."""
    if not source.is_file():
        raise BackupError(f"no database file {source}")
    with closing(sqlite3.connect(source)) as live, closing(sqlite3.connect(target)) as copy:
        live.backup(copy)


def check_sqlite_backup(path: Path) -> str:
    """The backup's schema revision, if it is an intact Sigap database this version knows."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            if db.execute("PRAGMA quick_check").fetchone() != ("ok",):
                raise BackupError(f"{path} is damaged (quick_check failed)")
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            if not tables >= SIGAP_TABLES:
                raise BackupError(f"{path} is an SQLite file but not a Sigap database")
            row = db.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not an SQLite database ({error})") from error
    return _check_revision(row[0] if row else None, path)


def sqlite_has_data(path: Path) -> bool:
    if not path.is_file():
        return False
    with closing(sqlite3.connect(path)) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        return any(
            db.execute(f"SELECT 1 FROM {name} LIMIT 1").fetchone() is not None
            for name in DATA_TABLES
            if name in tables
        )


def restore_sqlite(source: Path, target: Path) -> None:
    """Copy the checked backup over the target through the backup API.

    Writing through SQLite (not copying the file) keeps the target's WAL and shared-memory
    files consistent with its new content.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(source)) as saved, closing(sqlite3.connect(target)) as live:
        saved.backup(live)


# --- PostgreSQL ------------------------------------------------------------------------


def pg_tool(name: str, pg_bin: Path | None) -> str:
    """`pg_dump` or `pg_restore` from `pg_bin`, else from PATH."""
    found = str(pg_bin / name) if pg_bin else shutil.which(name)
    if found is None or not os.access(found, os.X_OK):
        raise BackupError(f"{name} not found: install the PostgreSQL client or pass --pg-bin")
    return found


def pg_connection(url: str) -> tuple[list[str], dict[str, str]]:
    """Connection options for the PostgreSQL tools, and their environment with the password."""
    parsed = make_url(url)
    options = [
        f"--{name}={value}"
        for name, value in (
            ("host", parsed.host),
            ("port", parsed.port),
            ("username", parsed.username),
            ("dbname", parsed.database),
        )
        if value
    ]
    environment = dict(os.environ)
    if parsed.password:
        environment["PGPASSWORD"] = str(parsed.password)
    return options, environment


def _run(command: Sequence[str], environment: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        list(command), capture_output=True, text=True, env=environment, check=False
    )
    if result.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(f"{tool} failed: {result.stderr.strip() or result.returncode}")
    return result.stdout


def backup_postgres(url: str, target: Path, pg_bin: Path | None) -> None:
    options, environment = pg_connection(url)
    dump = pg_tool("pg_dump", pg_bin)
    _run([dump, "--format=custom", f"--file={target}", *options], environment)


def check_postgres_dump(path: Path, pg_bin: Path | None) -> str:
    """The dump's schema revision, read from its alembic_version data without a server."""
    tool = pg_tool("pg_restore", pg_bin)
    try:
        script = _run([tool, "--data-only", "--table=alembic_version", "--file=-", str(path)])
    except BackupError as error:
        raise BackupError(f"{path} is not a pg_dump custom-format file ({error})") from error
    lines = script.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("COPY ")]
    revision = lines[starts[0] + 1] if starts and len(lines) > starts[0] + 1 else None
    return _check_revision(None if revision in {None, "\\."} else revision, path)


async def postgres_has_data(url: str) -> bool:
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_has_rows)
    finally:
        await engine.dispose()


def _has_rows(connection: Connection) -> bool:
    tables = set(inspect(connection).get_table_names())
    return any(
        connection.execute(text(f"SELECT 1 FROM {name} LIMIT 1")).first() is not None
        for name in DATA_TABLES
        if name in tables
    )


def restore_postgres(url: str, source: Path, pg_bin: Path | None) -> None:
    """Drop and recreate Sigap's objects from the dump, all or nothing."""
    options, environment = pg_connection(url)
    tool = pg_tool("pg_restore", pg_bin)
    flags = ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error"]
    _run([tool, *flags, *options, str(source)], environment)


# --- the command line ------------------------------------------------------------------


def backup_command(arguments: argparse.Namespace, settings: Settings) -> int:
    """`sigap backup [FILE]` and `sigap restore FILE`; a refusal exits 1 with its reason."""
    url = settings.database_url
    try:
        if arguments.command == "backup":
            target = arguments.file or default_target(url, datetime.now(UTC))
            asyncio.run(backup(url, target, force=arguments.force, pg_bin=arguments.pg_bin))
            print(f"backup written to {target}")
            return 0
        revision = asyncio.run(
            restore(url, arguments.file, force=arguments.force, pg_bin=arguments.pg_bin)
        )
    except BackupError as error:
        print(f"sigap {arguments.command}: {error}", file=sys.stderr)
        return 1
    print(f"database restored from {arguments.file} (schema revision {revision})")
    return 0
