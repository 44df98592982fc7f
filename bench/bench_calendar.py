"""Time one due-time computation, as an SLA sweep does it many times over.

Prints ``calendar_due_us: V``, the mean microseconds of one ``add_business_time`` on the
office calendar (Asia/Jakarta, national holidays), over random starts in 2026 and 2027 and
random targets up to five working days. Year tables are built before timing, as they are in a
running bot after its first sweep.

Run from the repository root: ``.venv/bin/python bench/bench_calendar.py``.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from desk.calendar import BusinessCalendar

CALLS = 200_000
FIVE_WORKING_DAYS = 5 * 510  # minutes, Monday-Thursday days of 07:30-16:00
SEED = 20260316


def random_starts(rng: random.Random, count: int) -> list[dt.datetime]:
    first = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    span = int((dt.datetime(2028, 1, 1, tzinfo=dt.UTC) - first).total_seconds())
    return [first + dt.timedelta(seconds=rng.randrange(span)) for _ in range(count)]


def main() -> None:
    rng = random.Random(SEED)
    calendar = BusinessCalendar.office()
    starts = random_starts(rng, CALLS)
    targets = [rng.randint(1, FIVE_WORKING_DAYS) for _ in range(CALLS)]
    for year_start in (starts[0].replace(year=year) for year in (2026, 2027, 2028)):
        calendar.add_business_time(year_start, 1)  # build the year tables once

    began = time.perf_counter()
    for start, minutes in zip(starts, targets, strict=True):
        calendar.add_business_time(start, minutes)
    elapsed = time.perf_counter() - began

    print(f"calendar_due_us: {elapsed / CALLS * 1e6:.2f}")


if __name__ == "__main__":
    main()
