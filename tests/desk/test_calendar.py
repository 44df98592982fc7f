"""Business calendars on fixed dates: office hours, WIB and WIT, holidays and closures."""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest
import yaml

from desk.calendar import BusinessCalendar, Closure, OpenSpan, indonesian_holidays

WIB = ZoneInfo("Asia/Jakarta")
WIT = ZoneInfo("Asia/Jayapura")
UTC = dt.UTC

OFFICE = BusinessCalendar.office()
CUTI_BERSAMA_MARCH_2026 = (
    Closure(dt.date(2026, 3, 18), "Cuti bersama Nyepi"),
    *(Closure(dt.date(2026, 3, day), "Cuti bersama Idul Fitri") for day in (20, 23, 24)),
)


def wib(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, sec, tzinfo=WIB)


def wit(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, sec, tzinfo=WIT)


def test_office_hours_are_open_only_inside_the_ministry_schedule() -> None:
    assert OFFICE.is_open(wib(2026, 3, 16, 7, 30))
    assert not OFFICE.is_open(wib(2026, 3, 16, 7, 29, 59))
    assert not OFFICE.is_open(wib(2026, 3, 16, 16, 0))
    assert OFFICE.is_open(wib(2026, 3, 13, 16, 20))  # Friday closes at 16:30
    assert not OFFICE.is_open(wib(2026, 3, 13, 16, 30))
    assert not OFFICE.is_open(wib(2026, 3, 14, 10, 0))  # Saturday


def test_national_holidays_close_the_office() -> None:
    assert not OFFICE.is_open(wib(2026, 12, 25, 9, 0))  # Natal, a Friday
    assert not OFFICE.is_open(wib(2026, 3, 19, 9, 0))  # Nyepi, a Thursday
    assert OFFICE.is_open(wib(2026, 12, 24, 9, 0))


def test_without_national_holidays_a_holiday_is_a_working_day() -> None:
    calendar = BusinessCalendar.office(national_holidays=False)

    assert calendar.is_open(wib(2026, 12, 25, 9, 0))


def test_next_open_is_the_instant_itself_when_open() -> None:
    at = wib(2026, 3, 16, 9, 15, 30)

    assert OFFICE.next_open(at) == at


def test_next_open_after_friday_closing_is_monday_morning() -> None:
    assert OFFICE.next_open(wib(2026, 3, 13, 16, 30)) == wib(2026, 3, 16, 7, 30)
    assert OFFICE.next_open(wib(2026, 3, 14, 11, 0)) == wib(2026, 3, 16, 7, 30)
    assert OFFICE.next_open(wib(2026, 3, 16, 0, 0)) == wib(2026, 3, 16, 7, 30)


def test_results_are_aware_utc() -> None:
    due = OFFICE.add_business_time(wib(2026, 3, 16, 9, 0), 45)

    assert due.tzinfo is UTC
    assert due == dt.datetime(2026, 3, 16, 2, 45, tzinfo=UTC)


def test_ticket_opened_friday_1620_runs_into_monday() -> None:
    due = OFFICE.add_business_time(wib(2026, 3, 13, 16, 20), 60)

    assert due == wib(2026, 3, 16, 8, 20)


def test_ticket_opened_on_saturday_counts_from_monday_opening() -> None:
    due = OFFICE.add_business_time(wib(2026, 3, 14, 10, 0), 30)

    assert due == wib(2026, 3, 16, 8, 0)


def test_ticket_opened_at_midnight_counts_from_opening() -> None:
    due = OFFICE.add_business_time(wib(2026, 3, 17, 0, 0), 90)

    assert due == wib(2026, 3, 17, 9, 0)


def test_adding_zero_minutes_gives_the_next_opening() -> None:
    assert OFFICE.add_business_time(wib(2026, 3, 16, 16, 0), 0) == wib(2026, 3, 17, 7, 30)
    assert OFFICE.add_business_time(wib(2026, 3, 16, 9, 0), 0) == wib(2026, 3, 16, 9, 0)


def test_a_target_ending_at_closing_time_is_due_at_closing_time() -> None:
    due = OFFICE.add_business_time(wib(2026, 3, 16, 15, 0), 60)

    assert due == wib(2026, 3, 16, 16, 0)


def test_day_before_christmas_skips_the_holiday_and_weekend() -> None:
    due = OFFICE.add_business_time(wib(2026, 12, 24, 15, 0), 120)

    assert due == wib(2026, 12, 28, 8, 30)


