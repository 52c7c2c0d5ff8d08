"""One built JSON Feed (``feed.json``), checked on its own.

The file must be UTF-8 JSON holding an object with what JSON Feed 1.1 requires:
a ``version`` naming https://jsonfeed.org/version/…, a ``title`` and an
``items`` array. Each item is an object with a non-empty string ``id``, unique
in the feed (readers know items by it), and a ``content_html`` or
``content_text``; its ``date_published`` and ``date_modified``, when there, are
RFC 3339 with ``Z`` or an offset; its ``authors`` are objects with a ``name``,
``url`` or ``avatar``. The URLs it holds (``home_page_url``, ``feed_url``,
``next_url``, item and author URLs, images and attachments) are returned for
``linkcheck`` to resolve, each with the line where it is written.

A pure function of the bytes.
"""

from __future__ import annotations

import json
from typing import Any

from ..diagnostics import Diagnostic, error
from .feeds import FeedScan, rfc3339_problem
from .pages import FoundLink

VERSION_PREFIX = "https://jsonfeed.org/version/"
_LINKS = ("home_page_url", "feed_url", "next_url")
_ASSETS = ("icon", "favicon")
_ITEM_LINKS = ("url", "external_url")
_ITEM_ASSETS = ("image", "banner_image")


class _Lines:
    """Line numbers of values in the text, found in document order (json keeps no positions)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def of(self, key: str, value: Any) -> int:
        """The line of ``"key": value`` at or after the last one found; the last line found if not written so."""
        for sep in (": ", ":"):
            found = self.text.find(json.dumps(key) + sep + json.dumps(value, ensure_ascii=False), self.at)
            if found >= 0:
                self.at = found
                break
        return self.current()

    def current(self) -> int:
        """The line of the last value found (1 before any)."""
        return self.text.count("\n", 0, self.at) + 1


class _Scan:
    def __init__(self, text: str, shown: str) -> None:
        self.lines = _Lines(text)
        self.shown = shown
        self.found: list[Diagnostic] = []
        self.links: list[FoundLink] = []

    def problem(self, message: str, line: int | None = None) -> None:
        self.found.append(error(message, self.shown, line if line is not None else self.lines.current()))

    def url(self, where: dict[str, Any], key: str, asset: bool = False) -> None:
        value = where.get(key)
        if value is None:
            return
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{key} is not a URL: {value!r}")
        else:
            self.links.append(FoundLink(value.strip(), self.lines.of(key, value), asset=asset))


def scan_json_feed(data: bytes, shown: str) -> FeedScan:
    """Check one JSON Feed file; ``shown`` is the path its diagnostics name."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return FeedScan("", 0, (), (error(f"not UTF-8 (byte {exc.start})", shown),))
    try:
        root = json.loads(text)
    except json.JSONDecodeError as exc:
        return FeedScan("", 0, (), (error(f"malformed JSON Feed: {exc.msg} (column {exc.colno})", shown, exc.lineno),))
    if not isinstance(root, dict):
        return FeedScan("", 0, (), (error("not a JSON Feed: the file holds no object", shown, 1),))
    scan = _Scan(text, shown)
    version = root.get("version")
    if not isinstance(version, str) or not version.startswith(VERSION_PREFIX):
        scan.problem(f"not a JSON Feed: version {version!r} is not {VERSION_PREFIX}…", 1)
    if not isinstance(root.get("title"), str) or not root["title"].strip():
        scan.problem("JSON Feed has no title", 1)
    for key in _LINKS:
        scan.url(root, key)
    for key in _ASSETS:
        scan.url(root, key, asset=True)
    _authors(scan, root, "feed")
    items = root.get("items")
    if not isinstance(items, list):
        scan.problem("JSON Feed has no items array", 1)
        items = []
    ids: dict[str, int] = {}
    for number, item in enumerate(items, 1):
        _item(scan, item, number, ids)
    return FeedScan("JSON Feed", len(items), tuple(scan.links), tuple(scan.found))


def _item(scan: _Scan, item: Any, number: int, ids: dict[str, int]) -> None:
    if not isinstance(item, dict):
        scan.problem(f"item {number} is not an object")
        return
    ident = item.get("id")
    if not isinstance(ident, str) or not ident.strip():
        scan.problem(f"item {number} has no id")
    else:
        line = scan.lines.of("id", ident)
        if ident in ids:
            scan.problem(f"duplicate id {ident!r} (first at line {ids[ident]})", line)
        else:
            ids[ident] = line
    if not any(isinstance(item.get(k), str) for k in ("content_html", "content_text")):
        scan.problem(f"item {number} has neither content_html nor content_text")
    for key in _ITEM_LINKS:
        scan.url(item, key)
    for key in _ITEM_ASSETS:
        scan.url(item, key, asset=True)
    for key in ("date_published", "date_modified"):
        value = item.get(key)
        if value is None:
            continue
        problem = rfc3339_problem(value) if isinstance(value, str) else "is not a string"
        if problem:
            scan.problem(f"{key} {value!r} {problem}", scan.lines.of(key, value))
    _authors(scan, item, f"item {number}")
    attachments = item.get("attachments", [])
    for attachment in attachments if isinstance(attachments, list) else []:
        if isinstance(attachment, dict):
            scan.url(attachment, "url", asset=True)


def _authors(scan: _Scan, where: dict[str, Any], what: str) -> None:
    authors = where.get("authors")
    if authors is None:
        return
    if not isinstance(authors, list):
        scan.problem(f"{what}: authors is not an array")
        return
    for author in authors:
        if not isinstance(author, dict) or not any(isinstance(author.get(k), str) for k in ("name", "url", "avatar")):
            scan.problem(f"{what}: an author is not an object with a name, url or avatar")
            continue
        scan.url(author, "url")
        scan.url(author, "avatar", asset=True)
