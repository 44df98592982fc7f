"""Measure the FAQ matcher on the shared development set, as `sigap faq eval` does.

Prints ``faq_top1: V``, ``faq_top3: V``, ``faq_answer_f1: V`` (2-fold cross-validated
threshold), ``faq_p99_ms: V`` and ``faq_p99_ms_scaled: V`` (knowledge replicated to 5,000
entries), one per line.

Run from the repository root: ``.venv/bin/python bench/bench_faq.py [FAQ.jsonl [QUERIES.jsonl]]``;
the files default to ``../shared/eval/faq/`` next to the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

from faq.evaluate import EvaluationDataError, run_evaluation

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "faq"


def main(argv: list[str]) -> int:
    faq_path = Path(argv[0]) if argv else SHARED / "faq.jsonl"
    queries_path = Path(argv[1]) if len(argv) > 1 else SHARED / "queries.jsonl"
    missing = [str(path) for path in (faq_path, queries_path) if not path.is_file()]
    if missing:
        print(f"bench_faq: missing evaluation file(s): {', '.join(missing)}", file=sys.stderr)
        return 2

    try:
        report = run_evaluation(faq_path, queries_path, scale=5000)
    except EvaluationDataError as exc:
        print(f"bench_faq: {exc}", file=sys.stderr)
        return 2

    print(f"faq_top1: {report.top1:.3f}")
    print(f"faq_top3: {report.top3:.3f}")
    print(f"faq_answer_f1: {report.answer_f1_cv:.3f}")
    print(f"faq_p99_ms: {report.p99_ms:.2f}")
    print(f"faq_p99_ms_scaled: {report.p99_ms_scaled:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
