"""The SLA clock of one ticket target on fixed dates: pauses, retargeting, warnings."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from desk import sla_clock
from desk.calendar import BusinessCalendar, Closure
from desk.sla_clock import SlaClock

WIB = ZoneInfo("Asia/Jakarta")
OFFICE = BusinessCalendar.office()


def wib(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, sec, tzinfo=WIB)


def test_start_keeps_the_start_in_utc() -> None:
    clock = sla_clock.start(wib(2026, 3, 16, 9, 0), 240)

    assert clock.started_at == dt.datetime(2026, 3, 16, 2, 0, tzinfo=dt.UTC)
    assert clock.started_at.tzinfo is dt.UTC
    assert not clock.is_paused


def test_due_at_counts_the_target_in_open_time() -> None:
    clock = sla_clock.start(wib(2026, 3, 13, 16, 20), 60)

    assert sla_clock.due_at(clock, OFFICE) == wib(2026, 3, 16, 8, 20)


def test_a_pause_over_the_weekend_adds_only_open_minutes() -> None:
    clock = sla_clock.start(wib(2026, 3, 13, 15, 0), 120)

    paused = sla_clock.pause(clock, wib(2026, 3, 13, 15, 30))
    resumed = sla_clock.resume(paused, wib(2026, 3, 16, 8, 0), OFFICE)

    assert resumed.paused_minutes == 60 + 30  # Friday 15:30-16:30, Monday 07:30-08:00
    assert sla_clock.due_at(resumed, OFFICE) == wib(2026, 3, 16, 9, 30)


def test_a_pause_wholly_in_closed_time_changes_nothing() -> None:
    clock = sla_clock.start(wib(2026, 12, 23, 10, 0), 600)
    due_before = sla_clock.due_at(clock, OFFICE)

    paused = sla_clock.pause(clock, wib(2026, 12, 25, 9, 0))  # Natal
    resumed = sla_clock.resume(paused, wib(2026, 12, 27, 20, 0), OFFICE)

    assert resumed.paused_minutes == 0
    assert sla_clock.due_at(resumed, OFFICE) == due_before


def test_due_and_warning_are_unknown_while_paused() -> None:
    paused = sla_clock.pause(sla_clock.start(wib(2026, 3, 16, 9), 60), wib(2026, 3, 16, 9, 10))

    assert sla_clock.due_at(paused, OFFICE) is None
    assert sla_clock.warning_at(paused, OFFICE, 0.75) is None


def test_pausing_twice_is_refused() -> None:
    paused = sla_clock.pause(sla_clock.start(wib(2026, 3, 16, 9), 60), wib(2026, 3, 16, 9, 10))

    with pytest.raises(ValueError, match="already paused"):
        sla_clock.pause(paused, wib(2026, 3, 16, 9, 20))


def test_resuming_a_running_clock_is_refused() -> None:
    clock = sla_clock.start(wib(2026, 3, 16, 9), 60)

    with pytest.raises(ValueError, match="not paused"):
        sla_clock.resume(clock, wib(2026, 3, 16, 9, 20), OFFICE)


def test_clock_times_cannot_run_backwards() -> None:
    clock = sla_clock.start(wib(2026, 3, 16, 9), 60)
    paused = sla_clock.pause(clock, wib(2026, 3, 16, 9, 30))

    with pytest.raises(ValueError, match="before it started"):
        sla_clock.pause(clock, wib(2026, 3, 16, 8, 0))
    with pytest.raises(ValueError, match="before it was paused"):
        sla_clock.resume(paused, wib(2026, 3, 16, 9, 0), OFFICE)


def test_elapsed_fraction_reaches_the_warning_point_at_warning_at() -> None:
    clock = sla_clock.start(wib(2026, 3, 13, 15, 0), 240)

    warning = sla_clock.warning_at(clock, OFFICE, 0.75)

    assert warning == wib(2026, 3, 16, 9, 0)  # 90 minutes Friday, 90 minutes Monday
    assert sla_clock.elapsed_fraction(clock, OFFICE, warning) == 0.75


def test_elapsed_fraction_freezes_while_paused() -> None:
    clock = sla_clock.start(wib(2026, 3, 16, 9), 100)
    paused = sla_clock.pause(clock, wib(2026, 3, 16, 9, 50))

    assert sla_clock.elapsed_fraction(paused, OFFICE, wib(2026, 3, 16, 9, 50)) == 0.5
    assert sla_clock.elapsed_fraction(paused, OFFICE, wib(2026, 3, 17, 15, 0)) == 0.5


def test_elapsed_fraction_excludes_finished_pauses() -> None:
    clock = sla_clock.start(wib(2026, 3, 16, 9), 100)
    paused = sla_clock.pause(clock, wib(2026, 3, 16, 9, 20))
    resumed = sla_clock.resume(paused, wib(2026, 3, 16, 10, 0), OFFICE)

    assert sla_clock.elapsed_fraction(resumed, OFFICE, wib(2026, 3, 16, 10, 30)) == 0.5


def test_elapsed_fraction_is_zero_before_start_and_above_one_when_breached() -> None:
    clock = sla_clock.start(wib(2026, 3, 16, 9), 60)

    assert sla_clock.elapsed_fraction(clock, OFFICE, wib(2026, 3, 16, 8)) == 0.0
    assert sla_clock.elapsed_fraction(clock, OFFICE, wib(2026, 3, 16, 11)) == 2.0


def test_a_pause_after_the_breach_does_not_clear_it() -> None:
    clock = sla_clock.start(wib(2026, 3, 16, 9), 60)
    paused = sla_clock.pause(clock, wib(2026, 3, 16, 11))
    resume_time = wib(2026, 3, 17, 9)

    resumed = sla_clock.resume(paused, resume_time, OFFICE)

    due = sla_clock.due_at(resumed, OFFICE)
    assert due is not None and due <= resume_time
    assert sla_clock.elapsed_fraction(resumed, OFFICE, resume_time) == 2.0


def test_retarget_recomputes_from_the_same_start_and_keeps_pauses() -> None:
    clock = sla_clock.start(wib(2026, 3, 16, 9), 480)
    clock = sla_clock.resume(
        sla_clock.pause(clock, wib(2026, 3, 16, 9, 30)), wib(2026, 3, 16, 10), OFFICE
    )

    raised = sla_clock.retarget(clock, 120)

    assert raised.started_at == clock.started_at
    assert raised.paused_minutes == 30
    assert sla_clock.due_at(raised, OFFICE) == wib(2026, 3, 16, 11, 30)


def test_retarget_while_paused_keeps_the_pause() -> None:
    paused = sla_clock.pause(sla_clock.start(wib(2026, 3, 16, 9), 480), wib(2026, 3, 16, 9, 30))

    raised = sla_clock.retarget(paused, 120)

    assert raised.paused_since == paused.paused_since
    assert sla_clock.due_at(sla_clock.resume(raised, wib(2026, 3, 16, 10), OFFICE), OFFICE) == (
        wib(2026, 3, 16, 11, 30)
    )


def test_a_cuti_bersama_announced_later_moves_the_due_time() -> None:
    clock = sla_clock.start(wib(2026, 12, 23, 15, 0), 120)
    announced = BusinessCalendar.office(closures=[Closure(dt.date(2026, 12, 24), "Cuti bersama")])

    assert sla_clock.due_at(clock, OFFICE) == wib(2026, 12, 24, 8, 30)
    assert sla_clock.due_at(clock, announced) == wib(2026, 12, 28, 8, 30)


def test_a_24x7_clock_is_plain_elapsed_time() -> None:
    clock = sla_clock.start(wib(2026, 12, 25, 23, 0), 90)

    due = sla_clock.due_at(clock, BusinessCalendar.always_open())

    assert due == wib(2026, 12, 26, 0, 30)


@pytest.mark.parametrize("target", [0, -5, float("nan"), float("inf")])
def test_targets_must_be_positive(target: float) -> None:
    with pytest.raises(ValueError, match="target_minutes"):
        sla_clock.start(wib(2026, 3, 16, 9), target)


def test_retarget_to_zero_is_refused() -> None:
    with pytest.raises(ValueError, match="target_minutes"):
        sla_clock.retarget(sla_clock.start(wib(2026, 3, 16, 9), 60), 0)


def test_naive_times_are_refused() -> None:
    clock = sla_clock.start(wib(2026, 3, 16, 9), 60)
    naive = dt.datetime(2026, 3, 16, 10)

    with pytest.raises(ValueError, match="timezone-aware"):
        sla_clock.start(naive, 60)
    with pytest.raises(ValueError, match="timezone-aware"):
        sla_clock.pause(clock, naive)
    with pytest.raises(ValueError, match="timezone-aware"):
        sla_clock.elapsed_fraction(clock, OFFICE, naive)


def test_a_stored_clock_is_checked_when_rebuilt() -> None:
    with pytest.raises(ValueError, match="paused before it started"):
        SlaClock(
            started_at=wib(2026, 3, 16, 9),
            target_minutes=60,
            paused_since=wib(2026, 3, 16, 8),
        )
    with pytest.raises(ValueError, match="paused_minutes"):
        SlaClock(started_at=wib(2026, 3, 16, 9), target_minutes=60, paused_minutes=-1)


def test_warning_fraction_must_not_be_negative() -> None:
    clock = sla_clock.start(wib(2026, 3, 16, 9), 60)

    with pytest.raises(ValueError, match="fraction"):
        sla_clock.warning_at(clock, OFFICE, -0.1)
