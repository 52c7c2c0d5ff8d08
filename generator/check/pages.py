"""One built HTML page, checked on its own.

The page is parsed once, with html5lib: the WHATWG parsing algorithm in pure
Python, which reports every spec parse error with its line. The tree it builds
(``htmltree``) remembers where each tag ended, so each finding names the line
of its tag. From that one tree come

- the page's own problems: parse errors, a missing doctype, ``<html>`` without
  ``lang``, not exactly one ``<title>``, empty or duplicate ids, images without
  alt text, a link whose only content is an image with empty alt, a
  ``<figure>`` with neither a caption nor an image with alt text;
- the links it holds (``href``, ``src``, ``srcset``, ``<link>``, a form's
  ``action``, Open Graph URLs), resolved later against the whole site by ``linkcheck``;
- the anchors (ids, ``<a name>``) a ``#fragment`` can land on.

Everything here is a pure function of the page's text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostics import Diagnostic, error, warning
from .htmltree import HTML, Doctype, Node, parse, parse_error_message

MAX_PARSE_ERRORS = 10
"""Parse errors reported per page; one slip often causes a cascade, and the first ones matter."""

SPACE = " \t\n\f\r"
"""ASCII whitespace, as HTML strips it around URLs."""

_DOCTYPE_ERRORS = frozenset(
    {
        "expected-doctype-but-got-start-tag",
        "expected-doctype-but-got-end-tag",
        "expected-doctype-but-got-chars",
        "expected-doctype-but-got-eof",
    }
)
"""Reported once, in plainer words, by the doctype check."""

_SOURCES: dict[str, tuple[str, ...]] = {
    "img": ("src",),
    "source": ("src",),
    "script": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "track": ("src",),
    "audio": ("src",),
    "video": ("src", "poster"),
    "object": ("data",),
}
"""Elements that load one resource, and the attributes that name it."""

_SRCSETS = frozenset({"img", "source"})
_NOT_LOADED = frozenset({"dns-prefetch", "preconnect"})
"""``<link rel>`` values whose href is an origin to warm up, not a resource."""
_LOADED = frozenset(
    {"stylesheet", "icon", "apple-touch-icon", "mask-icon", "manifest", "preload", "modulepreload", "prefetch"}
)
"""``<link rel>`` values whose href the browser fetches as part of the page."""
_OPEN_GRAPH = {"og:url": False, "og:image": True, "og:image:url": True, "og:image:secure_url": True}
"""``<meta property>`` values holding a URL, and whether it is an asset."""


@dataclass(frozen=True, slots=True)
class FoundLink:
    """A URL in a page or feed, where it was found, and what it is for."""

    url: str
    line: int
    asset: bool = False
    """True for something loaded with the page (stylesheet, icon, image), False for a link to follow."""


@dataclass(frozen=True)
class PageScan:
    anchors: frozenset[str]
    """Every id and ``<a name>`` a fragment can target."""
    links: tuple[FoundLink, ...]
    diagnostics: tuple[Diagnostic, ...]


# -- the tree html5lib builds for us ------------------------------------------------------------


# -- the page's own checks ------------------------------------------------------------------------


class _Lines:
    """Turns the position just after a tag into the line the tag starts on."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def line(self, node: Node) -> int:
        end_line, column = node.end
        if end_line > len(self.starts):
            return end_line
        end = self.starts[end_line - 1] + column
        start = self.text.rfind("<", 0, end)
        return bisect_right(self.starts, start) if start >= 0 else end_line


def srcset_urls(value: str) -> list[str]:
    """The URLs of a ``srcset`` (image candidate strings, as the HTML spec splits them)."""
    urls: list[str] = []
    pos, n = 0, len(value)
    while pos < n:
        while pos < n and (value[pos] in SPACE or value[pos] == ","):
            pos += 1
        start = pos
        while pos < n and value[pos] not in SPACE:
            pos += 1
        url = value[start:pos]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            in_parens = False  # skip the descriptors, up to a comma outside parentheses
            while pos < n and (in_parens or value[pos] != ","):
                if value[pos] == "(":
                    in_parens = True
                elif value[pos] == ")":
                    in_parens = False
                pos += 1
        if url:
            urls.append(url)
    return urls


def _has_text(link: Node) -> bool:
    """Does the element give a reader (or a screen reader) any text?"""
    if any((link.attr(a) or "").strip() for a in ("aria-label", "aria-labelledby", "title")):
        return True
    stack = [link]
    while stack:
        node = stack.pop()
        for child in node.childNodes:
            if isinstance(child, str):
                if child.strip():
                    return True
            elif isinstance(child, Node):
                if child.is_html("img") and (child.attr("alt") or "").strip():
                    return True
                stack.append(child)
    return False


def _walk(document: Node) -> Iterator[tuple[Node, Node | None]]:
    """Every element in document order, with the innermost ``<a href>`` around it."""
    stack: list[tuple[Node, Node | None]] = [(e, None) for e in reversed(list(document.elements()))]
    while stack:
        node, link = stack.pop()
        yield node, link
        inner = node if node.is_html("a") and node.attr("href") is not None else link
        stack.extend((child, inner) for child in reversed(list(node.elements())))


