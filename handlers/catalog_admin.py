"""Catalog upkeep in the chat: service status, SLAs, follow a service, business closures.

Coordinators and admins change things (`/layanan <code> <status> <reason>`, `/libur tambah`,
`/libur hapus`); agents may look (`/layanan <code>`, `/sla <code>`, `/libur`); anyone
registered may follow a service (`/ikuti`, `/berhenti_ikuti`). The rules live in `desk/`;
this module reads the command, calls them and answers.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date, datetime

from telegram import Update
from telegram.ext import CommandHandler

from desk import closures, followers, people, service_status
from desk.calendar import BusinessCalendar
from desk.errors import InvalidInput, NotAllowed
from desk.records import Service
from desk.service_status import CATALOG_VIEWERS
from desk.staff import require_role
from desk.types import ServiceStatus
from handlers.common import App, Context, Turn, open_turn, reply
from handlers.runtime import Runtime, runtime_of
from texts.dates import zone_label

logger = logging.getLogger(__name__)

FILE_CALENDARS = "file_calendars"
CLOSURE_WATCH = "closure_watch"
TARGET_ORDER = ("critical", "high", "medium", "low")


def file_calendars(rt: Runtime) -> Mapping[str, BusinessCalendar]:
    """The calendars as the file gave them, before any closure added in the bot."""
    found: Mapping[str, BusinessCalendar] = rt.extras.setdefault(FILE_CALENDARS, rt.desk.calendars)
    return found


async def refresh_closures(rt: Runtime) -> bool:
    """Merge the closures stored in the database into the desk's calendars, if any changed.

    At start-up, and then now and again, so closures another process stored reach this one.
    """
    watch = rt.extras.get(CLOSURE_WATCH)
    if not isinstance(watch, closures.ClosureWatch):
        watch = rt.extras[CLOSURE_WATCH] = closures.ClosureWatch(file_calendars(rt))
    async with rt.sessions() as session, session.begin():
        merged = await watch.refresh(session, rt.desk)
    if merged is None:
        return False
    rt.desk = merged
    return True


def arguments(context: Context) -> list[str]:
    return list(context.args or [])


async def service_command(update: Update, context: Context) -> None:
    """/layanan <code> shows an entry; /layanan <code> <status> <reason> changes its status."""
    words = arguments(context)
    async with open_turn(update, context) as turn:
        if not words:
            await reply(update, turn.t("svc.usage"))
            return
        require_role(turn.person, CATALOG_VIEWERS, "view the catalog entry")
        service = await followers.find_service(turn.session, words[0])
        if len(words) == 1:
            await reply(update, await entry_text(turn, service))
            return
        change = await service_status.change_status(
            turn.session,
            service,
            service_status.parse_status(words[1]),
            actor=turn.person,
            reason=" ".join(words[2:]),
            config=turn.rt.desk,
            now=turn.rt.now(),
        )
        told = await followers.follower_count(turn.session, service)
        await reply(
            update,
            turn.t(
                "svc.changed",
                name=service.name,
                old=status_label(turn, change.old.value),
                new=status_label(turn, change.new.value),
                followers=told,
                report=change.report.id,
            ),
        )


def status_label(turn: Turn, status: str) -> str:
    return turn.t(f"browse.status.{status}")


async def entry_text(turn: Turn, service: Service) -> str:
    allowed = service_status.allowed_targets(ServiceStatus(service.status))
    changes = await service_status.recent_changes(turn.session, service)
    history = "\n".join(
        turn.t(
            "svc.entry.change",
            at=short_time(turn, row.created_at),
            old=status_label(turn, row.old_value or "planned"),
            new=status_label(turn, row.new_value or "planned"),
            reason=row.reason,
        )
        for row in changes
    )
    return turn.t(
        "svc.entry",
        name=service.name,
        code=service.code,
        status=status_label(turn, service.status),
        catalog=service.catalog.name if service.catalog else "-",
        calendar=turn.rt.desk.calendar(service.calendar_code).name or service.calendar_code,
        owner=service.owner or "-",
        followers=await followers.follower_count(turn.session, service),
        allowed=", ".join(status_label(turn, s.value) for s in sorted(allowed))
        or turn.t("svc.entry.none"),
        history=history or turn.t("svc.entry.no_changes"),
    )


def short_time(turn: Turn, moment: datetime) -> str:
    zone = turn.rt.desk.timezone
    return f"{moment.astimezone(zone):%Y-%m-%d %H.%M} {zone_label(zone)}"


async def sla_command(update: Update, context: Context) -> None:
    """/sla <code>: the service's SLAs with targets, agreement, limits and exceptions."""
    words = arguments(context)
    async with open_turn(update, context) as turn:
        if not words:
            await reply(update, turn.t("svc.sla.usage"))
            return
        require_role(turn.person, CATALOG_VIEWERS, "view SLAs")
        service = await followers.find_service(turn.session, words[0])
        await reply(update, sla_text(turn, service))


