"""Topic assignment: site.yaml rules matched in title and text, plus the topics an
editor adds or removes in front matter, plus a live blog's series."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from ..config import Topic
from ..slugs import slugify
from .model import TopicRef

_WORD = re.compile(r"\w+")
_ODD_CASE = frozenset("\u0130\u0131\u017f\u212a")
"""The only non-ASCII characters that a case-blind pattern matches to an ASCII letter."""


@dataclass(frozen=True)
class TopicRules:
    topics: tuple[Topic, ...]
    patterns: tuple[re.Pattern[str] | None, ...]
    needs: tuple[tuple[frozenset[str], ...] | None, ...]
    """For each rule, the words each of its phrases needs (all ASCII), or None
    when the rule cannot be screened this way. Screening is only a shortcut: a
    pattern can only match where every word of one of its phrases occurs, so the
    pattern itself runs only then."""

    @classmethod
    def compile(cls, topics: Sequence[Topic]) -> TopicRules:
        patterns = []
        needs: list[tuple[frozenset[str], ...] | None] = []
        for topic in topics:
            words = sorted({m.strip() for m in topic.match if m.strip()}, key=len, reverse=True)
            alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
            patterns.append(re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I) if words else None)
            screen = tuple(frozenset(_WORD.findall(w.lower())) for w in words)
            needs.append(screen if all(w.isascii() for w in words) and all(screen) else None)
        return cls(tuple(topics), tuple(patterns), tuple(needs))

    def lookup(self, name: str) -> TopicRef:
        """A configured topic by name or slug, or an ad-hoc one named by the editor."""
        key = name.strip().casefold()
        for topic in self.topics:
            if key in (topic.name.casefold(), topic.slug):
                return TopicRef(topic.name, topic.slug)
        return TopicRef(name.strip(), slugify(name, fallback="topic"))

    def match(self, title: str, text: str) -> tuple[str, ...]:
        """Slugs of the rules that match the title or text, in rule order."""
        haystack = f"{title}\n{text}"
        present = None if _ODD_CASE.intersection(haystack) else frozenset(_WORD.findall(haystack.lower()))
        hits = []
        for topic, pattern, needs in zip(self.topics, self.patterns, self.needs, strict=True):
            if pattern is None:
                continue
            if present is not None and needs is not None and not any(n <= present for n in needs):
                continue
            if pattern.search(haystack):
                hits.append(topic.slug)
        return tuple(hits)

    def assign(
        self, hits: Iterable[str], added: Iterable[str], removed: Iterable[str], series: str | None
    ) -> tuple[TopicRef, ...]:
        """A page's topics: the rules it matched (``hits``), plus those its front
        matter adds and its live blog's series, minus those it removes."""
        names = self._names
        found: dict[str, TopicRef] = {slug: TopicRef(names[slug], slug) for slug in hits if slug in names}
        extra = [self.lookup(name) for name in added]
        if series:
            extra.append(self.lookup(series))
        for ref in extra:
            found.setdefault(ref.slug, ref)
        for name in removed:
            found.pop(self.lookup(name).slug, None)
        order = self._order
        return tuple(sorted(found.values(), key=lambda r: (order.get(r.slug, len(order)), r.slug)))

    @cached_property
    def _names(self) -> dict[str, str]:
        return {t.slug: t.name for t in self.topics}

    @cached_property
    def _order(self) -> dict[str, int]:
        return {t.slug: i for i, t in enumerate(self.topics)}
