"""Ranking and confidence of the FAQ matcher on a small service-desk knowledge base."""

from __future__ import annotations

import time

import pytest

from faq.matcher import (
    DEFAULT_ANSWER_THRESHOLD,
    DEFAULT_SUGGEST_THRESHOLD,
    Band,
    Candidate,
    FaqMatcher,
    KnowledgeItem,
    band_for,
)

KNOWLEDGE = (
    KnowledgeItem(
        key="faq:email-reset",
        question="Bagaimana cara mengatur ulang kata sandi e-mail dinas?",
        alternatives=("lupa password email kantor", "email tidak bisa login karena salah sandi"),
        answer="Atur ulang lewat portal SSO, pilih Lupa Kata Sandi, masukkan kode OTP.",
    ),
    KnowledgeItem(
        key="faq:email-full",
        question="Kotak masuk e-mail dinas penuh",
        alternatives=("email tidak bisa menerima pesan karena kuota habis",),
        answer="Hapus surel lama berlampiran besar dan kosongkan folder sampah.",
    ),
    KnowledgeItem(
        key="faq:vpn",
        question="VPN kantor tidak bisa tersambung dari rumah",
        alternatives=("gagal konek VPN",),
        keywords=("wfh",),
        answer="Masuk VPN dengan akun SSO dan perbarui aplikasinya.",
    ),
    KnowledgeItem(
        key="faq:kk-lost",
        question="Apa syarat mengurus kartu keluarga yang hilang?",
        alternatives=("KK hilang harus bagaimana",),
        answer="Bawa surat kehilangan dari kepolisian dan KTP ke Dukcapil.",
    ),
    KnowledgeItem(
        key="faq:ktp-duration",
        question="Berapa lama proses pembuatan KTP elektronik?",
        alternatives=("KTP jadi berapa hari",),
        answer="Paling lama 14 hari kerja setelah perekaman.",
    ),
    KnowledgeItem(
        key="faq:ktp-requirements",
        question="Apa saja syarat membuat KTP elektronik?",
        alternatives=("dokumen untuk bikin KTP",),
        answer="Fotokopi KK dan surat pengantar dari kelurahan.",
    ),
    KnowledgeItem(
        key="faq:printer",
        question="Printer di ruangan tidak bisa mencetak",
        alternatives=("printer macet",),
        answer="Periksa kertas dan toner, lalu mulai ulang printernya.",
    ),
    KnowledgeItem(
        key="service:tte",
        question="Permohonan tanda tangan elektronik",
        keywords=("tte", "bsre", "sertifikat elektronik"),
        answer="Ajukan ke admin TTE dengan KTP dan SK jabatan.",
        kind="service",
        service_code="tte",
    ),
)


@pytest.fixture(scope="module")
def matcher() -> FaqMatcher:
    return FaqMatcher(KNOWLEDGE)


def top_key(matcher: FaqMatcher, text: str) -> str | None:
    found = matcher.search(text)
    return found[0].key if found else None


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("lupa pasword emel dinas gmn resetnya", "faq:email-reset"),
        ("tolongggg sy ga bs login email krn lupa sandi", "faq:email-reset"),
        ("kuota emial sy udh penuhh", "faq:email-full"),
        ("vpn gagal konekk trs", "faq:vpn"),
        ("krtu kluarga sy hlang", "faq:kk-lost"),
        ("prnter ga bisa ngeprint", "faq:printer"),
    ],
)
def test_typed_with_typos_and_slang_still_finds_its_entry(
    matcher: FaqMatcher, text: str, key: str
) -> None:
    assert top_key(matcher, text) == key


def test_siblings_are_told_apart_by_the_question_frame(matcher: FaqMatcher) -> None:
    assert top_key(matcher, "ktp jadinya brp lama") == "faq:ktp-duration"
    assert top_key(matcher, "syarat bikin ktp apa aja") == "faq:ktp-requirements"


def test_keywords_are_searchable(matcher: FaqMatcher) -> None:
    assert top_key(matcher, "mau daftar bsre") == "service:tte"
    assert top_key(matcher, "wfh ga bisa akses") == "faq:vpn"


