"""Grouping: content entries → the frozen Site model (pages, days, topics, authors).

It takes values and returns values; its only side effect is the clustering
cache in .cache/, which never changes the result. Sorting is total (date, then
slug), so the same entries always give the same site.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from ..cache import Cache
from ..config import ClusterConfig, SiteConfig
from ..dates import parse_iso
from ..diagnostics import Diagnostic, warning
from ..pool import isolated
from ..schema import Image
from ..slugs import author_slug, slugify, unique_slug
from ..text import SUMMARY_WORDS, reading_minutes, truncate_words
from .cluster import Doc, Tuning, cluster
from .content import Entry
from .model import Day, Page, Site, Term
from .stories import Stories
from .topics import TopicRules
from .typography import curl

KEY_POINTS = 3
RELATED_LIMIT = 10
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def build_site(
    entries: Sequence[Entry],
    config: SiteConfig,
    rules: TopicRules,
    cache: Cache | None = None,
    jobs: int = 1,
    withheld: Sequence[Entry] = (),
) -> tuple[Site, list[Diagnostic]]:
    """The site of ``entries``. ``withheld`` (drafts, embargoed pages) make no page, but keep
    the slugs they will have, so a page published beside them never changes its URL when they
    come out."""
    zone = config.tz
    notes: list[Diagnostic] = []
    series_of = {e.meta.get("slug"): e.meta.get("series") for e in entries if e.meta.get("kind") == "live-blog"}
    taken: set[str] = set()
    pages: list[Page] = []
    held = {e.path for e in withheld}
    for entry in sorted([*entries, *withheld], key=lambda e: e.path):
        if entry.path in held:
            _claim_slug(entry.meta, taken)
        else:
            pages.append(_page(entry, zone, rules, series_of, taken, notes))
    pages.sort(key=lambda p: (-p.date.timestamp(), p.slug))
    blog_slugs = {p.slug for p in pages if p.kind == "live-blog"}
    for page in pages:
        if page.live_blog and page.live_blog not in blog_slugs:
            notes.append(warning(f"live_blog '{page.live_blog}' names no live blog in content/", page.source_path))
    live_posts: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        if page.kind == "live-post" and page.live_blog in blog_slugs:
            live_posts[page.live_blog].append(page)
    pages = [_with_timeline_summary(p, live_posts[p.slug]) if p.slug in live_posts else p for p in pages]
    by_slug = {p.slug: p for p in pages}
    live = {k: tuple(by_slug[p.slug] for p in v) for k, v in sorted(live_posts.items())}
    story_of = _story_ids(pages, {e.path: e.prepared.tokens for e in entries}, config.cluster, cache, jobs)
    authors = _terms(pages, lambda p: [(a, author_slug(a)) for a in p.authors], by=surname_first)
    stories = Stories.build(pages, story_of, _place_terms)
    site = Site(
        title=config.title,
        description=config.description,
        language=config.language,
        pages=tuple(pages),
        days=_days(pages, stories),
        topics=_terms(pages, lambda p: [(t.name, t.slug) for t in p.topics]),
        authors=tuple(replace(t, outlets=_outlets(t.pages)) for t in authors),
        places=_terms(pages, _place_terms),
        outlets=_terms(pages, lambda p: [(p.source, slugify(p.source, fallback="outlet"))] if p.source else []),
        live_posts=live,
        related=_related(pages, story_of),
        stories=stories.lines,
        story_of=stories.slug_of(),
    )
    return site, notes


def page_fingerprint(page: Page) -> str:
    """A short hash of everything a page is, for knowing when its output is stale:
    the bytes of its file (through their hash) and the fields that other pages,
    the file's path or site.yaml decide. (The rest of a Page is read from the
    file's bytes, and site.yaml is part of every output's fingerprint anyway.)"""
    return _fingerprint(
        page.source_digest, page.source_path, page.id, page.slug, page.topics, page.series, page.summary
    )


def _fingerprint(*decided: object) -> str:
    """``page_fingerprint`` from the fields, for a page still being made."""
    return hashlib.blake2b(repr(decided).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def _place_terms(page: Page) -> list[tuple[str, str]]:
    return [(n, slugify(n, fallback="place")) for n in map(place_name, page.places)]


def place_name(place: str) -> str:
    """``Tel Aviv, Israel`` and ``Tel Aviv`` are one place: the town is the term."""
    return place.split(",")[0].strip() or place


def _outlets(pages: Sequence[Page]) -> tuple[str, ...]:
    return tuple(sorted({p.source for p in pages if p.source}, key=str.casefold))


def _story_ids(
    pages: Sequence[Page], lead_of: dict[str, str], settings: ClusterConfig, cache: Cache | None, jobs: int
) -> dict[str, int]:
    """Cluster every page into stories: articles, live blogs (by their titles,
    like articles) and live posts. Then a live post whose group holds nothing
    from outside its own blog (that blog, its other posts) takes its blog's
    story; a post grouped with coverage from elsewhere is about that event and
    stays with it. The result is cached: it depends only on the pages' slugs,
    kinds, blogs, dates and titles, the settings, and the lead text when
    ``body_weight`` mixes it in (so an edit to a body, or to front matter that
    clustering does not read, never clusters again). Clustering runs in a child
    process when it may, so its working memory never swells this one.

    A changed title or date, or a page added or removed, clusters every page
    again: replaying only the changed pages' time window would not give what a
    cold clustering gives. IDF counts the pages and each word's pages across the
    whole corpus and the words read as names are learned from every headline,
    so one more page changes every vector, and one new title changes those of
    all pages sharing a word with it (a median of 1,767 of 13,200, spread over
    all 61 days, in the 10,000-seed benchmark); any cosine near the threshold
    or a page's tenth-nearest neighbour could then change anywhere."""
    key = stories_key(pages, lead_of, settings)
    stored = cache.load("stories") if cache else None
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
        story_of: dict[str, int] = stored[1]
    else:

        def stories() -> dict[str, int]:
            docs = [Doc(p.slug, p.date, p.title, lead_of.get(p.source_path, "")) for p in pages]
            tuning = Tuning(body_weight=settings.body_weight)
            groups = cluster(docs, settings.threshold, timedelta(hours=settings.window_hours), tuning)
            found = {slug: n for n, members in enumerate(groups) for slug in members}
            blogs = {p.slug for p in pages if p.kind == "live-blog"}
            blog_of = {p.slug: p.live_blog for p in pages if p.kind == "live-post" and p.live_blog in blogs}
            story = dict(found)
            for post, blog in blog_of.items():
                if all(s == blog or blog_of.get(s) == blog for s in groups[found[post]]):
                    story[post] = found[blog]
            return story

        story_of = isolated(stories, jobs)
        if cache:
            cache.save("stories", (key, story_of))
    return dict(story_of)


