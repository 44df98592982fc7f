"""In-memory FAQ matcher: weighted term retrieval fused with fuzzy phrasing similarity.

A message is matched in three steps. Its stemmed terms are looked up in an inverted index
(unknown terms are first resolved to known ones by typo distance or as vowel-less
abbreviations), which scores every entry BM25-style so that rare, topic-bearing words decide
and words common to every entry do not. The best few entries are then compared phrasing by
phrasing: weighted term overlap plus rapidfuzz similarity of the stemmed strings. Finally the
fused score and the margin over the best entry with a different answer are squashed into a
confidence, halved when the entry shares none of the message's topic words (only question
frame such as "bagaimana cara"), so one threshold separates "answer", "suggest" and "stay
quiet" for any message.
"""

from __future__ import annotations

import bisect
import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from operator import itemgetter
from typing import NamedTuple

from rapidfuzz import fuzz, process

from faq.lexicon import FRAME_WORDS, PHRASES, STOPWORDS
from faq.normalize import stem, tokens

logger = logging.getLogger(__name__)

# Read off `python -m faq.evaluate` on the development set: the 2-fold cross-validated
# answer threshold came out at 0.54 and 0.5 scores as well; below 0.3 suggestions went
# mostly to out-of-scope messages, above it every in-scope message kept its right entry
# in the top three. The app copies these into its settings.
DEFAULT_ANSWER_THRESHOLD = 0.5
DEFAULT_SUGGEST_THRESHOLD = 0.3

_K1, _B = 1.2, 0.4  # BM25 saturation and length normalisation, used to shortlist
_ANSWER_FIELD_WEIGHT = 0.2  # a word found only in the answer text counts this much
_FRAME_WEIGHT = 0.5  # question-frame words weigh half their IDF
_NO_TOPIC_FACTOR = 0.5  # confidence kept when only question-frame words matched
_SHORTLIST = 24  # entries compared phrasing by phrasing
_FULL_WALK = 200  # posting lists this short are always walked whole
_FUSION = (0.50, 0.30, 0.20)  # coverage, phrasing overlap, phrasing string similarity
# Logistic calibration of (fused score, margin over a different answer, bias), fitted so
# that the confidence estimates the chance that the best candidate is the right answer.
_CONFIDENCE = (2.0, 11.4, -1.4)
_UNEXPLAINED = 0.3  # weight of the unexplained part of a message as a rival answer
_TYPO_CUTOFF = 80.0  # rapidfuzz ratio above which an unknown word reads as a known one
_VOWELS = frozenset("aeiou")

# Question-frame words ("cara", "syarat", "berapa lama") in their stemmed forms.
_FRAME_TERMS = frozenset(term for word in FRAME_WORDS for term in (word, stem(word)))

# The words an acronym stands for, so an entry that says "KK" is also found by a message
# that spells "kartu keluarga" with a typo and so escapes the phrase table.
_ACRONYM_WORDS: dict[str, set[str]] = {}
for _phrase, _canonical in PHRASES.items():
    if " " not in _canonical:
        _ACRONYM_WORDS.setdefault(_canonical, set()).update(
            stem(word) for word in _phrase if word not in STOPWORDS
        )


@dataclass(frozen=True)
class KnowledgeItem:
    """One searchable thing: an FAQ entry, a catalogued service, a known error or an SOP."""

    key: str
    question: str
    alternatives: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    answer: str = ""
    kind: str = "faq"
    service_code: str | None = None


@dataclass(frozen=True)
class Candidate:
    """A ranked match; `score` is a confidence in [0, 1] comparable across messages."""

    key: str
    score: float
    matched: str


class Band(StrEnum):
    """What to do with a message: answer it, offer suggestions, or hand it to an agent."""

    ANSWER = "answer"
    SUGGEST = "suggest"
    NONE = "none"


def band_for(
    candidates: Sequence[Candidate], answer_threshold: float, suggest_threshold: float
) -> Band:
    """Decide the band from the best candidate's confidence."""
    if not candidates:
        return Band.NONE
    best = candidates[0].score
    if best >= answer_threshold:
        return Band.ANSWER
    if best >= suggest_threshold:
        return Band.SUGGEST
    return Band.NONE


@dataclass(frozen=True)
class _QueryTerm:
    """One distinct message term, its weight, and the indexed terms it stands for."""

    text: str
    weight: float
    expansions: tuple[tuple[str, float], ...]
    topical: bool


