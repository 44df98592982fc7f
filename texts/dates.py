"""Dates and times as people read them: "Senin, 7 Desember 10.00 WIB"."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from texts import t

ZONE_NAMES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def zone_label(zone: ZoneInfo) -> str:
    return ZONE_NAMES.get(zone.key, zone.key)


def _pieces(moment: datetime, zone: ZoneInfo, lang: str) -> dict[str, str]:
    local = moment.astimezone(zone)
    separator = ":" if lang == "en" else "."  # Indonesian writes 10.00
    return {
        "weekday": t(f"weekday.{local.weekday()}", lang),
        "day": str(local.day),
        "month": t(f"month.{local.month}", lang),
        "time": f"{local.hour:02d}{separator}{local.minute:02d}",
        "zone": zone_label(zone),
    }


def local_time(moment: datetime, zone: ZoneInfo, lang: str) -> str:
    """`Senin, 7 Desember 10.00 WIB`."""
    return "{weekday}, {day} {month} {time} {zone}".format(**_pieces(moment, zone, lang))


def due_phrase(moment: datetime | None, zone: ZoneInfo, lang: str) -> str:
    """`paling lambat Senin, 7 Desember 10.00 WIB`, or a dash when nothing is due."""
    if moment is None:
        return "-"
    return t("due.at", lang, **_pieces(moment, zone, lang))
