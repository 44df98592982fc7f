"""Business calendars: when a provider unit is open, so SLA targets count only open time.

A target of "8 working hours" only means something against the unit's calendar: its weekly
hours (lunch breaks included), its timezone (WIB, WITA or WIT), the national holidays, and the
cuti bersama and local closures announced each year. The guideline (BAB IV.2) lets every SLA
state its own exceptions; a calendar is where the "not counted" time of those exceptions lives.

Open time is laid out per local year as sorted UTC intervals with running totals, built once
and cached. Every question (is it open, when does it open next, where does the N-th open minute
fall) is then a binary search, not a walk through days or minutes: an SLA sweep recomputes many
due times and must stay cheap. All arithmetic is in integer microseconds since the epoch, so
adding and measuring open time round-trip exactly.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

logger = logging.getLogger(__name__)

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
ONE_US = dt.timedelta(microseconds=1)
ONE_DAY = dt.timedelta(days=1)
US_PER_MINUTE = 60_000_000
US_PER_DAY = 24 * 60 * US_PER_MINUTE
EPOCH_ORDINAL = EPOCH.toordinal()
MINUTES_PER_DAY = 24 * 60
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DEFAULT_TIMEZONE = "Asia/Jakarta"
# How far ahead a search for open time may look before the calendar is declared unusable
# (closures covering every working day would otherwise make the search run for ever).
HORIZON_YEARS = 100
MAX_CACHED_YEARS = 32  # per calendar: a bot asks about a handful of years, never hundreds
LAST_YEAR = dt.MAXYEAR - 1  # a year's table needs 1 January of the year after
SPAN_PATTERN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


class OpenSpan(NamedTuple):
    """One stretch of opening hours in local wall time: minutes after midnight, [opens, closes).

    ``closes`` may be 1440 (24:00) so a day can stay open up to midnight.
    """

    opens: int
    closes: int

    @classmethod
    def parse(cls, text: str) -> OpenSpan:
        """Read "07:30-16:00", the form unit calendars are written in."""
        match = SPAN_PATTERN.match(text)
        if match is None:
            raise ValueError(f"opening hours must look like '07:30-16:00', got {text!r}")
        oh, om, ch, cm = (int(part) for part in match.groups())
        if om >= 60 or cm >= 60:
            raise ValueError(f"minutes must be below 60 in {text!r}")
        return cls(oh * 60 + om, ch * 60 + cm)


WeeklyHours = tuple[tuple[OpenSpan, ...], ...]

OFFICE_HOURS: WeeklyHours = (
    *((OpenSpan(7 * 60 + 30, 16 * 60),) for _ in range(4)),  # Monday to Thursday
    (OpenSpan(7 * 60 + 30, 16 * 60 + 30),),  # Friday closes half an hour later
    (),
    (),
)


@dataclass(frozen=True, slots=True, order=True)
class Closure:
    """A whole local day the unit is closed, with the reason shown when a due time moves."""

    date: dt.date
    reason: str


@dataclass(frozen=True, slots=True, eq=False)
class _OpenYear:
    """One local year's open intervals in epoch microseconds, with running open-time totals.

    Intervals are sorted, disjoint and never touch. ``done[k]`` is the open time of this year
    before interval ``k`` starts; ``done[-1]`` is the whole year's open time. ``closed`` holds
    every closed date of the year with its reason, weekends included. The year itself runs
    from local midnight ``first`` of 1 January to ``after``, the next year's.
    """

    first: int
    after: int
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    done: tuple[int, ...]
    closed: Mapping[dt.date, str]

    @property
    def total(self) -> int:
        return self.done[-1]

    def interval_at(self, instant: int) -> int:
        """Index of the last interval starting at or before ``instant`` (-1 if none)."""
        return bisect_right(self.starts, instant) - 1

    def is_open(self, instant: int) -> bool:
        k = self.interval_at(instant)
        return k >= 0 and instant < self.ends[k]

    def open_until(self, instant: int) -> int:
        """Open time of this year that lies before ``instant``."""
        k = self.interval_at(instant)
        if k < 0:
            return 0
        return self.done[k] + min(instant, self.ends[k]) - self.starts[k]

    def instant_after(self, amount: int) -> int:
        """The first instant by which ``amount`` (0 < amount <= total) of open time has passed.

        An amount that ends exactly at closing time gives the closing time, not the next
        opening: "due at 16:00 Friday" is what a requester expects to read.
        """
        k = bisect_left(self.done, amount) - 1
        return self.starts[k] + amount - self.done[k]


@lru_cache(maxsize=512)
def indonesian_holidays(
    year: int, *, public: bool = True, joint: bool = False
) -> tuple[Closure, ...]:
    """Indonesian holidays of one year from the ``holidays`` package, named in Indonesian.

    ``public`` gives the national holidays, ``joint`` the cuti bersama. The package follows the
    yearly joint decree with a delay, so a unit that cannot wait for an upgrade lists its cuti
    bersama as closures instead.
    """
    wanted = (("public", public), ("government", joint))
    categories = tuple(category for category, chosen in wanted if chosen)
    if not categories:
        return ()
    found = holidays.country_holidays("ID", years=year, categories=categories, language="id")
    return tuple(sorted(Closure(day, str(name)) for day, name in found.items()))


def require_aware(at: dt.datetime, name: str) -> None:
    """Reject a naive datetime: its meaning depends on a server's zone, not the unit's."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {at.isoformat()}")


