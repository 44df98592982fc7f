"""Texts of the scheduler journeys (merged into the one catalog by `texts.catalog`)."""

MESSAGES: dict[str, tuple[str, str]] = {}
