"""Sigap running offline: the real `Application` over `OfflineBotApi`, driven by people.

Used by `sigap demo`, `sigap shell`, the tests and the benchmarks, so all of them exercise the
same handlers, database and outbox as the real bot.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from telegram import Update

from bot.app import SigapApplication, build_application, build_runtime
from bot.notifier import TelegramSender
from bot.offline import OFFLINE_TOKEN, OfflineBotApi, OfflinePeople, Person, SentMessage
from bot.settings import Settings
from handlers.runtime import Runtime, utc_now
from scheduler.delivery import deliver_due
from storage.db import SessionFactory

TAG = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """HTML message text as a terminal shows it."""
    return html.unescape(TAG.sub("", text))


@dataclass
class Line:
    """One line of the transcript: who said what, and the buttons shown."""

    speaker: str
    text: str
    buttons: list[str] = field(default_factory=list)


@dataclass
class OfflineSigap:
    settings: Settings
    sessions: SessionFactory
    clock: Callable[[], datetime] = utc_now
    api: OfflineBotApi = field(default_factory=OfflineBotApi)
    transcript: list[Line] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.runtime: Runtime = build_runtime(self.settings, self.sessions, self._now)
        self.app: SigapApplication = build_application(
            self.settings, self.runtime, token=OFFLINE_TOKEN, request=self.api
        )
        self.people = OfflinePeople(self.app.bot)
        self._seen = 0
        self._edits_seen = 0
        self._shown: dict[tuple[int, int], str] = {}

    def _now(self) -> datetime:
        return self.clock()

    async def __aenter__(self) -> OfflineSigap:
        await self.app.initialize()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.app.shutdown()

    def person(
        self, user_id: int, first_name: str, last_name: str = "", language_code: str = "id"
    ) -> Person:
        self.names[user_id] = f"{first_name} {last_name}".strip()
        return Person(user_id, first_name, last_name, language_code=language_code)

    async def process(self, update: Update) -> list[SentMessage]:
        """Run one update through the real application; the messages it sent or edited."""
        before, edits_before = len(self.api.messages), len(self.api.edits)
        await self.app.process_update(update)
        edited: list[SentMessage] = []
        for message in self.api.edits[edits_before:]:
            if message.text and all(message is not seen for seen in edited):
                edited.append(message)
        return [*edited, *self.api.messages[before:]]

    async def say(
        self,
        person: Person,
        text: str,
        *,
        chat_id: int | None = None,
        reply_to: SentMessage | None = None,
    ) -> list[SentMessage]:
        self._note(person, text, chat_id)
        return await self.process(
            self.people.message(person, text, chat_id=chat_id, reply_to=reply_to)
        )

    async def send_photo(
        self, person: Person, file_id: str, caption: str | None = None
    ) -> list[SentMessage]:
        self._note(person, f"[foto] {caption or ''}".strip(), None)
        return await self.process(self.people.message(person, photo=file_id, caption=caption))

    async def tap(
        self, person: Person, label_part: str, chat_id: int | None = None
    ) -> list[SentMessage]:
        """Tap the newest button whose label contains `label_part`, in the person's chat."""
        sent = self.with_button(chat_id or person.user_id, label_part)
        data = sent.button_data(label_part)
        label = next(b["text"] for b in sent.buttons() if b.get("callback_data") == data)
        self._note(person, f"[ketuk: {label}]", chat_id)
        return await self.process(self.people.tap(person, sent, data))

    def with_button(self, chat_id: int, label_part: str) -> SentMessage:
        for sent in reversed(self.api.to_chat(chat_id)):
            if any(label_part.lower() in str(b.get("text", "")).lower() for b in sent.buttons()):
                return sent
        raise LookupError(f"no message in chat {chat_id} has a button {label_part!r}")

    async def deliver(self) -> int:
        """Run the outbox delivery once, as the scheduler would."""
        sender = TelegramSender(self.app.bot, forum_topics=self.settings.agents_forum_topics)
        return await deliver_due(self.sessions, sender, self._now())

    def _note(self, person: Person, text: str, chat_id: int | None) -> None:
        self.collect()
        where = " (grup)" if chat_id is not None and chat_id < 0 else ""
        self.transcript.append(
            Line(f"{self.names.get(person.user_id, person.first_name)}{where}", text)
        )

    def collect(self) -> None:
        """Move the bot's new messages, and new wording of earlier ones, into the transcript."""
        for sent in self.api.edits[self._edits_seen :]:
            if self._shown.get((sent.chat_id, sent.message_id), sent.text) != sent.text:
                self._show(sent, "(diubah)")
        for sent in self.api.messages[self._seen :]:
            self._show(sent)
        self._seen, self._edits_seen = len(self.api.messages), len(self.api.edits)

    def _show(self, sent: SentMessage, note: str = "") -> None:
        target = self.names.get(sent.chat_id, "grup petugas" if sent.chat_id < 0 else "")
        buttons = [str(b.get("text", "")) for b in sent.buttons()]
        speaker = f"Sigap → {target} {note}".rstrip()
        self.transcript.append(Line(speaker, plain(sent.text), buttons))
        self._shown[(sent.chat_id, sent.message_id)] = sent.text

    def render(self) -> str:
        self.collect()
        blocks = []
        for line in self.transcript:
            text = line.text.replace("\n", "\n    ")
            block = f"{line.speaker}:\n    {text}"
            if line.buttons:
                block += "\n    " + "  ".join(f"[{label}]" for label in line.buttons)
            blocks.append(block)
        return "\n\n".join(blocks)