def _epoch_us(at: dt.datetime, name: str) -> int:
    require_aware(at, name)
    return (at - EPOCH) // ONE_US


def _from_us(instant: int) -> dt.datetime:
    return EPOCH + dt.timedelta(microseconds=instant)


def _minutes_us(minutes: float) -> int:
    if not 0 <= minutes < math.inf:  # also rejects NaN
        raise ValueError(f"minutes must be zero or more and finite, got {minutes!r}")
    return round(minutes * US_PER_MINUTE)


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown IANA timezone {name!r}") from error


def _normalised_day(spans: Iterable[OpenSpan]) -> tuple[OpenSpan, ...]:
    """Sort one weekday's spans, reject overlaps and join spans that touch."""
    result: list[OpenSpan] = []
    for span in sorted(OpenSpan(*span) for span in spans):
        if not 0 <= span.opens < span.closes <= MINUTES_PER_DAY:
            raise ValueError(f"opening hours {span} must satisfy 00:00 <= opens < closes <= 24:00")
        if result and span.opens < result[-1].closes:
            raise ValueError(f"opening hours {result[-1]} and {span} overlap")
        if result and span.opens == result[-1].closes:
            result[-1] = OpenSpan(result[-1].opens, span.closes)
        else:
            result.append(span)
    return tuple(result)


