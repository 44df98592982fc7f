"""FAQ files: YAML in the seed's shape and CSV; all-or-nothing imports; lossless round trips."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from faq import transfer
from faq.transfer import ImportRejected
from storage.db import SessionFactory
from storage.models import FaqEntry
from tests.conftest import SEED, FixedClock
from tests.factories import make_service

ROWS: list[dict[str, Any]] = [
    {
        "key": "sk-cetak-ulang",
        "question": "Bagaimana cetak ulang SK?",
        "question_en": "How do I get a new copy of my appointment letter (SK)?",
        "alternatives": ["sk hilang", "minta salinan sk"],
        "keywords": ["sk", "salinan"],
        "answer": "Ajukan lewat SIMPEG, menu Dokumen.\nSalinan siap dalam 2 hari kerja.",
        "answer_en": "Ask through SIMPEG, Documents menu.",
        "service": "simpeg",
        "status": "published",
        "owner": "Biro SDM, Sekretariat Jenderal",
        "review_by": date(2027, 3, 31),
    },
    {
        "key": "draf-tanpa-layanan",
        "question": 'Pertanyaan umum, dengan koma, dan "kutipan"',
        "question_en": None,
        "alternatives": [],
        "keywords": [],
        "answer": "Jawaban",
        "answer_en": None,
        "service": None,
        "status": "draft",
        "owner": None,
        "review_by": None,
    },
]


async def entries(sessions: SessionFactory) -> list[FaqEntry]:
    async with sessions() as session:
        return list((await session.execute(select(FaqEntry).order_by(FaqEntry.key))).scalars())


async def load(
    sessions: SessionFactory, raws: list[Any], clock: FixedClock
) -> transfer.ImportReport:
    async with sessions() as session, session.begin():
        return await transfer.import_rows(session, list(raws), clock())


@pytest.fixture
async def with_service(sessions: SessionFactory, clock: FixedClock) -> SessionFactory:
    async with sessions() as session, session.begin():
        await make_service(session, clock(), code="simpeg", name="SIMPEG")
    return sessions


@pytest.mark.parametrize("suffix", [".yaml", ".csv"])
async def test_export_then_import_changes_nothing(
    with_service: SessionFactory, clock: FixedClock, tmp_path: Path, suffix: str
) -> None:
    await load(with_service, ROWS, clock)
    before = [(e.key, e.updated_at) for e in await entries(with_service)]
    async with with_service() as session:
        exported = await transfer.export_rows(session)
    path = tmp_path / f"faq{suffix}"
    transfer.write_file(path, exported)
    clock.advance(days=1)

    report = await load(with_service, transfer.read_file(path), clock)

    assert (report.created, report.updated, report.unchanged) == ([], [], 2)
    assert [(e.key, e.updated_at) for e in await entries(with_service)] == before
    async with with_service() as session:
        assert await transfer.export_rows(session) == exported
    assert sorted(exported, key=lambda row: row["key"]) == sorted(ROWS, key=lambda r: r["key"])


async def test_changed_row_is_updated_and_new_row_created(
    with_service: SessionFactory, clock: FixedClock
) -> None:
    await load(with_service, ROWS, clock)
    edited = {**ROWS[1], "answer": "Jawaban baru", "status": "published"}
    extra = {"key": "baru", "question": "Q", "answer": "A"}

    report = await load(with_service, [ROWS[0], edited, extra], clock)

    assert report.created == ["baru"] and report.updated == ["draf-tanpa-layanan"]
    assert report.unchanged == 1
    stored = {e.key: e for e in await entries(with_service)}
    assert stored["draf-tanpa-layanan"].answer == "Jawaban baru"
    assert stored["baru"].status == "published"


async def test_bad_rows_are_all_reported_and_nothing_is_imported(
    with_service: SessionFactory, clock: FixedClock, tmp_path: Path
) -> None:
    path = tmp_path / "faq.csv"
    path.write_text(
        "key,question,answer,status,service,review_by,anwser\n"
        "ok,Pertanyaan,Jawaban,published,simpeg,2027-01-31,\n"
        "x,,Jawaban,bogus,nope,31-01-2027,\n"
        "ok,Lagi,Jawaban,,,,\n",
        encoding="utf-8",
    )

    with pytest.raises(ImportRejected) as rejected:
        await load(with_service, transfer.read_file(path), clock)

    found = {(error.row, error.field) for error in rejected.value.errors}
    assert found == {
        (1, "anwser"),
        (2, "anwser"),
        (3, "anwser"),
        (2, "question"),
        (2, "status"),
        (2, "service"),
        (2, "review_by"),
        (3, "key"),
    }
    assert "row 2 (x), field service: unknown service code nope" in [
        str(error) for error in rejected.value.errors
    ]
    assert await entries(with_service) == []


@pytest.mark.parametrize(
    "text",
    [
        "- {key: a, question: Q, answer: A}\n",
        "faq:\n  - {key: a, question: Q, answer: A}\n",
        "entries:\n  - {key: a, question: Q, answer: A}\n",
    ],
)
def test_yaml_accepts_a_list_or_a_list_under_faq_or_entries(text: str) -> None:
    assert transfer.parse_yaml(text) == [{"key": "a", "question": "Q", "answer": "A"}]


@pytest.mark.parametrize("text", ["just words\n", "other: [1]\n", "a: [\n"])
def test_yaml_of_another_shape_is_rejected(text: str) -> None:
    with pytest.raises(ImportRejected) as rejected:
        transfer.parse_yaml(text)

    assert rejected.value.errors[0].field == "file"


def test_csv_needs_key_question_and_answer_columns() -> None:
    with pytest.raises(ImportRejected) as rejected:
        transfer.parse_csv("key,pertanyaan\nx,y\n")

    assert "question, answer" in rejected.value.errors[0].message


def test_other_extensions_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "faq.json"
    path.write_text("[]", encoding="utf-8")

    with pytest.raises(ImportRejected):
        transfer.read_file(path)
    with pytest.raises(ValueError):
        transfer.write_file(path, [])


async def test_the_seed_file_imports_as_is(sessions: SessionFactory, clock: FixedClock) -> None:
    from bot.seed import load_seed

    await load_seed(sessions, SEED, clock())

    report = await load(sessions, transfer.read_file(SEED / "faq.yaml"), clock)

    assert report.unchanged == len(await entries(sessions)) > 50
