"""Site-wide files: sitemap.xml, robots.txt, and the static assets from layouts/
(news-sitemap.xml is newsmap.py's).

A sitemap may list at most 50,000 URLs (sitemaps.org). A bigger site gets
``sitemap.xml`` as a sitemap index that points to ``sitemap-1.xml``,
``sitemap-2.xml``, … of at most that many URLs each, so robots.txt and search
consoles keep the one address.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

SITEMAP_LIMIT = 50_000
"""URLs one sitemap file may list."""
_XMLNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

Entry = tuple[str, datetime | None]
"""Absolute URL and last-modified time of a page."""


def sitemaps(entries: Iterable[Entry], absolute: Callable[[str], str], limit: int = SITEMAP_LIMIT) -> dict[str, bytes]:
    """``sitemap.xml`` alone, or, past ``limit`` URLs, an index and its parts."""
    listed = list(entries)
    if len(listed) <= limit:
        return {"sitemap.xml": sitemap(listed)}
    parts = {
        f"sitemap-{n}.xml": listed[start : start + limit] for n, start in enumerate(range(0, len(listed), limit), 1)
    }
    index = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{_XMLNS}">']
    for name, part in parts.items():
        newest = max((m for _, m in part if m), default=None)
        lastmod = f"<lastmod>{newest.isoformat()}</lastmod>" if newest else ""
        index.append(f"<sitemap><loc>{escape(absolute(name))}</loc>{lastmod}</sitemap>")
    index.append("</sitemapindex>")
    return {"sitemap.xml": ("\n".join(index) + "\n").encode("utf-8"), **{n: sitemap(p) for n, p in parts.items()}}


def sitemap(entries: Iterable[Entry]) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{_XMLNS}">']
    for url, modified in entries:
        lastmod = f"<lastmod>{modified.isoformat()}</lastmod>" if modified else ""
        lines.append(f"<url><loc>{escape(url)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(sitemap_urls: Iterable[str]) -> bytes:
    """Allow everything, and name each sitemap (absolute URLs, one ``Sitemap:`` line each)."""
    lines = "".join(f"Sitemap: {url}\n" for url in sitemap_urls)
    return f"User-agent: *\nAllow: /\n\n{lines}".encode()


def read_assets(folder: Path) -> dict[str, bytes]:
    """Every file under layouts/static/, by its path relative to that folder."""
    if not folder.is_dir():
        return {}
    base = folder.resolve()
    assets = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.name.startswith(".") and base in path.resolve().parents:
            assets[path.relative_to(folder).as_posix()] = path.read_bytes()
    return assets
