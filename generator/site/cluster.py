"""Related-coverage clustering: pages about the same event become one story.

Headlines carry the event; bodies wander. So each page is a TF-IDF vector of
its title's words (accents folded, possessives and plurals folded, a light
stem), where the words the corpus writes as names (capitalised inside
sentence-case headlines: Snowden, Comcast, NSA) weigh more. A page's body can
be mixed in with ``Tuning.body_weight``; it is off by default.

1. Pages are put in a canonical order (time, then key), and every tie below is
   broken by that rank, never by input position: the result does not depend on
   the order the pages come in.
2. Each page keeps its ``neighbours`` most similar pages within the time
   window (cosine at least ``min_edge``), found through an inverted index
   whose very common words are skipped: a sparse candidate graph, built in
   near-linear time.
3. Groups joined by an edge merge best first while the cosine of their
   centroids (sums of unit vectors) reaches the threshold, unless the merged
   group would span more than the window from its first page to its last.
4. A group of one or two pages then joins the neighbouring big group whose
   centroid it matches clearly best (``attach``, beating the runner-up by
   ``attach_margin``), decided against the groups as they stand before the
   pass.
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

_WORD = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)*")
STOPWORDS = frozenset([
    "a", "about", "after", "again", "against", "all", "also", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does",
    "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my",
    "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "out", "over", "own",
    "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what",
    "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "said", "says",
    "say", "saying", "told", "tells", "according", "new", "one", "two", "three", "first", "last", "year", "years",
    "day", "days", "week", "saturday", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "today",
    # months, like weekdays, date a story but say nothing of what it is about
    "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
    "december",
    "yesterday", "tomorrow", "morning", "evening", "night", "us", "mr", "mrs", "ms", "s", "t"
])  # fmt: skip
TITLE_CASE = 0.6
"""A headline whose later words are capitalised more often than this is in title
case, and says nothing about which words are names."""
NAME_SEEN, NAME_CAPITALISED = 2, 0.8
"""A name: a word seen at least NAME_SEEN times past the first word of
sentence-case headlines, capitalised at least NAME_CAPITALISED of the time."""


@dataclass(frozen=True)
class Doc:
    key: str
    """Unique; breaks ties of time in the canonical order."""
    when: datetime
    title: str
    """As written: capitalisation tells names apart."""
    lead: str = ""
    """The start of the page's text; read only when ``Tuning.body_weight`` is above 0."""


@dataclass(frozen=True)
class Tuning:
    """The settings besides threshold and window (tuned on real headlines)."""

    neighbours: int = 10
    """Candidate edges kept per page: its most similar pages."""
    min_edge: float = 0.30
    """Candidate edges below this cosine are dropped."""
    max_df_share: float = 0.05
    """A word on more than this share of the pages of a window (and more than 20)
    proposes no candidates; it still counts in the similarities."""
    name_boost: float = 1.5
    attach: float = 0.25
    """Centroid cosine at which a small group joins a big one (0: no attach pass)."""
    attach_margin: float = 0.05
    small: int = 2
    big: int = 4
    body_weight: float = 0.0
    """Weight of the body's unit vector added to the title's (0: titles only)."""


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text.replace("’", "'")).encode("ascii", "ignore").decode("ascii")


def words(text: str) -> list[tuple[str, bool]]:
    """Each word, lower-cased, without a possessive or apostrophes, stopwords and
    single letters dropped, with whether it was written with a capital."""
    out = []
    for written in _WORD.findall(fold(text)):
        word = written.lower()
        word = (word[:-2] if word.endswith("'s") else word).replace("'", "")
        if not word or word in STOPWORDS or (len(word) < 2 and not word.isdigit()):
            continue
        out.append((word, any(ch.isupper() for ch in written)))
    return out


