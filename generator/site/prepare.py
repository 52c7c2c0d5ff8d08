"""One content file's bytes → everything the site model needs from it alone.

This is the expensive, per-file part of a build (YAML, Markdown, sanitising,
text statistics, topic rules, clustering tokens). It is a pure function of the
file's bytes and a few settings, so its result is cached by content hash and it
can run in worker processes.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass
from functools import cached_property
from html import unescape
from typing import Any
from zoneinfo import ZoneInfo

from .. import frontmatter
from ..config import SiteConfig
from ..errors import ContentError
from ..schema import validate
from ..text import SUMMARY_WORDS, truncate_words
from .cluster import tokens
from .markup import render_markdown
from .topics import TopicRules

MAX_CONTENT_BYTES = 5_000_000
_TAGS = re.compile(r"<[^>]+>")
_FIRST_P = re.compile(r"<p>(.*?)</p>", re.S)


@dataclass(frozen=True)
class Prepared:
    """A content file, read and rendered."""

    meta: dict[str, Any]
    body_html: str
    words: int
    summary: str
    """The front matter's summary, or the first paragraph cut to SUMMARY_WORDS."""
    topic_hits: tuple[str, ...]
    """Slugs of the site.yaml topics whose rules match the title or text."""
    tokens: str
    """Token counts of the title and lead, for clustering, as ``token<TAB>count``
    lines: one string, not thousands of small objects, since every page's stay
    in memory for the whole build (see ``token_counts``)."""
    notes: tuple[str, ...] = ()
    """Warnings about the file that did not stop it (unknown keys)."""


@dataclass(frozen=True)
class Rejected:
    """A content file that cannot be published, and why."""

    message: str
    line: int | None = None


@dataclass(frozen=True)
class Settings:
    """Everything besides the file's bytes that ``prepare`` depends on."""

    timezone: str
    max_bytes: int
    time_limit: float
    lead_words: int
    topics: tuple[tuple[str, str, tuple[str, ...]], ...]
    """(name, slug, match words) of each topic rule."""

    @classmethod
    def of(cls, config: SiteConfig) -> Settings:
        return cls(
            timezone=config.timezone,
            max_bytes=config.markdown.max_bytes,
            time_limit=config.markdown.time_limit,
            lead_words=config.cluster.lead_words,
            topics=tuple((t.name, t.slug, tuple(t.match)) for t in config.topics),
        )

    @cached_property
    def key(self) -> str:
        return hashlib.sha256(repr(self).encode("utf-8")).hexdigest()[:16]


class Preparer:
    """Prepares files under one set of settings (rules compiled once)."""

    def __init__(self, settings: Settings, rules: TopicRules) -> None:
        self.settings = settings
        self.zone = ZoneInfo(settings.timezone)
        self.rules = rules

    def __call__(self, data: bytes, shown: str) -> Prepared | Rejected:
        try:
            return self._prepare(data, shown)
        except ContentError as exc:
            return Rejected(exc.message, exc.line)

    def _prepare(self, data: bytes, shown: str) -> Prepared:
        if len(data) > MAX_CONTENT_BYTES:
            raise ContentError(f"too large ({len(data)} bytes; at most {MAX_CONTENT_BYTES})", shown)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ContentError(f"not UTF-8 text (byte {exc.start})", shown) from None
        raw, body, _ = frontmatter.parse(text, shown)
        meta, problems, unknown = validate(raw, self.zone)
        if problems:
            raise ContentError("; ".join(problems), shown, 2)
        if "date" not in meta:
            raise ContentError("no 'date' in front matter", shown, 2)
        settings = self.settings
        body_html = render_markdown(body, settings.max_bytes, settings.time_limit)
        plain = plain_text(body_html)
        words = plain.split()
        summary = meta.get("summary") or truncate_words(_first_paragraph(body_html), SUMMARY_WORDS)
        lead = " ".join(words[: settings.lead_words])
        title = meta["title"]
        counts: dict[str, int] = {}
        for token in tokens(f"{title} {title} {lead or summary}"):
            counts[token] = counts.get(token, 0) + 1
        return Prepared(
            meta=meta,
            body_html=body_html,
            words=len(words),
            summary=summary,
            topic_hits=self.rules.match(title, plain),
            tokens="\n".join(f"{t}\t{k}" for t, k in counts.items()),
            notes=tuple(unknown),
        )


def token_counts(packed: str) -> dict[str, int]:
    """``Prepared.tokens`` unpacked."""
    counts = {}
    for line in packed.splitlines():
        token, _, k = line.rpartition("\t")
        counts[sys.intern(token)] = int(k)  # one string per word across all pages, not one per page
    return counts


def plain_text(html: str) -> str:
    """The visible text of sanitised HTML: tags dropped, entities decoded."""
    return " ".join(unescape(_TAGS.sub(" ", html)).split())


def _first_paragraph(html: str) -> str:
    m = _FIRST_P.search(html)
    return plain_text(m.group(1)) if m else ""
