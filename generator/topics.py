"""Topic assignment: site.yaml rules matched in title and text, plus the topics an
editor adds or removes in front matter, plus a live blog's series."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .config import Topic
from .model import TopicRef
from .slugs import slugify


@dataclass(frozen=True)
class TopicRules:
    topics: tuple[Topic, ...]
    patterns: tuple[re.Pattern[str] | None, ...]

    @classmethod
    def compile(cls, topics: Sequence[Topic]) -> TopicRules:
        patterns = []
        for topic in topics:
            words = sorted({m.strip() for m in topic.match if m.strip()}, key=len, reverse=True)
            alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
            patterns.append(re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I) if words else None)
        return cls(tuple(topics), tuple(patterns))

    def lookup(self, name: str) -> TopicRef:
        """A configured topic by name or slug, or an ad-hoc one named by the editor."""
        key = name.strip().casefold()
        for topic in self.topics:
            if key in (topic.name.casefold(), topic.slug):
                return TopicRef(topic.name, topic.slug)
        return TopicRef(name.strip(), slugify(name, fallback="topic"))

    def assign(
        self, title: str, text: str, added: Iterable[str], removed: Iterable[str], series: str | None
    ) -> tuple[TopicRef, ...]:
        haystack = f"{title}\n{text}"
        found: dict[str, TopicRef] = {}
        for topic, pattern in zip(self.topics, self.patterns, strict=True):
            if pattern is not None and pattern.search(haystack):
                found[topic.slug] = TopicRef(topic.name, topic.slug)
        extra = [self.lookup(name) for name in added]
        if series:
            extra.append(self.lookup(series))
        for ref in extra:
            found.setdefault(ref.slug, ref)
        for name in removed:
            found.pop(self.lookup(name).slug, None)
        order = {t.slug: i for i, t in enumerate(self.topics)}
        return tuple(sorted(found.values(), key=lambda r: (order.get(r.slug, len(order)), r.slug)))
