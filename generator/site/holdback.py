"""Drafts and embargoes: which content files a build keeps out of the site.

This is the one place the clock reaches the site model. ``now`` comes in as a
value from the command that runs the build; nothing in the site stage reads the
time. A file is held back when

- its front matter says ``draft: true`` (unless the build shows drafts), or
- its ``date``, or its ``embargo`` when that is later, is after ``now``, or
- it is a live post whose live blog is held back.

A held-back file is not a page at all: no list, digest, story, term, feed or
sitemap knows of it, exactly as if the file were not there. The filtering
happens before the model is assembled, so everything made from the pages
(slugs, stories and their cache key, fingerprints) follows by itself.

The site made depends on the clock only through the set held back, and that set
stays the same while ``now`` stays within ``steady``: from the latest release
time at or before ``now`` to the earliest one after it. A build may reuse the
last one's result only inside that span.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo

from ..dates import parse_iso
from ..slugs import slugify
from ..text import plural
from .content import Entry
from .model import Held

DRAFT, EMBARGOED, WITH_BLOG = "draft", "embargoed", "live blog held back"
NAMED = 5
"""Paths named in the summary for each reason; the rest are counted."""


def release_time(entry: Entry, zone: tzinfo) -> datetime:
    """When a file may be published: its date, or its embargo if that is later."""
    meta = entry.meta
    date = parse_iso(str(meta["date"]), zone)
    embargo = meta.get("embargo")
    return max(date, parse_iso(str(embargo), zone)) if embargo else date


def hold_back(
    entries: Sequence[Entry], now: datetime, drafts: bool, zone: tzinfo
) -> tuple[list[Entry], tuple[Held, ...], tuple[datetime | None, datetime | None]]:
    """(the entries to publish, those held back with why, the span of ``now`` giving the same split)."""
    release = {e.path: release_time(e, zone) for e in entries}
    own: dict[str, Held] = {}
    for entry in entries:
        if entry.meta.get("draft") is True and not drafts:
            own[entry.path] = Held(entry.path, DRAFT)
        elif release[entry.path] > now:
            own[entry.path] = Held(entry.path, EMBARGOED, release[entry.path].astimezone(UTC))
    held_blogs = {_slug(e): own[e.path] for e in entries if e.meta.get("kind") == "live-blog" and e.path in own}
    held: list[Held] = []
    kept: list[Entry] = []
    for entry in entries:
        reason = own.get(entry.path)
        blog = held_blogs.get(str(entry.meta.get("live_blog"))) if entry.meta.get("kind") == "live-post" else None
        if reason is None and blog is not None:
            reason = Held(entry.path, WITH_BLOG, blog.until)
        if reason is None:
            kept.append(entry)
        else:
            held.append(reason)
    times = release.values()
    steady = (max((t for t in times if t <= now), default=None), min((t for t in times if t > now), default=None))
    return kept, tuple(sorted(held, key=lambda h: h.path)), steady


def within(steady: tuple[datetime | None, datetime | None], now: datetime) -> bool:
    """Whether ``now`` lies in the span a build's held-back set was decided for."""
    start, end = steady
    return (start is None or start <= now) and (end is None or now < end)


def describe(held: Sequence[Held]) -> str:
    """``held back 2 pages: 1 draft (content/a.md), 1 embargoed until 2026-12-01 09:00 UTC (content/b.md)``."""
    groups = []
    for reason in (DRAFT, EMBARGOED, WITH_BLOG):
        members = sorted((h for h in held if h.reason == reason), key=lambda h: (_stamp(h.until), h.path))
        if not members:
            continue
        n = len(members)
        if reason == EMBARGOED and len({h.until for h in members}) > 1:  # each with its own time
            groups.append(f"{n} embargoed ({some_of([f'{h.path} until {_when(h.until)}' for h in members])})")
            continue
        what = {
            DRAFT: plural(n, "draft"),
            EMBARGOED: f"{n} embargoed until {_when(members[0].until)}",
            WITH_BLOG: f"{plural(n, 'live post')} of a held-back live blog",
        }[reason]
        groups.append(f"{what} ({some_of([h.path for h in members])})")
    return f"held back {plural(len(held), 'page')}: " + ", ".join(groups)


def _stamp(moment: datetime | None) -> float:
    return moment.timestamp() if moment else 0.0


def some_of(names: Sequence[str]) -> str:
    """The first NAMED of ``names``, then how many more."""
    shown = ", ".join(names[:NAMED])
    return shown if len(names) <= NAMED else f"{shown} and {len(names) - NAMED} more"


def _when(moment: datetime | None) -> str:
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if moment else "an unknown time"


def _slug(entry: Entry) -> str:
    """A live blog's slug, as its posts name it (the site stage makes it the same way)."""
    meta = entry.meta
    return str(meta.get("slug") or slugify(str(meta["title"]), fallback="story"))
