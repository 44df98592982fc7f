"""What people ask and what the knowledge fails to answer, read from the search log.

The guideline asks the provider to know which topics are asked most and what was asked that
the knowledge does not answer (BAB III). Everything here is a query over `search_log` in a
`[since, until)` window, returned as plain dataclasses so the bot and the periodic reports
render the same figures.
"""

from __future__ import annotations

import bisect
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from rapidfuzz import fuzz
from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import FaqEntry, SearchLog, Service, Ticket

logger = logging.getLogger(__name__)

ANSWERED = ("answer", "chosen")
FOLLOW_UP_WINDOW = timedelta(hours=24)
GAP_SIMILARITY = 70.0
EXAMPLES_PER_GAP = 2


@dataclass(frozen=True)
class TopicCount:
    key: str
    title: str
    count: int


@dataclass(frozen=True)
class KnowledgeGap:
    """Unanswered questions that share their words: one missing entry, likely."""

    count: int
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Helpfulness:
    key: str
    title: str
    helpful: int
    rated: int

    @property
    def rate(self) -> float:
        return self.helpful / self.rated if self.rated else 0.0


@dataclass(frozen=True)
class KnowledgeAnalytics:
    since: datetime
    until: datetime
    questions: int
    answered: int
    deflected: int
    top_topics: list[TopicCount] = field(default_factory=list)
    gaps: list[KnowledgeGap] = field(default_factory=list)
    helpfulness: list[Helpfulness] = field(default_factory=list)

    @property
    def deflection_rate(self) -> float:
        """Questions settled without a ticket, over all questions asked."""
        return self.deflected / self.questions if self.questions else 0.0


def in_window(since: datetime, until: datetime) -> ColumnElement[bool]:
    return and_(SearchLog.created_at >= since, SearchLog.created_at < until)


async def knowledge_titles(session: AsyncSession) -> dict[str, str]:
    """Readable names for the keys the matcher logs: FAQ entries, services, known errors."""
    titles = {
        f"faq:{key}": question
        for key, question in (await session.execute(select(FaqEntry.key, FaqEntry.question)))
    }
    titles.update(
        {
            f"svc:{code}": name
            for code, name in (await session.execute(select(Service.code, Service.name)))
        }
    )
    problems = select(Ticket.number, Ticket.title).where(Ticket.ticket_type == "problem")
    titles.update({f"ke:{number}": title for number, title in await session.execute(problems)})
    return titles


async def top_topics(
    session: AsyncSession, since: datetime, until: datetime, titles: dict[str, str], limit: int
) -> list[TopicCount]:
    """The entries that answered most questions (answered outright or chosen)."""
    count = func.count(SearchLog.id)
    query = (
        select(SearchLog.top_key, count)
        .where(in_window(since, until), SearchLog.outcome.in_(ANSWERED))
        .where(SearchLog.top_key.is_not(None))
        .group_by(SearchLog.top_key)
        .order_by(count.desc(), SearchLog.top_key)
        .limit(limit)
    )
    rows = (await session.execute(query)).all()
    return [TopicCount(key, titles.get(key, key), int(n)) for key, n in rows if key]


async def helpfulness(
    session: AsyncSession, since: datetime, until: datetime, titles: dict[str, str]
) -> list[Helpfulness]:
    """Per entry, how many of the people who rated its answer found it helpful; worst first."""
    query = (
        select(SearchLog.top_key, SearchLog.helpful, func.count(SearchLog.id))
        .where(in_window(since, until), SearchLog.helpful.is_not(None))
        .where(SearchLog.top_key.is_not(None))
        .group_by(SearchLog.top_key, SearchLog.helpful)
    )
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for key, was_helpful, n in (await session.execute(query)).all():
        if key:
            counts[key][0] += int(n) if was_helpful else 0
            counts[key][1] += int(n)
    rows = [
        Helpfulness(key, titles.get(key, key), good, rated)
        for key, (good, rated) in counts.items()
    ]
    return sorted(rows, key=lambda row: (row.rate, -row.rated, row.key))


