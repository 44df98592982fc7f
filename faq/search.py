"""Questions against the knowledge: FAQ entries, service definitions and known errors.

The matcher is built from the database and rebuilt when the knowledge changes; every search
is logged with what was typed, its normalised form, the candidates and the outcome, so the
analytics can show what people ask and what the knowledge does not answer.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from faq.matcher import Band, Candidate, FaqMatcher, KnowledgeItem, band_for
from faq.normalize import normalize
from storage.models import FaqEntry, SearchLog, Service, Ticket

logger = logging.getLogger(__name__)

RECHECK = timedelta(seconds=30)
SERVICE_ANSWER_FIELDS = ("description", "request_procedure", "operating_hours", "contact")


@dataclass(frozen=True)
class Answer:
    """What to show for one knowledge item, in both languages where known."""

    key: str
    title: str
    text: str
    text_en: str | None = None
    kind: str = "faq"
    service_code: str | None = None
    title_en: str | None = None


@dataclass(frozen=True)
class SearchResult:
    log_id: int
    band: Band
    candidates: list[Candidate]
    answers: list[Answer]


@dataclass
class KnowledgeBase:
    """The matcher over the current knowledge, kept until the knowledge changes."""

    matcher: FaqMatcher | None = None
    answers: dict[str, Answer] = field(default_factory=dict)
    version: tuple[Any, ...] = ()
    checked_at: datetime | None = None

    async def current(self, session: AsyncSession, now: datetime) -> FaqMatcher:
        """The matcher, rebuilt if entries or services changed since the last look."""
        if self.matcher is not None and self.checked_at and now - self.checked_at < RECHECK:
            return self.matcher
        version = await knowledge_version(session)
        if self.matcher is None or version != self.version:
            items, self.answers = await load_knowledge(session)
            self.matcher = FaqMatcher(items)
            self.version = version
            logger.info("knowledge indexed items=%s", len(items))
        self.checked_at = now
        return self.matcher

    def invalidate(self) -> None:
        """Look at the knowledge again on the next question, whatever the version says."""
        self.checked_at = None
        self.version = ()


async def knowledge_version(session: AsyncSession) -> tuple[Any, ...]:
    faq = (
        await session.execute(select(func.count(FaqEntry.id), func.max(FaqEntry.updated_at)))
    ).one()
    services = (
        await session.execute(select(func.count(Service.id), func.max(Service.updated_at)))
    ).one()
    problems = (
        await session.execute(
            select(func.count(Ticket.id), func.max(Ticket.updated_at)).where(
                Ticket.ticket_type == "problem"
            )
        )
    ).one()
    return (*faq, *services, *problems)


async def load_knowledge(
    session: AsyncSession,
) -> tuple[list[KnowledgeItem], dict[str, Answer]]:
    items: list[KnowledgeItem] = []
    answers: dict[str, Answer] = {}
    codes = dict((await session.execute(select(Service.id, Service.code))).all())
    for entry in (
        await session.execute(select(FaqEntry).where(FaqEntry.status == "published"))
    ).scalars():
        key = f"faq:{entry.key}"
        items.append(
            KnowledgeItem(
                key=key,
                question=entry.question,
                alternatives=_phrasings(entry),
                keywords=tuple(entry.keywords or ()),
                answer=entry.answer,
                kind="faq",
                service_code=codes.get(entry.service_id) if entry.service_id else None,
            )
        )
        answers[key] = Answer(
            key,
            entry.question,
            entry.answer,
            entry.answer_en,
            service_code=items[-1].service_code,
            title_en=entry.question_en,
        )
    for service in (
        await session.execute(select(Service).where(Service.status == "active"))
    ).scalars():
        item, answer = _service_knowledge(service)
        items.append(item)
        answers[item.key] = answer
    for problem in await _known_errors(session):
        item, answer = _known_error_knowledge(problem)
        items.append(item)
        answers[item.key] = answer
    return items, answers


def _phrasings(entry: FaqEntry) -> tuple[str, ...]:
    """The alternatives, and the English question as one more way to ask the same thing."""
    return tuple(str(x) for x in (*(entry.alternatives or ()), entry.question_en) if x)


def _service_knowledge(service: Service) -> tuple[KnowledgeItem, Answer]:
    key = f"svc:{service.code}"
    text = _service_text(service, english=False)
    item = KnowledgeItem(
        key=key,
        question=service.name,
        alternatives=tuple(x for x in (service.name_en, service.description) if x),
        keywords=tuple(service.keywords or ()),
        answer=text,
        kind="service",
        service_code=service.code,
    )
    answer = Answer(
        key,
        service.name,
        text,
        _service_text(service, english=True),
        kind="service",
        service_code=service.code,
        title_en=service.name_en,
    )
    return item, answer


def _service_text(service: Service, *, english: bool) -> str:
    """The answer fields joined; in English each falls back to its Indonesian when unwritten."""
    parts = []
    for name in SERVICE_ANSWER_FIELDS:
        english_text = getattr(service, f"{name}_en", None) if english else None
        parts.append(english_text or getattr(service, name))
    return "\n\n".join(str(part) for part in parts if part)


async def _known_errors(session: AsyncSession) -> list[Ticket]:
    """Open problems with a workaround recorded: the known errors of the guideline."""
    query = select(Ticket).where(
        Ticket.ticket_type == "problem", Ticket.status.not_in(["closed", "cancelled"])
    )
    return [p for p in (await session.execute(query)).scalars() if p.details.get("workaround")]


def _known_error_knowledge(problem: Ticket) -> tuple[KnowledgeItem, Answer]:
    key = f"ke:{problem.number}"
    text = str(problem.details.get("workaround"))
    item = KnowledgeItem(
        key=key,
        question=problem.title,
        alternatives=(problem.description,),
        answer=text,
        kind="known_error",
    )
    return item, Answer(key, problem.title, text, kind="known_error")


_SEARCH_LOG = cast(Table, SearchLog.__table__)
_LOG_SEARCH = insert(_SEARCH_LOG).returning(_SEARCH_LOG.c.id)


async def ask(
    session: AsyncSession,
    knowledge: KnowledgeBase,
    text: str,
    *,
    person_id: int | None,
    now: datetime,
    answer_threshold: float,
    suggest_threshold: float,
) -> SearchResult:
    """Search, decide the band, and log the search."""
    matcher = await knowledge.current(session, now)
    candidates = matcher.search(text, limit=3)
    band = band_for(candidates, answer_threshold, suggest_threshold)
    top = candidates[0] if candidates else None
    values = {
        "person_id": person_id,
        "text": text,
        "normalised": normalize(text),
        "candidates": [{"key": c.key, "score": round(c.score, 4)} for c in candidates],
        "top_key": top.key if top else None,
        "top_score": top.score if top else None,
        "outcome": band.value,
        "created_at": now,
    }
    # A Core insert on the table: every question writes one row, and the ORM's handling of a
    # row nobody reads again in this transaction costs several times the insert itself.
    log_id = (await session.execute(_LOG_SEARCH, values)).scalar_one()
    answers = [knowledge.answers[c.key] for c in candidates if c.key in knowledge.answers]
    logger.info(
        "question answered log=%s band=%s top=%s score=%.3f",
        log_id,
        band.value,
        top.key if top else None,
        top.score if top else 0.0,
    )
    return SearchResult(log_id, band, candidates, answers)


async def search_entry(session: AsyncSession, log_id: int, person_id: int) -> SearchLog | None:
    """The person's own search, or None: nobody rates another person's question."""
    log = await session.get(SearchLog, log_id)
    if log is None or log.person_id != person_id:
        return None
    return log


def record_feedback(log: SearchLog, helpful: bool, chosen_key: str | None = None) -> None:
    log.helpful = helpful
    if chosen_key is not None:
        log.top_key = chosen_key
        log.outcome = "chosen"
