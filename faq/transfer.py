"""FAQ entries in files: YAML in the seed file's shape, CSV for a spreadsheet.

An import checks every row before writing any, and reports each problem with its row and
field, so a coordinator fixes the file once instead of once per error. Entries that already
match the file are left alone: exporting and importing again changes nothing.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from faq.knowledge import STATUSES, import_entries
from faq.upkeep import MAX_OWNER, UpkeepError
from storage.models import FaqEntry, Service

logger = logging.getLogger(__name__)

MAX_KEY = 100
FIELDS = (
    "key",
    "question",
    "question_en",
    "alternatives",
    "keywords",
    "answer",
    "answer_en",
    "service",
    "status",
    "owner",
    "review_by",
)
LIST_FIELDS = ("alternatives", "keywords")
LIST_SEPARATOR = " | "
FILE_KEYS = ("faq", "entries")


@dataclass(frozen=True)
class RowError:
    """One problem in an imported file: which row (from 1), which field, and why."""

    row: int
    field: str
    message: str
    key: str | None = None

    def __str__(self) -> str:
        named = f" ({self.key})" if self.key else ""
        return f"row {self.row}{named}, field {self.field}: {self.message}"


class ImportRejected(ValueError):
    """The file had bad rows; nothing was imported."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} problem(s); nothing imported")
        self.errors = errors


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0


def file_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in {".yaml", ".yml"}:
        return "yaml"
    raise ValueError(f"{path.name}: use a .yaml, .yml or .csv file")


def parse_yaml(text: str) -> list[Any]:
    """Rows from a list, or from the list under `faq:` (the seed file) or `entries:`."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ImportRejected([RowError(0, "file", f"not valid YAML: {error}")]) from error
    if data is None:
        return []
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for name in FILE_KEYS:
            if isinstance(data.get(name), list):
                return list(data[name])
    raise ImportRejected(
        [RowError(0, "file", "expected a list, or a list under faq: or entries:")]
    )


def parse_csv(text: str) -> list[Any]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [
        name for name in ("key", "question", "answer") if name not in (reader.fieldnames or [])
    ]
    if missing:
        raise ImportRejected([RowError(0, "header", f"missing columns: {', '.join(missing)}")])
    return [dict(row) for row in reader]


def _optional(value: Any) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def _items(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split("|") if part.strip()]
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    raise ValueError("must be a list, or items separated by |")


def _review_by(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date) or value is None or value == "":
        return value or None
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as error:
        raise ValueError("must be a date written YYYY-MM-DD") from error


def clean_row(raw: Any, number: int, services: set[str]) -> tuple[dict[str, Any], list[RowError]]:
    """The row in the shape `import_entries` takes, and every problem found in it."""
    if not isinstance(raw, Mapping):
        return {}, [RowError(number, "row", "expected field: value pairs")]
    key = _optional(raw.get("key"))
    errors: list[RowError] = []

    def problem(name: str, message: str) -> None:
        errors.append(RowError(number, name, message, key))

    errors.extend(
        RowError(number, str(name), "unknown field", key) for name in raw if name not in FIELDS
    )
    row: dict[str, Any] = {name: _optional(raw.get(name)) for name in FIELDS}
    for name in ("key", "question", "answer"):
        if row[name] is None:
            problem(name, "required")
    if key and len(key) > MAX_KEY:
        problem("key", f"longer than {MAX_KEY} characters")
    row["status"] = row["status"] or "published"
    if row["status"] not in STATUSES:
        problem("status", f"must be one of {', '.join(STATUSES)}")
    if row["service"] and row["service"] not in services:
        problem("service", f"unknown service code {row['service']}")
    if row["owner"] and len(row["owner"]) > MAX_OWNER:
        problem("owner", f"longer than {MAX_OWNER} characters")
    for name in LIST_FIELDS:
        try:
            row[name] = _items(raw.get(name))
        except ValueError as error:
            problem(name, str(error))
    try:
        row["review_by"] = _review_by(raw.get("review_by"))
    except ValueError as error:
        problem("review_by", str(error))
    return row, errors


def validate(raws: list[Any], services: set[str]) -> list[dict[str, Any]]:
    """Clean rows, or `ImportRejected` listing every problem in every row."""
    rows: list[dict[str, Any]] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(raws, start=1):
        row, found = clean_row(raw, number, services)
        key = row.get("key")
        if key and key in seen:
            found.append(RowError(number, "key", f"already used in row {seen[key]}", key))
        elif key:
            seen[key] = number
        rows.append(row)
        errors.extend(found)
    if errors:
        raise ImportRejected(errors)
    return rows


def entry_row(entry: FaqEntry, codes: Mapping[int, str]) -> dict[str, Any]:
    """An entry as a file row, in the seed file's field order."""
    return {
        "key": entry.key,
        "question": entry.question,
        "question_en": entry.question_en,
        "alternatives": [str(item) for item in entry.alternatives or []],
        "keywords": [str(item) for item in entry.keywords or []],
        "answer": entry.answer,
        "answer_en": entry.answer_en,
        "service": codes.get(entry.service_id) if entry.service_id else None,
        "status": entry.status,
        "owner": entry.owner,
        "review_by": entry.review_by,
    }