def test_cuti_bersama_closure_moves_the_due_time_further() -> None:
    calendar = BusinessCalendar.office(closures=[Closure(dt.date(2026, 12, 24), "Cuti bersama")])

    due = calendar.add_business_time(wib(2026, 12, 23, 15, 0), 120)

    assert due == wib(2026, 12, 28, 8, 30)
    assert OFFICE.add_business_time(wib(2026, 12, 23, 15, 0), 120) == wib(2026, 12, 24, 8, 30)


def test_new_year_across_the_year_boundary() -> None:
    due = OFFICE.add_business_time(wib(2026, 12, 31, 15, 0), 120)

    assert due == wib(2027, 1, 4, 8, 30)  # 1 January 2027 is a Friday holiday


def test_idul_fitri_2026_with_cuti_bersama_closes_a_whole_week() -> None:
    calendar = BusinessCalendar.office(closures=CUTI_BERSAMA_MARCH_2026)
    start = wib(2026, 3, 17, 15, 0)  # Tuesday; Nyepi Thursday, Idul Fitri Sat-Sun

    due = calendar.add_business_time(start, 8 * 60)

    assert due == wib(2026, 3, 25, 14, 30)
    assert OFFICE.add_business_time(start, 8 * 60) == wib(2026, 3, 18, 14, 30)


def test_joint_holidays_from_the_package_match_the_listed_cuti_bersama() -> None:
    from_package = BusinessCalendar.office(joint_holidays=True)
    listed = BusinessCalendar.office(closures=CUTI_BERSAMA_MARCH_2026)
    start = wib(2026, 3, 17, 15, 0)

    assert from_package.add_business_time(start, 480) == listed.add_business_time(start, 480)


def test_closures_between_explains_the_working_days_lost() -> None:
    calendar = BusinessCalendar.office(closures=CUTI_BERSAMA_MARCH_2026)

    closures = calendar.closures_between(wib(2026, 3, 17, 15, 0), wib(2026, 3, 25, 14, 30))

    assert [closure.date.day for closure in closures] == [18, 19, 20, 23, 24]
    assert closures[1].reason == "Hari Suci Nyepi"
    assert closures[2].reason == "Cuti bersama Idul Fitri"


def test_closures_between_leaves_out_holidays_on_days_without_hours() -> None:
    closures = OFFICE.closures_between(wib(2026, 3, 21), wib(2026, 3, 23))

    assert closures == []  # Idul Fitri 2026 falls on Saturday and Sunday


def test_a_configured_reason_wins_over_the_national_holiday_name() -> None:
    calendar = BusinessCalendar.office(closures=[Closure(dt.date(2026, 12, 25), "Natal")])

    closures = calendar.closures_between(wib(2026, 12, 24), wib(2026, 12, 26))

    assert closures == [Closure(dt.date(2026, 12, 25), "Natal")]


def test_holiday_names_are_in_bahasa_indonesia() -> None:
    names = {closure.date: closure.reason for closure in indonesian_holidays(2026)}

    assert names[dt.date(2026, 8, 17)] == "Hari Kemerdekaan Republik Indonesia"
    assert dt.date(2026, 3, 20) not in names  # cuti bersama only with joint=True
    assert dt.date(2026, 3, 20) in {c.date for c in indonesian_holidays(2026, joint=True)}


def test_jayapura_office_opens_two_hours_before_jakarta() -> None:
    papua = BusinessCalendar.office(tz="Asia/Jayapura")
    opened = wit(2026, 3, 13, 16, 20)  # 14:20 WIB: Jakarta still has two hours to go

    assert papua.add_business_time(opened, 60) == wit(2026, 3, 16, 8, 20)
    assert OFFICE.add_business_time(opened, 60) == wib(2026, 3, 13, 15, 20)
    assert papua.next_open(wit(2026, 3, 16, 0, 0)) == dt.datetime(2026, 3, 15, 22, 30, tzinfo=UTC)


def test_business_minutes_between_counts_only_open_time() -> None:
    minutes = OFFICE.business_minutes_between(wib(2026, 3, 13, 16, 0), wib(2026, 3, 16, 8, 0))

    assert minutes == 60.0
    assert OFFICE.business_minutes_between(wib(2026, 3, 16, 9), wib(2026, 3, 16, 8)) == 0.0


def test_business_minutes_between_counts_seconds_as_fractions() -> None:
    minutes = OFFICE.business_minutes_between(wib(2026, 3, 16, 9), wib(2026, 3, 16, 9, 0, 30))

    assert minutes == 0.5


