"""Texts of the followup journeys (merged into the one catalog by `texts.catalog`)."""

MESSAGES: dict[str, tuple[str, str]] = {}