@dataclass(frozen=True, slots=True)
class BusinessCalendar:
    """When one provider unit counts time against SLA targets.

    An immutable value: equal calendars compare and hash equal, whatever their caches hold.
    ``weekly_hours`` runs Monday first. ``around_the_clock`` marks 24x7 services, whose SLA
    time is plain elapsed time: hours, holidays and closures are ignored for them. Results are
    aware UTC datetimes; naive input raises ValueError.
    """

    timezone: str = DEFAULT_TIMEZONE
    weekly_hours: WeeklyHours = OFFICE_HOURS
    closures: tuple[Closure, ...] = ()
    national_holidays: bool = True
    joint_holidays: bool = False
    around_the_clock: bool = False
    code: str = ""
    name: str = ""
    zone: ZoneInfo = field(init=False, repr=False, compare=False)
    _years: dict[int, _OpenYear] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        if len(self.weekly_hours) != len(WEEKDAYS):
            raise ValueError("weekly_hours needs one entry per weekday, Monday first")
        hours = tuple(_normalised_day(day) for day in self.weekly_hours)
        if not self.around_the_clock and not any(hours):
            raise ValueError(f"calendar {self.code!r} has no opening hours on any weekday")
        closures = tuple(sorted(self.closures))
        dates = [closure.date for closure in closures]
        if len(set(dates)) != len(dates):
            raise ValueError(f"calendar {self.code!r} lists a closure date twice")
        object.__setattr__(self, "weekly_hours", hours)
        object.__setattr__(self, "closures", closures)
        object.__setattr__(self, "zone", _zone(self.timezone))

    @classmethod
    def office(
        cls,
        tz: str = DEFAULT_TIMEZONE,
        closures: Iterable[Closure] = (),
        *,
        national_holidays: bool = True,
        joint_holidays: bool = False,
        code: str = "office",
        name: str = "Jam kerja kantor",
    ) -> BusinessCalendar:
        """The ministry's office hours: Mon-Thu 07:30-16:00, Fri 07:30-16:30, local time."""
        return cls(
            timezone=tz,
            closures=tuple(closures),
            national_holidays=national_holidays,
            joint_holidays=joint_holidays,
            code=code,
            name=name,
        )

    @classmethod
    def always_open(
        cls, tz: str = DEFAULT_TIMEZONE, *, code: str = "24x7", name: str = "24 jam"
    ) -> BusinessCalendar:
        """A 24x7 service: every minute counts, holidays included."""
        every_day = tuple((OpenSpan(0, MINUTES_PER_DAY),) for _ in WEEKDAYS)
        return cls(
            timezone=tz,
            weekly_hours=every_day,
            national_holidays=False,
            around_the_clock=True,
            code=code,
            name=name,
        )

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> BusinessCalendar:
        """Build a calendar from unit configuration (YAML).

        Unknown keys raise, so a typo such as ``closure:`` cannot silently drop closures.
        Without ``hours`` the ministry's office hours apply.
        """
        return _calendar_from_config(data)

    def is_open(self, at: dt.datetime) -> bool:
        """Whether time at this instant counts against SLA targets."""
        instant = _epoch_us(at, "at")
        if self.around_the_clock:
            return True
        return self._table_at(instant)[1].is_open(instant)

    def next_open(self, at: dt.datetime) -> dt.datetime:
        """The first open instant at or after ``at``: where an SLA clock starts counting."""
        return _from_us(self._next_open_us(_epoch_us(at, "at")))

    def add_business_time(self, start: dt.datetime, minutes: float) -> dt.datetime:
        """The due time of a target of ``minutes`` open minutes counted from ``start``.

        Closed time does not count, so a start out of hours counts from the next opening.
        Zero minutes gives ``next_open(start)``; a target that runs out exactly at closing
        time is due at closing time.
        """
        origin = _epoch_us(start, "start")
        amount = _minutes_us(minutes)
        if self.around_the_clock:
            return _from_us(origin + amount)
        if amount == 0:
            return _from_us(self._next_open_us(origin))

        # Count from local 1 January of the start's year, then spend whole years.
        first_year, table = self._table_at(origin)
        remaining = table.open_until(origin) + amount
        year, last_year = first_year, self._horizon(first_year)
        while remaining > table.total:
            if year == last_year:
                raise self._beyond_horizon(first_year)
            remaining -= table.total
            year += 1
            table = self._year(year)
        return _from_us(table.instant_after(remaining))

    def business_minutes_between(self, start: dt.datetime, end: dt.datetime) -> float:
        """Open minutes in [start, end); zero when ``end`` is not after ``start``."""
        first, last = _epoch_us(start, "start"), _epoch_us(end, "end")
        if last <= first:
            return 0.0
        if self.around_the_clock:
            return (last - first) / US_PER_MINUTE

        (first_year, first_table), (last_year, last_table) = map(self._table_at, (first, last))
        used = last_table.open_until(last) - first_table.open_until(first)
        used += sum(self._year(year).total for year in range(first_year, last_year))
        return used / US_PER_MINUTE

    def add_business_days(self, start: dt.datetime, days: int) -> dt.datetime:
        """The deadline of an "N working days" target.

        Working days are counted from the local day after ``start``, skipping closed days and
        days without hours. The deadline keeps the local time of ``start`` when that time is
        open on the last day, and is the end of that day's hours otherwise ("by close of
        business"). Zero days gives ``next_open(start)``, as zero minutes does.
        """
        origin = _epoch_us(start, "start")
        if days < 0:
            raise ValueError(f"days must be zero or more, got {days}")
        if days == 0:
            return _from_us(self._next_open_us(origin))

        local = start.astimezone(self.zone)
        day = self._working_day_after(local.date(), days)
        wall = dt.datetime.combine(day, local.time(), tzinfo=self.zone)
        if self.around_the_clock or self._year(day.year).is_open(_epoch_us(wall, "wall")):
            return wall.astimezone(dt.UTC)
        return _from_us(self._wall_us(day, self.weekly_hours[day.weekday()][-1].closes))

    def closures_between(self, start: dt.datetime, end: dt.datetime) -> list[Closure]:
        """Closed working days whose local date falls in [start, end), to explain a due time.

        Holidays on days without hours (a Sunday Idul Fitri) moved nothing and are left out.
        24x7 calendars have no closures.
        """
        first, last = _epoch_us(start, "start"), _epoch_us(end, "end")
        if self.around_the_clock or last <= first:
            return []

        first_day = start.astimezone(self.zone).date()
        last_day = _from_us(last - 1).astimezone(self.zone).date()
        return [
            Closure(day, reason)
            for year in range(first_day.year, last_day.year + 1)
            for day, reason in sorted(self._year(year).closed.items())
            if first_day <= day <= last_day and self.weekly_hours[day.weekday()]
        ]

    def is_working_day(self, day: dt.date) -> bool:
        """Whether a local date has opening hours and is not closed."""
        if not self.weekly_hours[day.weekday()]:
            return False
        return self.around_the_clock or day not in self._year(day.year).closed

    def _next_open_us(self, instant: int) -> int:
        if self.around_the_clock:
            return instant
        year, table = self._table_at(instant)
        k = table.interval_at(instant)
        if k >= 0 and instant < table.ends[k]:
            return instant
        if k + 1 < len(table.starts):
            return table.starts[k + 1]
        for later in range(year + 1, self._horizon(year) + 1):
            table = self._year(later)
            if table.starts:
                return table.starts[0]
        raise self._beyond_horizon(year)

    def _working_day_after(self, day: dt.date, days: int) -> dt.date:
        for _ in range(HORIZON_YEARS * 366):
            if day.year >= LAST_YEAR:
                break
            day += ONE_DAY
            if self.is_working_day(day):
                days -= 1
                if days == 0:
                    return day
        raise self._beyond_horizon(day.year)

    def _table_at(self, instant: int) -> tuple[int, _OpenYear]:
        """The local year holding ``instant``, with its table.

        A zone's offset is under a day, so the local year is the UTC year or a neighbour; the
        table's own bounds tell which, without a timezone conversion on every call.
        """
        year = dt.date.fromordinal(EPOCH_ORDINAL + instant // US_PER_DAY).year
        table = self._year(year)
        if instant < table.first:
            year -= 1
        elif instant >= table.after:
            year += 1
        else:
            return year, table
        return year, self._year(year)

    def _horizon(self, year: int) -> int:
        """The last year a search for open time starting in ``year`` may look at."""
        return min(year + HORIZON_YEARS, LAST_YEAR)

    def _beyond_horizon(self, year: int) -> ValueError:
        return ValueError(
            f"calendar {self.code!r} has not enough open time within {HORIZON_YEARS} years "
            f"of {year}: check its hours and closures"
        )

    def _year(self, year: int) -> _OpenYear:
        table = self._years.get(year)
        if table is None:
            table = _shared_open_year(self, year)
            if len(self._years) >= MAX_CACHED_YEARS:
                self._years.pop(next(iter(self._years)), None)
            self._years[year] = table
        return table

    def _build_year(self, year: int) -> _OpenYear:
        if not 1 <= year <= LAST_YEAR:
            raise ValueError(f"year {year} is outside what the calendar can compute")
        closed = self._closed_days(year)
        starts: list[int] = []
        ends: list[int] = []
        day = dt.date(year, 1, 1)
        while day.year == year:
            if day not in closed:
                for span in self.weekly_hours[day.weekday()]:
                    opens, closes = self._wall_us(day, span.opens), self._wall_us(day, span.closes)
                    _append_interval(starts, ends, opens, closes)
            day += ONE_DAY

        done = tuple(accumulate((e - s for s, e in zip(starts, ends, strict=True)), initial=0))
        logger.debug(
            "calendar year built calendar=%s year=%d closed_days=%d open_hours=%.1f",
            self.code,
            year,
            len(closed),
            done[-1] / US_PER_MINUTE / 60,
        )
        first = self._wall_us(dt.date(year, 1, 1), 0)
        after = self._wall_us(dt.date(year, 12, 31), MINUTES_PER_DAY)
        return _OpenYear(first, after, tuple(starts), tuple(ends), done, closed)

    def _closed_days(self, year: int) -> dict[dt.date, str]:
        """Holidays then configured closures; a configured reason wins on the same date."""
        found = indonesian_holidays(year, public=self.national_holidays, joint=self.joint_holidays)
        closed = {closure.date: closure.reason for closure in found}
        closed.update((c.date, c.reason) for c in self.closures if c.date.year == year)
        return closed

    def _wall_us(self, day: dt.date, minute: int) -> int:
        """A local wall-clock time of ``day`` as epoch microseconds; 24:00 is next midnight."""
        if minute == MINUTES_PER_DAY:
            day, minute = day + ONE_DAY, 0
        wall = dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60)
        return _epoch_us(wall.replace(tzinfo=self.zone), "wall")


