"""Named conversation flows and the registry that routes free text to the active step.

A flow's state is stored with every step (see `desk.conversation`), so the bot can restart
between two messages of a person and carry on where they were.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import StrEnum

from desk.records import ChatState
from handlers.common import Context, Turn


class Flow(StrEnum):
    REGISTER = "register"
    INTAKE = "intake"
    FOLLOW_UP = "follow_up"
    FEEDBACK = "feedback"
    FAQ_ADMIN = "faq_admin"


TextStep = Callable[[Turn, Context, ChatState], Awaitable[None]]
TEXT_STEPS: dict[str, TextStep] = {}


def text_step(flow: Flow) -> Callable[[TextStep], TextStep]:
    """Register the function that takes a person's text while they are in `flow`."""

    def register(function: TextStep) -> TextStep:
        TEXT_STEPS[flow.value] = function
        return function

    return register
