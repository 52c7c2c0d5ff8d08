"""The site model: frozen values the renderer reads. Built once per build from
content/, never changed afterwards."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from datetime import datetime

from ..schema import Image


@dataclass(frozen=True)
class TopicRef:
    name: str
    slug: str


@dataclass(frozen=True)
class Page:
    """One story page: an article, a live blog or a live post."""

    id: str
    title: str
    slug: str
    kind: str
    date: datetime
    updated: datetime
    day: Date
    """Edition day: ``date`` in the site's zone."""
    authors: tuple[str, ...]
    contributors: tuple[str, ...]
    source: str | None
    dateline: str | None
    places: tuple[str, ...]
    label: str | None
    reading_time: int
    summary: str
    images: tuple[Image, ...]
    topics: tuple[TopicRef, ...]
    series: str | None
    live_blog: str | None
    note: str | None
    body_html: str
    words: int
    """Length of the body in words; the fullest piece of a story leads it."""
    source_path: str
    """The content file, relative to the project root (for messages)."""
    source_digest: str = ""
    """sha256 of the content file."""
    date_precision: str | None = None
    """``day`` when the source gave a date without a time: pages show the date alone."""
    draft: bool = False
    """``draft: true`` in its front matter: only ever in a site built with ``--drafts``,
    and labelled as a draft wherever it is shown."""
    fingerprint: str = ""
    """A hash that changes whenever any field above does (sitebuild.page_fingerprint).
    A new field that is not read from the file's own front matter or body must
    be added to that hash."""


@dataclass(frozen=True)
class Story:
    """What a digest lists as one entry: the fullest piece of the day's coverage
    of an event, and the further coverage of it that day, newest first."""

    lead: Page
    more: tuple[Page, ...] = ()
    slug: str | None = None
    """The story page's slug (``/stories/<slug>/``) when the story has one: two pieces or more, across days."""

    @property
    def pages(self) -> tuple[Page, ...]:
        return (self.lead, *self.more)

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({p.source for p in self.pages if p.source}, key=str.casefold))


@dataclass(frozen=True)
class LiveEntry:
    """A live blog in a day's live module: the blog and that day's posts of its own story, newest first."""

    blog: Page
    posts: tuple[Page, ...] = ()
    slug: str | None = None
    """The blog's story page, when its story has two pieces or more."""


@dataclass(frozen=True)
class TermRef:
    """A term a story page links to: its name and its slug in its taxonomy."""

    name: str
    slug: str


@dataclass(frozen=True)
class Storyline:
    """A story across days: every piece of coverage of one event. Its id and slug
    are minted from its first piece, so they stay when new coverage joins."""

    id: str
    slug: str
    lead: Page
    """The fullest piece (a live blog counts its posts): the story's headline."""
    pages: tuple[Page, ...]
    """Every piece, newest first."""
    places: tuple[TermRef, ...] = ()
    authors: tuple[TermRef, ...] = ()
    topics: tuple[TermRef, ...] = ()
    outlets: tuple[TermRef, ...] = ()
    blog: Page | None = None
    """Set when the story is a live blog's own: the blog and its posts, nothing else."""

    @property
    def title(self) -> str:
        return self.lead.title

    @property
    def first(self) -> datetime:
        return self.pages[-1].date

    @property
    def last(self) -> datetime:
        return self.pages[0].date

    @property
    def updated(self) -> datetime:
        return max(p.updated for p in self.pages)


@dataclass(frozen=True)
class StoryHead:
    """What other pages show of a story: an article its story, the stories index each
    story. Not its pages, so a page is rendered again only when this changes."""

    slug: str
    title: str
    count: int
    outlets: tuple[str, ...]
    first: datetime
    last: datetime
    updated: datetime

    @classmethod
    def of(cls, line: Storyline) -> StoryHead:
        outlets = tuple(o.name for o in line.outlets)
        return cls(line.slug, line.title, len(line.pages), outlets, line.first, line.last, line.updated)


@dataclass(frozen=True)
class Day:
    day: Date
    stories: tuple[Story, ...]
    """Every story of the day but the live blogs' own (those are in ``live``), ranked:
    most coverage first, then most outlets, then most recent."""
    pages: tuple[Page, ...]
    live_blogs: tuple[Page, ...] = ()
    live_posts: tuple[Page, ...] = ()
    """The day's live posts, newest first."""
    key_points: tuple[str, ...] = ()
    live: tuple[LiveEntry, ...] = ()
    """The live module: the day's live blogs whose story is their own, with that day's posts of it."""


@dataclass(frozen=True)
class Term:
    """A topic, author or place: a named list of pages, newest first."""

    name: str
    slug: str
    pages: tuple[Page, ...]
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermHead:
    """What a term's list page shows of the term itself. Not its pages: each
    list page has only its own slice, so an edit to one page re-renders only
    the list pages that show it."""

    name: str
    slug: str
    count: int
    outlets: tuple[str, ...] = ()

    @classmethod
    def of(cls, term: Term) -> TermHead:
        return cls(term.name, term.slug, len(term.pages), term.outlets)


@dataclass(frozen=True)
class Held:
    """A content file this build keeps out of the site, and why."""

    path: str
    """The content file, relative to the project root."""
    reason: str
    """``draft``, ``embargoed``, or ``live blog held back`` (a post of a held-back blog)."""
    until: datetime | None = None
    """When it may be published: the embargo, or the future ``date``; None for a draft."""


@dataclass(frozen=True)
class Site:
    title: str
    description: str
    language: str
    pages: tuple[Page, ...]
    """Every page, newest first (ties broken by slug)."""
    days: tuple[Day, ...]
    """Edition days, newest first."""
    topics: tuple[Term, ...]
    authors: tuple[Term, ...]
    places: tuple[Term, ...]
    outlets: tuple[Term, ...]
    related: dict[str, tuple[Page, ...]]
    """Other coverage of the same story, by page slug, newest first."""
    live_posts: dict[str, tuple[Page, ...]]
    """Posts of each live blog (by the blog's slug), newest first."""
    stories: tuple[Storyline, ...] = ()
    """Every story with two pieces or more, across days: latest coverage first."""
    story_of: dict[str, str] = field(default_factory=dict)
    """The story page slug of each page that has one, by page slug."""
    held: tuple[Held, ...] = ()
    """Content files kept out of this site (drafts, embargoes), in path order."""
    steady: tuple[datetime | None, datetime | None] = (None, None)
    """The span of clock times, [from, until), over which the same files would be
    held back: outside it a build of the same files makes another site."""

    def terms(self, taxonomy: str) -> tuple[Term, ...]:
        """The terms of one taxonomy: ``topics``, ``authors``, ``places`` or ``outlets``."""
        return {"topics": self.topics, "authors": self.authors, "places": self.places, "outlets": self.outlets}[
            taxonomy
        ]
