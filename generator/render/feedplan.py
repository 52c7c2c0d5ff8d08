"""Every feed of the site, declared once.

A feed sits beside a list page: the whole site's (at the root), the daily digest's
(beside the archive), one per topic, author, place and outlet, and one per story
(beside its story page, with the story's id, so subscribers never see a story
twice). No feed holds two items with one title: of pages that share a title (a
live blog and its first post often do), the live blog is kept, else the newest. Each
declaration gives the feed's title, description, files and items. Pages link to a
feed through its ``Feed`` (title and files), and the build writes the feed's files
from the same declaration, so a link and the file it names can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..site.model import Day, Page, Site, Storyline
from .urls import TAXONOMIES, Urls


@dataclass(frozen=True)
class Feed:
    """A feed as a page links to it: its title, the list page it mirrors, and its three files."""

    title: str
    list_path: str
    rss: str
    atom: str
    json: str
    """The JSON Feed 1.1 file beside the RSS and Atom ones."""

    @property
    def files(self) -> tuple[str, str, str]:
        """Every file of the feed: RSS, Atom, JSON Feed."""
        return (self.rss, self.atom, self.json)


@dataclass(frozen=True)
class FeedDecl:
    """A feed and what goes in it: pages (newest first) or digest days."""

    feed: Feed
    description: str
    pages: tuple[Page, ...] = ()
    days: tuple[Day, ...] = ()
    id: str = ""
    """The feed's own id (Atom ``<id>``); empty: the URL of its list page."""


class FeedPlan:
    """The feeds of one site, with ``items`` entries at most in each."""

    def __init__(self, site: Site, urls: Urls, items: int) -> None:
        self._urls = urls
        title = site.title
        self.site = self._declare("", f"{title}: latest", site.description or title, pages=latest(site.pages, items))
        self.digest = self._declare(
            urls.archive(), f"{title}: daily digest", f"One item per day of {title}", days=site.days[:items]
        )
        self._terms = {
            (taxonomy, term.slug): self._declare(
                urls.term(taxonomy, term.slug),
                f"{title}: {term.name}",
                f"Coverage: {term.name}",
                pages=latest(term.pages, items),
            )
            for taxonomy in TAXONOMIES
            for term in site.terms(taxonomy)
        }
        self._stories = {line.slug: self._story(site.title, line, items) for line in site.stories}

    def _story(self, title: str, line: Storyline, items: int) -> FeedDecl:
        path = self._urls.story_page(line.slug)
        pages = latest(line.pages, items)
        return self._declare(
            path, f"{title}: {line.title}", f"Every piece on the story: {line.title}", pages, id=line.id
        )

    def _declare(
        self,
        list_path: str,
        title: str,
        description: str,
        pages: Sequence[Page] = (),
        days: Sequence[Day] = (),
        id: str = "",
    ) -> FeedDecl:
        urls = self._urls
        feed = Feed(title, list_path, urls.feed(list_path), urls.feed(list_path, "atom"), urls.feed(list_path, "json"))
        return FeedDecl(feed, description, tuple(pages), tuple(days), id)

    def term(self, taxonomy: str, slug: str) -> Feed:
        return self._terms[taxonomy, slug].feed

    def story(self, slug: str) -> Feed:
        return self._stories[slug].feed

    def all(self) -> Iterator[FeedDecl]:
        """Every feed: the site's, each term's (in taxonomy order), each story's, the digest's."""
        yield self.site
        yield from self._terms.values()
        yield from self._stories.values()
        yield self.digest


def latest(pages: Sequence[Page], n: int) -> list[Page]:
    """The ``n`` most recently updated pages, one per title."""
    return distinct_titles(sorted(pages, key=lambda p: (-p.updated.timestamp(), p.slug)))[:n]


def distinct_titles(pages: Sequence[Page]) -> list[Page]:
    """``pages`` in their order, one per title (compared without case or spacing): of pages
    that share one, the live blog is kept, else the newest (the first listed, on a tie)."""
    kept: dict[str, Page] = {}
    for page in pages:
        key = " ".join(page.title.casefold().split())
        have = kept.get(key)
        if have is None or _better(page, have):
            kept[key] = page
    chosen = {p.slug for p in kept.values()}
    return [p for p in pages if p.slug in chosen]


def _better(page: Page, have: Page) -> bool:
    if (page.kind == "live-blog") != (have.kind == "live-blog"):
        return page.kind == "live-blog"
    return page.date > have.date
