"""The built sample site in a real browser (the system's chromium through Playwright): a reader's
walk through it by clicking links, accessibility (axe-core) on every kind of page, no sideways
scrolling on a phone, and screenshots for the docs."""

from __future__ import annotations

import os
import re
import shutil
import struct
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from .conftest import ServedSite, served_build
from .helpers import (
    AXE_COLOR_RULES,
    DESKTOP,
    MOBILE,
    SCREENSHOTS_ENV,
    PageWatcher,
    chromium_path,
    format_violations,
    horizontal_overflow,
    run_axe,
    watched_page,
)

PAGE_KINDS = [
    "home",
    "digest",
    "article",
    "live blog",
    "live post",
    "story",
    "stories index",
    "topic",
    "topics index",
    "author",
    "authors index",
    "place",
    "places index",
    "outlet",
    "outlets index",
    "archive",
    "search",
    "404",
]


def open_kind(page: Page, site: ServedSite, kind: str) -> None:
    """Load one page of ``kind``; the 404 page is reached the way a reader does, at a missing URL."""
    assert kind in site.kinds, f"the sample site has no {kind} page (found: {sorted(site.kinds)})"
    response = page.goto(site.at(kind))
    assert response is not None
    assert response.status == (404 if kind == "404" else 200), f"{kind}: HTTP {response.status} for {page.url}"


def test_chromium_is_installed() -> None:
    """Fails (never skips, unless NEWS_DIGEST_SKIP_BROWSER=1) when there is no chromium to run the rest."""
    assert Path(chromium_path()).is_file()


def test_every_page_kind_is_found(site: ServedSite) -> None:
    assert sorted(site.kinds) == sorted(PAGE_KINDS)


def test_reader_walk_home_digest_story_topic_author_feed(browser: Browser, site: ServedSite) -> None:
    with watched_page(browser) as (page, watcher):
        page.goto(f"{site.url}/")
        assert page.title() == "The Daily Brief"

        # Home → the latest digest, through the date that heads the home page.
        day_link = page.get_by_role("heading", level=1).get_by_role("link")
        day = day_link.inner_text()
        day_link.click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).inner_text() == day
        assert re.search(r"/\d{4}/\d{2}/\d{2}/$", page.url), page.url
        watcher.assert_clean(f"the digest {page.url}")

        # Digest → its lead story, by the headline a reader would click.
        headline = page.locator("ol.stories").get_by_role("heading", level=2).first.get_by_role("link")
        title = headline.inner_text()
        headline.click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).inner_text() == title
        assert page.get_by_role("article").first.is_visible()
        watcher.assert_clean(f"the story {page.url}")

        # Story → one of its topics, from the topic links at its foot.
        topic_link = page.locator(".story-foot").get_by_role("listitem").first.get_by_role("link")
        topic = topic_link.inner_text()
        topic_link.click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).inner_text() == topic
        assert "/topics/" in page.url
        watcher.assert_clean(f"the topic {page.url}")

        # Topic → the author of its first story, from the byline.
        author_link = page.get_by_role("main").locator(".byline").first.get_by_role("link").first
        author = author_link.inner_text()
        author_link.click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).inner_text() == author
        assert "/authors/" in page.url
        watcher.assert_clean(f"the author {page.url}")

        # Author → their RSS feed: real XML, a channel with items. Shown in the browser, a feed (a
        # document that names no icon) makes chromium ask for /favicon.ico, which the generator does
        # not write (it has static/favicon.svg only): that one 404 is known, and allowed here alone.
        watcher.expect_status(f"{site.url}/favicon.ico", 404)
        feed_link = page.get_by_role("main").get_by_role("link", name="RSS", exact=True)
        with page.expect_response(lambda r: r.url.endswith("/feed.xml")) as feed_info:
            feed_link.click()
        feed = feed_info.value
        assert feed.status == 200
        assert "xml" in feed.headers.get("content-type", "")
        root = ET.fromstring(feed.body())
        assert root.tag == "rss"
        items = root.findall("./channel/item")
        assert items, "the author's feed has no items"
        assert author in (root.findtext("./channel/title") or ""), "the feed is not the author's"
        watcher.assert_clean(f"the feed {feed.url}")


def test_axe_runner_reports_violations(browser: Browser) -> None:
    """The runner itself works: a page with known faults gets them reported."""
    with watched_page(browser) as (page, watcher):
        page.set_content('<html><body><a href="#"></a><p style="color:#777;background:#888">grey</p></body></html>')
        violations = run_axe(page)
        found = {violation["id"] for violation in violations}
        assert {"html-has-lang", "document-title", "link-name", "color-contrast"} <= found, found
        report = format_violations(violations)
        assert (
            "link-name (serious): " in report and "\n    a: Fix all of the following: Element is in tab order" in report
        ), report
        watcher.assert_clean()


