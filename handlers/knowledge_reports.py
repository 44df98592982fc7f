"""Knowledge from the desk's own work: drafts from solved tickets, and the FAQ analytics.

`/jadikanfaq <ticket>` lets an agent turn what solved a ticket into a draft entry for a
coordinator to review; `/analitik [days]` shows coordinators what people ask most, what the
knowledge leaves unanswered, which answers help, and how many questions needed no ticket.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta

from telegram import Update
from telegram.ext import CommandHandler

from desk import privacy, staff
from desk.errors import InvalidInput, NotAllowed
from desk.records import Person
from desk.tickets import load_ticket
from faq import upkeep
from faq.analytics import KnowledgeAnalytics, knowledge_analytics
from faq.upkeep import UpkeepError
from handlers.common import App, Context, Turn, meet_sender, reply
from handlers.runtime import runtime_of
from texts import Raw, t

logger = logging.getLogger(__name__)

DEFAULT_DAYS = 30
MAX_DAYS = 366
TITLE_LIMIT = 70


@contextmanager
def upkeep_errors() -> Iterator[None]:
    """The knowledge's refusals, as the domain errors the error handler shows politely."""
    try:
        yield
    except UpkeepError as error:
        raise InvalidInput(str(error), text_key=error.text_key, **error.params) from error


def require(person: Person, allowed: Callable[[Person], bool], action: str, key: str) -> None:
    """Refuse, and log the attempt, unless the person's role allows the action."""
    if allowed(person):
        return
    logger.warning("refused person=%s role=%s action=%s", person.id, person.role, action)
    raise NotAllowed(f"person {person.id} may not {action}", text_key=key)


async def draft_from_ticket(update: Update, context: Context) -> None:
    """/jadikanfaq <number>: a draft entry from a solved ticket, awaiting review."""
    rt = runtime_of(context)
    async with rt.transaction() as session:
        person = await meet_sender(rt, session, update)
        require(person, staff.is_staff, "faq.from_ticket", "kb.error.staff_only")
        turn = Turn(rt, session, person, update)
        if not context.args:
            await reply(update, turn.t("kb.from_ticket.usage"))
            return

        ticket = await load_ticket(session, context.args[0])
        if not staff.is_manager(person):
            await staff.require_scope(session, person, ticket, "faq.from_ticket")
        today = rt.now().astimezone(rt.desk.timezone).date()
        with upkeep_errors():
            entry = await upkeep.draft_from_ticket(
                session,
                ticket,
                owner=person.full_name,
                now=rt.now(),
                today=today,
                redact=privacy.mask_identifiers,
            )

        await reply(update, turn.t("kb.from_ticket.done", key=entry.key, number=ticket.number))
        logger.info(
            "faq drafted from ticket ticket=%s entry=%s by=%s", ticket.number, entry.key, person.id
        )


def parse_days(args: list[str] | None) -> int:
    if not args:
        return DEFAULT_DAYS
    text = args[0].strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_DAYS:
        raise InvalidInput(
            f"bad day count {text!r}", text_key="kb.analytics.usage", limit=MAX_DAYS
        )
    return int(text)


async def analytics_command(update: Update, context: Context) -> None:
    """/analitik [days]: the knowledge figures for the last `days` days (30 by default)."""
    rt = runtime_of(context)
    async with rt.transaction() as session:
        person = await meet_sender(rt, session, update)
        require(person, staff.is_manager, "faq.analytics", "kb.error.coordinator_only")
        days = parse_days(context.args)
        until = rt.now()
        report = await knowledge_analytics(session, until - timedelta(days=days), until)
        await reply(update, render_analytics(report, days, Turn(rt, session, person, update).lang))


def clip(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= TITLE_LIMIT else flat[: TITLE_LIMIT - 1] + "…"


def percent(value: float) -> str:
    return f"{round(value * 100)}%"


def lines(items: list[str], lang: str) -> Raw:
    """Lines already built from escaped texts, or a dash when there is nothing to show."""
    return Raw("\n".join(items) if items else t("kb.analytics.none", lang))


def render_analytics(report: KnowledgeAnalytics, days: int, lang: str) -> str:
    """The analytics as one message in the reader's language; reports may reuse it."""
    topics = [
        t("kb.analytics.topic", lang, rank=rank, title=clip(topic.title), count=topic.count)
        for rank, topic in enumerate(report.top_topics, start=1)
    ]
    gaps = [
        t(
            "kb.analytics.gap",
            lang,
            count=gap.count,
            examples=" / ".join(f"“{clip(example)}”" for example in gap.examples),
        )
        for gap in report.gaps
    ]
    helpfulness = [
        t(
            "kb.analytics.helpful",
            lang,
            title=clip(row.title),
            helpful=row.helpful,
            rated=row.rated,
        )
        for row in report.helpfulness[:5]
    ]
    return t(
        "kb.analytics",
        lang,
        days=days,
        questions=report.questions,
        answered=report.answered,
        deflected=report.deflected,
        rate=percent(report.deflection_rate),
        topics=lines(topics, lang),
        gaps=lines(gaps, lang),
        helpfulness=lines(helpfulness, lang),
    )


def register(app: App) -> None:
    app.add_handler(CommandHandler(["jadikanfaq", "tofaq"], draft_from_ticket))
    app.add_handler(CommandHandler(["analitik", "analytics"], analytics_command))
