"""What the desk needs from configuration, built once at start-up and passed in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from desk.calendar import BusinessCalendar
from desk.priority import PriorityMatrix
from desk.types import Priority

# Business minutes to first response and to resolution when a service has no SLA target
# for the ticket's type and priority.
FALLBACK_TARGETS: dict[Priority, tuple[int, int]] = {
    Priority.CRITICAL: (30, 240),
    Priority.HIGH: (60, 480),
    Priority.MEDIUM: (240, 3 * 510),
    Priority.LOW: (480, 5 * 510),
}


@dataclass(frozen=True)
class DeskConfig:
    matrix: PriorityMatrix
    timezone: ZoneInfo
    calendars: Mapping[str, BusinessCalendar] = field(default_factory=dict)
    default_calendar: str = "office"
    agents_chat_id: int | None = None
    coordinator_chat_ids: tuple[int, ...] = ()
    fallback_targets: Mapping[Priority, tuple[int, int]] = field(
        default_factory=lambda: dict(FALLBACK_TARGETS)
    )

    def calendar(self, code: str | None) -> BusinessCalendar:
        """The calendar named `code`, or the default office calendar in the desk's zone."""
        found = self.calendars.get(code or self.default_calendar)
        if found is not None:
            return found
        fallback = self.calendars.get(self.default_calendar)
        return fallback or BusinessCalendar.office(tz=self.timezone.key)
