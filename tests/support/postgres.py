"""Throwaway PostgreSQL clusters for the test suite.

The storage, desk and scheduler tests run as one contract over SQLite and PostgreSQL, so a
PostgreSQL-only bug (type coercion, locking, transactional DDL) shows up before an install
does. Nobody should have to set up a shared server for that: a test session starts its own
cluster in a temporary folder, on a free loopback port, with durability switched off for speed,
and removes every trace of it when the session ends, even after a failure.

PostgreSQL refuses to run as root. When the tests run as root (as CI does), the server
binaries run as the `postgres` OS user instead, and the temporary folder is handed to it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

logger = logging.getLogger(__name__)

REQUIRE_ENV = "SIGAP_REQUIRE_POSTGRES"
SERVER_USER_WHEN_ROOT = "postgres"
SUPERUSER = "postgres"
TEST_DATABASE = "sigap_test"
VERSIONED_ROOT = Path("/usr/lib/postgresql")

_SERVER_BINARIES = ("initdb", "pg_ctl")
_DATABASE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_START_TIMEOUT_SECONDS = 60

# Nothing here must survive a crash: the cluster is deleted at the end anyway.
_SPEED_OVER_DURABILITY = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "shared_buffers": "'32MB'",
    "max_connections": "100",
    "log_min_messages": "warning",
}


class PostgresUnavailable(RuntimeError):
    """PostgreSQL could not be started: no binaries, no server user, or the server failed."""


@dataclass(frozen=True)
class _Cluster:
    """Where a throwaway cluster lives and who runs it."""

    bin_dir: Path
    root: Path
    run_as: tuple[str, ...]

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"


def find_pg_bin(*, versioned_root: Path | None = None) -> Path | None:
    """Return the folder holding `initdb` and `pg_ctl`, or None when PostgreSQL is absent.

    An `initdb` on PATH wins, since whoever set PATH chose it; otherwise the newest of Debian's
    side-by-side installs under /usr/lib/postgresql/<version>/bin.
    """
    for candidate in _candidate_bin_dirs(versioned_root or VERSIONED_ROOT):
        if all(os.access(candidate / name, os.X_OK) for name in _SERVER_BINARIES):
            return candidate
    return None


def _candidate_bin_dirs(versioned_root: Path) -> list[Path]:
    candidates = []
    on_path = shutil.which("initdb")
    if on_path is not None:
        # A linked initdb (/usr/local/bin -> /usr/lib/postgresql/15/bin) points at the folder
        # holding every server binary of that install, so that folder is tried first.
        candidates.append(Path(on_path).resolve().parent)
        candidates.append(Path(on_path).parent)
    versions = sorted(
        (p for p in versioned_root.glob("*/bin") if _version_key(p.parent.name)),
        key=lambda p: _version_key(p.parent.name),
        reverse=True,
    )
    return candidates + versions


def _version_key(name: str) -> tuple[int, ...]:
    """`15` -> (15,), `9.6` -> (9, 6); anything that is not a version -> ()."""
    parts = name.split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else ()


def pg_bin_or_skip() -> Path:
    """Find the binaries for a test, skipping it when absent unless CI demands PostgreSQL."""
    bin_dir = find_pg_bin()
    if bin_dir is not None:
        return bin_dir

    reason = "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in " + str(
        VERSIONED_ROOT / "*/bin"
    )
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{REQUIRE_ENV}=1 but {reason}")
    pytest.skip(reason)


@contextmanager
def throwaway_cluster(bin_dir: Path | None = None) -> Iterator[str]:
    """Run a private PostgreSQL cluster and yield the URL of its empty `sigap_test` database.

    The cluster is stopped and its folder removed on the way out, whatever happened inside.
    """
    bin_dir = bin_dir or find_pg_bin()
    if bin_dir is None:
        raise PostgresUnavailable("PostgreSQL server binaries (initdb, pg_ctl) not found")
    run_as = _run_as_prefix()
    cluster = _Cluster(bin_dir=bin_dir, root=_make_root(run_as), run_as=run_as)

    try:
        _initdb(cluster)
        port = _start(cluster)
        base_url = URL.create("postgresql+asyncpg", SUPERUSER, host="127.0.0.1", port=port)
        yield create_database(_render(base_url.set(database="postgres")), TEST_DATABASE)
    finally:
        # Also after a failed start: pg_ctl may time out while the server lives on.
        if (cluster.data_dir / "postmaster.pid").exists():
            _stop(cluster)
        shutil.rmtree(cluster.root, ignore_errors=True)
        logger.info("postgres cluster removed root=%s", cluster.root)


def _run_as_prefix() -> tuple[str, ...]:
    """The command prefix that runs server binaries as a user PostgreSQL accepts."""
    if os.geteuid() != 0:
        return ()
    try:
        pwd.getpwnam(SERVER_USER_WHEN_ROOT)
    except KeyError:
        raise PostgresUnavailable(
            f"running as root and there is no '{SERVER_USER_WHEN_ROOT}' user to run the server"
        ) from None

    runuser = shutil.which("runuser")
    if runuser is not None:
        return (runuser, "-u", SERVER_USER_WHEN_ROOT, "--")
    setpriv = shutil.which("setpriv")
    if setpriv is not None:
        user = SERVER_USER_WHEN_ROOT
        return (setpriv, f"--reuid={user}", f"--regid={user}", "--init-groups", "--")
    raise PostgresUnavailable("running as root and neither runuser nor setpriv is available")


def _make_root(run_as: Sequence[str]) -> Path:
    """A fresh folder owned by whoever runs the server.

    Under /tmp when switching user, because a private TMPDIR may be closed to that user.
    """
    root = Path(tempfile.mkdtemp(prefix="sigap-pg-", dir="/tmp" if run_as else None))
    if run_as:
        server_user = pwd.getpwnam(SERVER_USER_WHEN_ROOT)
        os.chown(root, server_user.pw_uid, server_user.pw_gid)
    return root


def _initdb(cluster: _Cluster) -> None:
    _run(
        cluster,
        "initdb",
        "--pgdata",
        str(cluster.data_dir),
        "--username",
        SUPERUSER,
        "--auth",
        "trust",
        "--encoding",
        "UTF8",
        "--no-locale",
        "--no-sync",
    )

    settings = {
        **_SPEED_OVER_DURABILITY,
        "listen_addresses": "'127.0.0.1'",
        # The socket stays in our folder: /var/run/postgresql may not exist or be writable.
        "unix_socket_directories": f"'{cluster.root}'",
    }
    with (cluster.data_dir / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write("\n# sigap throwaway test cluster\n")
        conf.writelines(f"{key} = {value}\n" for key, value in settings.items())


def _start(cluster: _Cluster, attempts: int = 3) -> int:
    """Start the server on a free port; retry when another process took the port first."""
    for attempt in range(1, attempts):
        port = _free_port()
        try:
            _start_on(cluster, port)
        except PostgresUnavailable:
            logger.warning("postgres start failed, retrying port=%s attempt=%s", port, attempt)
        else:
            return port

    port = _free_port()
    _start_on(cluster, port)
    return port


def _start_on(cluster: _Cluster, port: int) -> None:
    _run(
        cluster,
        "pg_ctl",
        "start",
        "--pgdata",
        str(cluster.data_dir),
        "--log",
        str(cluster.log_file),
        "--wait",
        "--timeout",
        str(_START_TIMEOUT_SECONDS),
        "-o",
        f"-p {port}",
    )
    logger.info("postgres cluster started port=%s root=%s", port, cluster.root)


def _stop(cluster: _Cluster) -> None:
    """Stop without a checkpoint: nothing in the cluster is worth keeping."""
    try:
        _run(cluster, "pg_ctl", "stop", "--pgdata", str(cluster.data_dir), "--mode", "immediate")
    except PostgresUnavailable:
        logger.exception("postgres cluster did not stop root=%s", cluster.root)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _run(cluster: _Cluster, binary: str, *args: str) -> None:
    """Run a server binary as the server user, turning failure into a readable error."""
    command = [*cluster.run_as, str(cluster.bin_dir / binary), *args]
    completed = subprocess.run(
        command,
        cwd=cluster.root,  # the server user may not be allowed into the caller's folder
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode == 0:
        return

    log_tail = ""
    with suppress(OSError):
        log_tail = "\n".join(cluster.log_file.read_text(errors="replace").splitlines()[-20:])
    raise PostgresUnavailable(
        f"{binary} {args[0]} failed with exit code {completed.returncode}\n"
        f"{completed.stdout}{completed.stderr}{log_tail}"
    )


def create_database(base_url: str, name: str, template: str | None = None) -> str:
    """Create database `name` on the server of `base_url` and return its URL.

    With `template`, the new database is a copy of it: migrate a template once per session and
    copy it per test, far cheaper than migrating every time. The template must have no open
    connections while it is copied.
    """
    statement = f"CREATE DATABASE {_quoted(name)}"
    if template is not None:
        statement += f" TEMPLATE {_quoted(template)}"
    _execute_on_server(base_url, statement)
    return _render(make_url(base_url).set(database=name))


def drop_database(base_url: str, name: str) -> None:
    """Drop database `name`, closing any connection a failed test left open."""
    _execute_on_server(base_url, f"DROP DATABASE IF EXISTS {_quoted(name)} WITH (FORCE)")


def _quoted(name: str) -> str:
    """Database names are interpolated into DDL, so only plain identifiers are accepted."""
    if not _DATABASE_NAME.fullmatch(name):
        raise ValueError(f"not a plain lowercase database name: {name!r}")
    return f'"{name}"'


def _execute_on_server(base_url: str, statement: str) -> None:
    """Run one statement from the maintenance database, outside any transaction.

    It runs on a loop of its own in a worker thread, so sync fixtures and async tests (whose
    loop is already running) can both call it.
    """
    maintenance_url = make_url(base_url).set(database="postgres")

    async def execute() -> None:
        engine = create_async_engine(
            maintenance_url, isolation_level="AUTOCOMMIT", poolclass=NullPool
        )
        try:
            async with engine.connect() as connection:
                await connection.execute(text(statement))
        finally:
            await engine.dispose()

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as worker:
        worker.submit(lambda: asyncio.run(execute())).result()


def _render(url: URL) -> str:
    return url.render_as_string(hide_password=False)
