"""Typed SQLAlchemy models: the one schema shared by SQLite and PostgreSQL.

Columns hold plain strings for enumerated values; the allowed values and the rules about them
live in `desk/`. Every timestamp is stored as an aware UTC datetime.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.types import UtcDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime,
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class Person(Base):
    """Anyone who talks to the bot: requester, agent, coordinator or admin.

    `consent_at` stays empty until the person agrees to the processing of personal data
    (UU PDP); nothing but the greeting and registration is offered before that.
    """

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    username: Mapped[str | None] = mapped_column(String(64))
    requester_type: Mapped[str | None] = mapped_column(String(32))
    work_unit: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8), default="id")
    role: Mapped[str] = mapped_column(String(32), default="requester")
    consent_at: Mapped[datetime | None]
    unreachable_at: Mapped[datetime | None]
    anonymised_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    competences: Mapped[list[AgentService]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )


class Catalog(Base):
    """A service catalog; a provider may keep more than one (ICT, public services)."""

    __tablename__ = "catalogs"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))


class Service(Base):
    """A catalog entry with every field the guideline (BAB IV.1) asks for."""

    __tablename__ = "services"

    id: Mapped[int] = mapped_column(primary_key=True)
    catalog_id: Mapped[int | None] = mapped_column(ForeignKey("catalogs.id"))
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    description_en: Mapped[str | None] = mapped_column(Text)
    audience: Mapped[str] = mapped_column(Text, default="")
    audience_en: Mapped[str | None] = mapped_column(Text)
    benefits: Mapped[str] = mapped_column(Text, default="")
    benefits_en: Mapped[str | None] = mapped_column(Text)
    first_response_minutes: Mapped[int | None] = mapped_column(Integer)
    contact: Mapped[str] = mapped_column(Text, default="")
    operating_hours: Mapped[str] = mapped_column(Text, default="")
    operating_hours_en: Mapped[str | None] = mapped_column(Text)
    calendar_code: Mapped[str] = mapped_column(String(64), default="office")
    owner: Mapped[str] = mapped_column(Text, default="")
    request_procedure: Mapped[str] = mapped_column(Text, default="")
    request_procedure_en: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(32), default="planned")
    keywords: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    catalog: Mapped[Catalog | None] = relationship()
    slas: Mapped[list[ServiceLevelAgreement]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )


class ServiceDependency(Base):
    """`service` needs `depends_on` to work: an outage upstream explains one downstream."""

    __tablename__ = "service_dependencies"

    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), primary_key=True)
    depends_on_id: Mapped[int] = mapped_column(ForeignKey("services.id"), primary_key=True)


class ServiceLevelAgreement(Base):
    """One SLA of a service, with the form of the agreement and its workload limits."""

    __tablename__ = "slas"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    name: Mapped[str] = mapped_column(String(200))
    agreement_form: Mapped[str] = mapped_column(String(32), default="signed_document")
    agreement_reference: Mapped[str] = mapped_column(Text, default="")
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    max_tickets_per_month: Mapped[int | None]
    max_users: Mapped[int | None]
    max_transactions_per_month: Mapped[int | None]

    service: Mapped[Service] = relationship(back_populates="slas")
    targets: Mapped[list[ServiceLevelTarget]] = relationship(
        back_populates="sla", cascade="all, delete-orphan"
    )
    exceptions: Mapped[list[SlaException]] = relationship(cascade="all, delete-orphan")


class ServiceLevelTarget(Base):
    """Business minutes to first response and to resolution, per ticket type and priority."""

    __tablename__ = "sla_targets"
    __table_args__ = (UniqueConstraint("sla_id", "ticket_type", "priority"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sla_id: Mapped[int] = mapped_column(ForeignKey("slas.id"))
    ticket_type: Mapped[str] = mapped_column(String(32))
    priority: Mapped[str] = mapped_column(String(16))
    response_minutes: Mapped[int]
    resolution_minutes: Mapped[int]

    sla: Mapped[ServiceLevelAgreement] = relationship(back_populates="targets")


class SlaException(Base):
    """A period the SLA does not cover (planned maintenance, force majeure)."""

    __tablename__ = "sla_exceptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    sla_id: Mapped[int] = mapped_column(ForeignKey("slas.id"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(Text)


class AgentService(Base):
    """An agent serves a service; `evidence` records the competence behind it (BAB III)."""

    __tablename__ = "agent_services"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), primary_key=True)
    competent: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship(back_populates="competences")


class TicketCounter(Base):
    """The last number given per prefix and year, so numbers never repeat or skip back."""

    __tablename__ = "ticket_counters"

    prefix: Mapped[str] = mapped_column(String(8), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last_value: Mapped[int] = mapped_column(default=0)


class Ticket(Base):
    """A complaint, incident, problem, service request or change.

    Due times are derived from the SLA target and the service's business calendar; they are
    stored so the SLA sweep finds what is due with an index instead of recomputing every
    open ticket. `paused_since` is set while the ticket waits on the requester: the clock
    does not run then, and `paused_minutes` keeps the business minutes paused so far.
    """

    __tablename__ = "tickets"
    __table_args__ = (
        Index("ix_tickets_status_due", "status", "resolution_due_at"),
        Index("ix_tickets_requester", "requester_id", "created_at"),
        Index("ix_tickets_assignee", "assignee_id", "status"),
        Index("ix_tickets_service_created", "service_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    ticket_type: Mapped[str] = mapped_column(String(32))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"))
    requester_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    urgency: Mapped[str] = mapped_column(String(16))
    impact: Mapped[str] = mapped_column(String(16))
    nature: Mapped[str | None] = mapped_column(String(32))
    priority: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(32), default="new")
    channel: Mapped[str] = mapped_column(String(32), default="telegram")
    intake_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    resolution: Mapped[str | None] = mapped_column(Text)
    satisfaction: Mapped[int | None]
    satisfaction_comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    first_response_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    response_due_at: Mapped[datetime | None]
    resolution_due_at: Mapped[datetime | None]
    response_target_minutes: Mapped[int | None]
    resolution_target_minutes: Mapped[int | None]
    paused_since: Mapped[datetime | None]
    paused_minutes: Mapped[float] = mapped_column(default=0.0)
    # The next moment the SLA sweep must look at this ticket (a warning or a due time);
    # NULL when nothing is left to check, so the sweep never scans open tickets.
    sla_check_at: Mapped[datetime | None] = mapped_column(index=True)
    # When the personal content (description, messages, comments) was redacted, on the
    # requester's request or when the retention period ran out; the ticket stays for statistics.
    redacted_at: Mapped[datetime | None]
    # Bumped by every ORM change: two steps that read the same ticket at once (two processes,
    # or two chats side by side) cannot both write it; the later one fails and is told to retry.
    version: Mapped[int] = mapped_column(default=1, server_default="1")

    service: Mapped[Service | None] = relationship()
    requester: Mapped[Person] = relationship(foreign_keys=[requester_id])
    assignee: Mapped[Person | None] = relationship(foreign_keys=[assignee_id])

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (read by the mapper)


class TicketHistory(Base):
    """One row per change to a ticket: who, what, old value, new value, when, from where."""

    __tablename__ = "ticket_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    field: Mapped[str] = mapped_column(String(64))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(32))
    visible_to_requester: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


class TicketMessage(Base):
    """A message on a ticket, with the Telegram ids that let replies thread back to it."""

    __tablename__ = "ticket_messages"
    __table_args__ = (
        Index("ix_ticket_messages_telegram", "telegram_chat_id", "telegram_message_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    kind: Mapped[str] = mapped_column(String(16))
    body: Mapped[str] = mapped_column(Text, default="")
    attachments: Mapped[list[Any]] = mapped_column(default=list)
    telegram_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime]


class OutboxMessage(Base):
    """A notice waiting to be delivered; `dedupe_key` makes enqueueing idempotent.

    The delivery worker claims rows with a conditional update, so two workers never send the
    same row and a crash between claim and send retries instead of losing it.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "status", "next_attempt_at"),
        Index("ix_outbox_ticket", "ticket_id", "chat_id"),  # a ticket's notices and topic
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(Text)
    reply_markup: Mapped[dict[str, Any] | None]
    reply_to_message_id: Mapped[int | None] = mapped_column(BigInteger)
    message_thread_id: Mapped[int | None] = mapped_column(BigInteger)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    purpose: Mapped[str] = mapped_column(String(32), default="notice")
    topic_name: Mapped[str | None] = mapped_column(String(128))  # forum topic to open for it
    files: Mapped[list[Any]] = mapped_column(default=list)  # photos and documents sent after
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime]
    claimed_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class FaqEntry(Base):
    """A piece of knowledge people ask about; only `published` entries answer requesters."""

    __tablename__ = "faq_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    question: Mapped[str] = mapped_column(Text)
    question_en: Mapped[str | None] = mapped_column(Text)
    alternatives: Mapped[list[Any]] = mapped_column(default=list)
    keywords: Mapped[list[Any]] = mapped_column(default=list)
    answer: Mapped[str] = mapped_column(Text)
    answer_en: Mapped[str | None] = mapped_column(Text)
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    owner: Mapped[str | None] = mapped_column(String(200))
    review_by: Mapped[date | None] = mapped_column(Date)
    source_ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class SearchLog(Base):
    """Every question asked: what was typed, what was found, and whether it helped."""

    __tablename__ = "search_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    text: Mapped[str] = mapped_column(Text)
    normalised: Mapped[str] = mapped_column(Text)
    candidates: Mapped[list[Any]] = mapped_column(default=list)
    top_key: Mapped[str | None] = mapped_column(String(100))
    top_score: Mapped[float | None]
    outcome: Mapped[str] = mapped_column(String(16))
    helpful: Mapped[bool | None]
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    created_at: Mapped[datetime] = mapped_column(index=True)


