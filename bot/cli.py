"""The `sigap` command and its subcommands."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.logs import configure_logging
from bot.settings import Settings, SettingsError, load_settings

logger = logging.getLogger(__name__)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="sigap", description="Sigap: a Telegram-first IT service desk for SPBE."
    )
    commands = root.add_subparsers(dest="command", metavar="COMMAND", required=True)

    run = commands.add_parser("run", help="run the bot from .env (long polling or webhook)")
    run.add_argument("--webhook", action="store_true", help="serve Telegram's webhook")

    commands.add_parser(
        "worker", help="run the scheduled jobs and outbox delivery alone, without polling"
    )

    demo = commands.add_parser("demo", help="play a scripted story offline and print it")
    demo.add_argument(
        "--database",
        type=Path,
        default=Path("data/demo.db"),
        help="SQLite file to create afresh (default: data/demo.db)",
    )

    shell = commands.add_parser("shell", help="chat with Sigap in the terminal, offline")
    shell.add_argument("--database", type=Path, default=Path("data/shell.db"))

    seed = commands.add_parser("seed", help="load the sample catalog, FAQ and people")
    seed.add_argument("--dir", type=Path, default=Path("seed"), dest="folder")

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser("upgrade", help="apply the migrations")

    faq = commands.add_parser("faq", help="FAQ knowledge: evaluate, import, export")
    faq_commands = faq.add_subparsers(dest="faq_command", metavar="ACTION", required=True)
    evaluate = faq_commands.add_parser("eval", help="measure the matcher on a labelled set")
    evaluate.add_argument("--faq", type=Path, required=True)
    evaluate.add_argument("--queries", type=Path, required=True)
    evaluate.add_argument("--scale", type=int, default=5000)
    evaluate.add_argument("--json", action="store_true")
    for action, text in (("import", "load entries from YAML or CSV"), ("export", "write them")):
        faq_commands.add_parser(action, help=text).add_argument("file", type=Path)

    backup = commands.add_parser("backup", help="copy the database, safe while the bot runs")
    backup.add_argument("file", type=Path, nargs="?", help="default: backups/sigap-<time>")
    restore = commands.add_parser("restore", help="replace the database with a backup")
    restore.add_argument("file", type=Path)
    for copying in (backup, restore):
        copying.add_argument("--force", action="store_true", help="overwrite what is there")
        copying.add_argument("--pg-bin", type=Path, help="folder of pg_dump and pg_restore")

    catalog = commands.add_parser("catalog", help="service catalog: import or export YAML")
    catalog_commands = catalog.add_subparsers(dest="catalog_command", metavar="ACTION")
    catalog_commands.required = True
    for verb, summary in (("import", "create or update services"), ("export", "write them")):
        catalog_commands.add_parser(verb, help=summary).add_argument("file", type=Path)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"sigap: {error}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level)
    try:
        return dispatch(arguments, settings)
    except SettingsError as error:
        print(f"sigap: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def dispatch(arguments: argparse.Namespace, settings: Settings) -> int:
    if arguments.command == "run":
        settings.token()  # fail fast, before anything is opened
        from bot.run import run_bot

        return run_bot(settings, webhook=arguments.webhook)
    if arguments.command == "worker":
        settings.token()  # fail fast, before anything is opened
        from bot.jobs import run_worker

        return asyncio.run(run_worker(settings))
    if arguments.command == "demo":
        from bot.demo import run_demo

        return asyncio.run(run_demo(settings, arguments.database))
    if arguments.command == "shell":
        from bot.shell import run_shell

        return asyncio.run(run_shell(settings, arguments.database))
    if arguments.command == "seed":
        from bot.seed import seed_command

        if not arguments.folder.is_dir():
            print(f"sigap seed: no folder {arguments.folder}", file=sys.stderr)
            return 2
        return asyncio.run(seed_command(settings, arguments.folder))
    if arguments.command == "db":
        return asyncio.run(upgrade(settings))
    if arguments.command == "faq" and arguments.faq_command in ("import", "export"):
        from bot.faq_files import faq_file_command

        return faq_file_command(settings, arguments.faq_command, arguments.file)
    if arguments.command == "faq":
        return faq_command(arguments)
    if arguments.command == "catalog":
        return catalog_file_command(settings, arguments.catalog_command, arguments.file)
    if arguments.command in ("backup", "restore"):
        from bot.backup import backup_command

        return backup_command(arguments, settings)
    raise AssertionError(f"unhandled command {arguments.command}")


async def upgrade(settings: Settings) -> int:
    from storage.db import create_engine
    from storage.migrate import upgrade_database

    engine = create_engine(settings.database_url)
    try:
        await upgrade_database(engine)
    finally:
        await engine.dispose()
    print("database is up to date")
    return 0


def catalog_file_command(settings: Settings, verb: str, path: Path) -> int:
    """`sigap catalog import|export FILE`: the catalog as the YAML file coordinators edit."""
    import yaml

    from desk.errors import SigapError

    try:
        if verb == "export":
            data = asyncio.run(catalog_transfer(settings, None))
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=95)
            path.write_text(text, encoding="utf-8")
            print(f"exported {len(data['services'])} services to {path}")
            return 0
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        done = asyncio.run(catalog_transfer(settings, loaded))
        print(f"imported {done['catalogs']} catalogs, {done['services']} services")
        return 0
    except (OSError, SigapError, yaml.YAMLError) as error:
        print(f"sigap catalog {verb}: {error}", file=sys.stderr)
        return 2


async def catalog_transfer(settings: Settings, incoming: Any | None) -> dict[str, Any]:
    """Export the whole catalog (`incoming` None) or import `incoming`, in one transaction."""
    from datetime import UTC, datetime

    from desk.catalog import export_catalog, import_catalog
    from storage.db import create_engine, create_session_factory
    from storage.migrate import upgrade_database

    engine = create_engine(settings.database_url)
    try:
        await upgrade_database(engine)
        async with create_session_factory(engine)() as session, session.begin():
            if incoming is None:
                return await export_catalog(session, settings.zone)
            return dict(await import_catalog(session, incoming, datetime.now(UTC)))
    finally:
        await engine.dispose()


def faq_command(arguments: argparse.Namespace) -> int:
    from faq import evaluate

    argv = [
        "--faq",
        str(arguments.faq),
        "--queries",
        str(arguments.queries),
        "--scale",
        str(arguments.scale),
    ]
    if arguments.json:
        argv.append("--json")
    return evaluate.main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