def test_business_minutes_across_a_year_sum_the_whole_years_hours() -> None:
    calendar = BusinessCalendar.office(national_holidays=False)

    minutes = calendar.business_minutes_between(wib(2026, 1, 1), wib(2027, 1, 1))

    # 2026 has 209 Monday-Thursdays of 510 minutes and 52 Fridays of 540 minutes.
    assert minutes == 209 * 510 + 52 * 540


def test_lunch_break_is_not_counted() -> None:
    calendar = BusinessCalendar.from_mapping(
        {"code": "lunch", "hours": {"mon": ["07:30-12:00", "13:00-16:00"]}}
    )

    assert calendar.add_business_time(wib(2026, 3, 16, 11, 30), 60) == wib(2026, 3, 16, 13, 30)
    assert not calendar.is_open(wib(2026, 3, 16, 12, 30))


def test_add_business_days_keeps_the_local_time() -> None:
    due = OFFICE.add_business_days(wib(2026, 3, 17, 15, 0), 3)

    assert due == wib(2026, 3, 23, 15, 0)  # Nyepi on Thursday is no working day


def test_add_business_days_outside_hours_ends_at_close_of_business() -> None:
    assert OFFICE.add_business_days(wib(2026, 3, 17, 6, 0), 1) == wib(2026, 3, 18, 16, 0)
    assert OFFICE.add_business_days(wib(2026, 3, 13, 16, 20), 1) == wib(2026, 3, 16, 16, 0)
    assert OFFICE.add_business_days(wib(2026, 3, 8, 17, 0), 5) == wib(2026, 3, 13, 16, 30)


def test_add_zero_business_days_gives_the_next_opening() -> None:
    assert OFFICE.add_business_days(wib(2026, 3, 14, 10, 0), 0) == wib(2026, 3, 16, 7, 30)


def test_add_business_days_rejects_negative_days() -> None:
    with pytest.raises(ValueError, match="days"):
        OFFICE.add_business_days(wib(2026, 3, 16, 9), -1)


def test_is_working_day_respects_hours_and_closures() -> None:
    assert OFFICE.is_working_day(dt.date(2026, 3, 18))
    assert not OFFICE.is_working_day(dt.date(2026, 3, 19))  # Nyepi
    assert not OFFICE.is_working_day(dt.date(2026, 3, 21))  # Saturday


def test_always_open_ignores_holidays_and_hours() -> None:
    calendar = BusinessCalendar.always_open("Asia/Jayapura")
    christmas = wit(2026, 12, 25, 23, 0)

    assert calendar.is_open(christmas)
    assert calendar.add_business_time(christmas, 90) == christmas + dt.timedelta(minutes=90)
    assert calendar.add_business_days(christmas, 2) == wit(2026, 12, 27, 23, 0)
    assert calendar.closures_between(christmas, christmas + dt.timedelta(days=3)) == []


@pytest.mark.parametrize(
    "call",
    [
        lambda at: OFFICE.is_open(at),
        lambda at: OFFICE.next_open(at),
        lambda at: OFFICE.add_business_time(at, 10),
        lambda at: OFFICE.business_minutes_between(at, wib(2026, 3, 20)),
        lambda at: OFFICE.business_minutes_between(wib(2026, 3, 10), at),
        lambda at: OFFICE.add_business_days(at, 1),
        lambda at: OFFICE.closures_between(at, wib(2026, 3, 20)),
    ],
)
def test_naive_datetimes_are_refused(call: object) -> None:
    naive = dt.datetime(2026, 3, 16, 9, 0)

    with pytest.raises(ValueError, match="timezone-aware"):
        call(naive)  # type: ignore[operator]


@pytest.mark.parametrize("minutes", [-1, float("nan"), float("inf")])
def test_negative_or_endless_minutes_are_refused(minutes: float) -> None:
    with pytest.raises(ValueError, match="minutes"):
        OFFICE.add_business_time(wib(2026, 3, 16, 9), minutes)


def test_a_calendar_without_hours_is_refused() -> None:
    with pytest.raises(ValueError, match="no opening hours"):
        BusinessCalendar(weekly_hours=((),) * 7)


def test_closures_on_every_working_day_raise_instead_of_searching_for_ever() -> None:
    mondays_only = ((OpenSpan(450, 960),), (), (), (), (), (), ())
    first = dt.date(2026, 3, 16)
    closures = [Closure(first + dt.timedelta(weeks=week), "Tutup") for week in range(52 * 110)]
    calendar = BusinessCalendar(
        weekly_hours=mondays_only, closures=tuple(closures), national_holidays=False
    )

    began = time.perf_counter()
    with pytest.raises(ValueError, match="not enough open time"):
        calendar.add_business_time(wib(2026, 3, 16, 9), 30)
    with pytest.raises(ValueError, match="not enough open time"):
        calendar.next_open(wib(2026, 3, 16, 9))

    assert time.perf_counter() - began < 10