async def knowledge_gaps(
    session: AsyncSession, since: datetime, until: datetime, limit: int
) -> list[KnowledgeGap]:
    """Questions nothing answered, or whose answer did not help, grouped by shared words."""
    query = (
        select(SearchLog.text, SearchLog.normalised)
        .where(in_window(since, until))
        .where((SearchLog.outcome == "none") | SearchLog.helpful.is_(False))
        .order_by(SearchLog.created_at, SearchLog.id)
    )
    groups = cluster_questions([(text, words) for text, words in await session.execute(query)])
    return groups[:limit]


def cluster_questions(questions: list[tuple[str, str]]) -> list[KnowledgeGap]:
    """Greedy grouping: each question joins the most similar group's first question.

    `token_set_ratio` on the normalised text treats "vpn putus" and "vpn putus terus dari
    rumah" as one topic, which is what a coordinator writing the missing entry needs.
    """
    leaders: list[str] = []
    members: list[list[str]] = []
    for text, normalised in questions:
        words = normalised.strip() or text.strip().lower()
        best, best_score = -1, GAP_SIMILARITY
        for index, leader in enumerate(leaders):
            score = fuzz.token_set_ratio(words, leader)
            if score >= best_score:
                best, best_score = index, score
        if best < 0:
            leaders.append(words)
            members.append([text])
        else:
            members[best].append(text)
    gaps = [KnowledgeGap(len(texts), distinct(texts)) for texts in members]
    return sorted(gaps, key=lambda gap: -gap.count)


def distinct(texts: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for text in texts:
        seen.setdefault(" ".join(text.lower().split()), text.strip())
    return tuple(list(seen.values())[:EXAMPLES_PER_GAP])


async def deflection(session: AsyncSession, since: datetime, until: datetime) -> tuple[int, int]:
    """(answered, deflected): answered questions, and those no ticket followed within 24 h."""
    answered = (
        await session.execute(
            select(SearchLog.person_id, SearchLog.created_at, SearchLog.ticket_id).where(
                in_window(since, until), SearchLog.outcome.in_(ANSWERED)
            )
        )
    ).all()
    rows = list(answered)
    opened: dict[int, list[datetime]] = defaultdict(list)
    tickets = select(Ticket.requester_id, Ticket.created_at).where(
        Ticket.created_at >= since, Ticket.created_at < until + FOLLOW_UP_WINDOW
    )
    for requester_id, created_at in (await session.execute(tickets)).all():
        opened[requester_id].append(created_at)
    for times in opened.values():
        times.sort()
    deflected = sum(
        1
        for person_id, asked_at, ticket_id in rows
        if ticket_id is None and not followed(opened.get(person_id or -1, []), asked_at)
    )
    return len(rows), deflected


def followed(ticket_times: list[datetime], asked_at: datetime) -> bool:
    """Whether a ticket was opened within the follow-up window after the question."""
    index = bisect.bisect_left(ticket_times, asked_at)
    return index < len(ticket_times) and ticket_times[index] <= asked_at + FOLLOW_UP_WINDOW


async def knowledge_analytics(
    session: AsyncSession,
    since: datetime,
    until: datetime,
    *,
    top: int = 5,
    gap_limit: int = 5,
) -> KnowledgeAnalytics:
    """Every figure for the window `[since, until)`."""
    titles = await knowledge_titles(session)
    total = (
        await session.execute(select(func.count(SearchLog.id)).where(in_window(since, until)))
    ).scalar_one()
    answered, deflected = await deflection(session, since, until)
    report = KnowledgeAnalytics(
        since=since,
        until=until,
        questions=int(total),
        answered=answered,
        deflected=deflected,
        top_topics=await top_topics(session, since, until, titles, top),
        gaps=await knowledge_gaps(session, since, until, gap_limit),
        helpfulness=await helpfulness(session, since, until, titles),
    )
    logger.info(
        "knowledge analytics since=%s until=%s questions=%s deflected=%s gaps=%s",
        since.isoformat(),
        until.isoformat(),
        report.questions,
        report.deflected,
        len(report.gaps),
    )
    return report
