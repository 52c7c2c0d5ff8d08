"""``news-sitemap.xml``: the latest articles and live blogs in Google's news sitemap format.

Google News reads a news sitemap for what was published in the last two days,
and takes at most 1,000 URLs from one file. A static site has no "now" of its
own, so the two days are counted back from the newest listed piece's own
publication time, never from the clock: every piece published at or after that
time minus 48 hours is listed, newest first (then by URL), and past 1,000 the
newest 1,000 are kept. Two builds of the same content give the same bytes.

Only articles and live blogs are listed (a live post is a part of its blog's
page). A site with none of them gets no news sitemap at all, rather than an
empty ``<urlset>``: the sitemap schema wants at least one ``<url>``, and
robots.txt then names only ``sitemap.xml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from ..dates import iso
from ..diagnostics import Diagnostic, warning
from ..schema import DAY_PRECISION
from ..site.model import Page
from ..text import xml_safe
from .urls import Urls

NEWS_LIMIT = 1_000
"""URLs Google News takes from one news sitemap."""
NEWS_WINDOW = timedelta(hours=48)
"""How far back from the newest piece a piece is still news."""
NEWS_KINDS = frozenset({"article", "live-blog"})

_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
_ISO_639 = re.compile(r"[a-z]{2,3}")
_TRADITIONAL = frozenset({"tw", "hk", "mo", "hant"})
"""Subtags of a Chinese tag that mean Traditional Chinese (zh-tw to Google); anything else is zh-cn."""


@dataclass(frozen=True)
class NewsEntry:
    url: str
    """The page's absolute URL."""
    title: str
    published: datetime
    """The piece's own publication time, with its offset."""
    day_only: bool = False
    """The source gave a day, no time (``date_precision: day``): the sitemap gives the day alone."""

    @property
    def publication_date(self) -> str:
        return self.published.date().isoformat() if self.day_only else iso(self.published)


def news_language(tag: str) -> str | None:
    """The code Google News wants for a language tag: its ISO 639 part (``en`` from
    ``en-GB``), or ``zh-cn`` / ``zh-tw`` for Simplified / Traditional Chinese. None
    when the tag does not start with a two- or three-letter language code."""
    parts = tag.strip().lower().replace("_", "-").split("-")
    primary = parts[0]
    if primary == "zh":
        return "zh-tw" if _TRADITIONAL.intersection(parts[1:]) else "zh-cn"
    return primary if _ISO_639.fullmatch(primary) else None


def news_entries(
    pages: Iterable[Page],
    url_of: Callable[[Page], str],
    limit: int = NEWS_LIMIT,
    window: timedelta = NEWS_WINDOW,
) -> list[NewsEntry]:
    """The pieces a news sitemap lists: within ``window`` of the newest, newest first, at most ``limit``."""
    candidates = [p for p in pages if p.kind in NEWS_KINDS]
    if not candidates:
        return []
    since = max(p.date for p in candidates) - window
    entries = [
        NewsEntry(url_of(p), p.title, p.date, p.date_precision == DAY_PRECISION) for p in candidates if p.date >= since
    ]
    entries.sort(key=lambda e: e.url)
    entries.sort(key=lambda e: e.published, reverse=True)  # stable: same instant, by URL
    return entries[:limit]


def news_sitemap(entries: Sequence[NewsEntry], name: str, language: str) -> bytes:
    """The news sitemap's bytes: one ``<url>`` per entry with its ``<news:news>``."""
    publication = (
        f"<news:publication><news:name>{_text(name)}</news:name>"
        f"<news:language>{_text(language)}</news:language></news:publication>"
    )
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{_SITEMAP_NS}" xmlns:news="{_NEWS_NS}">']
    for entry in entries:
        lines.append(
            f"<url><loc>{escape(entry.url)}</loc><news:news>{publication}"
            f"<news:publication_date>{entry.publication_date}</news:publication_date>"
            f"<news:title>{_text(entry.title)}</news:title></news:news></url>"
        )
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _text(value: str) -> str:
    return escape(xml_safe(value))


def news_files(
    pages: Iterable[Page],
    site_title: str,
    language_tag: str,
    config_file: str,
    url_of: Callable[[Page], str],
    notes: list[Diagnostic],
) -> dict[str, bytes]:
    """``{"news-sitemap.xml": bytes}`` when the site has articles or live blogs and a language
    Google News knows; nothing otherwise (with a warning naming ``config_file`` for the language)."""
    entries = news_entries(pages, url_of)
    if not entries:
        return {}
    language = news_language(language_tag)
    if language is None:
        notes.append(
            warning(
                f"no {Urls.news_sitemap()} written: language {language_tag!r} does not start with a two- or "
                "three-letter ISO 639 code, which Google News needs (e.g. 'en' or 'en-GB')",
                config_file,
            )
        )
        return {}
    return {Urls.news_sitemap(): news_sitemap(entries, site_title, language)}