@dataclass(slots=True)
class _Query:
    """A message's matchable terms and the total weight of all its terms, unknown included.

    The rest is worked out once per message because every phrasing of the shortlist is
    compared with it: `key` is its terms sorted and joined, the form phrasing keys take;
    `indexed` and `topical` are the indexed terms its (topic) terms stand for.
    """

    terms: tuple[_QueryTerm, ...]
    total_weight: float
    key: str
    indexed: frozenset[str]
    topical: frozenset[str]
    idf: dict[str, float]

    def overlaps(self, phrasings: Sequence[_Phrasing]) -> list[float]:
        """Weighted Jaccard overlap of the message with each phrasing."""
        # Most phrasings share no term with the message, and the rest share few distinct
        # sets of terms, so the weight each set explains is worked out once per set.
        explained: dict[frozenset[str], tuple[float, float]] = {}
        overlaps: list[float] = []
        for phrasing in phrasings:
            shared = self.indexed & phrasing.terms
            if not shared:
                overlaps.append(0.0)
                continue
            weights = explained.get(shared)
            if weights is None:
                weights = explained[shared] = self._explained(shared)
            matched, covered = weights
            missing = phrasing.weight - covered
            union = self.total_weight + missing
            overlaps.append(matched / union if union else 0.0)
        return overlaps

    def _explained(self, shared: frozenset[str]) -> tuple[float, float]:
        """The message weight matched by these phrasing terms, and the weight they cover.

        Each message term counts its best expansion among them; terms covered twice count once.
        """
        matched = 0.0
        covered: set[str] = set()
        for term in self.terms:
            best, best_term = 0.0, ""
            for expansion, similarity in term.expansions:
                if similarity > best and expansion in shared:
                    best, best_term = similarity, expansion
            if best_term:
                matched += term.weight * best
                covered.add(best_term)
        return matched, math.fsum(map(self.idf.__getitem__, covered))


