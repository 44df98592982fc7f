"""Priority from urgency and impact, by a matrix that comes from configuration."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desk.errors import InvalidInput
from desk.types import Level, Priority


@dataclass(frozen=True)
class PriorityMatrix:
    """urgency x impact -> priority; every cell must be given, so no pair falls through."""

    cells: Mapping[tuple[Level, Level], Priority]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Mapping[str, str]]) -> PriorityMatrix:
        """Build from `{urgency: {impact: priority}}`, as written in the settings."""
        cells: dict[tuple[Level, Level], Priority] = {}
        try:
            for urgency, row in data.items():
                for impact, priority in row.items():
                    cells[(Level(urgency), Level(impact))] = Priority(priority)
        except ValueError as error:
            raise InvalidInput(f"priority matrix has an unknown value: {error}") from error
        missing = [(u, i) for u in Level for i in Level if (u, i) not in cells]
        if missing:
            names = ", ".join(f"{u}/{i}" for u, i in missing)
            raise InvalidInput(f"priority matrix misses urgency/impact pairs: {names}")
        return cls(cells)

    def priority_for(self, urgency: Level, impact: Level) -> Priority:
        return self.cells[(urgency, impact)]