def _figure_ok(figure: Node) -> bool:
    if any(child.is_html("figcaption") for child in figure.elements()):
        return True
    return any(n.is_html("img") and (n.attr("alt") or "").strip() for n, _ in _walk(figure))


def scan_page(text: str, shown: str) -> PageScan:
    """Check one page's HTML; ``shown`` is the path its diagnostics name."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    document, parse_errors = parse(text)
    lines = _Lines(text)
    found: list[Diagnostic] = []

    reported = [e for e in parse_errors if e[1] not in _DOCTYPE_ERRORS]
    for (line, _column), code, values in reported[:MAX_PARSE_ERRORS]:
        found.append(error(f"invalid HTML: {parse_error_message(code, values)}", shown, line))
    if len(reported) > MAX_PARSE_ERRORS:
        more = len(reported) - MAX_PARSE_ERRORS
        found.append(error(f"invalid HTML: {more} more parse errors not shown", shown, reported[-1][0][0]))
    if not any(isinstance(c, Doctype) for c in document.childNodes):
        found.append(error("missing <!DOCTYPE html>", shown, 1))

    root = next(document.elements(), None)
    if root is not None and not (root.attr("lang") or "").strip():
        found.append(warning("<html> has no lang attribute", shown, lines.line(root)))

    ids: dict[str, int] = {}
    names: set[str] = set()
    titles: list[Node] = []
    links: list[FoundLink] = []
    for node, link in _walk(document):
        ident = node.attr("id")
        if ident is not None:
            _check_id(ident, lines.line(node), ids, shown, found)
        if (node.namespace or HTML) != HTML:
            continue
        if node.name == "a" and (name := node.attr("name")):
            names.add(name)
        elif node.name == "title":
            titles.append(node)
        elif node.name == "img":
            _check_image(node, link, lines.line(node), shown, found)
        elif node.name == "figure" and not _figure_ok(node):
            found.append(warning("<figure> has no <figcaption> and no image with alt text", shown, lines.line(node)))
        links.extend(_links_of(node, lines, shown, found))

    if not titles:
        found.append(error("no <title>", shown, lines.line(root) if root is not None else 1))
    for extra in titles[1:]:
        found.append(error(f"more than one <title> (first at line {lines.line(titles[0])})", shown, lines.line(extra)))
    if titles and not "".join(c for c in titles[0].childNodes if isinstance(c, str)).strip():
        found.append(error("empty <title>", shown, lines.line(titles[0])))
    return PageScan(anchors=frozenset(ids) | names, links=tuple(links), diagnostics=tuple(found))


def _check_id(ident: str, line: int, seen: dict[str, int], shown: str, found: list[Diagnostic]) -> None:
    if not ident:
        found.append(error("empty id attribute", shown, line))
    elif any(c in SPACE for c in ident):
        found.append(error(f"id {ident!r} contains whitespace", shown, line))
    elif ident in seen:
        found.append(error(f"duplicate id {ident!r} (first at line {seen[ident]})", shown, line))
    else:
        seen[ident] = line


def _check_image(img: Node, link: Node | None, line: int, shown: str, found: list[Diagnostic]) -> None:
    """Alt text: present, and not empty when the image is all its link holds."""
    alt = img.attr("alt")
    if alt is None:
        src = (img.attr("src") or "").strip(SPACE)
        found.append(error(f"image {src!r} has no alt attribute", shown, line))
    elif not alt.strip() and link is not None and not _has_text(link):
        href = (link.attr("href") or "").strip(SPACE)
        found.append(error(f"link {href!r} holds only an image with empty alt, so it has no text", shown, line))


def _links_of(node: Node, lines: _Lines, shown: str, found: list[Diagnostic]) -> Iterator[FoundLink]:
    """The URLs an HTML element holds (reporting a resource attribute left empty)."""
    name = node.name
    if name in ("a", "area"):
        href = node.attr("href")
        if href is not None:
            yield FoundLink(href.strip(SPACE), lines.line(node))
    elif name == "link":
        href = node.attr("href")
        rel = set((node.attr("rel") or "").lower().split())
        if href is not None and not (rel and rel <= _NOT_LOADED):
            yield FoundLink(href.strip(SPACE), lines.line(node), asset=bool(rel & _LOADED))
    elif name == "form":  # a form (such as the search box) leads to the page in its action
        action = (node.attr("action") or "").strip(SPACE)
        if action:
            yield FoundLink(action, lines.line(node))
    elif name == "meta":
        prop = (node.attr("property") or "").lower()
        content = node.attr("content")
        if prop in _OPEN_GRAPH and content:
            yield FoundLink(content.strip(SPACE), lines.line(node), asset=_OPEN_GRAPH[prop])
    for attribute in _SOURCES.get(name, ()):
        value = node.attr(attribute)
        if value is None:
            continue
        if not value.strip(SPACE):
            found.append(error(f"empty {attribute} on <{name}>", shown, lines.line(node)))
            continue
        yield FoundLink(value.strip(SPACE), lines.line(node), asset=True)
    if name in _SRCSETS and node.attr("srcset"):
        line = lines.line(node)
        for url in srcset_urls(str(node.attr("srcset"))):
            yield FoundLink(url, line, asset=True)