def test_equal_calendars_are_equal_values_whatever_their_caches() -> None:
    used = BusinessCalendar.office()
    used.add_business_time(wib(2026, 3, 16, 9), 10)

    assert used == BusinessCalendar.office()
    assert hash(used) == hash(BusinessCalendar.office())
    assert used != BusinessCalendar.office(tz="Asia/Makassar")


YAML_CALENDAR = """
code: kanwil-sulsel
name: Kantor Wilayah Sulawesi Selatan
timezone: Asia/Makassar
hours:
  mon: ["07:30-12:00", "13:00-16:00"]
  tue: ["07:30-12:00", "13:00-16:00"]
  fri: ["07:30-11:30", "13:30-16:30"]
national_holidays: true
closures:
  - {date: 2026-12-24, reason: "Cuti bersama Natal"}
  - {date: "2026-08-18", reason: "Libur lokal"}
"""


def test_from_mapping_reads_the_yaml_configuration() -> None:
    calendar = BusinessCalendar.from_mapping(yaml.safe_load(YAML_CALENDAR))

    assert calendar.code == "kanwil-sulsel"
    assert calendar.zone == ZoneInfo("Asia/Makassar")
    assert calendar.weekly_hours[4] == (OpenSpan(450, 690), OpenSpan(810, 990))
    assert calendar.weekly_hours[2] == ()
    assert Closure(dt.date(2026, 8, 18), "Libur lokal") in calendar.closures
    assert not calendar.is_open(dt.datetime(2026, 8, 18, 9, tzinfo=ZoneInfo("Asia/Makassar")))


def test_from_mapping_defaults_to_office_hours_in_jakarta() -> None:
    assert BusinessCalendar.from_mapping({"code": "office"}).weekly_hours == OFFICE.weekly_hours


def test_from_mapping_always_open() -> None:
    calendar = BusinessCalendar.from_mapping({"code": "24x7", "always_open": True})

    assert calendar.around_the_clock
    assert calendar.is_open(wib(2026, 12, 25, 3, 0))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"closure": []}, "unknown calendar settings"),
        ({"timezone": "Asia/Atlantis"}, "unknown IANA timezone"),
        ({"hours": {"monday": ["07:30-16:00"]}}, "unknown weekdays"),
        ({"hours": {"mon": "07:30-16:00"}}, "must be a list"),
        ({"hours": {"mon": 730}}, "must be a list"),
        ({"hours": {"mon": ["7.30-16.00"]}}, "must look like"),
        ({"hours": {"mon": ["16:00-07:30"]}}, "opens < closes"),
        ({"hours": {"mon": ["07:30-12:30", "12:00-16:00"]}}, "overlap"),
        ({"hours": {"mon": ["07:30-25:00"]}}, "opens < closes"),
        ({"hours": {}}, "no opening hours"),
        ({"national_holidays": "yes"}, "true or false"),
        ({"closures": [{"date": "24-12-2026", "reason": "x"}]}, "YYYY-MM-DD"),
        ({"closures": [{"date": "2026-12-24"}]}, "date and a reason"),
        ({"closures": [{"date": "2026-12-24", "reason": " "}]}, "needs a reason"),
        (
            {"closures": [{"date": "2026-12-24", "reason": "a"}] * 2},
            "closure date twice",
        ),
        ({"always_open": True, "hours": {"mon": ["07:30-16:00"]}}, "always open"),
    ],
)
def test_from_mapping_refuses_bad_configuration(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        BusinessCalendar.from_mapping(data)


def test_touching_spans_are_joined() -> None:
    calendar = BusinessCalendar.from_mapping({"hours": {"mon": ["07:30-12:00", "12:00-16:00"]}})

    assert calendar.weekly_hours[0] == (OpenSpan(450, 960),)


def test_a_day_open_until_midnight_runs_into_the_next() -> None:
    calendar = BusinessCalendar.from_mapping(
        {"hours": {"mon": ["20:00-24:00"], "tue": ["00:00-02:00"]}, "national_holidays": False}
    )

    assert calendar.add_business_time(wib(2026, 3, 16, 23, 0), 120) == wib(2026, 3, 17, 1, 0)