class _Vocabulary:
    """Term statistics of the index, and the mapping of unknown message words onto it.

    Weights are BM25 inverse document frequencies. A word the index has never seen weighs as
    much as the rarest known word: a message about something the knowledge does not cover
    ("sertifikat laik sehat") should lose confidence, not be matched on its filler words.
    """

    def __init__(self, title_bags: Sequence[set[str]], answer_bags: Sequence[set[str]]) -> None:
        frequency: dict[str, int] = {}
        for title, answer in zip(title_bags, answer_bags, strict=True):
            for term in title | answer:
                frequency[term] = frequency.get(term, 0) + 1
        count = len(title_bags)
        self._idf = {
            term: math.log(1.0 + (count - df + 0.5) / (df + 0.5)) for term, df in frequency.items()
        }
        self._unknown_weight = max(self._idf.values(), default=1.0)
        for term in _FRAME_TERMS & self._idf.keys():
            self._idf[term] *= _FRAME_WEIGHT
        self._terms = sorted(self._idf)
        self._by_shape: dict[tuple[str, int], list[str]] = {}
        for term in self._terms:
            self._by_shape.setdefault((term[0], len(term)), []).append(term)
        self._memo: dict[str, _QueryTerm] = {}

    def idf(self, term: str) -> float:
        """The weight of a term; frame words are already halved."""
        return self._idf.get(term, self._unknown_weight)

    def weight_of(self, bag: frozenset[str]) -> float:
        """Total weight of a phrasing's terms."""
        return math.fsum(self.idf(term) for term in bag)

    def resolve(self, raw_terms: Sequence[str]) -> _Query:
        """Weigh the message's distinct terms, expand the unknown ones, and prepare matching."""
        looked_up = [self._lookup(text) for text in dict.fromkeys(raw_terms)]
        terms = tuple(term for term in looked_up if term.expansions)
        expansions = [expansion for term in terms for expansion in term.expansions]
        return _Query(
            terms=terms,
            total_weight=sum(term.weight for term in looked_up),
            key=" ".join(sorted(term.text for term in terms)),
            indexed=frozenset(expansion for expansion, _ in expansions),
            topical=frozenset(e for term in terms if term.topical for e, _ in term.expansions),
            idf=self._idf,
        )

    def _lookup(self, text: str) -> _QueryTerm:
        """A message term with its weight and expansions, memoised per term.

        Terms recur across messages and resolving an unknown one compares it with hundreds
        of known terms; the memo is bounded because unknown words are unbounded.
        """
        term = self._memo.get(text)
        if term is None:
            term = self._resolve_term(text)
            if len(self._memo) > 50_000:
                self._memo.clear()
            self._memo[text] = term
        return term

    def _resolve_term(self, text: str) -> _QueryTerm:
        """Weigh a term by its best expansion; an unknown word without one by the rarest."""
        expansions = ((text, 1.0),) if text in self._idf else self._near_terms(text)
        weight = max((self.idf(term) for term, _ in expansions), default=self._unknown_weight)
        topical = bool(expansions) and expansions[0][0] not in _FRAME_TERMS
        return _QueryTerm(text, weight, expansions, topical)

    def _near_terms(self, term: str) -> tuple[tuple[str, float], ...]:
        """Known terms a misspelt, cut-short or vowel-less word probably means.

        Candidates share the word's first letter, as nearly all chat misspellings do, which
        keeps the comparison to a few hundred terms however large the index grows.
        """
        found: dict[str, float] = {}
        size = len(term)
        if size >= 4:
            similar = self._shaped(term[0], size - size // 3, size + size // 3)
            for known, score, _ in process.extract(
                term, similar, scorer=fuzz.ratio, score_cutoff=_TYPO_CUTOFF, limit=3
            ):
                found[known] = (score / 100.0) ** 2
            for known in self._starting_with(term):
                if 2 * size >= len(known):
                    found[known] = max(found.get(known, 0.0), 0.5 + 0.4 * size / len(known))
        if _looks_abbreviated(term):
            for known in self._shaped(term[0], size + 1, 3 * size):
                similarity = _abbreviation_similarity(term, known)
                if similarity > found.get(known, 0.0):
                    found[known] = similarity
        best = sorted(found.items(), key=lambda pair: -pair[1])[:3]
        return tuple(best)

    def _shaped(self, initial: str, shortest: int, longest: int) -> list[str]:
        """Known terms with this first letter and a length in the given range."""
        return [
            known
            for length in range(shortest, longest + 1)
            for known in self._by_shape.get((initial, length), ())
        ]

    def _starting_with(self, prefix: str) -> list[str]:
        """Known terms that begin with `prefix` and are longer than it."""
        start = bisect.bisect_right(self._terms, prefix)
        end = bisect.bisect_left(self._terms, prefix + "\uffff", lo=start)
        return self._terms[start:end]


class _Phrasing(NamedTuple):
    text: str
    terms: frozenset[str]
    key: str  # the terms sorted and joined by spaces, as the string similarity sees them
    weight: float  # total term weight, known once the whole index is


@dataclass(frozen=True)
class _Entry:
    item: KnowledgeItem
    phrasings: tuple[_Phrasing, ...]
    terms: frozenset[str]  # every indexed term, answer text included
    length_norm: float


# A shortlisted entry scored against the message: its fused score, the share of the
# message's term weight it explains, whether it shares a topic (non-frame) word with the
# message, its index and its best phrasing. A plain tuple, as one is made per shortlisted
# entry on every search and sorting compares the fused score first.
_Scored = tuple[float, float, bool, int, str]


class FaqMatcher:
    """An immutable index over knowledge items; build once, search from any coroutine."""

    def __init__(self, items: Iterable[KnowledgeItem]) -> None:
        prepared: list[tuple[KnowledgeItem, tuple[_Phrasing, ...]]] = []
        title_bags: list[set[str]] = []
        answer_bags: list[set[str]] = []
        for item in items:
            phrasings, title_bag = _prepare(item)
            prepared.append((item, phrasings))
            title_bags.append(title_bag)
            answer_bags.append(set(tokens(item.answer)) - title_bag if item.answer else set())
        self._vocabulary = _Vocabulary(title_bags, answer_bags)
        self._postings = _build_postings(title_bags, answer_bags)
        average = sum(len(bag) for bag in title_bags) / max(len(title_bags), 1)
        weight_of = self._vocabulary.weight_of
        self._entries = [
            _Entry(
                item,
                tuple(
                    phrasing._replace(weight=weight_of(phrasing.terms)) for phrasing in phrasings
                ),
                frozenset(title | answer),
                _length_norm(len(title), average),
            )
            for (item, phrasings), title, answer in zip(
                prepared, title_bags, answer_bags, strict=True
            )
        ]
        self._norms = [entry.length_norm for entry in self._entries]
        answers: dict[str, int] = {}
        self._answer_groups = [
            answers.setdefault(_answer_of(entry.item), len(answers)) for entry in self._entries
        ]
        logger.info("faq index built entries=%d terms=%d", len(self._entries), len(self._postings))

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, text: str, limit: int = 3) -> list[Candidate]:
        """Return up to `limit` candidates, best first; empty when nothing shares a term."""
        query = self._vocabulary.resolve(tokens(text))
        if not query.terms:
            return []
        coverage = self._retrieve(query.terms)
        if not coverage:
            return []
        scored = self._rerank(query, coverage)
        return _to_candidates(scored, self._entries, limit)

    def _retrieve(self, terms: Sequence[_QueryTerm]) -> dict[int, float]:
        """Sum the matched term weight per entry, rarest terms first.

        A frequent term (in over a tenth of a large index) only adds to entries a rarer
        term already found, instead of walking its whole posting list: with its low weight it
        could not lift an entry into the shortlist alone, and skipping it keeps search fast.
        """
        matched: dict[int, float] = {}
        limit = max(_FULL_WALK, len(self._entries) // 10)
        for term in sorted(terms, key=lambda t: -t.weight):
            per_entry: dict[int, float] = {}
            for expansion, similarity in term.expansions:
                postings = self._postings[expansion]
                if matched and len(postings) > limit:
                    postings = {i: postings[i] for i in matched if i in postings}
                if len(term.expansions) == 1:
                    per_entry = (
                        postings
                        if similarity == 1.0
                        else {i: similarity * w for i, w in postings.items()}
                    )
                    break
                for index, field_weight in postings.items():
                    value = similarity * field_weight
                    if value > per_entry.get(index, 0.0):
                        per_entry[index] = value
            weight, get = term.weight, matched.get
            for index, value in per_entry.items():
                matched[index] = get(index, 0.0) + weight * value
        return matched

    def _rerank(self, query: _Query, coverage: dict[int, float]) -> list[_Scored]:
        """Fuse coverage with the best phrasing's overlap and string similarity, best first.

        Every phrasing of the shortlist is valued in one pass; a sibling entry differs in its
        phrasings, so each entry is then represented by its best one.
        """
        shortlist = self._shortlist(coverage)
        entries = [self._entries[index] for index in shortlist]
        values = _phrasing_values(query, [p for entry in entries for p in entry.phrasings])
        cover_weight = _FUSION[0]
        scored: list[_Scored] = []
        end = 0
        for index, entry in zip(shortlist, entries, strict=True):
            start, end = end, end + len(entry.phrasings)
            own = values[start:end]
            best = max(own)
            matched = entry.phrasings[own.index(best)].text  # the first of equals
            cover = min(coverage[index] / query.total_weight, 1.0)
            topical = not query.topical.isdisjoint(entry.terms)
            scored.append((cover_weight * cover + best, cover, topical, index, matched))
        scored.sort(key=itemgetter(0), reverse=True)  # stable: ties keep shortlist order
        return scored

    def _shortlist(self, coverage: dict[int, float]) -> list[int]:
        """The best-covered entries, one per distinct answer.

        Entries that give the same answer are one choice for the person asking, so only the
        best of them is kept; the confidence margin is then taken against a real rival.
        """
        norms, groups = self._norms, self._answer_groups
        ranked = {index: value * norms[index] for index, value in coverage.items()}
        # Best first; sorting the indices first makes the lower index win a tie (the sort is
        # stable, also in reverse).
        order = sorted(sorted(ranked), key=ranked.__getitem__, reverse=True)
        shortlist: list[int] = []
        answers: set[int] = set()
        for index in order:
            if groups[index] not in answers:
                answers.add(groups[index])
                shortlist.append(index)
                if len(shortlist) == _SHORTLIST:
                    break
        return shortlist


def _phrasing_values(query: _Query, phrasings: Sequence[_Phrasing]) -> list[float]:
    """Weighted term overlap plus string similarity of each phrasing with the message.

    The similarity is rapidfuzz's ratio, taken for all phrasings in one call. Both sides are
    sorted terms joined by spaces, so the plain ratio equals the token_sort_ratio the fusion
    was tuned with, without splitting and sorting the strings again.
    """
    _, overlap_weight, similarity_weight = _FUSION
    keys = [phrasing.key for phrasing in phrasings]
    similarities = process.extract_iter(query.key, keys, scorer=fuzz.ratio)  # in order
    return [
        overlap_weight * overlap + similarity_weight * (score / 100.0)
        for (_, score, _), overlap in zip(similarities, query.overlaps(phrasings), strict=True)
    ]


def _prepare(item: KnowledgeItem) -> tuple[tuple[_Phrasing, ...], set[str]]:
    """Tokenise an item's phrasings; its term bag adds keywords and spelt-out acronyms."""
    texts = tuple(p for p in (item.question, *item.alternatives) if p.strip())
    if not texts:  # an item known only by its keywords still needs a phrasing to show
        texts = (", ".join(item.keywords) or item.key,)
    phrasings = []
    for text in texts:
        terms = frozenset(tokens(text))
        phrasings.append(_Phrasing(text, terms, " ".join(sorted(terms)), 0.0))
    bag: set[str] = set().union(*(phrasing.terms for phrasing in phrasings))
    for keyword in item.keywords:
        bag.update(tokens(keyword))
    for term in list(bag):
        bag.update(_ACRONYM_WORDS.get(term, ()))
    return tuple(phrasings), bag


def _length_norm(length: int, average: float) -> float:
    """BM25's factor for one occurrence: an entry with many terms matches more by chance."""
    ratio = length / average if average else 1.0
    return (_K1 + 1.0) / (1.0 + _K1 * (1.0 - _B + _B * ratio))


def _build_postings(
    title_bags: Sequence[set[str]], answer_bags: Sequence[set[str]]
) -> dict[str, dict[int, float]]:
    """Map each term to the entries holding it and the weight of the field it is in."""
    postings: dict[str, dict[int, float]] = {}
    for index, bag in enumerate(title_bags):
        for term in bag:
            postings.setdefault(term, {})[index] = 1.0
    for index, bag in enumerate(answer_bags):
        for term in bag:
            postings.setdefault(term, {})[index] = _ANSWER_FIELD_WEIGHT
    return postings


def _to_candidates(
    scored: Sequence[_Scored], entries: Sequence[_Entry], limit: int
) -> list[Candidate]:
    """The `limit` most confident entries, best first (a stable sort keeps fused order)."""
    confidences = _confidences(scored)
    best = sorted(range(len(scored)), key=confidences.__getitem__, reverse=True)[:limit]
    return [Candidate(entries[scored[p][3]].item.key, confidences[p], scored[p][4]) for p in best]


def _confidences(scored: Sequence[_Scored]) -> list[float]:
    """Squash each fused score and its margin over a rival into [0, 1].

    The shortlist holds one entry per distinct answer, so the rival of the best entry is
    the runner-up, and the rival of every other entry is the best one. The best entry also
    competes with "none of these": the part of the message it leaves unexplained, as an
    entry the knowledge does not have would explain it. A lone weak match is not a sure one,
    and a close rival makes any match uncertain. An entry sharing only question-frame words
    with the message keeps part of its confidence.
    """
    if not scored:
        return []
    best_fused, best_cover = scored[0][0], scored[0][1]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    rivals = [max(runner_up, _UNEXPLAINED * (1.0 - best_cover))]
    rivals += [best_fused] * (len(scored) - 1)
    weight_fused, weight_margin, bias = _CONFIDENCE
    return [
        (1.0 if topical else _NO_TOPIC_FACTOR)
        / (1.0 + math.exp(-(weight_fused * fused + weight_margin * (fused - rival) + bias)))
        for (fused, _, topical, _, _), rival in zip(scored, rivals, strict=True)
    ]


def _answer_of(item: KnowledgeItem) -> str:
    """What the person would be told; an item without an answer text stands for itself."""
    return item.answer or f"key:{item.key}"


def _looks_abbreviated(word: str) -> bool:
    """Chat shorthand drops vowels: "krtu", "sklh", "kntor" keep a third or fewer."""
    vowels = sum(1 for ch in word if ch in _VOWELS)
    return len(word) >= 2 and word.isalpha() and 3 * vowels <= len(word)


def _abbreviation_similarity(short: str, word: str) -> float:
    """Score "sklh" against "sekolah": the same first letter, in order, most consonants kept."""
    if len(short) >= len(word) or not _is_subsequence(short, word):
        return 0.0
    kept = sum(1 for ch in short if ch not in _VOWELS)
    needed = sum(1 for ch in word if ch not in _VOWELS)
    if kept < 2 or not needed:
        return 0.0
    coverage = kept / needed
    return 0.55 + 0.35 * coverage if coverage >= 0.75 else 0.0


def _is_subsequence(short: str, word: str) -> bool:
    """True when every letter of `short` appears in `word`, in order."""
    letters = iter(word)
    return all(ch in letters for ch in short)
