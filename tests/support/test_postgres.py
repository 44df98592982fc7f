"""The throwaway PostgreSQL cluster really serves PostgreSQL 15+ and cleans up after itself."""

from __future__ import annotations

import asyncio
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

from tests.support import postgres
from tests.support.postgres import (
    REQUIRE_ENV,
    PostgresUnavailable,
    create_database,
    drop_database,
    find_pg_bin,
    pg_bin_or_skip,
    throwaway_cluster,
)


class BodyFailed(Exception):
    """What a failing test body raises inside the cluster's `with` block."""


@pytest.fixture(scope="module")
def cluster_url() -> Iterator[str]:
    with throwaway_cluster(pg_bin_or_skip()) as url:
        yield url


async def fetch_one(url: str, sql: str) -> object:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            return (await connection.execute(text(sql))).scalar_one()
    finally:
        await engine.dispose()


async def execute(url: str, *statements: str) -> None:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            for sql in statements:
                await connection.execute(text(sql))
    finally:
        await engine.dispose()


@pytest.mark.postgres
async def test_cluster_serves_postgresql_15_or_newer(cluster_url: str) -> None:
    version = await fetch_one(cluster_url, "select version()")
    version_num = await fetch_one(cluster_url, "show server_version_num")

    assert str(version).startswith("PostgreSQL ")
    assert int(str(version_num)) >= 150000
    assert make_url(cluster_url).database == "sigap_test"
    assert make_url(cluster_url).host == "127.0.0.1"


@pytest.mark.postgres
async def test_database_copied_from_template_is_independent(cluster_url: str) -> None:
    await execute(
        cluster_url,
        "create table catalog_probe (code text primary key)",
        "insert into catalog_probe values ('email-dinas')",
    )

    copy_url = create_database(cluster_url, "probe_copy", template="sigap_test")
    await execute(copy_url, "insert into catalog_probe values ('jaringan-vpn')")

    assert await fetch_one(copy_url, "select count(*) from catalog_probe") == 2
    assert await fetch_one(cluster_url, "select count(*) from catalog_probe") == 1
    assert make_url(copy_url).database == "probe_copy"


@pytest.mark.postgres
async def test_dropped_database_is_gone(cluster_url: str) -> None:
    url = create_database(cluster_url, "probe_dropped")
    assert await fetch_one(url, "select 1") == 1

    drop_database(cluster_url, "probe_dropped")

    with pytest.raises(DBAPIError, match="does not exist"):
        await fetch_one(url, "select 1")


@pytest.mark.postgres
def test_cluster_is_stopped_and_removed_even_when_the_body_fails() -> None:
    bin_dir = pg_bin_or_skip()

    with pytest.raises(BodyFailed), throwaway_cluster(bin_dir) as url:
        data_dir = Path(str(asyncio.run(fetch_one(url, "show data_directory"))))
        port = make_url(url).port
        assert data_dir.is_dir()
        raise BodyFailed

    assert not data_dir.parent.exists()
    assert port is not None
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


@pytest.mark.parametrize("name", ['x"; drop database sigap_test; --', "Upper", "", "a" * 64])
def test_database_names_that_are_not_plain_identifiers_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="not a plain lowercase database name"):
        create_database("postgresql+asyncpg://postgres@127.0.0.1:1/sigap_test", name)


def make_bin_dir(folder: Path, *binaries: str) -> Path:
    folder.mkdir(parents=True)
    for name in binaries:
        binary = folder / name
        binary.write_text("#!/bin/sh\nexit 0\n")
        binary.chmod(binary.stat().st_mode | stat.S_IXUSR)
    return folder


def test_find_pg_bin_takes_the_newest_complete_versioned_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(make_bin_dir(tmp_path / "empty")))
    root = tmp_path / "postgresql"
    make_bin_dir(root / "9.6" / "bin", "initdb", "pg_ctl")
    make_bin_dir(root / "13" / "bin", "initdb", "pg_ctl")
    make_bin_dir(root / "17" / "bin", "initdb")  # half-removed install: no pg_ctl
    make_bin_dir(root / "common" / "bin", "initdb", "pg_ctl")

    found = find_pg_bin(versioned_root=root)

    assert found == root / "13" / "bin"


def test_find_pg_bin_prefers_an_initdb_on_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_path = make_bin_dir(tmp_path / "custom", "initdb", "pg_ctl")
    monkeypatch.setenv("PATH", str(on_path))
    root = tmp_path / "postgresql"
    make_bin_dir(root / "16" / "bin", "initdb", "pg_ctl")

    found = find_pg_bin(versioned_root=root)

    assert found == on_path


def test_find_pg_bin_reports_absence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(make_bin_dir(tmp_path / "empty")))

    assert find_pg_bin(versioned_root=tmp_path / "nothing-here") is None


def test_missing_binaries_skip_the_test_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hide_postgres(tmp_path, monkeypatch)
    monkeypatch.delenv(REQUIRE_ENV, raising=False)

    with pytest.raises(pytest.skip.Exception, match="PostgreSQL server binaries"):
        pg_bin_or_skip()


def test_missing_binaries_fail_the_test_when_ci_requires_postgres(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hide_postgres(tmp_path, monkeypatch)
    monkeypatch.setenv(REQUIRE_ENV, "1")

    with pytest.raises(pytest.fail.Exception, match=f"{REQUIRE_ENV}=1"):
        pg_bin_or_skip()


def hide_postgres(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(make_bin_dir(tmp_path / "empty")))
    monkeypatch.setattr(postgres, "VERSIONED_ROOT", tmp_path / "nothing-here")


@pytest.mark.postgres
def test_a_server_that_cannot_start_is_reported_and_leaves_nothing_behind(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bin_dir = pg_bin_or_skip()
    broken = {**postgres._SPEED_OVER_DURABILITY, "sigap_no_such_setting": "on"}
    monkeypatch.setattr(postgres, "_SPEED_OVER_DURABILITY", broken)
    roots: list[Path] = []
    make_root = postgres._make_root
    monkeypatch.setattr(postgres, "_make_root", lambda run_as: remember(roots, make_root(run_as)))

    with (
        pytest.raises(PostgresUnavailable, match="sigap_no_such_setting"),
        throwaway_cluster(bin_dir),
    ):
        pass

    assert len(roots) == 1
    assert not roots[0].exists()


def remember(seen: list[Path], path: Path) -> Path:
    seen.append(path)
    return path
