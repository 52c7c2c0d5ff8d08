"""Search in a real browser: a reader types words from a story's headline into the header's box
and finds that story on the search page, with its date and outlet; the search page reads ?q=,
takes new queries in place, passes axe with results shown, and without JavaScript says why it
cannot search and where to browse instead."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from .conftest import ServedSite, served_build
from .helpers import AXE_COLOR_RULES, format_violations, run_axe, watched_page

RESULTS = "ol.search-results > li.search-result"
OLD_WORD = "quillowmere"
"""A word only the two older stories of ``periods_site`` have: one in September 2023, one in 2022."""


def add_older_stories(project: Path) -> None:
    """Two stories months and a year before the sample's day, so the index has three bundles
    (the sample's week, September 2023, 2022) and the search page merges two into the newest."""
    for slug, day, title in [
        ("lighthouse-keepers", "2023-09-14", "Lighthouse keepers vote on new rota"),
        ("tram-depot", "2022-05-03", "Tram depot reopens after repairs"),
    ]:
        (project / "content" / "articles" / f"{slug}.md").write_text(
            f"---\ntitle: {title}\nslug: {slug}\nkind: article\ndate: '{day}T09:30:00+00:00'\n"
            f"source: Example Wire\n---\n\nThe {OLD_WORD} committee met to talk it over.\n",
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def periods_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The sample site with two older stories: a search index of three bundles."""
    with served_build(tmp_path_factory.mktemp("browser-periods"), add_older_stories) as served:
        yield served


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


def test_search_covers_every_bundle(browser: Browser, periods_site: ServedSite) -> None:
    site = periods_site
    bundles = sorted(p.name for p in (site.output / "pagefind").iterdir())
    assert bundles == ["2022", "2023-09", "2023-12-w1"], "three periods, three bundles"
    with watched_page(browser) as (page, watcher):
        page.goto(f"{site.url}/search/?q={OLD_WORD}")
        expect(page.locator(RESULTS)).to_have_count(2)  # one from each merged bundle
        expect(page.locator("#search-status")).to_have_text(f"2 stories match “{OLD_WORD}”.")
        older = [("Lighthouse keepers vote on new rota", "2023"), ("Tram depot reopens after repairs", "2022")]
        for title, shown in older:
            found = result_titled(page, title)
            expect(found).to_have_count(1)
            expect(found.locator("p.meta")).to_contain_text(shown)
            expect(found.locator("p.meta")).to_contain_text("Example Wire")
        page.goto(f"{site.url}/{site.kinds['live blog']}")
        newest = page.get_by_role("heading", level=1).inner_text()
        page.goto(f"{site.url}/search/")
        field = page.get_by_role("searchbox", name="Words to find in the articles and live blogs")
        field.fill(query_for(newest))
        field.press("Enter")
        expect(result_titled(page, newest)).to_have_count(1)  # the newest bundle, loaded first
        violations = run_axe(page)
        assert not violations, f"axe on results from several bundles:\n{format_violations(violations)}"
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
