"""Browsing the service catalog as a requester and as staff."""

from __future__ import annotations

from sqlalchemy import select

from bot.harness import OfflineSigap
from storage.models import ChatState, Service
from tests.followup.support import AGENT_TELEGRAM_ID, lodge


async def service_id(sigap: OfflineSigap, code: str) -> int:
    async with sigap.sessions() as session:
        found = (await session.execute(select(Service.id).where(Service.code == code))).scalar()
    assert found is not None
    return found


def labels(sent_text_buttons: list[dict[str, object]]) -> list[str]:
    return [str(button["text"]) for button in sent_text_buttons]


async def all_pages(sigap: OfflineSigap, user_id: int) -> list[str]:
    """Every service label, following the Next button to the last page."""
    who = sigap.person(user_id, "Sari")
    sent = await sigap.say(who, "/katalog")
    seen = labels(sent[-1].buttons())
    while any("Berikutnya" in label for label in labels(sigap.api.last_to(user_id).buttons())):
        page = await sigap.tap(who, "Berikutnya")
        seen += labels(page[-1].buttons())
    return seen


async def test_requesters_see_active_services_only(sigap: OfflineSigap) -> None:
    seen = await all_pages(sigap, 76000001)

    assert any("E-mail Dinas" in label for label in seen)
    assert not any("FTP" in label or "Drive" in label for label in seen)
    navigation = ("Berikutnya", "Sebelumnya", "Menu utama")
    services = [label for label in seen if not any(word in label for word in navigation)]
    assert len(services) == 16  # the seed's 18 services less one planned and one retiring


async def test_staff_see_every_service_with_its_status(sigap: OfflineSigap) -> None:
    seen = await all_pages(sigap, AGENT_TELEGRAM_ID)

    assert any("Drive" in label and "Direncanakan" in label for label in seen)
    assert any("Akan berhenti" in label for label in seen)


async def test_a_service_page_shows_every_catalog_field(sigap: OfflineSigap) -> None:
    who = sigap.person(76000002, "Sari")
    await sigap.say(who, "/katalog")

    sent = await sigap.tap(who, "E-mail Dinas")

    text = sent[-1].text
    for expected in (
        "Kotak surat elektronik resmi",  # description
        "Seluruh ASN dan PPPK",  # audience
        "Komunikasi kedinasan tercatat",  # benefits
        "1 jam kerja",  # response time
        "ext. 1234",  # contact
        "07.30-16.00",  # hours
        "Bidang Infrastruktur TIK",  # owner
        "nota dinas permohonan",  # request procedure
        "Aktif",  # status
    ):
        assert expected in text
    assert any("Minta layanan ini" in label for label in labels(sent[-1].buttons()))


async def test_a_forged_tap_on_a_planned_service_is_refused_to_requesters(
    sigap: OfflineSigap,
) -> None:
    who = sigap.person(76000003, "Sari")
    await sigap.say(who, "/katalog")
    listing = sigap.api.last_to(who.user_id)
    planned = await service_id(sigap, "drive-dinas")

    sent = await sigap.process(sigap.people.tap(who, listing, f"cat|show|{planned}"))

    assert "tidak tersedia" in sent[-1].text


async def test_request_button_starts_a_service_request_with_the_service_chosen(
    sigap: OfflineSigap,
) -> None:
    lodged = await lodge(sigap, 76000004)  # a registered requester
    await sigap.say(lodged.who, "/katalog")
    await sigap.tap(lodged.who, "E-mail Dinas")

    sent = await sigap.tap(lodged.who, "Minta layanan ini")

    assert "Layanan apa yang Anda perlukan" in sent[-1].text
    async with sigap.sessions() as session:
        state = await session.get(ChatState, 76000004)
    assert state is not None and state.flow == "intake" and state.step == "describe"
    assert state.draft["ticket_type"] == "service_request"
    assert state.draft["service_id"] == await service_id(sigap, "email-dinas")


async def test_menu_catalog_button_opens_the_catalog(sigap: OfflineSigap) -> None:
    lodged = await lodge(sigap, 76000005)
    await sigap.say(lodged.who, "/menu")

    sent = await sigap.tap(lodged.who, "Katalog layanan")

    assert "Katalog layanan" in sent[-1].text
    assert any("E-mail Dinas" in label for label in labels(sent[-1].buttons()))
