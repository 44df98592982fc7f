"""One settings object, built at start-up from the environment and `.env`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from faq.matcher import DEFAULT_ANSWER_THRESHOLD, DEFAULT_SUGGEST_THRESHOLD
from scheduler.retention import DEFAULT_RETENTION_DAYS

DEFAULT_MATRIX: dict[str, dict[str, str]] = {
    "high": {"high": "critical", "medium": "high", "low": "medium"},
    "medium": {"high": "high", "medium": "medium", "low": "low"},
    "low": {"high": "medium", "medium": "low", "low": "low"},
}


class SettingsError(Exception):
    """A setting is missing or invalid; the message names it and what is expected."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="SIGAP_",
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
    )

    bot_token: SecretStr | None = None
    bot_api_base_url: str = "https://api.telegram.org/bot"
    bot_api_file_url: str = "https://api.telegram.org/file/bot"
    database_url: str = "sqlite+aiosqlite:///./data/sigap.db"
    agents_chat_id: int | None = None
    agents_forum_topics: bool = False
    admin_ids: Annotated[tuple[int, ...], NoDecode] = ()
    timezone: str = "Asia/Jakarta"
    language: Literal["id", "en"] = "id"
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_path: str = "telegram"
    webhook_secret: SecretStr | None = None
    priority_matrix: dict[str, dict[str, str]] = Field(default_factory=lambda: DEFAULT_MATRIX)
    faq_answer_threshold: float = Field(default=DEFAULT_ANSWER_THRESHOLD, ge=0, le=1)
    faq_suggest_threshold: float = Field(default=DEFAULT_SUGGEST_THRESHOLD, ge=0, le=1)
    auto_assign: bool = False
    # Updates handled at once (each chat's still in order); unset: 1 on SQLite, 16 otherwise.
    concurrent_updates: int | None = Field(default=None, ge=1, le=256)
    note_prefix: str = "#"
    # A resolved ticket the requester leaves unanswered is closed after this many working
    # days of its service's calendar.
    auto_close_working_days: int = Field(default=3, ge=1, le=60)
    calendars_file: Path = Path("seed/calendars.yaml")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    retention_days: dict[str, int] = Field(default_factory=lambda: dict(DEFAULT_RETENTION_DAYS))

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(int(part) for part in value.replace(";", ",").split(",") if part.strip())
        if isinstance(value, int):
            return (value,)
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError("an IANA time zone such as Asia/Jakarta is expected") from error
        return value

    @field_validator("retention_days")
    @classmethod
    def _retention_per_type(cls, value: dict[str, int]) -> dict[str, int]:
        """Types left out keep their default period, so one override is enough."""
        unknown = set(value) - set(DEFAULT_RETENTION_DAYS)
        if unknown:
            raise ValueError(f"unknown ticket types {sorted(unknown)}")
        if any(days < 1 for days in value.values()):
            raise ValueError("retention periods are whole days, at least 1")
        return {**DEFAULT_RETENTION_DAYS, **value}

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def token(self) -> str:
        if self.bot_token is None or not self.bot_token.get_secret_value().strip():
            raise SettingsError(
                "SIGAP_BOT_TOKEN is not set: put the token from @BotFather in .env, "
                "or run `make demo` to try Sigap without one."
            )
        return self.bot_token.get_secret_value().strip()


def load_settings(**overrides: Any) -> Settings:
    """Build the settings, turning pydantic's report into one line per bad setting."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            name = "SIGAP_" + "_".join(str(part) for part in problem["loc"][:1]).upper()
            lines.append(f"{name}: {problem['msg']} (got {problem.get('input')!r})")
        raise SettingsError("invalid setting " + "; ".join(lines)) from error
