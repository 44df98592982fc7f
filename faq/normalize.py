"""Normalisation of informal Indonesian chat text for matching against the knowledge base.

People write to a service desk the way they chat: "tolongggg", "gmn cara reset pw", "KK
hilang gk bs urus". Matching works on a canonical form of both sides, so this module folds
case, punctuation, stretched letters, reduplication ("bisa2"), slang and abbreviations, joins
known multi-word names into one token ("kartu keluarga" -> "kk") and strips the common
affixes with a light, dictionary-free stemmer. Acronyms are protected first: a service code
such as KK, NIK or SIM must never be read as slang.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from faq.lexicon import (
    C_ROOTS,
    I_ROOTS,
    IN_SUFFIX_EXCEPTIONS,
    K_ROOTS,
    NASAL_ROOTS,
    PARTICLE_ROOTS,
    PHRASES,
    PROTECTED_ACRONYMS,
    SLANG,
    STEM_EXCEPTIONS,
    STOPWORDS,
)

_WORD = re.compile(r"[0-9a-z]+(?:['’`-][0-9a-z]+)*", re.IGNORECASE)
_STRETCH = re.compile(r"([a-z])\1{2,}")
_REDUPLICATED = re.compile(r"^([a-z]{3,})2$")
_LAUGHTER = re.compile(r"^(?:wk|kw|ha|he|hi|xi)+[wkh]?$")
_VOWELS = frozenset("aeiou")
_APOSTROPHES = str.maketrans("", "", "'’`")
_PHRASES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _phrase, _canonical in sorted(PHRASES.items(), key=lambda pair: -len(pair[0])):
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append((_phrase, _canonical))
_KNOWN = (
    frozenset(SLANG)
    | PROTECTED_ACRONYMS
    | STOPWORDS
    | frozenset(word for phrase in PHRASES for word in phrase)
)


def normalize(text: str) -> str:
    """Return the canonical surface form of a message: lower-case words, slang resolved.

    Stopwords and affixes are kept, so the result still reads as a sentence; `tokens` is the
    form used for matching.
    """
    return " ".join(word for word, _ in _canonical_words(text))


def tokens(text: str) -> list[str]:
    """Return the matching terms of a message: normalised, stemmed, without stopwords."""
    terms: list[str] = []
    for word, protected in _canonical_words(text):
        term = word if protected else _term(word)
        if term and (protected or len(term) > 1):
            terms.append(term)
    return terms


def stem(word: str) -> str:
    """Strip Indonesian inflectional and derivational affixes from one lower-case word.

    Without a root dictionary the stemmer cannot be exact; it aims at consistency instead,
    so that "pembuatan", "membuat" and "dibuat" all meet at "buat". Short words, words with
    digits and the listed exceptions are left alone because over-stemming merges topics.
    """
    return _stem(word)


@lru_cache(maxsize=65536)
def _term(word: str) -> str:
    """Stem one unprotected word, resolve slang exposed by stemming, drop stopwords.

    A stopword with a particle or possessive ("adminnya") is still a stopword, but a
    derived word is not: "permohonan" (application) must survive although "mohon" (please)
    is dropped.
    """
    if word in STOPWORDS or _strip_particle(word) in STOPWORDS:
        return ""
    root = _stem(word)
    if root != word:
        replacement = SLANG.get(root, root)
        root = replacement if " " not in replacement else root
    return root


def _canonical_words(text: str) -> list[tuple[str, bool]]:
    """Split a message into canonical words, each flagged when it is a protected acronym."""
    words: list[tuple[str, bool]] = []
    for raw in _split(text):
        words.extend(_canonical_word(raw.lower()))
    return _join_phrases(words)


@lru_cache(maxsize=65536)
def _canonical_word(raw: str) -> tuple[tuple[str, bool], ...]:
    """Resolve one written word to zero or more canonical words (slang may expand).

    Only listed acronyms are protected. Capitals are no evidence: chat writes "OK" and "GMN"
    in capitals, and an unlisted acronym is stemmed alike whether written "SLS" or "sls".
    """
    word = _destretch(raw)
    if word in PROTECTED_ACRONYMS:
        return ((word, True),)
    if len(word) >= 4 and _LAUGHTER.match(word):
        return ()
    replacement = SLANG.get(word, word)
    return tuple((part, part in PROTECTED_ACRONYMS) for part in replacement.split())


def _split(text: str) -> list[str]:
    """Cut text into words, folding accents, apostrophes and hyphenated forms."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    words: list[str] = []
    for word in _WORD.findall(text):
        if not word.isalnum():
            word = word.translate(_APOSTROPHES)
            if "-" in word:
                words.extend(_unreduplicate(part) for part in _unhyphenate(word))
                continue
        words.append(_unreduplicate(word))
    return words


def _unhyphenate(word: str) -> list[str]:
    """Resolve "anak-anak" to "anak", "e-ktp" to "ektp" and "senin-jumat" to two words."""
    parts = word.split("-")
    if all(part.lower() == parts[0].lower() for part in parts):
        return [parts[0]]
    if len(parts) == 2 and len(parts[0]) <= 2 and parts[0].isalpha():
        return [parts[0] + parts[1]]
    return parts


def _unreduplicate(word: str) -> str:
    """Read the chat shorthand "bisa2" (reduplication) as "bisa"."""
    if not word.endswith("2"):
        return word
    match = _REDUPLICATED.match(word.lower())
    return word[: len(match.group(1))] if match else word


def _destretch(word: str) -> str:
    """Fold stretched letters: "tolongggg" -> "tolong", "yaaa" -> "ya", "kkk" -> "kk"."""
    if word in _KNOWN or not _STRETCH.search(word):
        return word
    single = _STRETCH.sub(r"\1", word)
    double = _STRETCH.sub(r"\1\1", word)
    if double in _KNOWN and single not in _KNOWN:
        return double
    return single


