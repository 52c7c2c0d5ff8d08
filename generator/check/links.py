"""Links of a built site: where each URL lands in ``output/``, and whether it is there.

A URL is *internal* when it is relative (``../topics/``), root-relative
(``/topics/``, which must lie under ``base_url``'s path) or absolute and starting
with ``base_url``; it then maps to a file: a folder URL to its ``index.html``, a
name without a slash to the file, else to ``name/index.html`` (as static hosts
do). Other http(s) URLs, ``mailto:`` and the like are *external*: counted, never
fetched. ``data:``, ``javascript:``, ``about:`` and ``blob:`` URLs are not links
to check.

A ``#fragment`` must name an id (or ``<a name>``) in the target page; ``#`` and
``#top`` always work. Fragments into other pages wait until every page's ids are
known (``FragmentLink``). Pure functions over strings and the set of files.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Literal
from urllib.parse import unquote, urlsplit

from ..diagnostics import Diagnostic, error
from ..render.urls import Urls
from .pages import FoundLink

NOT_LINKS = frozenset({"data", "javascript", "about", "blob"})
DEFAULT_PORTS = {"http": ":80", "https": ":443"}
PAGE_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class SiteIndex:
    """What a link can land on: the site's base URL and every file under ``output/``."""

    base_url: str
    files: frozenset[str]
    """Site-relative POSIX paths (``2023/12/02/index.html``)."""
    shown_root: str
    """``output/`` as the user would type it; diagnostics name files under it."""

    @cached_property
    def scheme(self) -> str:
        return urlsplit(self.base_url).scheme.lower()

    @cached_property
    def host(self) -> str:
        return _host(self.scheme, urlsplit(self.base_url).netloc)

    @cached_property
    def base_path(self) -> str:
        return Urls(self.base_url).prefix

    def shown(self, path: str) -> str:
        """A site-relative file as the user would type it: ``output/topics/index.html``."""
        root = self.shown_root.rstrip("/\\")
        return f"{root}/{path}" if root and root != "." else path


@dataclass(frozen=True, slots=True)
class Located:
    kind: Literal["internal", "external", "ignored", "broken"]
    path: str = ""
    """internal: the site-relative file the URL lands on (whether or not it exists)."""
    fragment: str = ""
    exists: bool = False
    reason: str = ""
    """broken: why the URL cannot land anywhere in the site."""


EXTERNAL = Located("external")
IGNORED = Located("ignored")


@dataclass(frozen=True, slots=True)
class FragmentLink:
    """A link with a ``#fragment`` into another page, checked once that page's anchors are known."""

    source: str
    line: int
    url: str
    target: str
    fragment: str


@dataclass(frozen=True)
class LinkReview:
    diagnostics: tuple[Diagnostic, ...]
    targets: frozenset[str]
    """Existing files the links reach (the edges followed to find orphans)."""
    fragments: tuple[FragmentLink, ...]
    internal: int
    external: int


def _host(scheme: str, netloc: str) -> str:
    host = netloc.lower().rpartition("@")[2]
    return host.removesuffix(DEFAULT_PORTS.get(scheme, "\0"))


def normalize(path: str) -> str | None:
    """Resolve ``.`` and ``..`` in a site-relative path; None if it climbs out of the site."""
    parts: list[str] = []
    segments = path.split("/")
    for segment in segments:
        if segment == "..":
            if not parts:
                return None
            parts.pop()
        elif segment not in (".", ""):
            parts.append(segment)
    folder = segments[-1] in ("", ".", "..")
    joined = "/".join(parts)
    return joined + "/" if folder and joined else joined


def resolve_link(url: str, page: str, site: SiteIndex) -> Located:
    """Where ``url``, found in the site-relative file ``page``, lands."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return Located("broken", reason="not a valid URL")
    scheme = parts.scheme.lower()
    if scheme in NOT_LINKS:
        return IGNORED
    if scheme and scheme not in ("http", "https"):
        return EXTERNAL
    if scheme or parts.netloc:
        if (scheme or site.scheme) != site.scheme or _host(site.scheme, parts.netloc) != site.host:
            return EXTERNAL
        path = parts.path or "/"
        if not (path + "/").startswith(site.base_path):
            return EXTERNAL  # another site on the same host
        relative = unquote(path[len(site.base_path) :])
    elif parts.path.startswith("/"):
        if not (parts.path + "/").startswith(site.base_path):
            return Located("broken", reason=f"outside the site's base path {site.base_path}")
        relative = unquote(parts.path[len(site.base_path) :])
    elif not parts.path:
        return Located("internal", page, unquote(parts.fragment), page in site.files)
    else:
        relative = posixpath.dirname(page) + "/" + unquote(parts.path)
    resolved = normalize(relative)
    if resolved is None:
        return Located("broken", reason="leaves the site")
    if not resolved or resolved.endswith("/"):
        file = resolved + "index.html"
    elif resolved not in site.files and resolved + "/index.html" in site.files:
        file = resolved + "/index.html"
    else:
        file = resolved
    return Located("internal", file, unquote(parts.fragment), file in site.files)


def has_anchor(anchors: frozenset[str], fragment: str) -> bool:
    return not fragment or fragment.lower() == "top" or fragment in anchors


def review_links(
    page: str, links: Iterable[FoundLink], site: SiteIndex, anchors: frozenset[str] | None = None
) -> LinkReview:
    """Resolve every link of one file. ``anchors`` are the file's own, for links to ``#fragment``s in it."""
    shown = site.shown(page)
    found: list[Diagnostic] = []
    targets: set[str] = set()
    fragments: list[FragmentLink] = []
    internal = external = 0
    for link in links:
        where = resolve_link(link.url, page, site)
        if where.kind == "external":
            external += 1
            continue
        if where.kind == "ignored":
            continue
        internal += 1
        what = "missing asset" if link.asset else "broken link"
        if where.kind == "broken":
            found.append(error(f"{what} {link.url!r} ({where.reason})", shown, link.line))
        elif not where.exists:
            found.append(error(f"{what} {link.url!r} (no file {site.shown(where.path)})", shown, link.line))
        else:
            targets.add(where.path)
            if not where.fragment or not where.path.endswith(PAGE_SUFFIXES):
                continue
            if where.path == page and anchors is not None:
                if not has_anchor(anchors, where.fragment):
                    found.append(fragment_error(FragmentLink(page, link.line, link.url, page, where.fragment), site))
            else:
                fragments.append(FragmentLink(page, link.line, link.url, where.path, where.fragment))
    return LinkReview(tuple(found), frozenset(targets), tuple(fragments), internal, external)


def fragment_error(link: FragmentLink, site: SiteIndex) -> Diagnostic:
    return error(
        f"broken fragment {link.url!r} (no id {link.fragment!r} in {site.shown(link.target)})",
        site.shown(link.source),
        link.line,
    )


def check_fragments(
    links: Iterable[FragmentLink], anchors: Mapping[str, frozenset[str]], site: SiteIndex
) -> list[Diagnostic]:
    """Fragments into other pages, now that every page's anchors are known."""
    return [
        fragment_error(link, site)
        for link in links
        if link.target in anchors and not has_anchor(anchors[link.target], link.fragment)
    ]


def reachable(start: str, edges: Mapping[str, Iterable[str]]) -> set[str]:
    """Every file a chain of links leads to from ``start``."""
    seen = {start}
    queue = [start]
    while queue:
        for target in edges.get(queue.pop(), ()):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen
