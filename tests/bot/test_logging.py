"""The bot token never reaches a log line, and the chatty HTTP loggers stay quiet."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from bot.logs import configure_logging

TOKEN = "7000000001:AAHfakeTokenForTestsOnly_abcdefghijk123"


@pytest.fixture
def sigap_logging() -> Iterator[io.StringIO]:
    """Sigap's own logging set-up, writing to a buffer the test reads."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    configure_logging("DEBUG")
    written = io.StringIO()
    handler = root.handlers[0]
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(written)
    yield written
    root.handlers[:], level = saved
    root.setLevel(level)


def test_token_in_any_logger_is_redacted(sigap_logging: io.StringIO) -> None:
    logging.getLogger("telegram.ext.Updater").warning(
        "request failed url=https://api.telegram.org/bot%s/getUpdates", TOKEN
    )
    logging.getLogger("handlers.start").error("odd text %s", f"prefix {TOKEN} suffix")

    err = sigap_logging.getvalue()
    assert TOKEN not in err
    assert err.count("<redacted-token>") == 2
    assert "url=https://api.telegram.org/bot<redacted-token>/getUpdates" in err


def test_http_client_loggers_are_kept_at_warning(sigap_logging: io.StringIO) -> None:
    for name in ("httpx", "httpcore"):
        assert logging.getLogger(name).getEffectiveLevel() == logging.WARNING
