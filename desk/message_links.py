"""Which Telegram message speaks of which ticket, so a reply to it threads back.

Every notice, acknowledgement and ticket view the bot sends about a ticket is remembered here
(a `TicketMessage` of kind system with the chat and message ids); a reply to any of them, or a
message in the ticket's forum topic, finds the ticket again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from desk.types import MessageKind
from storage.models import TicketMessage


def remember(
    session: AsyncSession, ticket_id: int, chat_id: int, message_id: int, now: datetime
) -> None:
    session.add(
        TicketMessage(
            ticket_id=ticket_id,
            kind=MessageKind.SYSTEM.value,
            body="",
            attachments=[],
            telegram_chat_id=chat_id,
            telegram_message_id=message_id,
            created_at=now,
        )
    )


async def ticket_id_for(session: AsyncSession, chat_id: int, message_id: int) -> int | None:
    """The ticket the message in `chat_id` speaks of, the latest if several do."""
    query = (
        select(TicketMessage.ticket_id)
        .where(
            TicketMessage.telegram_chat_id == chat_id,
            TicketMessage.telegram_message_id == message_id,
        )
        .order_by(TicketMessage.id.desc())
        .limit(1)
    )
    return (await session.execute(query)).scalar_one_or_none()
