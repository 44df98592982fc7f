"""Enumerated values of the service-desk domain, named after the guideline's terms."""

from __future__ import annotations

from enum import StrEnum


class TicketType(StrEnum):
    """The five kinds of user-service record of BAB II.1, with their number prefixes."""

    COMPLAINT = "complaint"  # keluhan
    INCIDENT = "incident"  # gangguan
    PROBLEM = "problem"  # masalah
    SERVICE_REQUEST = "service_request"  # permintaan
    CHANGE = "change"  # perubahan

    @property
    def prefix(self) -> str:
        return TICKET_PREFIXES[self]


TICKET_PREFIXES: dict[TicketType, str] = {
    TicketType.COMPLAINT: "KLH",
    TicketType.INCIDENT: "GGN",
    TicketType.PROBLEM: "MSL",
    TicketType.SERVICE_REQUEST: "PMT",
    TicketType.CHANGE: "PRB",
}


class TicketStatus(StrEnum):
    NEW = "new"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    PENDING = "pending"  # waiting on the requester: the SLA clock is paused
    RESOLVED = "resolved"  # solution given, waiting for the requester's confirmation
    CLOSED = "closed"
    CANCELLED = "cancelled"  # withdrawn by the requester or merged as a duplicate

    @property
    def is_open(self) -> bool:
        return self not in {TicketStatus.CLOSED, TicketStatus.CANCELLED}


OPEN_STATUSES: frozenset[str] = frozenset(s.value for s in TicketStatus if s.is_open)


class Role(StrEnum):
    REQUESTER = "requester"
    AGENT = "agent"
    COORDINATOR = "coordinator"
    ADMIN = "admin"
    SYSTEM = "system"  # the scheduler and other automatic actors

    @property
    def is_staff(self) -> bool:
        return self in {Role.AGENT, Role.COORDINATOR, Role.ADMIN}


class RequesterType(StrEnum):
    CIVIL_SERVANT = "civil_servant"  # ASN
    PUBLIC = "public"
    BUSINESS = "business"
    OTHER = "other"


class Level(StrEnum):
    """Urgency and impact are both asked on this three-step scale."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Priority(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Source(StrEnum):
    """Where a change to a ticket came from, for the history."""

    TELEGRAM = "telegram"
    SCHEDULER = "scheduler"
    CLI = "cli"
    SYSTEM = "system"


class ServiceStatus(StrEnum):
    PLANNED = "planned"
    IN_DEVELOPMENT = "in_development"
    ACTIVE = "active"
    DEACTIVATED = "deactivated"
    RETIRING = "retiring"
    RETIRED = "retired"


class MessageKind(StrEnum):
    REQUESTER = "requester"
    AGENT = "agent"
    NOTE = "note"  # internal: never reaches the requester
    SYSTEM = "system"
