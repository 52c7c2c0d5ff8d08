"""One content file's bytes → everything the site model needs from it alone.

This is the expensive, per-file part of a build (YAML, Markdown, sanitising,
text statistics, topic rules, the text clustering reads). It is a pure function
of the file's bytes and a few settings, so its result is cached by content hash
and it can run in worker processes.
"""

from __future__ import annotations

import hashlib
import re
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
from .markup import render_markdown
from .topics import TopicRules
from .typography import curl, curl_html

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
    """The start of the page's text (its first ``cluster.lead_words`` words, else
    its summary) for clustering; empty unless ``cluster.body_weight`` is above 0.
    Clustering reads the title, as written, from the page itself."""
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
    """Words of text kept for clustering: 0 when clustering reads titles only."""
    topics: tuple[tuple[str, str, tuple[str, ...]], ...]
    """(name, slug, match words) of each topic rule."""

    @classmethod
    def of(cls, config: SiteConfig) -> Settings:
        return cls(
            timezone=config.timezone,
            max_bytes=config.markdown.max_bytes,
            time_limit=config.markdown.time_limit,
            lead_words=config.cluster.lead_words if config.cluster.body_weight > 0 else 0,
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
            raise ContentError("; ".join(problems), shown, _key_line(text, problems[0]))
        if "date" not in meta:
            raise ContentError("no 'date' in front matter", shown, 2)
        settings = self.settings
        written = render_markdown(body, settings.max_bytes, settings.time_limit)
        plain = plain_text(written)  # as typed: topic rules and clustering match the writer's quotes
        body_html = curl_html(written)
        words = plain.split()
        summary = (
            curl(meta["summary"]) if meta.get("summary") else truncate_words(_first_paragraph(body_html), SUMMARY_WORDS)
        )
        lead = (" ".join(words[: settings.lead_words]) or summary) if settings.lead_words else ""
        title = meta["title"]
        return Prepared(
            meta=meta,
            body_html=body_html,
            words=len(words),
            summary=summary,
            topic_hits=self.rules.match(title, plain),
            tokens=lead,
            notes=tuple(unknown),
        )


def _key_line(text: str, problem: str) -> int:
    """The line of the key a problem names (``'draft' must be…``), else the front matter's first."""
    named = re.match(r"'([A-Za-z_]+)'", problem)
    if named:
        lines = text.lstrip("\ufeff").splitlines()
        for n, line in enumerate(lines[1:], 2):
            if line.rstrip() == "---":
                break
            if re.match(rf"{named.group(1)}\s*:", line):
                return n
    return 2


def plain_text(html: str) -> str:
    """The visible text of sanitised HTML: tags dropped, entities decoded."""
    return " ".join(unescape(_TAGS.sub(" ", html)).split())


def _first_paragraph(html: str) -> str:
    m = _FIRST_P.search(html)
    return plain_text(m.group(1)) if m else ""
