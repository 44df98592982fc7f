"""Normalisation of informal Indonesian: what a chat message becomes before matching."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from faq.lexicon import PHRASES, PROTECTED_ACRONYMS, SLANG, STOPWORDS
from faq.normalize import normalize, stem, tokens


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("tolongggg", "tolong"),
        ("Tolongggg!!!", "tolong"),
        ("yaaa", "ya"),
        ("pppk", "pppk"),
        ("loakkkk", "loak"),
    ],
)
def test_stretched_letters_fold(written: str, expected: str) -> None:
    assert normalize(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("gmn cara reset pw", "bagaimana cara reset password"),
        ("sy gk bs login", "saya tidak bisa login"),
        ("knp blm masuk, udh 2 hr", "kenapa belum masuk sudah 2 hari"),
        ("bgmn klo dmn yg sdh tdk", "bagaimana kalau dimana yang sudah tidak"),
        ("gabisa bisa2", "tidak bisa bisa"),
        ("nggak", "tidak"),
    ],
)
def test_slang_and_abbreviations_resolve(written: str, expected: str) -> None:
    assert normalize(written) == expected


def test_service_acronyms_are_not_read_as_slang() -> None:
    # A generic slang list reads "kk" as "kakak"; here it is the Kartu Keluarga.
    result = tokens("KK sy ilang, NIK jg")

    assert result[:1] == ["kk"]
    assert "nik" in result
    assert "kakak" not in result


def test_capitals_change_nothing_but_case() -> None:
    assert normalize("OK makasih, GMN caranya?") == "oke terima kasih bagaimana cara"
    assert tokens("Jam buka DISPENDA") == tokens("jam buka dispenda")


@pytest.mark.parametrize(
    ("words", "root"),
    [
        ("pembuatan membuat dibuat buat", "buat"),
        ("kelahiran lahir", "lahir"),
        ("persyaratan syarat", "syarat"),
        ("pengiriman dikirim mengirimkan kirim", "kirim"),
        ("penambahan menambah nambah", "tambah"),
        ("menikah pernikahan nikah", "nikah"),
        ("menghubungi hubungan", "hubung"),
        ("kependudukan penduduk", "duduk"),
        ("layanan pelayanan", "layan"),
        ("simpan menyimpan penyimpanan nyimpen", "simpan"),
        ("ngadu mengadu pengaduan", "adu"),
        ("ngecek cek", "cek"),
    ],
)
def test_stemming_meets_at_one_root(words: str, root: str) -> None:
    assert set(tokens(words)) == {root}


@pytest.mark.parametrize("word", ["masalah", "sekolah", "berapa", "penting", "dinas", "peran"])
def test_roots_that_look_affixed_are_kept(word: str) -> None:
    assert stem(word) == word


def test_reduplication_and_hyphens() -> None:
    assert normalize("anak-anak e-KTP senin-jumat macam2") == "anak ektp senin jumat macam"


def test_names_written_out_meet_their_acronym() -> None:
    assert tokens("kartu keluarga hilang") == tokens("KK hilang")
    assert tokens("lupa kata sandi") == ["lupa", "password"]


def test_filler_and_laughter_leave_no_terms() -> None:
    assert tokens("tolong dong min, makasih ya wkwkwk hehe") == []


def test_stopword_with_suffix_is_dropped_but_derived_word_kept() -> None:
    assert tokens("adminnya") == []
    assert tokens("permohonan") == ["mohon"]


def test_lexicon_is_consistent() -> None:
    slang_words = {word for value in SLANG.values() for word in value.split()}

    assert not PROTECTED_ACRONYMS & set(SLANG)
    assert not {word for word in slang_words if SLANG.get(word, word) != word}
    assert all(len(phrase) > 1 for phrase in PHRASES)
    assert not PROTECTED_ACRONYMS & STOPWORDS


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_tokens_are_clean_for_any_text(text: str) -> None:
    result = tokens(text)

    assert all(term and term == term.lower() and term.isalnum() for term in result)


@given(st.text(alphabet="abcdegikmnprstuy2- .?", max_size=60))
def test_normalize_is_idempotent_on_lower_case_text(text: str) -> None:
    once = normalize(text)

    assert normalize(once) == once
