"""Checks every update passes before any journey sees it: repeats and floods.

A repeated update (same update id: a webhook retry, a restart between receipt and
acknowledgement) is marked here and refused by its first transaction. A person sending
faster than a person can type gets one polite notice and is then ignored for a short while.
The flood limit is kept per process, in memory; several webhook processes each apply it to
the updates they receive.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from telegram import Update
from telegram.ext import ApplicationHandlerStop, TypeHandler

from handlers.common import App, Context, reply
from handlers.runtime import HANDLING, Handling, runtime_of
from texts import t

logger = logging.getLogger(__name__)


@dataclass
class FloodGate:
    """At most `limit` updates per person within `window`; one notice per flood."""

    limit: int = 30
    window: timedelta = timedelta(seconds=30)
    seen: dict[int, deque[datetime]] = field(default_factory=dict)
    warned: set[int] = field(default_factory=set)

    def admit(self, person: int, now: datetime) -> bool:
        times = self.seen.setdefault(person, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) >= self.limit:
            return False
        times.append(now)
        self.warned.discard(person)
        if len(self.seen) > 10_000:  # forget the quiet ones so memory stays bounded
            for key in [k for k, v in self.seen.items() if not v or now - v[-1] >= self.window]:
                del self.seen[key]
        return True

    def first_refusal(self, person: int) -> bool:
        if person in self.warned:
            return False
        self.warned.add(person)
        return True


async def guard(update: Update, context: Context) -> None:
    """Drop repeats and floods before the journeys run."""
    rt = runtime_of(context)
    now = rt.now()
    # The id is recorded by the update's first transaction, together with its effects; a
    # repeat fails there (DuplicateUpdate) before it changes anything.
    HANDLING.set(Handling(update.update_id))
    user = update.effective_user
    gate = rt.extras.setdefault("flood_gate", FloodGate())
    if user is None or not isinstance(gate, FloodGate) or gate.admit(user.id, now):
        return
    logger.warning("flood refused user=%s update=%s", user.id, update.update_id)
    if gate.first_refusal(user.id):
        if update.callback_query is not None:
            await update.callback_query.answer(t("error.rate_limited", user.language_code))
        else:
            await reply(update, t("error.rate_limited", user.language_code))
    raise ApplicationHandlerStop


def register(app: App) -> None:
    app.add_handler(TypeHandler(Update, guard), group=-1)
