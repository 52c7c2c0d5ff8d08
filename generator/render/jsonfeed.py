"""JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), from the same spec as RSS and Atom.

Each feed.json holds the items of its feed.xml and atom.xml in the same order,
with the same ids, titles and HTML content (text the other feeds cannot carry in
XML is dropped here too, so all three agree). Dates are RFC 3339 with their
offset, as Atom writes them. Keys come in a fixed order and nothing is read from
the clock, so the same content gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from ..text import xml_safe
from .feeds import FeedItem, FeedSpec

VERSION = "https://jsonfeed.org/version/1.1"
MEDIA_TYPE = "application/feed+json"


def build_json_feed(spec: FeedSpec, language: str) -> bytes:
    """The feed.json bytes of one feed: UTF-8, indented, ending in a newline."""
    feed: dict[str, Any] = {
        "version": VERSION,
        "title": xml_safe(spec.title),
        "home_page_url": spec.page_url,
        "feed_url": spec.json_url,
    }
    if spec.description:
        feed["description"] = xml_safe(spec.description)
    feed["language"] = language
    feed["items"] = [json_item(item) for item in spec.items]
    return (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def json_item(item: FeedItem) -> dict[str, Any]:
    """One item: its keys in the order the specification lists them."""
    entry: dict[str, Any] = {
        "id": item.id,
        "url": item.url,
        "title": xml_safe(item.title),
        "content_html": xml_safe(item.content_html),
    }
    if item.summary:
        entry["summary"] = xml_safe(item.summary)
    entry["date_published"] = item.published.isoformat()
    entry["date_modified"] = item.updated.isoformat()
    authors = [_author(name, url) for name, url in zip(item.authors, _padded(item), strict=True)]
    if authors:
        entry["authors"] = authors
    if item.categories:
        entry["tags"] = [xml_safe(tag) for tag in item.categories]
    return entry


def _author(name: str, url: str) -> dict[str, str]:
    author = {"name": xml_safe(name)}
    if url:
        author["url"] = url
    return author


def _padded(item: FeedItem) -> tuple[str, ...]:
    """An author page URL for each author ("" where there is none)."""
    urls = item.author_urls[: len(item.authors)]
    return urls + ("",) * (len(item.authors) - len(urls))
