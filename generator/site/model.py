"""The site model: frozen values the renderer reads. Built once per build from
content/, never changed afterwards."""

from __future__ import annotations

from dataclasses import dataclass
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
    fingerprint: str = ""
    """A hash that changes whenever any field above does (sitebuild.page_fingerprint).
    A new field that is not read from the file's own front matter or body must
    be added to that hash."""


@dataclass(frozen=True)
class Story:
    """What a digest lists as one entry: the fullest piece of coverage of an
    event, and the further coverage of it, newest first."""

    lead: Page
    more: tuple[Page, ...] = ()

    @property
    def pages(self) -> tuple[Page, ...]:
        return (self.lead, *self.more)


@dataclass(frozen=True)
class Day:
    day: Date
    stories: tuple[Story, ...]
    """Ranked: most coverage first, then most recent."""
    pages: tuple[Page, ...]
    live_blogs: tuple[Page, ...] = ()
    live_posts: tuple[Page, ...] = ()
    """The day's live posts, newest first: the compact timeline."""
    key_points: tuple[str, ...] = ()


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

    def terms(self, taxonomy: str) -> tuple[Term, ...]:
        """The terms of one taxonomy: ``topics``, ``authors``, ``places`` or ``outlets``."""
        return {"topics": self.topics, "authors": self.authors, "places": self.places, "outlets": self.outlets}[
            taxonomy
        ]
