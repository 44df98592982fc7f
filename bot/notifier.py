"""Sends outbox notices through the Bot API, mapping Telegram's errors for the worker."""

from __future__ import annotations

import logging

from telegram import Bot, InlineKeyboardMarkup, ReplyParameters
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from scheduler.delivery import DeliveryFailure
from storage.models import OutboxMessage

logger = logging.getLogger(__name__)


class TelegramSender:
    """Sends one notice; with `forum_topics`, a notice that names a topic opens it first."""

    def __init__(self, bot: Bot, *, forum_topics: bool = False) -> None:
        self.bot = bot
        self.forum_topics = forum_topics

    async def open_topic(self, message: OutboxMessage) -> None:
        """One topic per ticket, named by number and priority; kept on the row for retries."""
        if not self.forum_topics or not message.topic_name or message.message_thread_id:
            return
        topic = await self.bot.create_forum_topic(message.chat_id, message.topic_name)
        message.message_thread_id = topic.message_thread_id
        logger.info("forum topic opened outbox=%s topic=%s", message.id, topic.message_thread_id)

    async def send(self, message: OutboxMessage) -> int | None:
        markup = (
            InlineKeyboardMarkup.de_json(message.reply_markup, self.bot)
            if message.reply_markup
            else None
        )
        reply = (
            ReplyParameters(message.reply_to_message_id, allow_sending_without_reply=True)
            if message.reply_to_message_id
            else None
        )
        try:
            await self.open_topic(message)
            sent = await self.bot.send_message(
                message.chat_id,
                message.text,
                reply_markup=markup,
                reply_parameters=reply,
                message_thread_id=message.message_thread_id,
            )
        except RetryAfter as error:
            delay = error.retry_after
            seconds = delay if isinstance(delay, int | float) else delay.total_seconds()
            raise DeliveryFailure("flood limit", retry_after=float(seconds)) from error
        except Forbidden as error:
            raise DeliveryFailure(str(error), unreachable=True) from error
        except BadRequest as error:
            raise DeliveryFailure(str(error), permanent=True) from error
        except (NetworkError, TelegramError) as error:
            raise DeliveryFailure(str(error)) from error
        await self.send_files(message, sent.message_id)
        return sent.message_id

    async def send_files(self, message: OutboxMessage, under: int) -> None:
        """Photos and documents follow the text as replies to it.

        The text has gone out by now, so a file Telegram refuses is logged, not retried:
        retrying would send the text twice.
        """
        reply = ReplyParameters(under, allow_sending_without_reply=True)
        for item in message.files or []:
            file_id = str(item.get("file_id", ""))
            try:
                if item.get("kind") == "photo":
                    await self.bot.send_photo(
                        message.chat_id,
                        file_id,
                        reply_parameters=reply,
                        message_thread_id=message.message_thread_id,
                    )
                else:
                    await self.bot.send_document(
                        message.chat_id,
                        file_id,
                        reply_parameters=reply,
                        message_thread_id=message.message_thread_id,
                    )
            except TelegramError as error:
                logger.warning("attachment not sent outbox=%s error=%s", message.id, error)
