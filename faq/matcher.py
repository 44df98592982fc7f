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
import heapq
import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

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


@dataclass(frozen=True)
class _Query:
    """A message's matchable terms and the total weight of all its terms, unknown included."""

    terms: tuple[_QueryTerm, ...]
    total_weight: float


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
        self._cache: dict[str, tuple[tuple[str, float], ...]] = {}
        self._bag_weights: dict[frozenset[str], float] = {}

    def idf(self, term: str) -> float:
        """The weight of a term; frame words are already halved."""
        return self._idf.get(term, self._unknown_weight)

    def resolve(self, raw_terms: Sequence[str]) -> _Query:
        """Weigh the message's distinct terms and expand the unknown ones."""
        terms: list[_QueryTerm] = []
        total = 0.0
        for text in dict.fromkeys(raw_terms):
            expansions = self._expand(text)
            weight = max((self.idf(term) for term, _ in expansions), default=self._unknown_weight)
            total += weight
            if expansions:
                topical = expansions[0][0] not in _FRAME_TERMS
                terms.append(_QueryTerm(text, weight, expansions, topical))
        return _Query(tuple(terms), total)

    def overlap(self, query: _Query, bag: frozenset[str]) -> float:
        """Weighted Jaccard overlap between the message and one phrasing."""
        matched = 0.0
        covered: set[str] = set()
        for term in query.terms:
            best, best_term = 0.0, ""
            for expansion, similarity in term.expansions:
                if similarity > best and expansion in bag:
                    best, best_term = similarity, expansion
            if best_term:
                matched += term.weight * best
                covered.add(best_term)
        missing = self._weight_of(bag) - sum(self._idf[term] for term in covered)
        union = query.total_weight + missing
        return matched / union if union else 0.0

    def _weight_of(self, bag: frozenset[str]) -> float:
        """Total weight of a phrasing's terms, memoised (phrasings repeat across entries)."""
        weight = self._bag_weights.get(bag)
        if weight is None:
            weight = self._bag_weights[bag] = sum(self.idf(term) for term in bag)
        return weight

    def _expand(self, term: str) -> tuple[tuple[str, float], ...]:
        """The indexed terms a message term stands for, memoised for unknown words."""
        if term in self._idf:
            return ((term, 1.0),)
        cached = self._cache.get(term)
        if cached is None:
            cached = self._near_terms(term)
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[term] = cached
        return cached

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


@dataclass(frozen=True)
class _Entry:
    item: KnowledgeItem
    phrasings: tuple[str, ...]
    phrasing_terms: tuple[frozenset[str], ...]
    phrasing_keys: tuple[str, ...]
    length_norm: float


@dataclass(frozen=True)
class _Scored:
    index: int
    fused: float
    matched: str
    cover: float  # share of the message's term weight this entry explains
    topical: bool  # shares at least one topic (non-frame) word with the message


