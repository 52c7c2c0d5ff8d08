"""serve in a real browser: a save reloads the open page by itself, a bad edit shows a banner."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from ..conftest import make_project, serving
from .helpers import PageWatcher, watched_page


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """The sample project under a sub-path, served by ``python -m generator serve --port 0``."""
    project = make_project(tmp_path / "p", base_url="https://example.org/news/")
    with serving(project) as url:
        assert url.endswith("/news/")
        yield project, url


def _retitle(page_file: Path, title: str) -> None:
    text = page_file.read_text(encoding="utf-8")
    old = re.search(r"^title: .+$", text, re.M)
    assert old, page_file
    page_file.write_text(text.replace(old.group(0), f"title: {title}", 1), encoding="utf-8")


def test_a_save_reloads_the_open_page(browser: Browser, served: tuple[Path, str]) -> None:
    project, url = served
    with watched_page(browser) as (page, watcher):
        _save_and_see(project, url, page, watcher)


def _save_and_see(project: Path, url: str, page: Page, watcher: PageWatcher) -> None:
    page.goto(url)
    assert page.title().endswith("The Daily Brief")
    article = project / "content" / "articles" / "israel-recalls-negotiators-after-reaching-dead-end-in-qatar.md"
    assert article.is_file()
    page.evaluate("window.__notReloaded = true")  # gone once the page reloads itself

    _retitle(article, "Negotiators called home, an edit seen live")
    page.wait_for_function("document.body.innerText.includes('Negotiators called home, an edit seen live')")
    assert page.evaluate("window.__notReloaded === undefined"), "the new text came by a reload"

    # A bad edit: the page says so in a banner, the server keeps going.
    article.write_text("---\ntitle: [never closed\n---\nbody\n", encoding="utf-8")
    banner = page.locator("#news-digest-problems")
    banner.wait_for(state="visible")
    assert "israel-recalls-negotiators" in banner.inner_text()
    assert "not valid YAML" in banner.inner_text()

    # Fixed: the banner goes and the page shows the fixed text.
    article.write_text(
        "---\ntitle: Fixed again\nkind: article\ndate: '2023-12-02T17:51:00-05:00'\n---\nA short body.\n",
        encoding="utf-8",
    )
    page.wait_for_function("!document.body.innerText.includes('Negotiators called home')")
    banner.wait_for(state="detached")
    watcher.assert_clean()


def test_the_404_page_leads_home_on_the_local_server(browser: Browser, served: tuple[Path, str]) -> None:
    project, url = served
    with watched_page(browser) as (page, watcher):
        watcher.expect_status(url + "no-such-page/", 404)
        response = page.goto(url + "no-such-page/")
        assert response is not None and response.status == 404
        page.get_by_role("link", name="Go to the latest digest").click()
        page.wait_for_url(url)
        watcher.assert_clean()
    for file in (project / "output").rglob("*.html"):
        html = file.read_text(encoding="utf-8")
        assert "live-reload" not in html and "127.0.0.1" not in html, file
