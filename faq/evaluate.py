"""Measure the FAQ matcher on a labelled set: ranking, answer F1, false accepts, latency.

This is `sigap faq eval`. Ranking is scored on in-scope messages only; answering is scored
on every message, because staying quiet on out-of-scope ones is half the job. The answer
threshold is chosen by 2-fold cross-validation (picked on one half, scored on the other,
both ways round) so the reported F1 is not tuned to the very messages it is scored on.
Latency is measured on the knowledge as given and replicated to a larger size, over three
passes on freshly built indexes (see `_timed_passes`).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from faq.matcher import (
    DEFAULT_ANSWER_THRESHOLD,
    Candidate,
    FaqMatcher,
    KnowledgeItem,
)

IN_SCOPE = "in_scope"
PASSES = 3


class EvaluationDataError(ValueError):
    """A knowledge or query file that cannot be read; the message names file and line."""


@dataclass(frozen=True)
class LabelledQuery:
    """One message with the entry that answers it (None when nothing should)."""

    id: str
    text: str
    gold: str | None
    kind: str
    also_ok: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """What the matcher returned for one labelled message."""

    query: LabelledQuery
    ranked: tuple[str, ...]
    confidence: float


@dataclass(frozen=True)
class EvaluationReport:
    """Every figure `sigap faq eval` prints; see `report_json` for the stable key names."""

    entries: int
    entries_scaled: int
    messages: int
    in_scope: int
    top1: float
    top3: float
    top1_lenient: float
    top3_lenient: float
    answer_f1_cv: float
    threshold: float
    answer_f1_default: float
    default_threshold: float
    false_accept_oos_near: float
    false_accept_oos_far: float
    p50_ms: float
    p99_ms: float
    p50_ms_scaled: float
    p99_ms_scaled: float
    p99_cpu_ms: float
    p99_cpu_ms_scaled: float
    build_ms_scaled: float


@dataclass(frozen=True)
class _Timing:
    """Outcomes of the first pass, per-message median latencies, and the median build."""

    outcomes: list[Outcome]
    wall_ms: list[float]
    cpu_ms: list[float]
    build_ms: float


def load_knowledge(path: Path) -> list[KnowledgeItem]:
    """Read FAQ entries (`id`, `question`, `alternatives`, `answer`) from a JSONL file."""
    items: list[KnowledgeItem] = []
    seen: set[str] = set()
    for line, record in _records(path):
        item = _knowledge_item(record, path, line)
        if item.key in seen:
            raise EvaluationDataError(f"{path}:{line}: duplicate id '{item.key}'")
        seen.add(item.key)
        items.append(item)
    if not items:
        raise EvaluationDataError(f"{path}: no FAQ entries")
    return items


def load_queries(path: Path) -> list[LabelledQuery]:
    """Read labelled messages (`id`, `text`, `gold`, `kind`, optional `also_ok`)."""
    queries = [_labelled_query(record, path, line) for line, record in _records(path)]
    if not any(q.kind == IN_SCOPE for q in queries):
        raise EvaluationDataError(f"{path}: no in-scope messages")
    return queries


def run_evaluation(faq_path: Path, queries_path: Path, scale: int = 5000) -> EvaluationReport:
    """Load both files, run every message, and compute the report."""
    items = load_knowledge(faq_path)
    queries = load_queries(queries_path)
    _check_labels(items, queries, queries_path)
    timing = _timed_passes(items, queries)
    scaled_items = replicate(items, scale)
    scaled = _timed_passes(scaled_items, queries)
    return _report(items, len(scaled_items), timing, scaled)


def _check_labels(
    items: Sequence[KnowledgeItem], queries: Sequence[LabelledQuery], path: Path
) -> None:
    """Every gold and also-ok id must name an entry, or the scores would silently drop."""
    keys = {item.key for item in items}
    for query in queries:
        unknown = [k for k in (query.gold, *query.also_ok) if k is not None and k not in keys]
        if unknown:
            raise EvaluationDataError(
                f"{path}: message '{query.id}' names an unknown entry '{unknown[0]}'"
            )


def replicate(items: Sequence[KnowledgeItem], size: int) -> list[KnowledgeItem]:
    """Copy the knowledge round-robin up to `size` entries, every copy under its own key."""
    if size <= len(items):
        return list(items)
    copies = list(items)
    for n in range(len(items), size):
        source = items[n % len(items)]
        copies.append(_renamed(source, f"{source.key}#copy{n // len(items)}"))
    return copies


def format_report(r: EvaluationReport) -> str:
    """Render the report for a terminal, one figure per line."""
    return "\n".join(
        [
            f"knowledge entries        {r.entries} (scaled to {r.entries_scaled})",
            f"messages                 {r.messages} ({r.in_scope} in scope)",
            f"top-1 / top-3 strict     {r.top1:.3f} / {r.top3:.3f}",
            f"top-1 / top-3 lenient    {r.top1_lenient:.3f} / {r.top3_lenient:.3f}",
            f"answer F1 (2-fold CV)    {r.answer_f1_cv:.3f} at threshold {r.threshold:.3f}",
            f"answer F1 (default)      {r.answer_f1_default:.3f} "
            f"at threshold {r.default_threshold:.3f}",
            f"false accepts oos_near   {r.false_accept_oos_near:.3f}",
            f"false accepts oos_far    {r.false_accept_oos_far:.3f}",
            f"latency p50 / p99        {r.p50_ms:.2f} / {r.p99_ms:.2f} ms",
            f"latency scaled p50 / p99 {r.p50_ms_scaled:.2f} / {r.p99_ms_scaled:.2f} ms "
            f"(index built in {r.build_ms_scaled:.0f} ms)",
            f"CPU time p99             {r.p99_cpu_ms:.2f} ms, scaled {r.p99_cpu_ms_scaled:.2f} ms",
        ]
    )


def report_json(r: EvaluationReport) -> dict[str, float | int]:
    """The report as a flat JSON object with stable keys."""
    return {key: value for key, value in asdict(r).items()}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `sigap faq eval` and `python -m faq.evaluate`; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="sigap faq eval", description="Measure the FAQ matcher on a labelled set."
    )
    parser.add_argument("--faq", type=Path, required=True, help="FAQ entries (JSONL)")
    parser.add_argument("--queries", type=Path, required=True, help="labelled messages (JSONL)")
    parser.add_argument("--scale", type=int, default=5000, help="replicated knowledge size")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be at least 1")

    try:
        report = run_evaluation(args.faq, args.queries, args.scale)
    except EvaluationDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    print(json.dumps(report_json(report), indent=2) if args.json else format_report(report))
    return 0


def _timed_passes(items: Sequence[KnowledgeItem], queries: Sequence[LabelledQuery]) -> _Timing:
    """Run every message on freshly built indexes, `PASSES` times.

    Each pass starts from a new index, so the per-index memo of unknown words is cold as for
    a newly seen message; a message's latency is its median over the passes, so a pause
    caused by another process on the machine does not pass for the matcher's own cost.
    Wall time is the figure that counts; CPU time of the thread is kept beside it because
    on a busy machine it still shows what the matcher itself costs.
    """
    outcomes: list[Outcome] = []
    wall: list[list[float]] = []
    cpu: list[list[float]] = []
    builds: list[float] = []
    for _ in range(PASSES):
        started = time.perf_counter()
        matcher = FaqMatcher(items)
        builds.append((time.perf_counter() - started) * 1000.0)
        wall.append([])
        cpu.append([])
        for query in queries:
            started, started_cpu = time.perf_counter(), time.thread_time()
            candidates = matcher.search(query.text, limit=3)
            cpu[-1].append((time.thread_time() - started_cpu) * 1000.0)
            wall[-1].append((time.perf_counter() - started) * 1000.0)
            if len(outcomes) < len(queries):
                outcomes.append(_outcome(query, candidates))
    return _Timing(outcomes, _medians(wall), _medians(cpu), statistics.median(builds))


def _medians(passes: list[list[float]]) -> list[float]:
    return [statistics.median(timings) for timings in zip(*passes, strict=True)]


def _outcome(query: LabelledQuery, candidates: Sequence[Candidate]) -> Outcome:
    confidence = candidates[0].score if candidates else 0.0
    return Outcome(query, tuple(c.key for c in candidates), confidence)


def _report(
    items: Sequence[KnowledgeItem], entries_scaled: int, timing: _Timing, scaled: _Timing
) -> EvaluationReport:
    outcomes = timing.outcomes
    in_scope = [o for o in outcomes if o.query.kind == IN_SCOPE]
    f1_cv, threshold = cross_validated_f1(outcomes)
    return EvaluationReport(
        entries=len(items),
        entries_scaled=entries_scaled,
        messages=len(outcomes),
        in_scope=len(in_scope),
        top1=_share(in_scope, lambda o: _hit(o, 1, lenient=False)),
        top3=_share(in_scope, lambda o: _hit(o, 3, lenient=False)),
        top1_lenient=_share(in_scope, lambda o: _hit(o, 1, lenient=True)),
        top3_lenient=_share(in_scope, lambda o: _hit(o, 3, lenient=True)),
        answer_f1_cv=f1_cv,
        threshold=threshold,
        answer_f1_default=answer_f1(outcomes, DEFAULT_ANSWER_THRESHOLD),
        default_threshold=DEFAULT_ANSWER_THRESHOLD,
        false_accept_oos_near=_false_accepts(outcomes, "oos_near", threshold),
        false_accept_oos_far=_false_accepts(outcomes, "oos_far", threshold),
        p50_ms=percentile(timing.wall_ms, 50),
        p99_ms=percentile(timing.wall_ms, 99),
        p50_ms_scaled=percentile(scaled.wall_ms, 50),
        p99_ms_scaled=percentile(scaled.wall_ms, 99),
        p99_cpu_ms=percentile(timing.cpu_ms, 99),
        p99_cpu_ms_scaled=percentile(scaled.cpu_ms, 99),
        build_ms_scaled=scaled.build_ms,
    )


def answer_f1(outcomes: Sequence[Outcome], threshold: float) -> float:
    """F1 of answering: accepted and right over accepted, and over in-scope messages."""
    accepted = [o for o in outcomes if o.ranked and o.confidence >= threshold]
    right = sum(1 for o in accepted if _hit(o, 1, lenient=False))
    relevant = sum(1 for o in outcomes if o.query.kind == IN_SCOPE)
    if not right:
        return 0.0
    precision, recall = right / len(accepted), right / relevant
    return 2 * precision * recall / (precision + recall)


def best_threshold(outcomes: Sequence[Outcome]) -> float:
    """The confidence threshold that maximises answer F1 on these outcomes.

    Among equally good thresholds the midpoint to the next lower confidence is taken, so a
    threshold learnt on one half does not sit exactly on one of its messages.
    """
    levels = sorted({o.confidence for o in outcomes}, reverse=True)
    best, chosen = -1.0, 1.0
    for position, level in enumerate(levels):
        score = answer_f1(outcomes, level)
        if score > best:
            lower = levels[position + 1] if position + 1 < len(levels) else 0.0
            best, chosen = score, (level + lower) / 2.0
    return chosen


def cross_validated_f1(outcomes: Sequence[Outcome]) -> tuple[float, float]:
    """Average the F1 of each half at the threshold learnt on the other half."""
    halves = (list(outcomes[0::2]), list(outcomes[1::2]))
    scores: list[float] = []
    thresholds: list[float] = []
    for learn, score in (halves, halves[::-1]):
        threshold = best_threshold(learn)
        thresholds.append(threshold)
        scores.append(answer_f1(score, threshold))
    return sum(scores) / 2.0, sum(thresholds) / 2.0


def percentile(values: Sequence[float], rank: float) -> float:
    """Nearest-rank percentile; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, int(-(-rank * len(ordered) // 100)) - 1))
    return ordered[index]


def _hit(outcome: Outcome, depth: int, *, lenient: bool) -> bool:
    accepted = {outcome.query.gold, *(outcome.query.also_ok if lenient else ())}
    return any(key in accepted for key in outcome.ranked[:depth])


def _share(outcomes: Sequence[Outcome], test: Callable[[Outcome], bool]) -> float:
    return sum(1 for o in outcomes if test(o)) / len(outcomes) if outcomes else 0.0


def _false_accepts(outcomes: Sequence[Outcome], kind: str, threshold: float) -> float:
    of_kind = [o for o in outcomes if o.query.kind == kind]
    return _share(of_kind, lambda o: bool(o.ranked) and o.confidence >= threshold)


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationDataError(f"{path}: cannot read ({exc})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationDataError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise EvaluationDataError(f"{path}:{number}: expected a JSON object")
        yield number, record


def _knowledge_item(record: dict[str, Any], path: Path, line: int) -> KnowledgeItem:
    alternatives = record.get("alternatives", [])
    if not isinstance(alternatives, list) or not all(isinstance(a, str) for a in alternatives):
        raise EvaluationDataError(f"{path}:{line}: 'alternatives' must be a list of strings")
    return KnowledgeItem(
        key=_text(record, "id", path, line),
        question=_text(record, "question", path, line),
        alternatives=tuple(alternatives),
        answer=_text(record, "answer", path, line, required=False),
    )


def _labelled_query(record: dict[str, Any], path: Path, line: int) -> LabelledQuery:
    gold = record.get("gold")
    also_ok = record.get("also_ok") or []
    if gold is not None and not isinstance(gold, str):
        raise EvaluationDataError(f"{path}:{line}: 'gold' must be a string or null")
    if not isinstance(also_ok, list) or not all(isinstance(k, str) for k in also_ok):
        raise EvaluationDataError(f"{path}:{line}: 'also_ok' must be a list of strings")
    kind = _text(record, "kind", path, line, required=False) or (IN_SCOPE if gold else "oos_far")
    if (kind == IN_SCOPE) != (gold is not None):
        raise EvaluationDataError(f"{path}:{line}: in-scope messages need a gold entry")
    return LabelledQuery(
        id=_text(record, "id", path, line),
        text=_text(record, "text", path, line),
        gold=gold,
        kind=kind,
        also_ok=tuple(also_ok),
    )


def _text(
    record: dict[str, Any], field: str, path: Path, line: int, *, required: bool = True
) -> str:
    value = record.get(field)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise EvaluationDataError(f"{path}:{line}: '{field}' must be a non-empty string")
    return value


def _renamed(item: KnowledgeItem, key: str) -> KnowledgeItem:
    return KnowledgeItem(
        key=key,
        question=item.question,
        alternatives=item.alternatives,
        keywords=item.keywords,
        answer=item.answer,
        kind=item.kind,
        service_code=item.service_code,
    )


if __name__ == "__main__":
    raise SystemExit(main())