@pytest.fixture(scope="module")
def desktop_page(browser: Browser) -> Iterator[tuple[Page, PageWatcher]]:
    """One desktop page for the checks of every page kind (a context per kind costs more than the check)."""
    with watched_page(browser, viewport=DESKTOP) as pair:
        yield pair


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_axe_violations(desktop_page: tuple[Page, PageWatcher], site: ServedSite, kind: str) -> None:
    """Every rule in light mode; the colour rules again in dark mode."""
    page, watcher = desktop_page
    watcher.reset()
    page.emulate_media(color_scheme="light")
    if kind == "404":
        watcher.expect_status(site.at(kind), 404)
    open_kind(page, site, kind)
    violations = run_axe(page)
    assert not violations, f"axe on the {kind} page {page.url}:\n{format_violations(violations)}"
    page.emulate_media(color_scheme="dark")
    violations = run_axe(page, AXE_COLOR_RULES)
    assert not violations, f"axe on the {kind} page in dark mode {page.url}:\n{format_violations(violations)}"
    watcher.assert_clean(page.url)


def test_no_sideways_scrolling_on_a_phone(browser: Browser, site: ServedSite) -> None:
    """At 375 px no kind of page is wider than the screen; one page visits them all."""
    wide = []
    with watched_page(browser, viewport=MOBILE) as (page, watcher):
        watcher.expect_status(site.at("404"), 404)
        for kind in PAGE_KINDS:
            open_kind(page, site, kind)
            found = horizontal_overflow(page)
            if found["scrollWidth"] > found["clientWidth"]:
                wide.append(f"{kind} ({page.url}): {found}")
        watcher.assert_clean()
    assert not wide, "pages that scroll sideways at 375 px:\n" + "\n".join(wide)


# ---------- Long words, URLs, tables, code and images in a body ----------

UNBROKEN = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft" * 2
LONG_URL = "https://example.org/" + "/".join(f"segment-{n}-of-a-very-long-address" for n in range(12))
STRESS_PAGE = f"""---
id: urn:uuid:00000000-0000-4000-8000-000000000375
title: {UNBROKEN}
slug: layout-stress-test
kind: article
date: '2023-12-02T09:00:00-05:00'
authors:
- {UNBROKEN}
source: CNN
dateline: {UNBROKEN}
summary: A page with every kind of wide content.
images:
- caption: {UNBROKEN}
  credit: {UNBROKEN}
---

A word with no break: {UNBROKEN}.

A bare address: {LONG_URL} and a link to it: [{LONG_URL}]({LONG_URL}).

<table>
<caption>A wide table</caption>
<thead><tr>{"".join(f"<th scope='col'>Column {n} heading</th>" for n in range(10))}</tr></thead>
<tbody><tr>{"".join(f"<td>{n * 1234567.89:,.2f}</td>" for n in range(10))}</tr></tbody>
</table>

    code_line = "{"x" * 200}"  # an indented code block with a long line

<pre><code>{"y" * 200}</code></pre>

<img src="../../../../static/favicon.svg" alt="A picture wider than any phone" width="2000" height="400">

## {UNBROKEN}
"""


@pytest.fixture(scope="module")
def stress_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The sample site plus one article made of everything that could widen a page."""

    def add_page(project: Path) -> None:
        (project / "content" / "articles" / "layout-stress-test.md").write_text(STRESS_PAGE, encoding="utf-8")

    with served_build(tmp_path_factory.mktemp("browser-stress"), add_page) as served:
        yield served


def test_wide_content_does_not_scroll_sideways_on_a_phone(browser: Browser, stress_site: ServedSite) -> None:
    with watched_page(browser, viewport=MOBILE) as (page, watcher):
        for path in ("2023/12/02/layout-stress-test/", "2023/12/02/", "authors/"):
            response = page.goto(f"{stress_site.url}/{path}")
            assert response is not None and response.status == 200, path
            found = horizontal_overflow(page)
            assert found["scrollWidth"] <= found["clientWidth"], f"{path} scrolls sideways at 375 px: {found}"
        page.goto(f"{stress_site.url}/2023/12/02/layout-stress-test/")
        violations = run_axe(page)
        assert not violations, format_violations(violations)
        watcher.assert_clean(page.url)


# ---------- Screenshots ----------


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk; fails if the file is not a PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert data[12:16] == b"IHDR", f"{path} has no IHDR chunk"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def keep_screenshot(path: Path) -> None:
    """Copy a screenshot to $NEWS_DIGEST_SCREENSHOTS (the docs' images) when it is set."""
    target = os.environ.get(SCREENSHOTS_ENV)
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(target) / path.name)
