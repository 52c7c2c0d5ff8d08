"""Site-wide files: sitemap.xml, robots.txt, and the static assets from layouts/."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape


def sitemap(entries: Iterable[tuple[str, datetime | None]]) -> bytes:
    """``entries``: absolute URL and last-modified time of each page."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for url, modified in entries:
        lastmod = f"<lastmod>{modified.isoformat()}</lastmod>" if modified else ""
        lines.append(f"<url><loc>{escape(url)}</loc>{lastmod}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def robots(sitemap_url: str) -> bytes:
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n".encode()


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
