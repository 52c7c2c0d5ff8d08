"""The one place that computes URLs and output paths.

Every page lives at a folder URL (``2023/12/02/slug/``) written as
``…/index.html``. Links inside pages are relative, so the site works from any
sub-path and any static host; canonical links and feeds use absolute URLs built
from ``base_url``.
"""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ..errors import UnsafePathError
from ..slugs import author_slug, is_valid_slug

TAXONOMIES = ("topics", "authors", "places", "outlets")
FEED_FILES = {"rss": "feed.xml", "atom": "atom.xml", "json": "feed.json"}
"""The file name of each feed format."""


class Urls:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"

    @property
    def prefix(self) -> str:
        """base_url's path, with slashes at both ends: ``/``, or ``/news/`` for a sub-path."""
        return urlsplit(self.base_url).path or "/"

    # Site-relative paths (no leading slash; "" is the home page).
    @staticmethod
    def day(day: date) -> str:
        found = _DAYS.get(day)
        if found is None:
            found = _DAYS[day] = f"{day:%Y/%m/%d}/"
        return found

    def story(self, day: date, slug: str) -> str:
        return self.day(day) + _segment(slug) + "/"

    @staticmethod
    def terms(taxonomy: str) -> str:
        """Index of a taxonomy: ``topics/``, ``authors/``, ``places/``, ``outlets/``."""
        if taxonomy not in TAXONOMIES:
            raise ValueError(f"unknown taxonomy {taxonomy!r}")
        return f"{taxonomy}/"

    def term(self, taxonomy: str, slug: str, page: int = 1) -> str:
        return self.terms(taxonomy) + _segment(slug) + "/" + (f"page/{page}/" if page > 1 else "")

    def topics(self) -> str:
        return self.terms("topics")

    def topic(self, slug: str, page: int = 1) -> str:
        return self.term("topics", slug, page)

    def authors(self) -> str:
        return self.terms("authors")

    def author(self, slug: str, page: int = 1) -> str:
        return self.term("authors", slug, page)

    def author_of(self, name: str) -> str:
        return self.author(author_slug(name))

    @staticmethod
    def archive() -> str:
        return "archive/"

    @staticmethod
    def stories() -> str:
        """The stories index."""
        return "stories/"

    def story_page(self, slug: str) -> str:
        """A story's own page, across days: ``stories/<slug>/``."""
        return self.stories() + _segment(slug) + "/"

    @staticmethod
    def search() -> str:
        """The search page (``search/``, which reads ``?q=``)."""
        return "search/"

    @staticmethod
    def search_index(name: str = "") -> str:
        """The search index's folder, ``pagefind/``, or one file in it by its path inside."""
        return "pagefind/" + name

    @staticmethod
    def search_bundle(bundle: str, name: str = "") -> str:
        """One bundle of the search index, ``pagefind/<bundle>/``, or one file of it by its path inside."""
        return f"pagefind/{bundle}/{name}"

    @staticmethod
    def feed(list_path: str, fmt: str = "rss") -> str:
        """A feed's file beside its list page: ``rss`` (feed.xml), ``atom`` (atom.xml) or ``json`` (feed.json)."""
        name = FEED_FILES.get(fmt)
        if name is None:
            raise ValueError(f"unknown feed format {fmt!r}")
        return list_path + name

    @staticmethod
    def news_sitemap() -> str:
        """The Google News sitemap: the latest articles and live blogs."""
        return "news-sitemap.xml"

    @staticmethod
    def static(name: str) -> str:
        return "static/" + name

    def absolute(self, path: str) -> str:
        return self.base_url + path

    @staticmethod
    def relative(path: str, from_path: str) -> str:
        """Link from the page at ``from_path`` to ``path`` (both site-relative,
        already normalised). Pure string work: this runs for every link of every page."""
        if path.partition("/")[0] != from_path.partition("/")[0]:  # nothing in common: the usual case
            return "../" * from_path.count("/") + path or "./"
        here = from_path.split("/")[:-1]  # the folder the page is in
        target = path.split("/")
        common = 0
        for a, b in zip(here, target[:-1], strict=False):
            if a != b:
                break
            common += 1
        rel = "../" * (len(here) - common) + "/".join(target[common:])
        return rel or "./"

    @staticmethod
    def output_file(path: str) -> PurePosixPath:
        """Where a site-relative path is written: folders get ``index.html``."""
        file = path + "index.html" if path.endswith("/") or path == "" else path
        out = PurePosixPath(file)
        if out.is_absolute() or ".." in out.parts:
            raise UnsafePathError(f"output path leaves the site: {path!r}")
        return out


_DAYS: dict[date, str] = {}
_SAFE: set[str] = set()
"""Slugs already checked: a page's slug is used in a hundred links, checked once."""


def _segment(slug: str) -> str:
    if slug not in _SAFE:
        if not is_valid_slug(slug):
            raise UnsafePathError(f"not a safe URL segment: {slug!r}")
        _SAFE.add(slug)
    return slug
