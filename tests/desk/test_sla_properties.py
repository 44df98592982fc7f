"""Properties of business-time arithmetic that must hold for every start, target and calendar.

Service desks keep shipping fixes for SLA arithmetic at the edges: pauses over weekends, a
ticket opened at midnight, a holiday feed adding a day. These properties look at those edges
from every side, including a plain day-by-day walk written here as an independent reference.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from desk import sla_clock
from desk.calendar import BusinessCalendar, Closure, indonesian_holidays

UTC = dt.UTC
ONE_US = dt.timedelta(microseconds=1)
WEEKDAYS_ONLY = {day: ["07:30-12:00", "13:00-16:00"] for day in ("mon", "tue", "wed", "thu")}

INDONESIAN = {
    "office-wib": BusinessCalendar.office(),
    "office-wit-cuti": BusinessCalendar.office(tz="Asia/Jayapura", joint_holidays=True),
    "lunch-wita": BusinessCalendar.from_mapping(
        {
            "timezone": "Asia/Makassar",
            "hours": {
                **WEEKDAYS_ONLY,
                "fri": ["07:30-11:30", "13:30-16:30"],
                "sat": ["08:00-12:00"],
            },
            "closures": [
                {"date": dt.date(2026, 12, 24), "reason": "Cuti bersama Natal"},
                {"date": dt.date(2027, 1, 2), "reason": "Libur lokal"},
            ],
        }
    ),
    "night-shift": BusinessCalendar.from_mapping(
        {
            "hours": {
                "mon": ["20:00-24:00"],
                "tue": ["00:00-06:00", "20:00-24:00"],
                "wed": ["00:00-06:00"],
                "sat": ["00:00-24:00"],
                "sun": ["00:00-24:00"],
            },
        }
    ),
}
# A zone with clock changes: hours that fall into the spring gap and the autumn overlap.
DST = BusinessCalendar.from_mapping(
    {
        "timezone": "Europe/Berlin",
        "national_holidays": False,
        "hours": {"sun": ["01:00-04:00", "09:00-17:00"], "mon": ["09:00-17:00"]},
    }
)
ALWAYS = BusinessCalendar.always_open("Asia/Jayapura")
WITH_HOURS = {**INDONESIAN, "dst-berlin": DST}
EVERY = {**WITH_HOURS, "24x7": ALWAYS}
ZONES = [UTC, ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Jayapura"), ZoneInfo("America/New_York")]


def instants() -> st.SearchStrategy[dt.datetime]:
    """Instants around 2026, with extra weight on whole and half hours (opening boundaries)."""
    anywhere = st.datetimes(dt.datetime(2025, 10, 1), dt.datetime(2028, 3, 1))
    on_the_half_hour = st.builds(
        lambda day, half: dt.datetime.combine(day, dt.time()) + half * dt.timedelta(minutes=30),
        st.dates(dt.date(2025, 10, 1), dt.date(2028, 2, 28)),
        st.integers(0, 47),
    )
    local = st.one_of(anywhere, on_the_half_hour)
    return st.builds(
        lambda wall, zone: wall.replace(tzinfo=zone).astimezone(UTC),
        local,
        st.sampled_from([UTC, ZoneInfo("Asia/Jakarta"), ZoneInfo("Asia/Jayapura")]),
    )


calendars = st.sampled_from(sorted(EVERY)).map(EVERY.__getitem__)
calendars_with_hours = st.sampled_from(sorted(WITH_HOURS)).map(WITH_HOURS.__getitem__)
indonesian = st.sampled_from(sorted(INDONESIAN)).map(INDONESIAN.__getitem__)
# Up to five working days usually; now and then up to about three years of office time.
targets = st.one_of(st.integers(0, 5 * 540), st.integers(0, 400_000))


def reference_add(calendar: BusinessCalendar, start: dt.datetime, minutes: int) -> dt.datetime:
    """A plain day-by-day walk over the calendar's definition, independent of its tables."""
    listed = {closure.date for closure in calendar.closures}
    left = dt.timedelta(minutes=minutes)
    day = start.astimezone(calendar.zone).date()
    while True:
        found = indonesian_holidays(
            day.year, public=calendar.national_holidays, joint=calendar.joint_holidays
        )
        if day not in listed and day not in {holiday.date for holiday in found}:
            midnight = dt.datetime.combine(day, dt.time(), calendar.zone)
            for span in calendar.weekly_hours[day.weekday()]:
                opens = max(midnight + dt.timedelta(minutes=span.opens), start)
                closes = midnight + dt.timedelta(minutes=span.closes)
                if closes <= opens:
                    continue
                if left <= closes - opens:
                    return (opens + left).astimezone(UTC)
                left -= closes - opens
        day += dt.timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(indonesian, instants(), st.integers(0, 5 * 540))
