"""The evaluation behind `sigap faq eval`, on small labelled files written by each test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from faq.evaluate import (
    LabelledQuery,
    Outcome,
    answer_f1,
    best_threshold,
    cross_validated_f1,
    main,
    percentile,
    replicate,
    report_json,
    run_evaluation,
)
from faq.matcher import KnowledgeItem

FAQ: list[dict[str, Any]] = [
    {
        "id": "ktp.lost",
        "question": "Apa syarat mengurus KTP yang hilang?",
        "alternatives": ["KTP hilang harus bagaimana"],
        "answer": "Bawa surat kehilangan dari kepolisian dan KK ke Dukcapil.",
    },
    {
        "id": "skck.requirements",
        "question": "Apa syarat membuat SKCK?",
        "alternatives": ["dokumen untuk bikin SKCK"],
        "answer": "Fotokopi KTP, KK, akta lahir, dan pas foto 4x6.",
    },
    {
        "id": "email.reset",
        "question": "Bagaimana cara reset kata sandi email dinas?",
        "alternatives": ["lupa password email kantor"],
        "answer": "Atur ulang lewat portal SSO dengan kode OTP.",
    },
    {
        "id": "printer.jam",
        "question": "Printer di ruangan macet",
        "alternatives": ["printer tidak bisa mencetak"],
        "answer": "Periksa kertas, lalu matikan dan nyalakan printer.",
    },
]

QUERIES: list[dict[str, Any]] = [
    {"id": "q1", "text": "ktp sy ilang gmn", "gold": "ktp.lost", "kind": "in_scope"},
    {"id": "q2", "text": "syarat skck apa aja", "gold": "skck.requirements", "kind": "in_scope"},
    {"id": "q3", "text": "lupa pw email dinas", "gold": "email.reset", "kind": "in_scope"},
    {"id": "q4", "text": "printer ga bisa ngeprint", "gold": "printer.jam", "kind": "in_scope"},
    {
        "id": "q5",
        "text": "bikin skck butuh dokumen apa",
        "gold": "skck.requirements",
        "kind": "in_scope",
        "also_ok": ["ktp.lost"],
    },
    {"id": "q6", "text": "syarat paspor baru", "gold": None, "kind": "oos_near"},
    {"id": "q7", "text": "promo ongkir ada ga kak", "gold": None, "kind": "oos_far"},
    {"id": "q8", "text": "harga cabai naik terus", "gold": None, "kind": "oos_far"},
]

REQUIRED_KEYS = {
    "top1",
    "top3",
    "top1_lenient",
    "top3_lenient",
    "answer_f1_cv",
    "threshold",
    "false_accept_oos_near",
    "false_accept_oos_far",
    "p50_ms",
    "p99_ms",
    "p50_ms_scaled",
    "p99_ms_scaled",
    "entries",
    "entries_scaled",
}


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    return write_jsonl(tmp_path / "faq.jsonl", FAQ), write_jsonl(tmp_path / "q.jsonl", QUERIES)


def outcome(gold: str | None, top: str | None, confidence: float) -> Outcome:
    kind = "in_scope" if gold else "oos_far"
    query = LabelledQuery(id="x", text="x", gold=gold, kind=kind)
    return Outcome(query, (top,) if top else (), confidence)


def test_evaluation_of_an_easy_set_is_perfect_and_quiet(files: tuple[Path, Path]) -> None:
    report = run_evaluation(*files, scale=400)

    assert report.entries == 4
    assert report.entries_scaled == 400
    assert report.in_scope == 5
    assert report.top1 == report.top3 == 1.0
    assert report.answer_f1_cv > 0.8
    assert report.false_accept_oos_far == 0.0
    assert 0.0 < report.p50_ms <= report.p99_ms
    assert 0.0 < report.p50_ms_scaled <= report.p99_ms_scaled


def test_answer_f1_counts_only_confident_right_answers() -> None:
    outcomes = [
        outcome("a", "a", 0.9),  # accepted, right
        outcome("b", "c", 0.8),  # accepted, wrong entry
        outcome("d", "d", 0.2),  # right but not accepted
        outcome(None, "a", 0.7),  # out of scope, accepted
    ]

    # precision 1/3, recall 1/3
    assert answer_f1(outcomes, 0.5) == pytest.approx(1 / 3)
    # only the first is accepted: precision 1, recall 1/3
    assert answer_f1(outcomes, 0.85) == pytest.approx(0.5)
    assert answer_f1(outcomes, 0.95) == 0.0


def test_threshold_is_learnt_on_one_half_and_scored_on_the_other() -> None:
    outcomes = [
        outcome("a", "a", 0.9),
        outcome("a", "a", 0.8),
        outcome(None, "a", 0.4),
        outcome(None, "a", 0.3),
        outcome("a", "a", 0.7),
        outcome("a", "b", 0.6),
    ]

    f1, threshold = cross_validated_f1(outcomes)

    # even half (0.9, 0.4, 0.7) learns 0.55; odd half (0.8, 0.3, 0.6) learns 0.7
    assert best_threshold(outcomes[0::2]) == pytest.approx(0.55)
    assert best_threshold(outcomes[1::2]) == pytest.approx(0.7)
    assert threshold == pytest.approx(0.625)
    # scored crosswise: odd half at 0.55 gives P=1/2 R=1/2, even half at 0.7 gives P=1 R=1
    assert f1 == pytest.approx((0.5 + 1.0) / 2)


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]

    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile([3.0], 99) == 3.0
    assert percentile([], 50) == 0.0


def test_replicas_have_distinct_keys_and_same_content() -> None:
    items = [KnowledgeItem(f"k{n}", f"question {n}", answer=f"a{n}") for n in range(3)]

    copies = replicate(items, 10)

    assert len(copies) == 10
    assert len({c.key for c in copies}) == 10
    assert copies[4].question == items[1].question
    assert replicate(items, 2) == items


def test_json_output_has_the_documented_keys(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--faq", str(files[0]), "--queries", str(files[1]), "--scale", "50", "--json"])

    printed = json.loads(capsys.readouterr().out)
    assert code == 0
    assert printed.keys() >= REQUIRED_KEYS
    assert printed["entries_scaled"] == 50
    assert report_json(run_evaluation(*files, scale=50)).keys() == printed.keys()


def test_text_output_names_the_figures(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--faq", str(files[0]), "--queries", str(files[1]), "--scale", "10"]) == 0

    out = capsys.readouterr().out
    assert "top-1 / top-3 strict" in out
    assert "latency scaled p50 / p99" in out


@pytest.mark.parametrize(
    ("faq_text", "message"),
    [
        (None, "cannot read"),
        ("{not json\n", "not JSON"),
        ('["a list"]\n', "expected a JSON object"),
        ('{"id": "x", "answer": "y"}\n', "'question' must be a non-empty string"),
        ('{"id": "x", "question": "q", "alternatives": "one"}\n', "'alternatives'"),
        ("\n", "no FAQ entries"),
    ],
)
def test_bad_knowledge_file_gives_one_error_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], faq_text: str | None, message: str
) -> None:
    faq_path = tmp_path / "faq.jsonl"
    if faq_text is not None:
        faq_path.write_text(faq_text, encoding="utf-8")
    queries = write_jsonl(tmp_path / "q.jsonl", QUERIES)

    code = main(["--faq", str(faq_path), "--queries", str(queries)])

    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith("error: ")
    assert message in err


def test_duplicate_entry_ids_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    faq = write_jsonl(tmp_path / "faq.jsonl", [FAQ[0], FAQ[0]])
    queries = write_jsonl(tmp_path / "q.jsonl", QUERIES[:1])

    assert main(["--faq", str(faq), "--queries", str(queries)]) == 2
    assert "duplicate id 'ktp.lost'" in capsys.readouterr().err


def test_gold_naming_no_entry_is_refused(
    tmp_path: Path, files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    queries = write_jsonl(
        tmp_path / "q.jsonl", [{"id": "q", "text": "x", "gold": "nope", "kind": "in_scope"}]
    )

    assert main(["--faq", str(files[0]), "--queries", str(queries)]) == 2
    assert "names an unknown entry 'nope'" in capsys.readouterr().err


def test_bad_query_file_gives_exit_2(
    tmp_path: Path, files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    queries = write_jsonl(tmp_path / "bad.jsonl", [{"id": "q", "text": "x", "gold": 3}])

    code = main(["--faq", str(files[0]), "--queries", str(queries)])

    assert code == 2
    assert "'gold' must be a string or null" in capsys.readouterr().err
