"""Past 50,000 URLs the sitemap becomes an index of parts, each within the limit."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

from generator.render.sitefiles import SITEMAP_LIMIT, sitemaps

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
START = datetime(2024, 1, 1, tzinfo=UTC)


def _entries(n: int) -> list[tuple[str, datetime | None]]:
    return [(f"https://example.org/{k}/", START + timedelta(minutes=k) if k % 7 else None) for k in range(n)]


def test_a_small_site_has_one_sitemap() -> None:
    files = sitemaps(_entries(5), lambda name: "https://example.org/" + name)
    assert list(files) == ["sitemap.xml"]
    root = ET.fromstring(files["sitemap.xml"])
    assert root.tag == f"{{{NS['s']}}}urlset" and len(root.findall("s:url", NS)) == 5


def test_a_big_site_gets_an_index_of_parts_within_the_limit() -> None:
    entries = _entries(25)
    files = sitemaps(entries, lambda name: "https://example.org/" + name, limit=10)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == f"{{{NS['s']}}}sitemapindex"
    assert [e.text for e in index.findall("s:sitemap/s:loc", NS)] == [
        f"https://example.org/sitemap-{n}.xml" for n in (1, 2, 3)
    ]
    listed = []
    for n in (1, 2, 3):
        part = ET.fromstring(files[f"sitemap-{n}.xml"])
        urls = [e.text for e in part.findall("s:url/s:loc", NS)]
        assert 0 < len(urls) <= 10
        listed += urls
    assert listed == [url for url, _ in entries]  # every page once, in order
    newest_of_first = max(m for _, m in entries[:10] if m)
    assert index.findall("s:sitemap/s:lastmod", NS)[0].text == newest_of_first.isoformat()


def test_the_limit_is_the_protocols() -> None:
    assert SITEMAP_LIMIT == 50_000
    assert list(sitemaps(_entries(SITEMAP_LIMIT), str)) == ["sitemap.xml"]
    assert len(sitemaps(_entries(SITEMAP_LIMIT + 1), str)) == 3
