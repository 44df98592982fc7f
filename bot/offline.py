"""An in-process Bot API: the real `Application` runs against it with no network and no token.

The tests, `sigap shell` and `sigap demo` all use it. `OfflineBotApi` answers Bot API calls
the way Telegram would (message ids, chats, edited messages) and records them; `OfflinePeople`
builds the real `Update` objects a person's taps and messages would produce.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from telegram import Bot, Update
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

BOT_ID = 7000000001
BOT_USERNAME = "SigapDemoBot"
OFFLINE_TOKEN = f"{BOT_ID}:offline-demo-token-not-secret"


@dataclass
class SentMessage:
    """A message the bot sent (and its latest edit), as a person would see it."""

    chat_id: int
    message_id: int
    text: str
    reply_markup: dict[str, Any] | None = None
    reply_to_message_id: int | None = None
    message_thread_id: int | None = None
    kind: str = "text"
    edited: bool = False
    file_id: str | None = None

    def buttons(self) -> list[dict[str, Any]]:
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]

    def button_data(self, label_part: str) -> str:
        """The callback data of the first button whose label contains `label_part`."""
        for button in self.buttons():
            if label_part.lower() in str(button.get("text", "")).lower():
                return str(button.get("callback_data", ""))
        labels = [b.get("text") for b in self.buttons()]
        raise LookupError(f"no button with {label_part!r}; buttons: {labels}")


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]


class OfflineBotApi(BaseRequest):
    """Answers Bot API methods in-process and records what the bot did.

    `fail_chats` maps a chat id to a Bot API error description, to play a person who blocked
    the bot ("Forbidden: ..."), a flood limit ("Too Many Requests: retry after 7"), Telegram
    being down ("Bad Gateway") or a chat that no longer exists (anything else: a 400).
    """

    def __init__(self) -> None:
        self.calls: list[ApiCall] = []
        self.messages: list[SentMessage] = []
        self.edits: list[SentMessage] = []
        self.by_chat: dict[int, list[SentMessage]] = {}
        self.fail_chats: dict[int, str] = {}
        self._ids: Iterator[int] = itertools.count(1000)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data is not None else {}
        self.calls.append(ApiCall(api_method, params))
        failure = self._failure_for(params)
        if failure is not None:
            return failure
        result = self._answer(api_method, params)
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _failure_for(self, params: dict[str, Any]) -> tuple[int, bytes] | None:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, int) or chat_id not in self.fail_chats:
            return None
        description = self.fail_chats[chat_id]
        body: dict[str, Any] = {"ok": False, "description": description}
        if description.startswith("Forbidden"):
            code = 403
        elif description.startswith("Too Many Requests"):
            code = 429
            body["parameters"] = {"retry_after": int(description.rsplit(" ", 1)[-1])}
        elif description.startswith(("Internal Server Error", "Bad Gateway")):
            code = 502
        else:
            code = 400
        body["error_code"] = code
        return code, json.dumps(body).encode()

    def _answer(self, api_method: str, params: dict[str, Any]) -> Any:
        if api_method == "getMe":
            return bot_user()
        if api_method in {"sendMessage", "sendDocument", "sendPhoto", "copyMessage"}:
            return self._send(api_method, params)
        if api_method in {"editMessageText", "editMessageReplyMarkup"}:
            return self._edit(api_method, params)
        if api_method == "createForumTopic":
            return {
                "message_thread_id": next(self._ids),
                "name": params.get("name", ""),
                "icon_color": 7322096,
            }
        if api_method == "getChat":
            return chat(int(params["chat_id"]))
        return True

    def _send(self, api_method: str, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        text = str(params.get("text") or params.get("caption") or "")
        kind = {"sendDocument": "document", "sendPhoto": "photo"}.get(api_method, "text")
        if api_method == "copyMessage":
            kind = "copy"
        sent = SentMessage(
            chat_id=chat_id,
            message_id=next(self._ids),
            text=text,
            reply_markup=params.get("reply_markup"),
            reply_to_message_id=_reply_target(params),
            message_thread_id=params.get("message_thread_id"),
            kind=kind,
            file_id=_file_id(params),
        )
        self.messages.append(sent)
        self.by_chat.setdefault(chat_id, []).append(sent)
        if api_method == "copyMessage":
            return {"message_id": sent.message_id}
        return message_json(sent)

    def _edit(self, api_method: str, params: dict[str, Any]) -> dict[str, Any] | bool:
        if "chat_id" not in params:
            return True
        chat_id, message_id = int(params["chat_id"]), int(params["message_id"])
        for sent in reversed(self.by_chat.get(chat_id, [])):
            if sent.message_id == message_id:
                if api_method == "editMessageText":
                    sent.text = str(params.get("text", ""))
                sent.reply_markup = params.get("reply_markup")
                sent.edited = True
                self.edits.append(sent)
                return message_json(sent)
        return True

    # What tests and the demo read back.

    def to_chat(self, chat_id: int) -> list[SentMessage]:
        return list(self.by_chat.get(chat_id, []))

    def last_to(self, chat_id: int) -> SentMessage:
        found = self.to_chat(chat_id)
        if not found:
            raise LookupError(f"the bot sent nothing to chat {chat_id}")
        return found[-1]

    def methods(self) -> list[str]:
        return [call.method for call in self.calls]


def _file_id(params: dict[str, Any]) -> str | None:
    value = params.get("photo") or params.get("document")
    return value if isinstance(value, str) else None


def _reply_target(params: dict[str, Any]) -> int | None:
    reply = params.get("reply_parameters")
    if isinstance(reply, dict) and "message_id" in reply:
        return int(reply["message_id"])
    value = params.get("reply_to_message_id")
    return int(value) if value is not None else None


def bot_user() -> dict[str, Any]:
    return {
        "id": BOT_ID,
        "is_bot": True,
        "first_name": "Sigap",
        "username": BOT_USERNAME,
        "can_join_groups": True,
        "can_read_all_group_messages": True,
        "supports_inline_queries": False,
    }


def chat(chat_id: int, title: str = "Tim Layanan") -> dict[str, Any]:
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": "Pengguna"}
    return {"id": chat_id, "type": "supergroup", "title": title}


def message_json(sent: SentMessage) -> dict[str, Any]:
    data: dict[str, Any] = {
        "message_id": sent.message_id,
        "date": int(time.time()),
        "chat": chat(sent.chat_id),
        "from": bot_user(),
        "text": sent.text,
    }
    if sent.reply_markup:
        data["reply_markup"] = sent.reply_markup
    if sent.message_thread_id:
        data["message_thread_id"] = sent.message_thread_id
    return data


@dataclass
class Person:
    """A Telegram account that talks to the bot, for building its updates."""

    user_id: int
    first_name: str
    last_name: str = ""
    username: str | None = None
    language_code: str = "id"

    def user_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.user_id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": self.language_code,
        }
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        return data


class OfflinePeople:
    """Builds real `Update` objects for what people do, numbered like Telegram's."""

    def __init__(self, bot: Bot, first_update_id: int = 1) -> None:
        self.bot = bot
        self._update_ids = itertools.count(first_update_id)
        self._message_ids = itertools.count(1)

    def _update(self, payload: dict[str, Any]) -> Update:
        payload["update_id"] = next(self._update_ids)
        update = Update.de_json(payload, self.bot)
        return update

    def message(
        self,
        person: Person,
        text: str | None = None,
        *,
        chat_id: int | None = None,
        reply_to: SentMessage | None = None,
        thread_id: int | None = None,
        photo: str | None = None,
        document: str | None = None,
        sticker: str | None = None,
        caption: str | None = None,
    ) -> Update:
        """A message `person` sends, privately or in a group, optionally as a reply."""
        target = chat_id if chat_id is not None else person.user_id
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat(target)
            if target < 0
            else {**chat(target), "first_name": person.first_name},
            "from": person.user_json(),
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [
                    {"type": "bot_command", "offset": 0, "length": len(command)}
                ]
        if caption is not None:
            message["caption"] = caption
        if photo is not None:
            message["photo"] = [
                {"file_id": photo, "file_unique_id": photo[:16], "width": 800, "height": 600}
            ]
        if document is not None:
            message["document"] = {
                "file_id": document,
                "file_unique_id": document[:16],
                "file_name": "lampiran.pdf",
            }
        if sticker is not None:
            message["sticker"] = {
                "file_id": sticker,
                "file_unique_id": sticker[:16],
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "type": "regular",
            }
        if reply_to is not None:
            message["reply_to_message"] = message_json(reply_to)
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        return self._update({"message": message})

    def tap(self, person: Person, sent: SentMessage, data: str) -> Update:
        """`person` taps a button with callback `data` under the bot's message `sent`."""
        query = {
            "id": str(next(self._update_ids) * 7),
            "from": person.user_json(),
            "chat_instance": str(sent.chat_id),
            "message": message_json(sent),
            "data": data,
        }
        return self._update({"callback_query": query})
