"""Related-coverage clustering: pages about the same event become one story.

Each page is a TF-IDF vector over the words of its title and lead. Pages are
taken in time order; each joins the most similar story that is still open (its
first page no older than the time window) when the cosine similarity to that
story's centroid reaches the threshold, and starts a new story otherwise.
Candidates are the open stories that contain one of the page's heaviest
words, found through an inverted index, so the cost grows with the number of
pages, not its square. Ties are broken by order, so the
result is deterministic.
"""

from __future__ import annotations

import heapq
import math
import re
import sys
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

_WORD = re.compile(r"[a-z0-9]+")
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "again",
        "against",
        "all",
        "also",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "said",
        "says",
        "say",
        "saying",
        "told",
        "tells",
        "according",
        "new",
        "one",
        "two",
        "three",
        "first",
        "last",
        "also",
        "year",
        "years",
        "day",
        "days",
        "week",
        "saturday",
        "sunday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "today",
        "yesterday",
        "tomorrow",
        "morning",
        "evening",
        "night",
        "us",
        "mr",
        "mrs",
        "ms",
        "s",
        "t",
    ]
)


@dataclass(frozen=True)
class Doc:
    key: str
    """Unique and sortable; decides the order of ties."""
    when: datetime
    counts: Mapping[str, int]
    """How often each token (see ``tokens``) occurs in the page's title and lead."""

    @classmethod
    def of_text(cls, key: str, when: datetime, text: str) -> Doc:
        return cls(key, when, Counter(tokens(text)))


SIGNATURE = 10
"""A page is compared only with the open stories that contain one of its
SIGNATURE heaviest words: pages about one event share their rarest words, and
rare words have short lists in the index."""
CANDIDATES = 8
"""Of those, only the stories sharing the most of these words are compared."""


_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")


def tokens(text: str) -> list[str]:
    """Lower-cased, accent-folded words without stopwords, lightly stemmed, plus
    one extra token for each name (a capitalised word or run of them inside a
    sentence): names are what tell one flood from another."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    folded = folded.replace("'s", "").replace("’s", "")
    out = []
    for word in _WORD.findall(folded.lower()):
        if word in STOPWORDS or (len(word) < 3 and not word.isdigit()):
            continue
        out.append(_stem(word))
    for run in _NAME.findall(folded):
        words = run.lower().split()
        while words and words[0] in STOPWORDS:
            words.pop(0)
        if words:
            out.append("@" + " ".join(words))
    return out


def _stem(word: str) -> str:
    for suffix, keep in (
        ("ations", 4),
        ("ation", 4),
        ("ings", 4),
        ("ing", 4),
        ("ies", 3),
        ("es", 4),
        ("ed", 4),
        ("s", 3),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class _Unit:
    """A page's TF-IDF vector of unit length, kept compact: its terms (one shared
    string each) and their weights as C doubles."""

    terms: tuple[str, ...]
    weights: array[float]

    def items(self) -> Iterator[tuple[str, float]]:
        return zip(self.terms, self.weights, strict=True)


def _vectors(docs: Sequence[Doc]) -> list[_Unit]:
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.counts.keys())
    n = len(docs)
    idf = {sys.intern(t): 1 + math.log((1 + n) / (1 + k)) for t, k in df.items()}
    shared = {t: t for t in idf}
    vectors = []
    for d in docs:
        vec = {t: (1 + math.log(k)) * idf[t] for t, k in d.counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append(_Unit(tuple(shared[t] for t in vec), array("d", (v / norm for v in vec.values()))))
    return vectors


def _signature(vec: _Unit) -> list[str]:
    return [t for _, t in heapq.nsmallest(SIGNATURE, ((-v, t) for t, v in vec.items()))]


@dataclass
class _Open:
    """A story while it is being built (local to one clustering run)."""

    members: list[int]
    centroid: dict[str, float]
    first: datetime
    """A story stays open for ``window`` after its first page, so steady coverage
    cannot chain one story forever."""
    norm: float = 1.0


def cluster(docs: Sequence[Doc], threshold: float, window: timedelta) -> list[list[str]]:
    """Group documents into stories; returns lists of keys, each in time order."""
    order = sorted(range(len(docs)), key=lambda i: (docs[i].when, docs[i].key))
    vectors = _vectors(docs)
    stories: list[_Open] = []
    index: dict[str, set[int]] = defaultdict(set)
    swept = 0
    for i in order:
        vec = vectors[i]
        when = docs[i].when
        signature = _signature(vec)
        shared: Counter[int] = Counter()
        for t in signature:
            shared.update(index.get(t, ()))
        candidates = sorted(shared, key=lambda s: (-shared[s], s))[:CANDIDATES]
        best, best_sim = -1, 0.0
        for s in candidates:
            story = stories[s]
            if when - story.first > window:
                continue
            sim = _cosine(vec, story.centroid, story.norm)
            if sim > best_sim:
                best, best_sim = s, sim
        if best >= 0 and best_sim >= threshold:
            story = stories[best]
            story.members.append(i)
            story.centroid = _mean(story.centroid, vec, len(story.members))
            story.norm = math.sqrt(sum(v * v for v in story.centroid.values())) or 1.0
        else:
            best = len(stories)
            stories.append(_Open([i], dict(vec.items()), when))
        for t in vec.terms:
            index[t].add(best)
        if len(stories) - swept >= 256:
            _expire(index, stories, when, window)
            swept = len(stories)
    return [[docs[i].key for i in story.members] for story in stories]


def _expire(index: dict[str, set[int]], stories: list[_Open], now: datetime, window: timedelta) -> None:
    """Drop closed stories from the index and their centroids from memory."""
    closed = {s for s, story in enumerate(stories) if now - story.first > window}
    if not closed:
        return
    for s in closed:
        stories[s].centroid = {}  # never compared again: time only moves on
    for term in list(index):
        index[term] -= closed
        if not index[term]:
            del index[term]


def _cosine(unit: _Unit, centroid: dict[str, float], centroid_norm: float) -> float:
    """Cosine of a unit vector and a centroid whose norm is known."""
    get = centroid.get
    return sum(v * get(t, 0.0) for t, v in unit.items()) / centroid_norm


def _mean(centroid: dict[str, float], vec: _Unit, size: int) -> dict[str, float]:
    out = {t: v * (size - 1) / size for t, v in centroid.items()}
    for t, v in vec.items():
        out[t] = out.get(t, 0.0) + v / size
    return out
