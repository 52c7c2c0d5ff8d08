"""Feeds: RSS 2.0 and Atom, written with feedgen (JSON Feed, from the same items, in jsonfeed.py).

Guids are the pages' ids (isPermaLink="false"), so they survive edits and moves.
Every date carries its zone; lastBuildDate and Atom <updated> come from the newest
item, never the clock, so the same content gives the same bytes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape

from feedgen.feed import FeedGenerator  # type: ignore[import-untyped]

from ..site.model import Day, Page
from ..text import plural, xml_safe

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
DIGEST_NAMESPACE = uuid.UUID("3b0f1e0c-7d7e-5a57-8e0e-5f2d8c3f4b61")


@dataclass(frozen=True)
class FeedItem:
    id: str
    title: str
    url: str
    published: datetime
    updated: datetime
    summary: str
    content_html: str
    authors: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    author_urls: tuple[str, ...] = ()
    """Absolute URL of each of ``authors``' pages, in the same order ("" for one without a page)."""


@dataclass(frozen=True)
class FeedSpec:
    title: str
    description: str
    page_url: str
    """Absolute URL of the HTML page the feed mirrors."""
    rss_url: str
    atom_url: str
    json_url: str
    """Absolute URL of the JSON Feed file (``jsonfeed.build_json_feed``)."""
    items: tuple[FeedItem, ...]
    feed_id: str = ""
    """The feed's Atom id; empty: ``page_url``."""


DRAFT_PREFIX = "Draft: "
"""Before a draft's title in a feed (only a build with --drafts has drafts): a reader's label."""


def page_item(page: Page, url: str, content_html: str | None = None, author_urls: tuple[str, ...] = ()) -> FeedItem:
    return FeedItem(
        id=page.id,
        title=DRAFT_PREFIX + page.title if page.draft else page.title,
        url=url,
        published=page.date,
        updated=page.updated,
        summary=page.summary,
        content_html=page.body_html if content_html is None else content_html,
        authors=page.authors,
        categories=tuple(t.name for t in page.topics),
        author_urls=author_urls,
    )


def digest_item(day: Day, url: str, render_html: str) -> FeedItem:
    newest = max((p.updated for p in day.pages), default=EPOCH)
    first = min((p.date for p in day.pages), default=EPOCH)
    titles = "; ".join(s.lead.title for s in day.stories[:3])
    return FeedItem(
        id="urn:uuid:" + str(uuid.uuid5(DIGEST_NAMESPACE, day.day.isoformat())),  # stable if the site moves
        title=f"Digest for {day.day:%A, %B} {day.day.day}, {day.day:%Y}",
        url=url,
        published=first,
        updated=newest,
        summary=f"{plural(len(day.stories), 'story', 'stories')}: {titles}",
        content_html=render_html,
    )


def build_feeds(spec: FeedSpec, language: str) -> tuple[bytes, bytes]:
    """Return (RSS bytes, Atom bytes) for one feed."""
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(spec.feed_id or spec.page_url)
    fg.title(xml_safe(spec.title))
    fg.description(xml_safe(spec.description or spec.title))
    fg.subtitle(xml_safe(spec.description or spec.title))
    fg.language(language)
    fg.generator("news-digest-generator", uri=None)
    fg.author({"name": xml_safe(spec.title.split(":")[0])})  # Atom needs an author for entries without one
    newest = max((i.updated for i in spec.items), default=EPOCH)
    fg.lastBuildDate(newest)
    fg.updated(newest)
    if spec.items:
        fg.pubDate(max(i.published for i in spec.items))
    for item in spec.items:
        fe = fg.add_entry(order="append")
        fe.id(item.id)
        fe.guid(item.id, permalink=False)
        fe.title(xml_safe(item.title))
        fe.link(href=item.url, rel="alternate")
        fe.published(item.published)
        fe.updated(item.updated)
        # RSS descriptions are read as HTML, so the plain-text summary is escaped first.
        summary_html = escape(xml_safe(item.summary or item.title), quote=False)
        fe.description(summary_html)
        fe.summary(summary_html, type="html")
        if item.content_html:
            fe.content(xml_safe(item.content_html), type="html")
        for name in item.authors:
            fe.author(name=xml_safe(name))
        if item.authors:
            fe.dc.dc_creator([xml_safe(a) for a in item.authors])
        for category in item.categories:
            fe.category(term=xml_safe(category))
    alternate = {"href": spec.page_url, "rel": "alternate", "type": "text/html"}
    # feedgen takes the RSS <link> from the last link given, so the page comes last.
    fg.link([{"href": spec.rss_url, "rel": "self", "type": "application/rss+xml"}, alternate], replace=True)
    rss = fg.rss_str(pretty=True)
    fg.link([{"href": spec.atom_url, "rel": "self", "type": "application/atom+xml"}, alternate], replace=True)
    atom = fg.atom_str(pretty=True)
    return rss, atom
