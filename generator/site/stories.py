"""Stories: the pages that cover one event, grouped by the story ids clustering gives.

Two views of the same groups. A ``Storyline`` is a story across days, with a page
of its own at ``/stories/<slug>/`` once it has two pieces or more; its id and slug
are minted from its first (earliest) piece, so they stay when new coverage joins.
``Stories.for_day`` gives one day's digest: its stories, ranked, and its live
module. A story whose pages are one live blog and that blog's posts is the blog's
own story: it is shown in the live module, never as a story card, so no page is
listed twice on a digest.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from ..slugs import author_slug, slugify
from .model import LiveEntry, Page, Story, Storyline, TermRef

STORY_NAMESPACE = uuid.UUID("6f1c2a4e-9b3d-5e7f-8a1b-2c3d4e5f6a7b")

Names = Callable[[Page], Iterable[tuple[str, str]]]
"""The (name, slug) terms of one taxonomy a page belongs to."""


def story_id(first: Page) -> str:
    """A story's id, from its first piece's id: stable however much coverage joins later."""
    return "urn:uuid:" + str(uuid.uuid5(STORY_NAMESPACE, first.id))


def group(pages: Iterable[Page], story_of: Mapping[str, int]) -> dict[int, list[Page]]:
    """Pages by story id, in the order given (newest first, for the site's pages)."""
    members: dict[int, list[Page]] = defaultdict(list)
    for page in pages:
        members[story_of[page.slug]].append(page)
    return members


def own_blog(members: Sequence[Page]) -> Page | None:
    """The live blog whose own story this is (one blog and its posts, nothing else), or None."""
    blogs = [p for p in members if p.kind == "live-blog"]
    if len(blogs) != 1:
        return None
    blog = blogs[0]
    if all(p.slug == blog.slug or (p.kind == "live-post" and p.live_blog == blog.slug) for p in members):
        return blog
    return None


def lead_of(members: Sequence[Page]) -> Page:
    """The fullest piece leads: most words (a live blog counts its posts among ``members``),
    then the earliest."""

    def fullness(page: Page) -> int:
        if page.kind != "live-blog":
            return page.words
        return page.words + sum(p.words for p in members if p.kind == "live-post" and p.live_blog == page.slug)

    return max(members, key=lambda p: (fullness(p), -p.date.timestamp(), p.slug))


def rank(story: Story) -> tuple[int, int, float, str]:
    """A digest's order: most coverage, then most outlets, then the most recent."""
    return (-len(story.pages), -len(story.outlets), -_latest(story.pages).timestamp(), story.lead.slug)


@dataclass(frozen=True)
class Stories:
    """Every story of a site: its story lines, and what a day's digest needs to place each page."""

    lines: tuple[Storyline, ...]
    """Stories of two pieces or more, latest coverage first."""
    key_of: Mapping[str, int]
    """The story id of each page, by page slug."""
    line_of: Mapping[int, Storyline]
    blog_of: Mapping[int, Page]
    """The live blog of each story that is a blog's own."""

    @classmethod
    def build(cls, pages: Sequence[Page], story_of: Mapping[str, int], places: Names) -> Stories:
        lines: dict[int, Storyline] = {}
        blogs: dict[int, Page] = {}
        for key, members in group(pages, story_of).items():
            blog = own_blog(members)
            if blog is not None:
                blogs[key] = blog
            if len(members) >= 2:
                lines[key] = _storyline(members, blog, places)
        ordered = tuple(sorted(lines.values(), key=lambda s: (-s.last.timestamp(), s.slug)))
        return cls(ordered, dict(story_of), lines, blogs)

    def slug_of(self) -> dict[str, str]:
        """The story page slug of every page that has one, by page slug."""
        return {p.slug: line.slug for line in self.lines for p in line.pages}

    def for_day(self, members: Sequence[Page]) -> tuple[tuple[Story, ...], tuple[LiveEntry, ...]]:
        """One day's digest: its stories ranked, and its live blogs with their posts of the day."""
        stories: list[Story] = []
        live: list[LiveEntry] = []
        for key, pages in group(members, self.key_of).items():
            line = self.line_of.get(key)
            slug = line.slug if line else None
            blog = self.blog_of.get(key)
            if blog is not None:
                live.append(LiveEntry(blog, tuple(p for p in pages if p.slug != blog.slug), slug))
            else:
                lead = lead_of(pages)
                stories.append(Story(lead, tuple(p for p in pages if p.slug != lead.slug), slug))
        stories.sort(key=rank)
        live.sort(key=lambda e: (-_latest(e.posts or (e.blog,)).timestamp(), e.blog.slug))
        return tuple(stories), tuple(live)


def _storyline(members: Sequence[Page], blog: Page | None, places: Names) -> Storyline:
    when = {p.slug: p.date.timestamp() for p in members}
    oldest = sorted(members, key=lambda p: (when[p.slug], p.slug))
    first = oldest[0]
    return Storyline(
        id=story_id(first),
        slug=first.slug,
        lead=lead_of(members),
        pages=tuple(sorted(members, key=lambda p: (-when[p.slug], p.slug))),
        places=_refs(oldest, places),
        authors=_refs(oldest, lambda p: [(a, author_slug(a)) for a in p.authors]),
        topics=_refs(oldest, lambda p: [(t.name, t.slug) for t in p.topics]),
        outlets=_refs(oldest, lambda p: [(p.source, slugify(p.source, fallback="outlet"))] if p.source else []),
        blog=blog,
    )


def _refs(oldest: Sequence[Page], names: Names) -> tuple[TermRef, ...]:
    """The terms of some pages (given oldest first), one per slug (the first name
    seen), in name order."""
    seen: dict[str, str] = {}
    for page in oldest:
        for name, slug in names(page):
            seen.setdefault(slug, name)
    return tuple(TermRef(name, slug) for slug, name in sorted(seen.items(), key=lambda kv: (kv[1].casefold(), kv[0])))


def _latest(pages: Iterable[Page]) -> datetime:
    return max(p.date for p in pages)