class ChatState(Base):
    """Where a person is in a conversation, with the draft typed so far.

    Written in the same transaction as each step, so a restart or a crash loses no
    half-finished intake; `expired_at` marks a flow left idle and ended politely, its draft
    kept to resume.
    """

    __tablename__ = "chat_states"

    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    flow: Mapped[str | None] = mapped_column(String(32))
    step: Mapped[str | None] = mapped_column(String(32))
    draft: Mapped[dict[str, Any]] = mapped_column(default=dict)
    language: Mapped[str | None] = mapped_column(String(8))
    updated_at: Mapped[datetime] = mapped_column(index=True)
    expired_at: Mapped[datetime | None]


class ProcessedUpdate(Base):
    """Telegram update ids already handled: a redelivered update is dropped, not redone."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    created_at: Mapped[datetime] = mapped_column(index=True)


class JobLease(Base):
    """Which process runs a scheduled job until when, so only one worker runs it at a time."""

    __tablename__ = "job_leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime]


class ServiceHistory(Base):
    """One row per change to a catalog entry (BAB IV.1): who, which field, old, new, why."""

    __tablename__ = "service_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    field: Mapped[str] = mapped_column(String(64))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]


class ServiceFollower(Base):
    """A requester who asked to hear when a service changes status (planned to active...)."""

    __tablename__ = "service_followers"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)
    service_id: Mapped[int] = mapped_column(
        ForeignKey("services.id"), primary_key=True, index=True
    )
    created_at: Mapped[datetime]


class ServiceReport(Base):
    """A stored service report (BAB IV.4.c): one on every status change, kept as evidence."""

    __tablename__ = "service_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    period_start: Mapped[datetime]
    period_end: Mapped[datetime]
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class CalendarClosure(Base):
    """A cuti bersama or local closure added in the bot, merged into the YAML calendars.

    One row per calendar and day: the calendar file holds the closures known at deployment,
    these rows the ones announced later, so due times can move without a restart.
    """

    __tablename__ = "calendar_closures"
    __table_args__ = (UniqueConstraint("calendar_code", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    calendar_code: Mapped[str] = mapped_column(String(64))
    day: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime]


class TicketWatcher(Base):
    """Someone who asked to be told when an outage or known problem is fixed."""

    __tablename__ = "ticket_watchers"

    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)
    created_at: Mapped[datetime]
    told_at: Mapped[datetime | None]
