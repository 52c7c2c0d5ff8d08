"""One built feed (RSS 2.0 or Atom), checked on its own.

A feed must be well-formed XML whose root is ``<rss>`` (with a ``<channel>``) or
Atom's ``<feed>``. Within it, RSS item guids and Atom entry ids are unique (a
reader that sees one twice drops or merges items), every Atom entry has an
``<id>`` and an ``<updated>``, and every date carries its time zone: RSS
``pubDate``/``lastBuildDate`` in RFC 822 form with a zone (``GMT``, ``EST``,
``+0100``…; ``-0000`` means "zone unknown" and does not count), Atom
``updated``/``published`` in RFC 3339 with ``Z`` or an offset. The links it
holds (item and channel links, permalink guids, ``atom:link``, enclosures, Atom
icons and logos) are returned for ``linkcheck`` to resolve.

Parsing uses the standard library's expat, which reports line numbers and never
fetches anything (no external entities, no DTDs). A pure function of the bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from xml.parsers import expat

from ..diagnostics import Diagnostic, error
from .pages import FoundLink

ATOM = "http://www.w3.org/2005/Atom"
_SEP = " "
"""expat joins a namespace URI and a local name with this."""

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_ZONES = frozenset({"UT", "GMT", "Z", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT"})
RFC822 = re.compile(
    r"(?:(?P<weekday>[A-Za-z]{3})\s*,\s*)?(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3})\s+(?P<year>\d{4}|\d{2})\s+"
    r"(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\s+(?P<zone>[A-Za-z]{1,3}|[+-]\d{4}))?"
)
RFC3339 = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})[Tt](?P<time>\d{2}:\d{2}:\d{2})(?P<fraction>\.\d+)?(?P<zone>[Zz]|[+-]\d{2}:\d{2})?"
)


@dataclass(frozen=True)
class FeedScan:
    kind: str
    """``RSS``, ``Atom``, or empty when the file is neither."""
    items: int
    links: tuple[FoundLink, ...]
    diagnostics: tuple[Diagnostic, ...]


class _Element:
    __slots__ = ("attributes", "children", "line", "name", "text")

    def __init__(self, name: str, attributes: dict[str, str], line: int) -> None:
        self.name = name
        self.attributes = attributes
        self.line = line
        self.children: list[_Element] = []
        self.text: list[str] = []

    def value(self) -> str:
        return "".join(self.text).strip()

    def child(self, name: str) -> _Element | None:
        return next((c for c in self.children if c.name == name), None)

    def walk(self) -> Iterator[_Element]:
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


def parse_xml(data: bytes) -> _Element:
    """The element tree of an XML document; raises ``expat.ExpatError`` if it is not well-formed."""
    parser = expat.ParserCreate(namespace_separator=_SEP)
    root = _Element("", {}, 0)
    stack = [root]

    def start(name: str, attributes: dict[str, str]) -> None:
        element = _Element(name, attributes, parser.CurrentLineNumber)
        stack[-1].children.append(element)
        stack.append(element)

    def end(name: str) -> None:
        stack.pop()

    def text(data: str) -> None:
        stack[-1].text.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.Parse(data, True)
    return root.children[0]


def rfc822_problem(value: str) -> str | None:
    """Why ``value`` is not an RFC 822 date with a time zone, or None if it is one."""
    match = RFC822.fullmatch(value.strip())
    if not match or match["month"].title() not in _MONTHS:
        return "is not an RFC 822 date"
    year = int(match["year"])
    year += (2000 if year < 50 else 1900) if len(match["year"]) == 2 else 0
    try:
        when = datetime(
            year,
            _MONTHS.index(match["month"].title()) + 1,
            int(match["day"]),
            int(match["hour"]),
            int(match["minute"]),
            int(match["second"] or 0),
        )
    except ValueError:
        return "is not a real date and time"
    zone = match["zone"]
    if zone is None or zone == "-0000":
        return "has no time zone"
    if zone[0] in "+-":
        if int(zone[3:]) >= 60:
            return f"has an impossible offset {zone!r}"
    elif zone.upper() not in _ZONES:
        return f"has an unknown time zone {zone!r}"
    weekday = match["weekday"]
    if weekday is not None and weekday.title() != _DAYS[when.weekday()]:
        return f"says {weekday} but the date is a {_DAYS[when.weekday()]}"
    return None


def rfc3339_problem(value: str) -> str | None:
    """Why ``value`` is not an RFC 3339 date-time with a zone (as Atom needs), or None if it is one."""
    match = RFC3339.fullmatch(value.strip())
    if not match:
        return "is not an RFC 3339 date-time"
    time = match["time"]
    if time[6:8] == "60":  # a leap second is a real time
        time = time[:6] + "59" + time[8:]
    zone = match["zone"] and match["zone"].upper()
    try:
        datetime.fromisoformat(f"{match['date']}T{time}")
    except ValueError:
        return "is not a real date and time"
    if zone is not None and zone != "Z" and not (int(zone[1:3]) < 24 and int(zone[4:6]) < 60):
        return f"has an impossible offset {zone!r}"
    if zone is None:
        return "has no time zone (RFC 3339 needs Z or an offset)"
    return None


def scan_feed(data: bytes, shown: str) -> FeedScan:
    """Check one feed file; ``shown`` is the path its diagnostics name."""
    try:
        root = parse_xml(data)
    except expat.ExpatError as exc:
        message = f"malformed feed: {expat.ErrorString(exc.code)} (column {exc.offset + 1})"
        return FeedScan("", 0, (), (error(message, shown, exc.lineno),))
    if root.name == "rss":
        return _rss(root, shown)
    if root.name == ATOM + _SEP + "feed":
        return _atom(root, shown)
    local = root.name.rpartition(_SEP)[2]
    return FeedScan("", 0, (), (error(f"neither an RSS 2.0 nor an Atom feed (root element <{local}>)", shown, 1),))


def _rss(root: _Element, shown: str) -> FeedScan:
    found: list[Diagnostic] = []
    links: list[FoundLink] = []
    channel = root.child("channel")
    if channel is None:
        return FeedScan("RSS", 0, (), (error("RSS feed has no <channel>", shown, root.line),))
    guids: dict[str, int] = {}
    items = 0
    for node in channel.walk():
        name = node.name
        if name in ("pubDate", "lastBuildDate"):
            problem = rfc822_problem(node.value())
            if problem:
                found.append(error(f"{name} {node.value()!r} {problem}", shown, node.line))
        elif name in ("link", "comments", "docs") and node.value():
            links.append(FoundLink(node.value(), node.line))
        elif name == "url" and node.value():  # <image><url>
            links.append(FoundLink(node.value(), node.line, asset=True))
        elif name == "enclosure" and node.attributes.get("url"):
            links.append(FoundLink(node.attributes["url"].strip(), node.line, asset=True))
        elif name == ATOM + _SEP + "link" and node.attributes.get("href"):
            links.append(FoundLink(node.attributes["href"].strip(), node.line))
        elif name == "item":
            items += 1
            guid = node.child("guid")
            if guid is None or not guid.value():
                continue
            if guid.value() in guids:
                found.append(
                    error(f"duplicate guid {guid.value()!r} (first at line {guids[guid.value()]})", shown, guid.line)
                )
            else:
                guids[guid.value()] = guid.line
            if guid.attributes.get("isPermaLink", "true").strip().lower() != "false":
                links.append(FoundLink(guid.value(), guid.line))
    return FeedScan("RSS", items, tuple(links), tuple(found))


def _atom(root: _Element, shown: str) -> FeedScan:
    found: list[Diagnostic] = []
    links: list[FoundLink] = []
    ids: dict[str, int] = {}
    items = 0
    tag = ATOM + _SEP
    for node in root.walk():
        name = node.name.removeprefix(tag) if node.name.startswith(tag) else ""
        if name in ("updated", "published"):
            problem = rfc3339_problem(node.value())
            if problem:
                found.append(error(f"{name} {node.value()!r} {problem}", shown, node.line))
        elif name == "link" and node.attributes.get("href"):
            asset = node.attributes.get("rel") == "enclosure"
            links.append(FoundLink(node.attributes["href"].strip(), node.line, asset=asset))
        elif name in ("icon", "logo") and node.value():
            links.append(FoundLink(node.value(), node.line, asset=True))
        elif name == "content" and node.attributes.get("src"):
            links.append(FoundLink(node.attributes["src"].strip(), node.line))
        if node is root or name == "entry":
            what = "feed" if node is root else "entry"
            if name == "entry":
                items += 1
            for required in ("id", "updated"):
                if node.child(tag + required) is None:
                    found.append(error(f"Atom {what} has no <{required}>", shown, node.line))
            ident = node.child(tag + "id")
            if name == "entry" and ident is not None and ident.value():
                if ident.value() in ids:
                    found.append(
                        error(f"duplicate id {ident.value()!r} (first at line {ids[ident.value()]})", shown, ident.line)
                    )
                else:
                    ids[ident.value()] = ident.line
    return FeedScan("Atom", items, tuple(links), tuple(found))