def test_due_time_matches_a_plain_day_by_day_walk(
    calendar: BusinessCalendar, start: dt.datetime, minutes: int
) -> None:
    assert calendar.add_business_time(start, minutes) == reference_add(calendar, start, minutes)


@settings(max_examples=300, deadline=None)
@given(calendars, instants(), targets)
def test_due_time_is_never_before_start_and_falls_in_open_hours(
    calendar: BusinessCalendar, start: dt.datetime, minutes: int
) -> None:
    due = calendar.add_business_time(start, minutes)

    assert due >= start
    if minutes == 0:
        assert due == calendar.next_open(start)
        assert calendar.is_open(due)
    else:
        # Inside open hours or exactly at a closing time: the last moment counted was open.
        assert calendar.is_open(due - ONE_US)


@settings(max_examples=300, deadline=None)
@given(calendars, instants(), targets)
def test_open_minutes_up_to_the_due_time_are_the_target(
    calendar: BusinessCalendar, start: dt.datetime, minutes: int
) -> None:
    due = calendar.add_business_time(start, minutes)

    assert calendar.business_minutes_between(start, due) == minutes


@settings(max_examples=200, deadline=None)
@given(calendars, instants(), st.floats(0, 5 * 540, allow_nan=False))
def test_fractional_minutes_round_trip_to_the_microsecond(
    calendar: BusinessCalendar, start: dt.datetime, minutes: float
) -> None:
    due = calendar.add_business_time(start, minutes)

    assert calendar.business_minutes_between(start, due) == pytest.approx(minutes, abs=1e-8)


@settings(max_examples=300, deadline=None)
@given(calendars, instants(), targets, targets)
def test_due_time_is_monotonic_in_the_target(
    calendar: BusinessCalendar, start: dt.datetime, first: int, second: int
) -> None:
    smaller, larger = sorted((first, second))

    assert calendar.add_business_time(start, smaller) <= calendar.add_business_time(start, larger)


@settings(max_examples=300, deadline=None)
@given(calendars, instants(), targets, st.integers(1, 5 * 540))
def test_adding_in_two_steps_equals_adding_once(
    calendar: BusinessCalendar, start: dt.datetime, first: int, second: int
) -> None:
    halfway = calendar.add_business_time(start, first)

    assert calendar.add_business_time(halfway, second) == calendar.add_business_time(
        start, first + second
    )


@settings(max_examples=300, deadline=None)
@given(calendars, instants(), instants(), instants())
def test_open_minutes_add_up_over_consecutive_spans(
    calendar: BusinessCalendar, a: dt.datetime, b: dt.datetime, c: dt.datetime
) -> None:
    first, middle, last = sorted((a, b, c))

    whole = calendar.business_minutes_between(first, last)
    parts = calendar.business_minutes_between(first, middle) + calendar.business_minutes_between(
        middle, last
    )

    assert whole == pytest.approx(parts, abs=1e-6)
    assert 0 <= whole <= (last - first) / dt.timedelta(minutes=1)


@settings(max_examples=300, deadline=None)
@given(calendars, instants())
def test_next_open_is_the_first_open_instant(calendar: BusinessCalendar, at: dt.datetime) -> None:
    opening = calendar.next_open(at)

    assert opening >= at
    assert calendar.is_open(opening)
    assert (opening == at) == calendar.is_open(at)
    assert calendar.business_minutes_between(at, opening) == 0


@settings(max_examples=200, deadline=None)
@given(instants(), targets, instants())
def test_a_24x7_calendar_is_plain_timedelta_arithmetic(
    start: dt.datetime, minutes: int, end: dt.datetime
) -> None:
    assert ALWAYS.add_business_time(start, minutes) == start + dt.timedelta(minutes=minutes)
    assert ALWAYS.business_minutes_between(start, end) == pytest.approx(
        max((end - start) / dt.timedelta(minutes=1), 0.0), abs=1e-9
    )


