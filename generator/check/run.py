"""``python -m generator check``: verify a built site in ``output/`` as readers meet it.

Every HTML page is parsed once (``htmlcheck``), every ``feed.xml``,
``atom.xml`` and ``feed.json`` once (``feedcheck``, ``jsonfeed``), spread over
worker processes; their links are
resolved against the files actually in ``output/`` (``linkcheck``). Nothing is
fetched: external links are only counted.

What is an **error** (the site is broken or invalid for someone; exit 1):

- an internal link, asset, feed link or ``#fragment`` that lands on nothing,
  or a link that climbs out of the site or out of ``base_url``'s path;
- an HTML parse error (the WHATWG parser's, with its line), a missing doctype,
  no ``<title>`` or more than one or an empty one, an empty, spaced or
  duplicate id, an empty ``src``;
- an ``<img>`` without ``alt``, or a link whose only content is an image with
  empty ``alt`` (the link has no name for a screen reader);
- a feed that is not well-formed XML, not RSS or Atom, has a duplicate guid or
  id, an Atom entry without id or updated, or a date that is not RFC 822
  (RSS) / RFC 3339 (Atom) or has no time zone;
- a JSON Feed that is not JSON, lacks its version, title or items, has an item
  without an id or content, a duplicate id, a date that is not RFC 3339 with a
  zone, or an author that is not an object with a name;
- a page or feed that cannot be read, or is not UTF-8.

What is a **warning** (worth fixing, but every reader still gets everything;
exit 0 unless ``--strict``):

- ``<html>`` without ``lang`` (the Nu checker also only warns);
- a ``<figure>`` with neither a ``<figcaption>`` nor an image with alt text;
- an orphan: a page (``404.html`` at the root excepted) or feed that no chain of
  links from ``index.html`` reaches. The page works, readers just cannot find
  it. Only links in HTML pages are followed, not links in feeds.

Diagnostics name files as the user would type them: under ``output/`` relative
to the current folder when it lies inside it, else absolute.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..config import SiteConfig
from ..diagnostics import Counts, Diagnostic, error, warning
from ..errors import GeneratorError
from ..fsio import walk_files
from ..pool import default_jobs, parallel_map
from ..text import plural
from .feeds import scan_feed
from .jsonfeed import scan_json_feed
from .links import PAGE_SUFFIXES, FragmentLink, SiteIndex, check_fragments, reachable, review_links
from .pages import scan_page

FEED_NAMES = frozenset({"feed.xml", "atom.xml", "feed.json"})
HOME = "index.html"
EXEMPT = frozenset({"404.html"})
"""Pages that need no link to them."""


@dataclass(frozen=True)
class CheckResult(Counts):
    """Everything ``check`` found, sorted by file and line, and how much it looked at."""

    diagnostics: tuple[Diagnostic, ...]
    pages: int
    feeds: int
    links: int
    """Internal links and assets checked (each occurrence)."""
    external: int
    """External links seen (each occurrence), not fetched."""

    def summary(self) -> str:
        return (
            f"checked {plural(self.pages, 'page')} and {plural(self.feeds, 'feed')}: "
            f"{plural(self.links, 'internal link')} ({self.external} external, not fetched); "
            f"{plural(self.errors, 'error')}, {plural(self.warnings, 'warning')}"
        )


@dataclass(frozen=True)
class FileReport:
    """What one page or feed says about itself, and where its links lead."""

    path: str
    is_page: bool
    diagnostics: tuple[Diagnostic, ...]
    anchors: frozenset[str]
    targets: frozenset[str]
    fragments: tuple[FragmentLink, ...]
    internal: int
    external: int


def is_page(path: str) -> bool:
    return path.endswith(PAGE_SUFFIXES)


def is_feed(path: str) -> bool:
    return path.rpartition("/")[2] in FEED_NAMES


def check_site(config: SiteConfig, jobs: int | None = None) -> CheckResult:
    """Check the site built in ``config.paths.output`` on ``jobs`` processes (default: one per core).

    Raises GeneratorError if there is no built site (the folder is missing or empty)."""
    output = config.paths.output
    shown_root = shown_path(output)
    files = site_files(output, shown_root)
    site = SiteIndex(config.base_url, frozenset(files), shown_root)
    work = [f for f in files if is_page(f) or is_feed(f)]
    reports = parallel_map(partial(review_file, output, site), work, jobs or default_jobs())
    return conclude(site, reports)


def shown_path(folder: Path) -> str:
    """``folder`` relative to the current folder if it lies inside it, else absolute."""
    absolute = os.path.abspath(folder)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive
        return absolute
    return absolute if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative


def site_files(output: Path, shown_root: str) -> list[str]:
    """Every file of the site (dotfiles and dot-folders are not served as part of it), sorted."""
    if not output.is_dir():
        raise GeneratorError(f"no built site in {shown_root}: run `python -m generator build` first", shown_root)
    files = [rel for _, rel, _ in walk_files(output) if not rel.rpartition("/")[2].startswith(".")]
    if not files:
        raise GeneratorError(f"{shown_root} is empty: run `python -m generator build` first", shown_root)
    return sorted(files)


def review_file(output: Path, site: SiteIndex, path: str) -> FileReport:
    """Read one page or feed (the only file reading here) and check it and its links."""
    shown = site.shown(path)
    try:
        data = (output / path).read_bytes()
    except OSError as exc:
        problem = error(f"cannot read: {exc.strerror or exc}", shown)
        return FileReport(path, is_page(path), (problem,), frozenset(), frozenset(), (), 0, 0)
    return review_page(data, path, site) if is_page(path) else review_feed(data, path, site)


def review_page(data: bytes, path: str, site: SiteIndex) -> FileReport:
    shown = site.shown(path)
    unreadable: tuple[Diagnostic, ...] = ()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        unreadable = (error(f"not UTF-8 (byte {exc.start})", shown),)
        text = data.decode("utf-8", errors="replace")
    page = scan_page(text, shown)
    links = review_links(path, page.links, site, page.anchors)
    return FileReport(
        path=path,
        is_page=True,
        diagnostics=unreadable + page.diagnostics + links.diagnostics,
        anchors=page.anchors,
        targets=links.targets,
        fragments=links.fragments,
        internal=links.internal,
        external=links.external,
    )


def review_feed(data: bytes, path: str, site: SiteIndex) -> FileReport:
    scan = scan_json_feed if path.endswith(".json") else scan_feed
    feed = scan(data, site.shown(path))
    links = review_links(path, feed.links, site)
    return FileReport(
        path=path,
        is_page=False,
        diagnostics=feed.diagnostics + links.diagnostics,
        anchors=frozenset(),
        targets=links.targets,
        fragments=links.fragments,
        internal=links.internal,
        external=links.external,
    )


def conclude(site: SiteIndex, reports: Iterable[FileReport]) -> CheckResult:
    """Put the files' reports together: fragments into other pages, then orphans."""
    found: list[Diagnostic] = []
    anchors: dict[str, frozenset[str]] = {}
    edges: dict[str, list[str]] = {}
    fragments: list[FragmentLink] = []
    canonical: dict[str, str] = {}  # one string object per target path, however many pages link to it
    pages = feeds = internal = external = 0
    for report in reports:
        found.extend(report.diagnostics)
        fragments.extend(report.fragments)
        internal += report.internal
        external += report.external
        if report.is_page:
            pages += 1
            anchors[report.path] = report.anchors
            edges[report.path] = [canonical.setdefault(t, t) for t in sorted(report.targets)]
        else:
            feeds += 1
    found.extend(check_fragments(fragments, anchors, site))
    found.extend(orphans(site, edges))
    found.sort(key=lambda d: (d.path or "", d.line or 0, d.message))
    return CheckResult(tuple(found), pages, feeds, internal, external)


def orphans(site: SiteIndex, edges: dict[str, list[str]]) -> list[Diagnostic]:
    """Pages and feeds no chain of links from the home page reaches."""
    if HOME not in edges:
        return [error(f"no home page {site.shown(HOME)}", site.shown_root)]
    reached = reachable(HOME, edges)
    found = []
    home = site.shown(HOME)
    for path in sorted(site.files - reached):
        if is_page(path) and path not in EXEMPT:
            found.append(warning(f"orphan page: no chain of links from {home} leads here", site.shown(path)))
        elif is_feed(path):
            found.append(warning(f"orphan feed: no page reachable from {home} links to it", site.shown(path)))
    return found