async def service_codes(session: AsyncSession) -> dict[int, str]:
    return dict((await session.execute(select(Service.id, Service.code))).all())


async def import_rows(session: AsyncSession, raws: list[Any], now: datetime) -> ImportReport:
    """Validate every row first; then create or update only the entries that differ."""
    codes = await service_codes(session)
    rows = validate(raws, set(codes.values()))
    current = {
        entry.key: entry_row(entry, codes)
        for entry in (await session.execute(select(FaqEntry))).scalars()
    }
    report = ImportReport()
    changed = []
    for row in rows:
        if current.get(row["key"]) == row:
            report.unchanged += 1
            continue
        (report.updated if row["key"] in current else report.created).append(row["key"])
        changed.append(row)
    if changed:
        await import_entries(session, changed, now)
    logger.info(
        "faq file imported created=%s updated=%s unchanged=%s",
        len(report.created),
        len(report.updated),
        report.unchanged,
    )
    return report


def read_file(path: Path) -> list[Any]:
    """The raw rows of a YAML or CSV file, by its extension."""
    try:
        kind = file_format(path)
        text = path.read_text(encoding="utf-8")
    except (ValueError, OSError) as error:
        raise ImportRejected([RowError(0, "file", str(error))]) from error
    return parse_csv(text) if kind == "csv" else parse_yaml(text)


async def export_rows(session: AsyncSession) -> list[dict[str, Any]]:
    """Every entry, drafts and retired ones too, so the file is a full backup."""
    codes = await service_codes(session)
    entries = (await session.execute(select(FaqEntry).order_by(FaqEntry.id))).scalars()
    return [entry_row(entry, codes) for entry in entries]


def render_yaml(rows: list[dict[str, Any]]) -> str:
    return yaml.safe_dump({"faq": rows}, allow_unicode=True, sort_keys=False, width=100)


def render_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        if any("|" in item for name in LIST_FIELDS for item in row[name]):
            raise UpkeepError(f"entry {row['key']}: an item holds |", "kb.error.pipe_in_item")
        flat = {name: "" if row[name] is None else row[name] for name in FIELDS}
        for name in LIST_FIELDS:
            flat[name] = LIST_SEPARATOR.join(row[name])
        flat["review_by"] = row["review_by"].isoformat() if row["review_by"] else ""
        writer.writerow(flat)
    return out.getvalue()


def write_file(path: Path, rows: list[dict[str, Any]]) -> None:
    text = render_csv(rows) if file_format(path) == "csv" else render_yaml(rows)
    path.write_text(text, encoding="utf-8")
    logger.info("faq file exported entries=%s path=%s", len(rows), path)