def stem(word: str) -> str:
    """Plurals and a few common endings folded, deliberately lightly."""
    if word.endswith("ss"):
        return word
    for suffix, keep in (("ies", 3), ("ings", 4), ("ing", 4), ("es", 4), ("ed", 4), ("s", 3)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def names(titles: Sequence[Sequence[tuple[str, bool]]]) -> set[str]:
    """The (unstemmed) words the corpus writes as names, learned from its
    sentence-case headlines, past their first word."""
    seen: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for title in titles:
        later = title[1:]
        if not later or sum(cap for _, cap in later) / len(later) > TITLE_CASE:
            continue
        for word, cap in later:
            seen[word] += 1
            capitalised[word] += cap
    return {w for w, k in seen.items() if k >= NAME_SEEN and capitalised[w] / k >= NAME_CAPITALISED}


def _unit(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(x * x for x in vec.values())) or 1.0
    return {t: x / norm for t, x in vec.items()}


def _vectors(docs: Sequence[Doc], tuning: Tuning) -> list[dict[str, float]]:
    titles = [words(d.title) for d in docs]
    shared: dict[str, str] = {}  # one string per term across all pages
    counts = [Counter(shared.setdefault(t, t) for t in map(stem, (w for w, _ in title))) for title in titles]
    bodies: list[Counter[str]] = [Counter() for _ in docs]
    if tuning.body_weight > 0:
        bodies = [Counter(shared.setdefault(t, t) for t in (stem(w) for w, _ in words(d.lead))) for d in docs]
    df: Counter[str] = Counter()
    for title_counts, body in zip(counts, bodies, strict=True):
        df.update(title_counts.keys() | body.keys())
    n = len(docs)
    idf = {t: math.log((1 + n) / (1 + k)) + 1.0 for t, k in df.items()}
    boost = {stem(w): tuning.name_boost for w in names(titles)}

    def weights(c: Counter[str]) -> dict[str, float]:
        return _unit({t: (1 + math.log(k)) * idf[t] * boost.get(t, 1.0) for t, k in c.items()})

    out = []
    for title_counts, body in zip(counts, bodies, strict=True):
        vec = weights(title_counts)
        if body:
            for t, x in weights(body).items():
                vec[t] = vec.get(t, 0.0) + tuning.body_weight * x
            vec = _unit(vec)
        out.append(vec)
    return out


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    return sum(x * get(t, 0.0) for t, x in a.items())


def _graph(times: list[float], vecs: list[dict[str, float]], window: float, tuning: Tuning) -> list[set[int]]:
    """Each page's nearest pages within the window, as a symmetric graph over
    canonical ranks (``times`` ascending)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, vec in enumerate(vecs):
        for t in vec:
            postings[t].append(i)
    adj: list[set[int]] = [set() for _ in vecs]
    for i, vec in enumerate(vecs):
        lo = bisect_left(times, times[i] - window)
        hi = bisect_right(times, times[i] + window)
        cap = max(20, int(tuning.max_df_share * (hi - lo)))
        acc: dict[int, float] = defaultdict(float)
        skipped = False
        for t, x in vec.items():
            plist = postings[t]
            a, b = bisect_left(plist, lo), bisect_left(plist, hi)
            if b - a > cap:
                skipped = True
                continue
            for k in range(a, b):
                j = plist[k]
                if j != i:
                    acc[j] += x * vecs[j][t]
        pairs: list[tuple[int, float]] = list(acc.items())
        if skipped:  # partial sums: complete the best of them exactly
            best = heapq.nsmallest(4 * tuning.neighbours, pairs, key=lambda p: (-p[1], p[0]))
            pairs = [(j, _dot(vec, vecs[j])) for j, _ in best]
        kept = heapq.nsmallest(
            tuning.neighbours, ((-s, j) for j, s in pairs if s >= tuning.min_edge), key=lambda p: (p[0], p[1])
        )
        for _, j in kept:
            adj[i].add(j)
            adj[j].add(i)
    return adj


@dataclass
class _Groups:
    """Groups while they merge, each named by its first member's rank."""

    members: dict[int, list[int]]
    total: dict[int, dict[str, float]]
    """The sum of the members' unit vectors."""
    square: dict[int, float]
    """Its squared norm."""
    first: dict[int, float]
    last: dict[int, float]
    adj: dict[int, set[int]]

    def link(self, a: int, b: int) -> float:
        """Cosine of the two groups' centroids."""
        return _dot(self.total[a], self.total[b]) / math.sqrt(self.square[a] * self.square[b])

    def span(self, a: int, b: int) -> float:
        return max(self.last[a], self.last[b]) - min(self.first[a], self.first[b])

    def merge(self, a: int, b: int) -> None:
        """``b`` into ``a`` (a < b, so the merged group keeps the smaller name)."""
        self.members[a].extend(self.members.pop(b))
        big, small = self.total.pop(a), self.total.pop(b)
        if len(big) < len(small):
            big, small = small, big
        cross = _dot(big, small)
        for t, x in small.items():
            big[t] = big.get(t, 0.0) + x
        self.total[a] = big
        self.square[a] += self.square.pop(b) + 2 * cross
        self.first[a] = min(self.first[a], self.first.pop(b))
        self.last[a] = max(self.last[a], self.last.pop(b))
        others = self.adj.pop(b)
        others.discard(a)
        self.adj[a].discard(b)
        for c in others:
            self.adj[c].discard(b)
            self.adj[c].add(a)
        self.adj[a] |= others


def _agglomerate(groups: _Groups, threshold: float, window: float) -> None:
    version = dict.fromkeys(groups.members, 0)
    heap = [(-groups.link(a, b), a, b, 0, 0) for a, near in groups.adj.items() for b in near if a < b]
    heapq.heapify(heap)
    while heap:
        negative, a, b, va, vb = heapq.heappop(heap)
        if -negative < threshold:
            break
        if version.get(a) != va or version.get(b) != vb or b not in groups.adj[a]:
            continue  # stale: one of them merged since, or the pair was dropped
        if groups.span(a, b) > window:
            groups.adj[a].discard(b)
            groups.adj[b].discard(a)
            continue
        groups.merge(a, b)
        del version[b]
        version[a] += 1
        for c in groups.adj[a]:
            x, y = min(a, c), max(a, c)
            heapq.heappush(heap, (-groups.link(x, y), x, y, version[x], version[y]))


def _attach(groups: _Groups, window: float, tuning: Tuning) -> None:
    """Small groups join the big neighbour whose centroid they clearly match
    best; decided against the groups as they are before the pass, so the order
    of the small groups cannot matter."""
    moves: dict[int, int] = {}
    for c in sorted(groups.members):
        if len(groups.members[c]) > min(tuning.small, tuning.big - 1):
            continue
        scored = sorted(
            (
                (-groups.link(c, d), d)
                for d in groups.adj[c]
                if len(groups.members[d]) >= tuning.big and groups.span(c, d) <= window
            ),
        )
        if not scored:
            continue
        best = -scored[0][0]
        runner_up = -scored[1][0] if len(scored) > 1 else 0.0
        if best >= tuning.attach and best - runner_up >= tuning.attach_margin:
            moves[c] = scored[0][1]
    for c, d in moves.items():
        groups.members[d].extend(groups.members.pop(c))


def cluster(docs: Sequence[Doc], threshold: float, window: timedelta, tuning: Tuning = Tuning()) -> list[list[str]]:
    """Group documents into stories: lists of keys, each in time order, the
    stories in the order of their first page."""
    ordered = sorted(docs, key=lambda d: (d.when, d.key))
    times = [d.when.timestamp() for d in ordered]
    vecs = _vectors(ordered, tuning)
    adj = _graph(times, vecs, window.total_seconds(), tuning)
    groups = _Groups(
        members={i: [i] for i in range(len(ordered))},
        total=dict(enumerate(vecs)),
        square={i: _dot(v, v) or 1.0 for i, v in enumerate(vecs)},
        first=dict(enumerate(times)),
        last=dict(enumerate(times)),
        adj=dict(enumerate(adj)),
    )
    del vecs, adj
    _agglomerate(groups, threshold, window.total_seconds())
    if tuning.attach > 0:
        _attach(groups, window.total_seconds(), tuning)
    out = [sorted(m) for m in groups.members.values()]
    out.sort()
    return [[ordered[i].key for i in m] for m in out]