def test_a_clear_message_is_answered(matcher: FaqMatcher) -> None:
    found = matcher.search("printer di ruangan saya tidak bisa mencetak")

    assert band_for(found, DEFAULT_ANSWER_THRESHOLD, DEFAULT_SUGGEST_THRESHOLD) is Band.ANSWER


def test_common_words_alone_do_not_answer_confidently(matcher: FaqMatcher) -> None:
    found = matcher.search("bagaimana caranya ya min, tidak bisa")

    assert found
    assert found[0].score < DEFAULT_ANSWER_THRESHOLD


def test_message_about_other_things_is_not_answered(matcher: FaqMatcher) -> None:
    for text in ("promo ongkir ada ga kak", "harga cabai naik terus", "wkwk lucu bgt"):
        found = matcher.search(text)
        assert band_for(found, DEFAULT_ANSWER_THRESHOLD, DEFAULT_SUGGEST_THRESHOLD) is Band.NONE


def test_unknown_topic_in_the_same_domain_is_not_answered(matcher: FaqMatcher) -> None:
    found = matcher.search("apa syarat membuat paspor baru")

    assert not found or found[0].score < DEFAULT_ANSWER_THRESHOLD


def test_candidates_are_ranked_confidences_with_a_matched_phrasing(matcher: FaqMatcher) -> None:
    found = matcher.search("email kantor penuh tidak bisa menerima pesan", limit=5)

    assert 1 < len(found) <= 5
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    assert all(0.0 <= c.score <= 1.0 for c in found)
    assert found[0].key == "faq:email-full"
    assert found[0].matched in (KNOWLEDGE[1].question, *KNOWLEDGE[1].alternatives)


def test_nothing_to_match_gives_no_candidates(matcher: FaqMatcher) -> None:
    assert matcher.search("") == []
    assert matcher.search("?!") == []
    assert matcher.search("zzqx") == []


def test_item_with_only_keywords_is_found_by_them() -> None:
    matcher = FaqMatcher([KnowledgeItem("svc:cctv", "", keywords=("cctv", "kamera pengawas"))])

    found = matcher.search("kamera pengawas mati")

    assert [(c.key, c.matched) for c in found] == [("svc:cctv", "cctv, kamera pengawas")]


def test_copies_with_the_same_answer_do_not_compete() -> None:
    copies = [
        KnowledgeItem(f"{item.key}#{n}", item.question, item.alternatives, answer=item.answer)
        for n in range(3)
        for item in KNOWLEDGE
    ]
    text = "vpn gagal konek dari rumah"

    alone = FaqMatcher(KNOWLEDGE).search(text)[0]
    among_copies = FaqMatcher(copies).search(text)

    assert among_copies[0].key.startswith("faq:vpn#")
    assert among_copies[0].score == pytest.approx(alone.score, abs=0.05)
    assert len({c.key.split("#")[0] for c in among_copies}) == len(among_copies)


def test_search_stays_fast_on_a_large_index() -> None:
    items = [
        KnowledgeItem(
            f"{item.key}#{n}", f"{item.question} {n}", item.alternatives, answer=item.answer
        )
        for n in range(625)
        for item in KNOWLEDGE
    ]
    matcher = FaqMatcher(items)

    started = time.perf_counter()
    for _ in range(20):
        matcher.search("lupa pasword emel dinas gmn resetnya")
    per_search = (time.perf_counter() - started) / 20

    assert len(matcher) == 5000
    assert per_search < 0.05


@pytest.mark.parametrize(
    ("scores", "band"),
    [
        ((), Band.NONE),
        ((0.9, 0.2), Band.ANSWER),
        ((0.5,), Band.ANSWER),
        ((0.49, 0.3), Band.SUGGEST),
        ((0.25,), Band.SUGGEST),
        ((0.1,), Band.NONE),
    ],
)
def test_band_follows_the_best_confidence(scores: tuple[float, ...], band: Band) -> None:
    candidates = [Candidate(f"k{n}", score, "q") for n, score in enumerate(scores)]

    assert band_for(candidates, answer_threshold=0.5, suggest_threshold=0.25) is band


def test_default_thresholds_are_ordered() -> None:
    assert 0.0 < DEFAULT_SUGGEST_THRESHOLD < DEFAULT_ANSWER_THRESHOLD < 1.0