def _join_phrases(words: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    """Replace known multi-word names with their one-token canonical form, longest first."""
    if not any(word in _PHRASES_BY_FIRST for word, _ in words):
        return words
    joined: list[tuple[str, bool]] = []
    index = 0
    while index < len(words):
        size, canonical = _phrase_at(words, index)
        if canonical is None:
            joined.append(words[index])
        else:
            joined.extend((part, part in PROTECTED_ACRONYMS) for part in canonical.split())
        index += size
    return joined


def _phrase_at(words: list[tuple[str, bool]], index: int) -> tuple[int, str | None]:
    for phrase, canonical in _PHRASES_BY_FIRST.get(words[index][0], ()):
        end = index + len(phrase)
        if end <= len(words) and all(
            words[index + offset][0] == part for offset, part in enumerate(phrase)
        ):
            return len(phrase), canonical
    return 1, None


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    if len(word) <= 4 or word in STEM_EXCEPTIONS or not word.isalpha():
        return word
    word = _strip_particle(word)
    word, had_an = _strip_suffix(word)
    stripped_an, prefixed = had_an, False
    for _ in range(2):
        shorter = _strip_prefix(word, had_an)
        if shorter == word or len(shorter) < 3:
            break
        word, had_an, prefixed = shorter, False, True
    if stripped_an and word + "an" in STEM_EXCEPTIONS:
        return word + "an"  # "menyimpan": the -an belonged to the root "simpan"
    return _strip_i(word) if prefixed else word


def _strip_i(word: str) -> str:
    """Drop the locative -i of a prefixed verb ("menghubungi" -> "hubung").

    Only after a prefix came off and only after a consonant, because many roots end in -i
    ("pakai", "sampai", "ganti") and an unprefixed word gives no evidence of a suffix.
    """
    if len(word) < 5 or not word.endswith("i") or word[-2] in _VOWELS or word in I_ROOTS:
        return word
    return word[:-1]


def _strip_particle(word: str) -> str:
    """Drop the particles -lah/-kah/-pun/-tah and the possessive -nya."""
    if not any(word.endswith(root) for root in PARTICLE_ROOTS):
        for particle in ("lah", "kah", "pun", "tah"):
            if word.endswith(particle) and len(word) - 3 >= 4:
                word = word[:-3]
                break
    if word.endswith("nya") and len(word) - 3 >= 3:
        word = word[:-3]
    return word


def _strip_suffix(word: str) -> tuple[str, bool]:
    """Drop one derivational suffix; report whether it was -an (for the ke-...-an confix)."""
    if word in STEM_EXCEPTIONS:
        return word, False
    if word.endswith("kan") and len(word) - 3 >= 3 and not word.startswith(("ke", "pe")):
        return word[:-3], False
    if word.endswith("an") and len(word) - 2 >= 4:
        return word[:-2], True
    if word.endswith("in") and word not in IN_SUFFIX_EXCEPTIONS and len(word) - 2 >= 4:
        return word[:-2], False
    return word, False


def _strip_prefix(word: str, had_an: bool) -> str:
    """Drop one prefix, restoring the root consonant a nasal prefix swallowed."""
    if word in STEM_EXCEPTIONS:
        return word
    if word.startswith(("me", "pe")):
        return _strip_nasal(word)
    for prefix in ("ber", "ter", "di"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            return word[len(prefix) :]
    if word.startswith("bel") and word[3:].startswith("ajar"):
        return word[3:]
    if had_an and word.startswith("ke") and len(word) - 2 >= 4:
        return word[2:]
    if word.startswith(("ng", "ny")) and len(word) >= 5:
        return _strip_chat_nasal(word)
    return word


def _strip_chat_nasal(word: str) -> str:
    """Drop the chat-style nasal prefix: "ngadu" -> "adu", "ngecek" -> "cek", "nyoba" -> "coba"."""
    if _has_root(word, NASAL_ROOTS):
        return word
    if word.startswith("nge") and word[3] not in _VOWELS and len(word) >= 6:
        return word[3:]
    return _after_ng_ny(word[:2], word[2:]) or word


def _strip_nasal(word: str) -> str:
    """Resolve me-/pe- with their nasal forms (mem-, men-, meng-, meny-) and per-."""
    bare = word[2:]
    if _has_root(bare, NASAL_ROOTS):
        return bare
    if word.startswith("per") and len(word) - 3 >= 4:
        return word[3:]
    if word[2:4] in ("ng", "ny") and len(word) > 4:
        return _after_ng_ny(word[2:4], word[4:]) or word
    if bare[:1] == "m" and len(bare) > 1:
        rest = bare[1:]
        return rest if rest[0] in "bpf" else "p" + rest if rest[0] in _VOWELS else word
    if bare[:1] == "n" and len(bare) > 1:
        rest = bare[1:]
        return rest if rest[0] in "dcjtsz" else "t" + rest if rest[0] in _VOWELS else word
    if bare[:1] in ("l", "r", "w", "y") and len(bare) >= 5:
        return bare
    return word


def _after_ng_ny(nasal: str, rest: str) -> str | None:
    """Restore the root after meng-/peng- (k or nothing) or meny-/peny- (s or c)."""
    if nasal == "ng":
        if rest[0] in _VOWELS:
            return "k" + rest if _has_root("k" + rest, K_ROOTS) else rest
        return rest if rest[0] in "ghk" else None
    if rest[0] not in _VOWELS:
        return None
    return "c" + rest if _has_root("c" + rest, C_ROOTS) else "s" + rest


def _has_root(word: str, roots: frozenset[str]) -> bool:
    return any(word.startswith(root) for root in roots)
