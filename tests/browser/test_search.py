"""Search in a real browser: a reader types words from a story's headline into the header's box
and finds that story on the search page, with its date and outlet; the search page reads ?q=,
takes new queries in place, passes axe with results shown, and without JavaScript says why it
cannot search and where to browse instead."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Browser, Page, expect

from .conftest import ServedSite
from .helpers import AXE_COLOR_RULES, format_violations, run_axe, watched_page

RESULTS = "ol.search-results > li.search-result"


def story(page: Page, site: ServedSite, kind: str) -> tuple[str, str, str]:
    """The headline, shown time and outlet of the sample site's page of ``kind``, read from the page."""
    page.goto(site.at(kind))
    headline = page.get_by_role("heading", level=1).inner_text()
    shown = page.locator("header.story-head p.meta time").first.inner_text()
    outlet = page.locator("article.story-page").first.get_attribute("data-outlet") or ""
    assert outlet and outlet in page.locator("header.story-head").inner_text()
    return headline, shown, outlet


def query_for(headline: str) -> str:
    """Three words of the headline a reader might remember (the longest, so they are distinctive)."""
    words = sorted(set(re.findall(r"[A-Za-z]{4,}", headline)), key=lambda w: (-len(w), w))
    return " ".join(words[:3])


def result_titled(page: Page, headline: str):  # type: ignore[no-untyped-def]
    return page.locator(RESULTS).filter(has=page.get_by_role("link", name=headline, exact=True))


def test_header_box_finds_the_story_with_its_date_and_outlet(browser: Browser, site: ServedSite) -> None:
    with watched_page(browser) as (page, watcher):
        headline, shown, outlet = story(page, site, "article")
        page.goto(f"{site.url}/")
        box = page.get_by_role("search", name="Site search").get_by_role("searchbox")
        words = query_for(headline)
        box.fill(words)
        box.press("Enter")
        page.wait_for_url(re.compile(r"/search/\?q="))
        assert parse_qs(urlsplit(page.url).query)["q"] == [words]
        expect(page.get_by_role("searchbox", name="Words to find in the articles and live blogs")).to_have_value(words)
        found = result_titled(page, headline)
        expect(found).to_have_count(1)
        expect(found.locator("p.meta")).to_have_text(f"{shown} · {outlet}")
        expect(found.locator(".search-excerpt mark").first).to_be_visible()
        expect(page.locator("#search-status")).to_contain_text("match")
        violations = run_axe(page)
        assert not violations, f"axe on the search results:\n{format_violations(violations)}"
        page.emulate_media(color_scheme="dark")
        violations = run_axe(page, AXE_COLOR_RULES)
        assert not violations, f"axe on the search results in dark mode:\n{format_violations(violations)}"
        found.get_by_role("link").click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).inner_text() == headline
        watcher.assert_clean(page.url)


def test_search_page_takes_new_queries_in_place(browser: Browser, site: ServedSite) -> None:
    with watched_page(browser) as (page, watcher):
        headline, _, _ = story(page, site, "live blog")
        page.goto(f"{site.url}/search/")
        expect(page.locator(RESULTS)).to_have_count(0)
        expect(page.get_by_text("needs JavaScript")).to_have_count(0)
        field = page.get_by_role("searchbox", name="Words to find in the articles and live blogs")
        field.fill(query_for(headline))
        field.press("Enter")
        expect(result_titled(page, headline)).to_have_count(1)
        assert urlsplit(page.url).path.endswith("/search/") and "q=" in page.url, "the query is kept in the address"
        field.fill("qqqzzzxxyy")
        field.press("Enter")
        expect(page.locator("#search-status")).to_contain_text("No stories match")
        expect(page.locator(RESULTS)).to_have_count(0)
        watcher.assert_clean(page.url)


def test_search_page_without_javascript_points_to_the_archive(browser: Browser, site: ServedSite) -> None:
    with watched_page(browser, java_script_enabled=False) as (page, watcher):
        page.goto(f"{site.url}/")
        box = page.get_by_role("search", name="Site search").get_by_role("searchbox")
        box.fill("anything")
        box.press("Enter")  # a plain form: the browser goes to the search page by itself
        page.wait_for_url(re.compile(r"/search/\?q=anything$"))
        note = page.get_by_text("needs JavaScript")
        expect(note).to_be_visible()
        note.get_by_role("link", name="browse the archive").click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).inner_text() == "Archive"
        watcher.assert_clean(page.url)