def sla_text(turn: Turn, service: Service) -> str:
    if not service.slas:
        return turn.t("svc.sla.none", name=service.name)
    blocks = [turn.t("svc.sla.title", name=service.name)]
    for sla in sorted(service.slas, key=lambda item: item.id):
        valid = f"{sla.valid_from or '…'} – {sla.valid_to or '…'}"
        lines = [
            turn.t(
                "svc.sla.agreement",
                name=sla.name,
                form=turn.t(f"svc.form.{sla.agreement_form}"),
                reference=sla.agreement_reference or "-",
                valid=valid if sla.valid_from or sla.valid_to else turn.t("svc.sla.always"),
            )
        ]
        lines += [
            turn.t(
                "svc.sla.target",
                type=turn.t(f"ticket_type.{target.ticket_type}"),
                priority=turn.t(f"priority.{target.priority}"),
                response=duration(turn, target.response_minutes),
                resolution=duration(turn, target.resolution_minutes),
            )
            for target in sorted(sla.targets, key=lambda t: rank(t.ticket_type, t.priority))
        ]
        lines.append(
            turn.t(
                "svc.sla.limits",
                tickets=limit(turn, sla.max_tickets_per_month),
                users=limit(turn, sla.max_users),
                transactions=limit(turn, sla.max_transactions_per_month),
            )
        )
        lines += [
            turn.t(
                "svc.sla.exception",
                start=short_time(turn, item.starts_at),
                end=short_time(turn, item.ends_at),
                reason=item.reason,
            )
            for item in sorted(sla.exceptions, key=lambda item: item.starts_at)
            if item.ends_at >= turn.rt.now()
        ]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def rank(ticket_type: str, priority: str) -> tuple[str, int]:
    """Targets by type, then from the most urgent priority down."""
    order = TARGET_ORDER.index(priority) if priority in TARGET_ORDER else len(TARGET_ORDER)
    return ticket_type, order


def duration(turn: Turn, minutes: int) -> str:
    if minutes >= 60 and minutes % 60 == 0:
        return turn.t("browse.hours", count=minutes // 60)
    return turn.t("svc.sla.minutes", count=minutes)


def limit(turn: Turn, value: int | None) -> str:
    return str(value) if value is not None else turn.t("svc.sla.unlimited")


async def follow_command(update: Update, context: Context) -> None:
    """/ikuti <code>: hear when the service's status changes."""
    await _follow(update, context, start=True)


async def unfollow_command(update: Update, context: Context) -> None:
    """/berhenti_ikuti <code>: stop hearing about the service."""
    await _follow(update, context, start=False)


async def _follow(update: Update, context: Context, *, start: bool) -> None:
    words = arguments(context)
    async with open_turn(update, context) as turn:
        if not words:
            await reply(update, turn.t("follow.usage"))
            return
        if not people.is_registered(turn.person):
            raise NotAllowed("follow before registering", text_key="follow.register_first")
        service = await followers.find_service(turn.session, words[0])
        if start:
            done = await followers.follow(turn.session, turn.person, service, turn.rt.now())
            key = "follow.done" if done else "follow.already"
        else:
            done = await followers.unfollow(turn.session, turn.person, service)
            key = "follow.stopped" if done else "follow.not_following"
        await reply(update, turn.t(key, name=service.name, code=service.code))


async def closure_command(update: Update, context: Context) -> None:
    """/libur lists closures; /libur tambah|hapus <date> ... adds or removes one."""
    rt = runtime_of(context)
    words = arguments(context)
    action = words[0].lower() if words else "list"
    async with open_turn(update, context) as turn:
        require_role(turn.person, CATALOG_VIEWERS, "view closures")
        if action == "list":
            await reply(update, closure_list(turn))
            return
        if action not in {"tambah", "add", "hapus", "remove"} or len(words) < 2:
            await reply(update, turn.t("closure.usage"))
            return
        change = await _change_closure(turn, action in {"tambah", "add"}, words[1:])
    rt.desk = change.config  # committed: from now on every due time uses the new calendars
    key = "closure.added" if action in {"tambah", "add"} else "closure.removed"
    await reply(
        update,
        turn.t(
            key,
            day=change.day.isoformat(),
            reason=change.reason,
            calendars=", ".join(change.calendars),
            moved=change.moved,
        ),
    )


async def _change_closure(turn: Turn, adding: bool, words: list[str]) -> closures.ClosureChange:
    rt = turn.rt
    base = file_calendars(rt)
    day = parse_day(words[0])
    rest = words[1:]
    code = rest.pop() if rest and rest[-1] in base and (len(rest) > 1 or not adding) else None
    if adding:
        return await closures.add_closure(
            turn.session,
            rt.desk,
            base,
            day=day,
            reason=" ".join(rest),
            calendar_code=code,
            actor=turn.person,
            now=rt.now(),
        )
    return await closures.remove_closure(
        turn.session, rt.desk, base, day=day, calendar_code=code, actor=turn.person, now=rt.now()
    )


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise InvalidInput(
            f"bad date {text!r}", text_key="closure.error.date", text=text
        ) from error


def closure_list(turn: Turn) -> str:
    today = turn.rt.now().astimezone(turn.rt.desk.timezone).date()
    items = [
        turn.t(
            "closure.item",
            day=item.day.isoformat(),
            reason=item.reason,
            calendars=", ".join(item.calendars),
        )
        for item in closures.upcoming(turn.rt.desk, today)
    ]
    return turn.t("closure.list", items="\n".join(items) or turn.t("closure.none"))


def register(app: App) -> None:
    app.add_handler(CommandHandler(["layanan", "service"], service_command))
    app.add_handler(CommandHandler("sla", sla_command))
    app.add_handler(CommandHandler(["ikuti", "follow"], follow_command))
    app.add_handler(CommandHandler(["berhenti_ikuti", "unfollow"], unfollow_command))
    app.add_handler(CommandHandler(["libur", "closures"], closure_command))
