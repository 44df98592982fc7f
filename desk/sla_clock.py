"""The SLA clock of one ticket target: how much open time it has used, and when it falls due.

A target (respond within 4 working hours, resolve within 2 working days) counts only the open
time of the unit's business calendar, and stops while the ticket waits on the requester: time
the provider cannot act in is not held against it (the SLA's exceptions, BAB IV.2). The clock
is a small immutable value so it can be stored as four columns and recomputed at any moment;
these functions return a new clock rather than changing one.

The calendar is passed in, not stored, because it belongs to the service or unit and may be
edited (a cuti bersama announced mid-year) while tickets are open: due times then follow the
calendar as it stands.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from dataclasses import dataclass, replace

from desk.calendar import BusinessCalendar, require_aware

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SlaClock:
    """Where one SLA target stands.

    ``paused_minutes`` is the open time (business minutes) spent paused in finished pauses;
    closed time during a pause was never counted, so it is not added back. ``paused_since`` is
    set while the ticket waits on the requester.
    """

    started_at: dt.datetime
    target_minutes: float
    paused_minutes: float = 0.0
    paused_since: dt.datetime | None = None

    def __post_init__(self) -> None:
        require_aware(self.started_at, "started_at")
        _require_target(self.target_minutes)
        if not 0 <= self.paused_minutes < math.inf:
            raise ValueError(f"paused_minutes must be zero or more, got {self.paused_minutes}")
        if self.paused_since is not None:
            require_aware(self.paused_since, "paused_since")
            if self.paused_since < self.started_at:
                raise ValueError("an SLA clock cannot be paused before it started")

    @property
    def is_paused(self) -> bool:
        return self.paused_since is not None


def start(now: dt.datetime, target_minutes: float) -> SlaClock:
    """A clock started at ``now`` for a target of ``target_minutes`` open minutes."""
    require_aware(now, "now")
    return SlaClock(started_at=now.astimezone(dt.UTC), target_minutes=target_minutes)


def pause(clock: SlaClock, now: dt.datetime) -> SlaClock:
    """Stop the clock while the ticket waits on the requester."""
    require_aware(now, "now")
    if clock.paused_since is not None:
        raise ValueError(f"SLA clock is already paused since {clock.paused_since.isoformat()}")
    if now < clock.started_at:
        raise ValueError("an SLA clock cannot be paused before it started")
    return replace(clock, paused_since=now.astimezone(dt.UTC))


def resume(clock: SlaClock, now: dt.datetime, calendar: BusinessCalendar) -> SlaClock:
    """Restart the clock, setting aside the open time the pause lasted."""
    require_aware(now, "now")
    if clock.paused_since is None:
        raise ValueError("SLA clock is not paused, so it cannot be resumed")
    if now < clock.paused_since:
        raise ValueError("an SLA clock cannot be resumed before it was paused")

    paused = calendar.business_minutes_between(clock.paused_since, now)
    logger.debug("sla clock resumed paused_minutes=%.1f", paused)
    return replace(clock, paused_minutes=clock.paused_minutes + paused, paused_since=None)


def due_at(clock: SlaClock, calendar: BusinessCalendar) -> dt.datetime | None:
    """When the target is reached, or None while paused (it depends on when it resumes)."""
    return warning_at(clock, calendar, 1.0)


def elapsed_fraction(clock: SlaClock, calendar: BusinessCalendar, now: dt.datetime) -> float:
    """Open time used over the target, pauses excluded: 0.75 is the warning point, above 1.0
    the target is breached (kept unclamped so reports can say by how much)."""
    require_aware(now, "now")
    counted_until = min(now, clock.paused_since) if clock.paused_since is not None else now
    open_minutes = calendar.business_minutes_between(clock.started_at, counted_until)
    used = max(open_minutes - clock.paused_minutes, 0.0)
    return used / clock.target_minutes


def retarget(clock: SlaClock, new_target_minutes: float) -> SlaClock:
    """A priority change: same start and pauses, new target, so the due time is recomputed."""
    return replace(clock, target_minutes=new_target_minutes)


def warning_at(clock: SlaClock, calendar: BusinessCalendar, fraction: float) -> dt.datetime | None:
    """The moment ``fraction`` of the target is used, so the scheduler can index it.

    None while paused. Exact when every pause came before that moment; for a fraction already
    reached before a later pause, the moment returned is still not after the resumption, so a
    sweep sees it as passed.
    """
    if not 0 <= fraction < math.inf:
        raise ValueError(f"fraction must be zero or more, got {fraction!r}")
    if clock.paused_since is not None:
        return None
    used = fraction * clock.target_minutes + clock.paused_minutes
    return calendar.add_business_time(clock.started_at, used)


def _require_target(minutes: float) -> None:
    if not 0 < minutes < math.inf:
        raise ValueError(f"target_minutes must be more than zero and finite, got {minutes!r}")