@settings(max_examples=200, deadline=None)
@given(calendars, instants(), targets, instants(), st.integers(0, 20))
def test_results_do_not_depend_on_the_timezone_of_the_input(
    calendar: BusinessCalendar, start: dt.datetime, minutes: int, end: dt.datetime, days: int
) -> None:
    def answers(zone: dt.tzinfo) -> tuple[object, ...]:
        here, there = start.astimezone(zone), end.astimezone(zone)
        return (
            calendar.is_open(here),
            calendar.next_open(here),
            calendar.add_business_time(here, minutes),
            calendar.business_minutes_between(here, there),
            calendar.add_business_days(here, days),
            calendar.closures_between(here, there),
        )

    expected = answers(UTC)

    for zone in ZONES:
        assert answers(zone) == expected


@settings(max_examples=200, deadline=None)
@given(indonesian, instants(), st.integers(1, 20))
def test_business_days_keep_the_local_time_or_end_at_close_of_business(
    calendar: BusinessCalendar, start: dt.datetime, days: int
) -> None:
    due = calendar.add_business_days(start, days)

    zone = calendar.zone
    local_start = start.astimezone(zone)
    day, counted = local_start.date(), 0
    while counted < days:
        day += dt.timedelta(days=1)
        counted += calendar.is_working_day(day)
    same_time = dt.datetime.combine(day, local_start.time(), zone)

    assert due > start
    if calendar.is_open(same_time):
        assert due == same_time
    else:
        closes = calendar.weekly_hours[day.weekday()][-1].closes
        assert due == dt.datetime.combine(day, dt.time(), zone) + dt.timedelta(minutes=closes)


@settings(max_examples=200, deadline=None)
@given(indonesian, instants(), st.integers(1, 5 * 540), st.data())
def test_a_pause_over_the_weekend_adds_nothing_that_was_closed(
    calendar: BusinessCalendar, start: dt.datetime, target: int, data: st.DataObject
) -> None:
    assume(not calendar.weekly_hours[5] and not calendar.weekly_hours[6])
    local = start.astimezone(calendar.zone)
    saturday = dt.datetime.combine(
        local.date() + dt.timedelta(days=(5 - local.weekday()) % 7 or 7), dt.time(), local.tzinfo
    )
    weekend = data.draw(st.integers(0, 2 * 24 * 60 * 60 - 1), label="seconds into the weekend")
    paused_at = saturday + dt.timedelta(seconds=weekend)
    monday = saturday + dt.timedelta(days=2)
    resumed_at = monday + dt.timedelta(seconds=data.draw(st.integers(0, 86_399)))

    clock = sla_clock.start(start, target)
    resumed = sla_clock.resume(sla_clock.pause(clock, paused_at), resumed_at, calendar)

    assert resumed.paused_minutes == calendar.business_minutes_between(monday, resumed_at)
    if resumed_at <= calendar.next_open(monday):
        assert sla_clock.due_at(resumed, calendar) == sla_clock.due_at(clock, calendar)


@settings(max_examples=200, deadline=None)
@given(calendars, instants(), st.integers(1, 5 * 540), instants(), instants())
def test_resume_adds_exactly_the_open_time_paused(
    calendar: BusinessCalendar, start: dt.datetime, target: int, a: dt.datetime, b: dt.datetime
) -> None:
    paused_at, resumed_at = sorted((a, b))
    assume(paused_at >= start)
    clock = sla_clock.start(start, target)

    resumed = sla_clock.resume(sla_clock.pause(clock, paused_at), resumed_at, calendar)

    paused = calendar.business_minutes_between(paused_at, resumed_at)
    assert resumed.paused_minutes == paused
    assert sla_clock.due_at(resumed, calendar) == calendar.add_business_time(
        start, target + paused
    )


@settings(max_examples=200, deadline=None)
@given(calendars, instants(), st.integers(1, 5 * 540), st.floats(0.01, 2.0))
def test_the_warning_point_is_where_the_fraction_is_used(
    calendar: BusinessCalendar, start: dt.datetime, target: int, fraction: float
) -> None:
    clock = sla_clock.start(start, target)

    warning = sla_clock.warning_at(clock, calendar, fraction)

    assert warning is not None
    # The moment is rounded to the microsecond: half of one, over the target.
    assert sla_clock.elapsed_fraction(clock, calendar, warning) == pytest.approx(
        fraction, abs=0.5 / 60e6 / target
    )


@settings(max_examples=100, deadline=None)
@given(st.dates(dt.date(2025, 1, 1), dt.date(2028, 12, 31)))
def test_a_listed_closure_is_never_open(day: dt.date) -> None:
    calendar = BusinessCalendar.office(closures=[Closure(day, "Tutup")])
    zone = calendar.zone

    for minute in range(0, 24 * 60, 15):
        at = dt.datetime.combine(day, dt.time(), zone) + dt.timedelta(minutes=minute)
        assert not calendar.is_open(at)
