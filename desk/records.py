"""The stored records the domain hands to the layers above, named for their type hints."""

from storage.models import (
    ChatState,
    FaqEntry,
    OutboxMessage,
    Person,
    Service,
    Ticket,
    TicketHistory,
    TicketMessage,
)

__all__ = [
    "ChatState",
    "FaqEntry",
    "OutboxMessage",
    "Person",
    "Service",
    "Ticket",
    "TicketHistory",
    "TicketMessage",
]
