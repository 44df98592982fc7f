"""The ministry edits the seed YAML by hand, so every reference and rule in it is checked here.

A loader turns these files into catalog, SLA, FAQ and staff rows; a typo in a service code or an
SLA that breaks the SP4N-LAPOR! limits should fail here, in review, not at start-up.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import pytest
import yaml

SEED = Path(__file__).resolve().parents[1] / "seed"

SERVICE_STATUSES = {"planned", "in_development", "active", "deactivated", "retiring", "retired"}
AGREEMENT_FORMS = {"signed_document", "meeting_minutes", "email", "terms_of_service"}
TICKET_TYPES = {"incident", "service_request", "complaint", "change", "problem"}
PRIORITIES = {"critical", "high", "medium", "low"}
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ROLES = {"agent", "coordinator"}
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
HOURS_RANGE = re.compile(r"(\d\d):(\d\d)-(\d\d):(\d\d)")

OFFICE_WORKING_DAY_MINUTES = 510
# SP4N-LAPOR!: verify and forward within 3 working days, follow up within 5.
COMPLAINT_RESPONSE_DAYS = 3
COMPLAINT_RESOLUTION_DAYS = 5


@cache
def load(name: str) -> dict[str, Any]:
    with (SEED / name).open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    assert isinstance(document, dict), f"{name} must hold a mapping at the top"
    return document


def services() -> list[dict[str, Any]]:
    return list(load("services.yaml")["services"])


def calendars() -> dict[str, dict[str, Any]]:
    return {calendar["code"]: calendar for calendar in load("calendars.yaml")["calendars"]}


def service_codes() -> set[str]:
    return {service["code"] for service in services()}


def all_slas() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(service, sla) for service in services() for sla in service["slas"]]


def minutes_of(hours_range: str) -> int:
    match = HOURS_RANGE.fullmatch(hours_range)
    assert match, f"hours must read HH:MM-HH:MM, got {hours_range!r}"
    start_h, start_m, end_h, end_m = (int(part) for part in match.groups())
    return (end_h * 60 + end_m) - (start_h * 60 + start_m)


@pytest.mark.parametrize(
    ("name", "top_key"),
    [
        ("services.yaml", "services"),
        ("faq.yaml", "faq"),
        ("people.yaml", "people"),
        ("calendars.yaml", "calendars"),
    ],
)
def test_every_seed_file_parses_to_a_non_empty_list(name: str, top_key: str) -> None:
    document = load(name)

    assert isinstance(document[top_key], list)
    assert document[top_key]


def test_service_codes_are_unique_slugs() -> None:
    codes = [service["code"] for service in services()]

    assert len(codes) == len(set(codes))
    assert all(SLUG.fullmatch(code) for code in codes)


def test_services_carry_every_catalog_field() -> None:
    text_fields = (
        *("name", "name_en", "description", "audience", "benefits", "contact"),
        *("operating_hours", "owner", "request_procedure"),
    )

    for service in services():
        for field in text_fields:
            assert isinstance(service[field], str), (service["code"], field)
            assert service[field].strip(), (service["code"], field)
        assert service["status"] in SERVICE_STATUSES, service["code"]
        assert isinstance(service["first_response_minutes"], int)
        assert service["first_response_minutes"] > 0
        assert service["keywords"], service["code"]


def test_services_read_in_english_too() -> None:
    english_fields = (
        *("description_en", "audience_en", "benefits_en"),
        *("operating_hours_en", "request_procedure_en"),
    )

    for service in services():
        if service["status"] == "active":
            assert service["description_en"].strip(), service["code"]
        for field in english_fields:
            value = service.get(field)
            assert value is None or (isinstance(value, str) and value.strip()), (
                service["code"],
                field,
            )


def test_services_refer_to_existing_catalogs_calendars_and_services() -> None:
    catalog_codes = {catalog["code"] for catalog in load("services.yaml")["catalogs"]}

    for service in services():
        assert service["catalog"] in catalog_codes, service["code"]
        assert service["calendar"] in calendars(), service["code"]
        assert set(service["depends_on"]) <= service_codes(), service["code"]
        assert service["code"] not in service["depends_on"]


def test_service_dependencies_have_no_cycle() -> None:
    depends_on = {service["code"]: set(service["depends_on"]) for service in services()}
    resolved: set[str] = set()

    while len(resolved) < len(depends_on):
        ready = {code for code, needs in depends_on.items() if needs <= resolved} - resolved
        assert ready, f"dependency cycle among {sorted(set(depends_on) - resolved)}"
        resolved |= ready


def test_every_delivered_service_has_an_sla() -> None:
    delivered = {"active", "deactivated", "retiring"}

    missing = [s["code"] for s in services() if s["status"] in delivered and not s["slas"]]

    assert missing == []


def test_sla_agreements_and_workload_limits_are_well_formed() -> None:
    limits = ("max_tickets_per_month", "max_users", "max_transactions_per_month")

    for service, sla in all_slas():
        assert sla["name"].strip(), service["code"]
        assert sla["agreement_form"] in AGREEMENT_FORMS, sla["name"]
        assert sla["agreement_reference"].strip(), sla["name"]
        for limit in limits:
            value = sla[limit]
            assert value is None or (isinstance(value, int) and value > 0), (sla["name"], limit)


def test_sla_targets_are_unique_and_resolution_follows_response() -> None:
    for _, sla in all_slas():
        pairs = [(t["ticket_type"], t["priority"]) for t in sla["targets"]]

        assert sla["targets"], sla["name"]
        assert len(pairs) == len(set(pairs)), sla["name"]
        for target in sla["targets"]:
            assert target["ticket_type"] in TICKET_TYPES, sla["name"]
            assert target["priority"] in PRIORITIES, sla["name"]
            assert 0 < target["response_minutes"] <= target["resolution_minutes"], target


def test_complaint_targets_stay_within_sp4n_lapor_limits() -> None:
    for service, sla in all_slas():
        calendar = calendars()[service["calendar"]]
        # On an always-open calendar a day is 1440 minutes, never more than a working day.
        day = 24 * 60 if calendar["always_open"] else OFFICE_WORKING_DAY_MINUTES
        complaints = [t for t in sla["targets"] if t["ticket_type"] == "complaint"]

        assert complaints, f"{sla['name']} sets no complaint target"
        for target in complaints:
            assert target["response_minutes"] <= COMPLAINT_RESPONSE_DAYS * day, sla["name"]
            assert target["resolution_minutes"] <= COMPLAINT_RESOLUTION_DAYS * day, sla["name"]


def test_sla_exceptions_are_aware_and_end_after_they_start() -> None:
    for _, sla in all_slas():
        for exception in sla["exceptions"]:
            starts_at = datetime.fromisoformat(exception["starts_at"])
            ends_at = datetime.fromisoformat(exception["ends_at"])

            assert starts_at.tzinfo is not None, sla["name"]
            assert ends_at.tzinfo is not None, sla["name"]
            assert starts_at < ends_at, sla["name"]
            assert exception["reason"].strip(), sla["name"]


def test_calendars_are_unique_and_name_real_time_zones() -> None:
    codes = [calendar["code"] for calendar in load("calendars.yaml")["calendars"]]

    assert len(codes) == len(set(codes))
    for calendar in calendars().values():
        assert ZoneInfo(calendar["timezone"]).key == calendar["timezone"]
        assert calendar["name"].strip()


def test_office_calendars_open_on_weekdays_only_in_valid_ranges() -> None:
    for calendar in calendars().values():
        if calendar["always_open"]:
            assert "hours" not in calendar, calendar["code"]
            assert calendar["closures"] == [], calendar["code"]
            continue

        assert tuple(calendar["hours"]) == WEEKDAYS, calendar["code"]
        for day in WEEKDAYS:
            assert all(minutes_of(span) > 0 for span in calendar["hours"][day])
        assert calendar["hours"]["sat"] == [] and calendar["hours"]["sun"] == []


def test_the_office_working_day_is_the_510_minutes_the_sla_figures_assume() -> None:
    office = calendars()["office"]

    for day in ("mon", "tue", "wed", "thu"):
        assert sum(minutes_of(span) for span in office["hours"][day]) == (
            OFFICE_WORKING_DAY_MINUTES
        )


def test_closures_fall_on_working_days_that_are_not_national_holidays() -> None:
    for calendar in calendars().values():
        national = holidays.country_holidays("ID", years=range(2025, 2028))
        for closure in calendar["closures"]:
            closed_on = closure["date"]

            assert isinstance(closed_on, date), calendar["code"]
            assert calendar["hours"][WEEKDAYS[closed_on.weekday()]], closure
            assert closed_on not in national, closure
            assert closure["reason"].strip()


def test_faq_entries_are_unique_complete_and_fit_a_phone_screen() -> None:
    entries = load("faq.yaml")["faq"]
    keys = [entry["key"] for entry in entries]

    assert len(entries) >= 45
    assert len(keys) == len(set(keys))
    for entry in entries:
        assert SLUG.fullmatch(entry["key"]), entry["key"]
        assert entry["service"] is None or entry["service"] in service_codes(), entry["key"]
        assert entry["status"] == "published", entry["key"]
        assert entry["owner"].strip(), entry["key"]
        for answer in (entry["answer"], entry["answer_en"]):
            assert 40 <= len(answer) <= 600, entry["key"]
        for question in (entry["question"], entry["question_en"]):
            assert isinstance(question, str) and 10 <= len(question.strip()) <= 120, entry["key"]


def test_faq_alternatives_and_keywords_add_something_new() -> None:
    questions: set[str] = set()

    for entry in load("faq.yaml")["faq"]:
        phrasings = [entry["question"], *entry["alternatives"]]
        normalised = {phrasing.strip().lower() for phrasing in phrasings}

        assert 2 <= len(entry["alternatives"]) <= 3, entry["key"]
        assert len(normalised) == len(phrasings), entry["key"]
        assert not normalised & questions, entry["key"]
        assert entry["keywords"], entry["key"]
        assert all(keyword == keyword.lower() for keyword in entry["keywords"]), entry["key"]
        questions |= normalised


def test_people_have_unique_ids_known_roles_and_known_services() -> None:
    people = load("people.yaml")["people"]
    ids = [person["telegram_id"] for person in people]

    assert len(ids) == len(set(ids))
    assert {person["role"] for person in people} == ROLES
    for person in people:
        assert isinstance(person["telegram_id"], int), person["full_name"]
        assert person["full_name"].strip() and person["work_unit"].strip()
        assert person["language"] == "id", person["full_name"]
        assert set(person["services"]) <= service_codes(), person["full_name"]
        for competence in person["competences"]:
            assert competence["service"] in service_codes(), person["full_name"]
            assert competence["evidence"].strip(), person["full_name"]


def test_every_delivered_service_has_an_agent_and_a_coordinator() -> None:
    people = load("people.yaml")["people"]
    delivered = {s["code"] for s in services() if s["status"] in {"active", "retiring"}}

    for role in ROLES:
        covered = {code for p in people if p["role"] == role for code in p["services"]}
        assert delivered - covered == set(), role