@lru_cache(maxsize=256)
def _shared_open_year(calendar: BusinessCalendar, year: int) -> _OpenYear:
    """Year tables shared by equal calendars, so one rebuilt from configuration on every call
    (or loaded afresh per request) does not pay for laying out a year again."""
    return calendar._build_year(year)


def _append_interval(starts: list[int], ends: list[int], opens: int, closes: int) -> None:
    """Add an open interval, joining it to the previous one when they touch (or when a
    clock change makes them overlap), so the year's intervals stay disjoint and apart."""
    if ends and opens <= ends[-1]:
        ends[-1] = max(ends[-1], closes)
    elif closes > opens:
        starts.append(opens)
        ends.append(closes)


CONFIG_KEYS = frozenset(
    {
        "code",
        "name",
        "timezone",
        "hours",
        "national_holidays",
        "joint_holidays",
        "closures",
        "always_open",
    }
)


def _calendar_from_config(data: Mapping[str, Any]) -> BusinessCalendar:
    unknown = sorted(set(data) - CONFIG_KEYS)
    if unknown:
        raise ValueError(f"unknown calendar settings: {', '.join(map(str, unknown))}")
    code = str(data.get("code", ""))
    name = str(data.get("name", code))
    timezone = str(data.get("timezone", DEFAULT_TIMEZONE))

    if _flag(data, "always_open", default=False):
        if "hours" in data or data.get("closures"):
            raise ValueError(f"calendar {code!r} is always open: hours and closures contradict")
        return BusinessCalendar.always_open(timezone, code=code, name=name)

    hours = _weekly_hours(data["hours"]) if "hours" in data else OFFICE_HOURS
    return BusinessCalendar(
        timezone=timezone,
        weekly_hours=hours,
        closures=tuple(_closure(item) for item in data.get("closures") or ()),
        national_holidays=_flag(data, "national_holidays", default=True),
        joint_holidays=_flag(data, "joint_holidays", default=False),
        code=code,
        name=name,
    )


