"""Every feed of the site, declared once.

A feed sits beside a list page: the whole site's (at the root), the daily digest's
(beside the archive), and one per topic, author, place and outlet. Each
declaration gives the feed's title, description, files and items. Pages link to a
feed through its ``Feed`` (title and files), and the build writes the feed's files
from the same declaration, so a link and the file it names can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..site.model import Day, Page, Site
from .urls import TAXONOMIES, Urls


@dataclass(frozen=True)
class Feed:
    """A feed as a page links to it: its title, the list page it mirrors, and its two files."""

    title: str
    list_path: str
    rss: str
    atom: str


@dataclass(frozen=True)
class FeedDecl:
    """A feed and what goes in it: pages (newest first) or digest days."""

    feed: Feed
    description: str
    pages: tuple[Page, ...] = ()
    days: tuple[Day, ...] = ()


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

    def _declare(
        self, list_path: str, title: str, description: str, pages: Sequence[Page] = (), days: Sequence[Day] = ()
    ) -> FeedDecl:
        feed = Feed(title, list_path, self._urls.feed(list_path), self._urls.feed(list_path, "atom"))
        return FeedDecl(feed, description, tuple(pages), tuple(days))

    def term(self, taxonomy: str, slug: str) -> Feed:
        return self._terms[taxonomy, slug].feed

    def all(self) -> Iterator[FeedDecl]:
        """Every feed: the site's, each term's (in taxonomy order), the digest's."""
        yield self.site
        yield from self._terms.values()
        yield self.digest


def latest(pages: Sequence[Page], n: int) -> list[Page]:
    """The ``n`` most recently updated pages."""
    return sorted(pages, key=lambda p: (-p.updated.timestamp(), p.slug))[:n]
