"""Priority comes from the configured urgency x impact matrix."""

from __future__ import annotations

import pytest

from bot.settings import DEFAULT_MATRIX
from desk.errors import InvalidInput
from desk.priority import PriorityMatrix
from desk.types import Level, Priority


def test_default_matrix_maps_every_pair() -> None:
    matrix = PriorityMatrix.from_mapping(DEFAULT_MATRIX)

    assert matrix.priority_for(Level.HIGH, Level.HIGH) is Priority.CRITICAL
    assert matrix.priority_for(Level.HIGH, Level.MEDIUM) is Priority.HIGH
    assert matrix.priority_for(Level.LOW, Level.LOW) is Priority.LOW


def test_matrix_follows_configuration_not_code() -> None:
    everything_low = {u.value: {i.value: "low" for i in Level} for u in Level}
    everything_low["high"]["high"] = "medium"

    matrix = PriorityMatrix.from_mapping(everything_low)

    assert matrix.priority_for(Level.HIGH, Level.HIGH) is Priority.MEDIUM
    assert matrix.priority_for(Level.HIGH, Level.MEDIUM) is Priority.LOW


def test_missing_pair_is_named() -> None:
    partial = {u.value: {i.value: "low" for i in Level} for u in Level}
    del partial["medium"]["high"]

    with pytest.raises(InvalidInput, match="medium/high"):
        PriorityMatrix.from_mapping(partial)


def test_unknown_priority_is_refused() -> None:
    bad = {u.value: {i.value: "urgent!" for i in Level} for u in Level}

    with pytest.raises(InvalidInput, match="unknown value"):
        PriorityMatrix.from_mapping(bad)
