"""Grouping: content entries → the frozen Site model (pages, days, topics, authors).

Pure: takes values, returns values. Sorting is total (date, then slug), so the
same entries always give the same site.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, tzinfo
from typing import Any

from .config import SiteConfig
from .dates import parse_iso
from .diagnostics import Diagnostic, warning
from .markup import render_markdown
from .model import Day, Image, Page, Site, Story, Term
from .slugs import slugify, unique_slug
from .text import truncate_words
from .topics import TopicRules
from .urls import author_slug

_TAGS = re.compile(r"<[^>]+>")
SUMMARY_WORDS = 60


def build_site(
    entries: Sequence[Any],
    config: SiteConfig,
    render: Callable[[str], str] = render_markdown,
) -> tuple[Site, list[Diagnostic]]:
    zone = config.tz
    rules = TopicRules.compile(config.topics)
    notes: list[Diagnostic] = []
    series_of = {e.meta.get("slug"): e.meta.get("series") for e in entries if e.meta.get("kind") == "live-blog"}
    taken: set[str] = set()
    pages: list[Page] = []
    for entry in sorted(entries, key=lambda e: e.path):
        page = _page(entry, zone, rules, series_of, render, taken, notes)
        if page is not None:
            pages.append(page)
    pages.sort(key=lambda p: (-p.date.timestamp(), p.slug))
    blog_slugs = {p.slug for p in pages if p.kind == "live-blog"}
    for page in pages:
        if page.live_blog and page.live_blog not in blog_slugs:
            notes.append(warning(f"live_blog '{page.live_blog}' names no live blog in content/", page.source_path))
    live_posts: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        if page.kind == "live-post" and page.live_blog in blog_slugs:
            live_posts[page.live_blog].append(page)
    pages = [_with_timeline_summary(p, live_posts.get(p.slug, [])) for p in pages]
    site = Site(
        title=config.title,
        description=config.description,
        language=config.language,
        pages=tuple(pages),
        days=_days(pages),
        topics=_terms(pages, lambda p: [(t.name, t.slug) for t in p.topics]),
        authors=_terms(pages, lambda p: [(a, author_slug(a)) for a in p.authors]),
        live_posts={k: tuple(v) for k, v in sorted(live_posts.items())},
    )
    return site, notes


def _page(
    entry: Any,
    zone: tzinfo,
    rules: TopicRules,
    series_of: dict[Any, Any],
    render: Callable[[str], str],
    taken: set[str],
    notes: list[Diagnostic],
) -> Page | None:
    meta = entry.meta
    if "date" not in meta:
        notes.append(warning("skipped: no 'date' in front matter", entry.path))
        return None
    date = parse_iso(meta["date"], zone)
    updated = parse_iso(meta["updated"], zone) if "updated" in meta else date
    slug = meta.get("slug") or slugify(meta["title"], fallback="story")
    if slug in taken:
        new = unique_slug(slug, taken)
        notes.append(warning(f"slug '{slug}' is used by another page; this one is published as '{new}'", entry.path))
        slug = new
    taken.add(slug)
    body_html = render(entry.body)
    text = " ".join(_TAGS.sub(" ", body_html).split())
    kind = meta.get("kind", "article")
    series = meta.get("series") or (series_of.get(meta.get("live_blog")) if kind == "live-post" else None)
    topics = rules.assign(meta["title"], text, meta.get("topics", []), meta.get("not_topics", []), series)
    return Page(
        id=meta.get("id") or f"urn:content:{entry.path}",
        title=meta["title"],
        slug=slug,
        kind=kind,
        date=date,
        updated=max(updated, date),
        day=date.astimezone(zone).date(),
        authors=tuple(meta.get("authors", [])),
        contributors=tuple(meta.get("contributors", [])),
        source=meta.get("source"),
        dateline=meta.get("dateline"),
        places=tuple(meta.get("places", [])),
        label=meta.get("label"),
        reading_time=meta.get("reading_time") or max(1, round(len(text.split()) / 230)),
        summary=meta.get("summary") or truncate_words(_first_paragraph(body_html), SUMMARY_WORDS),
        images=tuple(Image(i["caption"], i["credit"]) for i in meta.get("images", [])),
        topics=topics,
        series=series,
        live_blog=meta.get("live_blog"),
        note=meta.get("note"),
        body_html=body_html,
        source_path=entry.path,
    )


def _with_timeline_summary(page: Page, posts: Sequence[Page]) -> Page:
    """A live blog without text of its own is summed up by its posts."""
    if page.kind != "live-blog" or page.summary or not posts:
        return page
    latest = posts[0]
    summary = f"Live coverage, {len(posts)} post{'s' if len(posts) != 1 else ''}. Latest: {latest.title}"
    return replace(page, summary=truncate_words(summary, SUMMARY_WORDS))


def _first_paragraph(html: str) -> str:
    m = re.search(r"<p>(.*?)</p>", html, re.S)
    return " ".join(_TAGS.sub(" ", m.group(1)).split()) if m else ""


def _days(pages: Sequence[Page]) -> tuple[Day, ...]:
    by_day: dict[Any, list[Page]] = defaultdict(list)
    for page in pages:
        by_day[page.day].append(page)
    days = []
    for day in sorted(by_day, reverse=True):
        members = by_day[day]
        days.append(Day(day=day, stories=_stories(members), pages=tuple(members)))
    return tuple(days)


def _stories(pages: Sequence[Page]) -> tuple[Story, ...]:
    """Simple grouping: a live blog leads its posts of the same day; every other
    page is a story of its own. Newest first."""
    blogs = {p.slug for p in pages if p.kind == "live-blog"}
    posts: dict[str, list[Page]] = defaultdict(list)
    stories: list[Story] = []
    for page in pages:
        if page.kind == "live-post" and page.live_blog in blogs:
            posts[page.live_blog].append(page)
    for page in pages:
        if page.kind == "live-post" and page.live_blog in blogs:
            continue
        stories.append(Story(lead=page, more=tuple(posts.get(page.slug, ()))))
    return tuple(sorted(stories, key=lambda s: (-_latest(s).timestamp(), s.lead.slug)))


def _latest(story: Story) -> datetime:
    return max([story.lead.date, *(p.date for p in story.more)])


def _terms(pages: Sequence[Page], names: Callable[[Page], list[tuple[str, str]]]) -> tuple[Term, ...]:
    """Group pages under each term; terms whose slugs agree (case, accents) merge."""
    members: dict[str, list[Page]] = defaultdict(list)
    label: dict[str, str] = {}
    for page in pages:
        for slug in dict.fromkeys(slug for _, slug in names(page)):
            members[slug].append(page)
        for name, slug in names(page):
            label.setdefault(slug, name)
    return tuple(Term(label[s], s, tuple(members[s])) for s in sorted(members, key=lambda s: (label[s].casefold(), s)))