class FaqMatcher:
    """An immutable index over knowledge items; build once, search from any coroutine."""

    def __init__(self, items: Iterable[KnowledgeItem]) -> None:
        entries: list[_Entry] = []
        title_bags: list[set[str]] = []
        answer_bags: list[set[str]] = []
        for item in items:
            entry, title_bag = _prepare(item)
            entries.append(entry)
            title_bags.append(title_bag)
            answer_bags.append(set(tokens(item.answer)) - title_bag if item.answer else set())
        self._vocabulary = _Vocabulary(title_bags, answer_bags)
        self._postings = _build_postings(title_bags, answer_bags)
        average = sum(len(bag) for bag in title_bags) / max(len(title_bags), 1)
        self._entries = [
            _with_length_norm(entry, len(bag), average)
            for entry, bag in zip(entries, title_bags, strict=True)
        ]
        self._norms = [entry.length_norm for entry in self._entries]
        answers: dict[str, int] = {}
        self._answer_groups = [
            answers.setdefault(_answer_of(entry.item), len(answers)) for entry in self._entries
        ]
        logger.info("faq index built entries=%d terms=%d", len(entries), len(self._postings))

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
        """Fuse coverage with the best phrasing's overlap and string similarity."""
        query_key = " ".join(sorted(t.text for t in query.terms))
        scored = [
            self._score_entry(index, coverage[index] / query.total_weight, query, query_key)
            for index in self._shortlist(coverage)
        ]
        scored.sort(key=lambda s: -s.fused)
        return scored

    def _shortlist(self, coverage: dict[int, float]) -> list[int]:
        """The best-covered entries, one per distinct answer.

        Entries that give the same answer are one choice for the person asking, so only the
        best of them is kept; the confidence margin is then taken against a real rival.
        """
        norms, groups = self._norms, self._answer_groups
        best: dict[int, tuple[float, int]] = {}
        for index, value in coverage.items():
            ranked = (value * norms[index], -index)
            group = groups[index]
            if group not in best or ranked > best[group]:
                best[group] = ranked
        return [-index for _, index in heapq.nlargest(_SHORTLIST, best.values())]

    def _is_topical(self, index: int, query: _Query) -> bool:
        """Whether the entry holds at least one of the message's topic (non-frame) words."""
        return any(
            index in self._postings[expansion]
            for term in query.terms
            if term.topical
            for expansion, _ in term.expansions
        )

    def _score_entry(self, index: int, cover: float, query: _Query, query_key: str) -> _Scored:
        """Fuse coverage with the best phrasing; a sibling entry differs in its phrasings."""
        entry = self._entries[index]
        best_value, best_phrasing = -1.0, entry.phrasings[0]
        for phrasing, bag, key in zip(
            entry.phrasings, entry.phrasing_terms, entry.phrasing_keys, strict=True
        ):
            overlap = self._vocabulary.overlap(query, bag)
            similarity = fuzz.token_sort_ratio(query_key, key) / 100.0
            value = _FUSION[1] * overlap + _FUSION[2] * similarity
            if value > best_value:
                best_value, best_phrasing = value, phrasing
        cover = min(cover, 1.0)
        fused = _FUSION[0] * cover + best_value
        return _Scored(index, fused, best_phrasing, cover, self._is_topical(index, query))


def _prepare(item: KnowledgeItem) -> tuple[_Entry, set[str]]:
    """Tokenise an item's phrasings; its term bag adds keywords and spelt-out acronyms."""
    phrasings = tuple(p for p in (item.question, *item.alternatives) if p.strip())
    if not phrasings:  # an item known only by its keywords still needs a phrasing to show
        phrasings = (", ".join(item.keywords) or item.key,)
    terms = tuple(frozenset(tokens(p)) for p in phrasings)
    keys = tuple(" ".join(sorted(bag)) for bag in terms)
    bag: set[str] = set().union(*terms)
    for keyword in item.keywords:
        bag.update(tokens(keyword))
    for term in list(bag):
        bag.update(_ACRONYM_WORDS.get(term, ()))
    return _Entry(item, phrasings, terms, keys, 1.0), bag


def _with_length_norm(entry: _Entry, length: int, average: float) -> _Entry:
    """BM25's factor for one occurrence: an entry with many terms matches more by chance."""
    ratio = length / average if average else 1.0
    norm = (_K1 + 1.0) / (1.0 + _K1 * (1.0 - _B + _B * ratio))
    return _Entry(entry.item, entry.phrasings, entry.phrasing_terms, entry.phrasing_keys, norm)


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
    """Turn fused scores into confidences, best first.

    The shortlist holds one entry per distinct answer, so the rival of the best entry is
    the runner-up, and the rival of every other entry is the best one. The best entry also
    competes with "none of these": the part of the message it leaves unexplained, as an
    entry the knowledge does not have would explain it. A lone weak match is not a sure one.
    """
    candidates: list[Candidate] = []
    for position, current in enumerate(scored):
        if position == 0:
            runner_up = scored[1].fused if len(scored) > 1 else 0.0
            rival = max(runner_up, _UNEXPLAINED * (1.0 - current.cover))
        else:
            rival = scored[0].fused
        confidence = _confidence(current.fused, current.fused - rival)
        if not current.topical:
            confidence *= _NO_TOPIC_FACTOR
        candidates.append(Candidate(entries[current.index].item.key, confidence, current.matched))
    candidates.sort(key=lambda candidate: -candidate.score)
    return candidates[:limit]


def _answer_of(item: KnowledgeItem) -> str:
    """What the person would be told; an item without an answer text stands for itself."""
    return item.answer or f"key:{item.key}"


def _confidence(fused: float, margin: float) -> float:
    """Squash score and margin into [0, 1]: a close rival makes any match uncertain."""
    weight_fused, weight_margin, bias = _CONFIDENCE
    z = weight_fused * fused + weight_margin * margin + bias
    return 1.0 / (1.0 + math.exp(-z))


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