def _flag(data: Mapping[str, Any], key: str, *, default: bool) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        raise ValueError(f"calendar setting {key!r} must be true or false, got {value!r}")
    return value


def _weekly_hours(raw: Any) -> WeeklyHours:
    """``{mon: ["07:30-12:00", "13:00-16:00"], ...}``; a weekday left out is closed."""
    if not isinstance(raw, Mapping):
        raise ValueError("calendar hours must map weekdays (mon..sun) to lists of spans")
    unknown = sorted(str(key) for key in raw if key not in WEEKDAYS)
    if unknown:
        raise ValueError(f"unknown weekdays in calendar hours: {', '.join(unknown)}")
    days: list[tuple[OpenSpan, ...]] = []
    for weekday in WEEKDAYS:
        spans = raw.get(weekday) or []
        if not isinstance(spans, list | tuple) or not all(isinstance(s, str) for s in spans):
            raise ValueError(f"hours for {weekday} must be a list like ['07:30-16:00']")
        days.append(tuple(OpenSpan.parse(span) for span in spans))
    return tuple(days)


def _closure(item: Any) -> Closure:
    """``{date: 2026-12-24, reason: "Cuti bersama Natal"}``; YAML may give a date or text."""
    if not isinstance(item, Mapping) or set(item) != {"date", "reason"}:
        raise ValueError(f"a closure needs exactly a date and a reason, got {item!r}")
    day, reason = item["date"], item["reason"]
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError as error:
            raise ValueError(f"closure date {day!r} is not YYYY-MM-DD") from error
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        raise ValueError(f"closure date must be a date, got {day!r}")
    if not isinstance(reason, str) or not reason.strip():
        raise ValueError(f"closure on {day} needs a reason")
    return Closure(day, reason.strip())
