"""`sigap faq export FILE` and `sigap faq import FILE` against a real database file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.cli import main
from tests.conftest import SEED


@pytest.fixture
def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith("SIGAP_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("SIGAP_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'sigap.db'}")
    assert main(["seed", "--dir", str(SEED)]) == 0
    return tmp_path


def test_export_import_round_trip_reports_nothing_changed(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["faq", "export", "faq.csv"]) == 0
    capsys.readouterr()

    code = main(["faq", "import", "faq.csv"])

    out = capsys.readouterr().out
    assert code == 0
    assert "0 created, 0 updated, 61 unchanged" in out
    assert (
        (seeded / "faq.csv")
        .read_text(encoding="utf-8")
        .startswith(
            "key,question,question_en,alternatives,keywords,answer,answer_en,service,status,"
            "owner,review_by"
        )
    )


def test_a_bad_file_names_each_row_and_field_and_imports_nothing(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (seeded / "baru.yaml").write_text(
        "faq:\n"
        "  - {key: baru-1, question: Pertanyaan baru, answer: Jawaban}\n"
        "  - {key: baru-2, question: Lagi, answer: Jawaban, review_by: besok}\n",
        encoding="utf-8",
    )

    code = main(["faq", "import", "baru.yaml"])
    assert main(["faq", "export", "after.yaml"]) == 0

    err = capsys.readouterr().err
    assert code == 1
    assert "row 2 (baru-2), field review_by: must be a date written YYYY-MM-DD" in err
    assert "nothing imported" in err
    assert "baru-1" not in (seeded / "after.yaml").read_text(encoding="utf-8")


def test_missing_file_and_unknown_extension_stop_with_a_clear_line(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = main(["faq", "import", "tidak-ada.yaml"])
    wrong = main(["faq", "export", "faq.json"])

    err = capsys.readouterr().err
    assert (missing, wrong) == (2, 2)
    assert "no file tidak-ada.yaml" in err and ".yaml, .yml or .csv" in err