def stories_key(pages: Sequence[Page], lead_of: dict[str, str], settings: ClusterConfig) -> str:
    """A hash of exactly what ``_story_ids`` reads: each page's slug, kind, blog,
    date and title, its lead only when the lead weighs in, and the settings."""
    leads = settings.body_weight > 0
    digest = hashlib.sha256(repr(settings).encode("utf-8"))
    for p in pages:
        lead = lead_of.get(p.source_path, "") if leads else ""
        digest.update(
            repr((p.slug, p.kind, p.live_blog, p.date.isoformat(), p.title, lead)).encode("utf-8", "surrogatepass")
        )
    return digest.hexdigest()


def _related(pages: Sequence[Page], story_of: dict[str, int]) -> dict[str, tuple[Page, ...]]:
    members: dict[int, list[Page]] = defaultdict(list)
    for page in pages:
        members[story_of[page.slug]].append(page)
    related: dict[str, tuple[Page, ...]] = {}
    # pages are newest first (then by slug), and so is each story's list: the
    # related pages, sorted the same way, are a subsequence of it
    when = {p.slug: (p.date - _EPOCH) // _MICROSECOND for p in pages}  # exact, as the dates' differences are
    for page in pages:
        group = members[story_of[page.slug]]
        if len(group) < 2:
            continue
        at = when[page.slug]
        others = [q for q in group if q.slug != page.slug]
        if len(others) > RELATED_LIMIT:
            chosen = {q.slug for q in sorted(others, key=lambda q: (abs(when[q.slug] - at), q.slug))[:RELATED_LIMIT]}
            others = [q for q in others if q.slug in chosen]
        related[page.slug] = tuple(others)
    return related


def _claim_slug(meta: dict[str, Any], taken: set[str]) -> tuple[str, str]:
    """(the slug a page asks for, the one it gets): the first free of ``slug``, ``slug-2``…"""
    wanted = meta.get("slug") or slugify(meta["title"], fallback="story")
    slug = unique_slug(wanted, taken) if wanted in taken else wanted
    taken.add(slug)
    return wanted, slug


def _page(
    entry: Entry,
    zone: tzinfo,
    rules: TopicRules,
    series_of: dict[Any, Any],
    taken: set[str],
    notes: list[Diagnostic],
) -> Page:
    prepared = entry.prepared
    meta = prepared.meta
    date = parse_iso(meta["date"], zone)
    updated = parse_iso(meta["updated"], zone) if "updated" in meta else date
    wanted, slug = _claim_slug(meta, taken)
    if slug != wanted:
        notes.append(warning(f"slug '{wanted}' is used by another page; this one is published as '{slug}'", entry.path))
    kind = meta.get("kind", "article")
    series = meta.get("series") or (series_of.get(meta.get("live_blog")) if kind == "live-post" else None)
    topics = rules.assign(prepared.topic_hits, meta.get("topics", []), meta.get("not_topics", []), series)
    page_id = meta.get("id") or f"urn:content:{entry.path}"
    return Page(
        id=page_id,
        title=curl(meta["title"]),
        slug=slug,
        kind=kind,
        date=date,
        updated=max(updated, date),
        date_precision=meta.get("date_precision"),
        day=date.astimezone(zone).date(),
        authors=tuple(meta.get("authors", [])),
        contributors=tuple(meta.get("contributors", [])),
        source=meta.get("source"),
        dateline=meta.get("dateline"),
        places=tuple(meta.get("places", [])),
        label=meta.get("label"),
        reading_time=meta.get("reading_time") or reading_minutes(prepared.words),
        summary=prepared.summary,
        images=tuple(Image(curl(i["caption"]), curl(i["credit"])) for i in meta.get("images", [])),
        topics=topics,
        series=series,
        live_blog=meta.get("live_blog"),
        note=curl(meta["note"]) if meta.get("note") else None,
        body_html=prepared.body_html,
        words=prepared.words,
        source_path=entry.path,
        source_digest=entry.digest,
        draft=meta.get("draft") is True,
        fingerprint=_fingerprint(entry.digest, entry.path, page_id, slug, topics, series, prepared.summary),
    )


def _with_timeline_summary(page: Page, posts: Sequence[Page]) -> Page:
    """A live blog without text of its own is summed up by its posts."""
    if page.kind != "live-blog" or page.summary or not posts:
        return page
    latest = posts[0]
    summary = f"Live coverage, {len(posts)} post{'s' if len(posts) != 1 else ''}. Latest: {latest.title}"
    summed = replace(page, summary=truncate_words(summary, SUMMARY_WORDS))
    return replace(summed, fingerprint=page_fingerprint(summed))


def _days(pages: Sequence[Page], stories: Stories) -> tuple[Day, ...]:
    by_day: dict[Any, list[Page]] = defaultdict(list)
    for page in pages:
        by_day[page.day].append(page)
    all_blogs = [p for p in pages if p.kind == "live-blog"]
    days = []
    for day in sorted(by_day, reverse=True):
        members = by_day[day]
        ranked, live = stories.for_day(members)
        posts = tuple(p for p in members if p.kind == "live-post")
        blog_slugs = {p.live_blog for p in posts} | {p.slug for p in members if p.kind == "live-blog"}
        blogs = tuple(p for p in all_blogs if p.slug in blog_slugs)
        days.append(
            Day(
                day=day,
                stories=ranked,
                pages=tuple(members),
                live_blogs=blogs,
                live_posts=posts,
                key_points=tuple(_first_sentence(s.lead.summary) for s in ranked[:KEY_POINTS] if s.lead.summary),
                live=live,
            )
        )
    return tuple(days)


def _first_sentence(text: str) -> str:
    m = re.match(r"(.+?[.!?][”\"’]?)(?:\s|$)", text)
    return m.group(1) if m else text


def surname_first(name: str) -> str:
    """How an index of people sorts a name: ``Costa Dara`` for ``Dara Costa``,
    ``Smith John Jr.`` for ``John Smith Jr.``; a one-word name is itself."""
    words = name.split()
    end = len(words)
    while end > 1 and words[end - 1].rstrip(".,").casefold() in _NAME_SUFFIXES:
        end -= 1
    return " ".join([*words[end - 1 : end], *words[: end - 1], *words[end:]])


_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _terms(
    pages: Sequence[Page], names: Callable[[Page], list[tuple[str, str]]], by: Callable[[str], str] = str
) -> tuple[Term, ...]:
    """Group pages under each term; terms whose slugs agree (case, accents) merge.
    Terms are in the order of ``by`` applied to their names, case aside."""
    members: dict[str, list[Page]] = defaultdict(list)
    label: dict[str, str] = {}
    for page in pages:
        refs = names(page)
        for slug in dict.fromkeys(slug for _, slug in refs):
            members[slug].append(page)
        for name, slug in refs:
            label.setdefault(slug, name)
    order = sorted(members, key=lambda s: (by(label[s]).casefold(), label[s].casefold(), s))
    return tuple(Term(label[s], s, tuple(members[s])) for s in order)
