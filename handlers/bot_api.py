"""Replies sent without turning Telegram's answer back into PTB objects.

`Chat.send_message` and `Message.edit_text` parse the message Telegram returns into a
`Message`, keyboard button by keyboard button, and build the keyboard from button objects
on the way out. A reply needs none of that: at most the sent message's id. On the FAQ path
those objects cost more than the matcher. These calls go through the same bot, transport,
rate limiter and error mapping, by the documented `Bot.do_api_request`, and keep Telegram's
answer as it came.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from telegram import Bot
from telegram.warnings import PTBUserWarning

Button = tuple[str, str]
Rows = Sequence[Sequence[Button]]

# `do_api_request` warns when PTB has its own method for the call; skipping that method, and
# its parsing of the answer, is the point here.
warnings.filterwarnings(
    "ignore",
    message=r"Please use 'Bot\.\w+' instead of 'Bot\.do_api_request",
    category=PTBUserWarning,
)

# Every message Sigap writes is HTML, without link previews (the bot's defaults, which
# `do_api_request` does not apply).
FORMAT: dict[str, Any] = {"parse_mode": "HTML", "link_preview_options": {"is_disabled": True}}


@dataclass(frozen=True)
class Sent:
    """Where a message went: enough to remember it, or to thread a reply to it."""

    chat_id: int
    message_id: int


def inline_keyboard(rows: Rows) -> dict[str, Any] | None:
    """Telegram's inline keyboard for (label, callback data) rows; None when there is none."""
    keyboard = [
        [{"text": label, "callback_data": data} for label, data in row] for row in rows if row
    ]
    return {"inline_keyboard": keyboard} if keyboard else None


def _text_call(text: str, rows: Rows | None, **target: Any) -> dict[str, Any]:
    call: dict[str, Any] = {**target, "text": text, **FORMAT}
    markup = inline_keyboard(rows) if rows else None
    if markup is not None:
        call["reply_markup"] = markup
    return call


async def send_text(bot: Bot, chat_id: int, text: str, rows: Rows | None = None) -> Sent:
    answer = await bot.do_api_request("sendMessage", _text_call(text, rows, chat_id=chat_id))
    return Sent(int(answer["chat"]["id"]), int(answer["message_id"]))


async def edit_text(
    bot: Bot, chat_id: int, message_id: int, text: str, rows: Rows | None = None
) -> None:
    call = _text_call(text, rows, chat_id=chat_id, message_id=message_id)
    await bot.do_api_request("editMessageText", call)


async def drop_buttons(bot: Bot, chat_id: int, message_id: int) -> None:
    """Take the keyboard off a message (an edit without `reply_markup` removes it)."""
    call = {"chat_id": chat_id, "message_id": message_id}
    await bot.do_api_request("editMessageReplyMarkup", call)
