"""serve with many tabs open: one shared event stream keeps ten tabs reloading; warnings are a
note that can be closed, errors a red banner."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from generator.serve import livereload

from ..conftest import make_project
from ..test_serve import Saves, serve_in_thread, wait_until
from .helpers import DESKTOP

TABS = 10
BOX = f"#{livereload.BANNER_ID}"


@dataclass
class Session:
    project: Path
    url: str
    saves: Saves


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    """serve in a thread on the sample project (under a sub-path), with saves told by the test."""
    project = make_project(tmp_path / "p", base_url="https://example.org/news/")
    saves = Saves()
    urls: list[str] = []

    def say(text: str) -> None:
        if match := re.search(r"serving (http://\S+)", text):
            urls.append(match.group(1))

    runner = serve_in_thread(project, saves, say, lambda _: None)
    wait_until(lambda: bool(urls))
    try:
        yield Session(project, urls[0], saves)
    finally:
        saves.put(None)
        runner.join(timeout=20)


def _mark(pages: list[Page]) -> None:
    for page in pages:
        page.evaluate("window.__notReloaded = true")  # gone once the page reloads itself


def _reloaded(page: Page, text: str) -> None:
    page.wait_for_function("(text) => document.body.innerText.includes(text)", arg=text, timeout=30_000)
    assert page.evaluate("window.__notReloaded === undefined"), "the page reloaded itself"


def _state_arrived(page: Page) -> None:
    page.wait_for_function("window.__newsDigestState !== undefined", timeout=30_000)


def _open_tabs(context: BrowserContext, url: str) -> list[Page]:
    pages = []
    for _ in range(TABS):
        page = context.new_page()
        page.goto(url, timeout=30_000)  # a tab per stream would stall here at the seventh
        pages.append(page)
    for page in pages:
        _state_arrived(page)
    return pages


# Ten tabs reloading at once now and then crash one renderer in a container
# ("Page crashed"); that is chromium's trouble, not a finding about the page, so
# the test runs again then, and only then. Any other failure fails it.
@pytest.mark.flaky(reruns=2, only_rerun=["TargetClosedError"])
def test_ten_tabs_reload_on_a_save_and_show_warnings_and_errors(browser: Browser, session: Session) -> None:
    context = browser.new_context(viewport=DESKTOP)
    try:
        pages = _open_tabs(context, session.url)
        article = (
            session.project / "content" / "articles" / "israel-recalls-negotiators-after-reaching-dead-end-in-qatar.md"
        )
        text = article.read_text(encoding="utf-8")
        title = re.search(r"^title: .+$", text, re.M)
        assert title

        _mark(pages)
        article.write_text(text.replace(title.group(0), "title: Seen in every tab", 1), encoding="utf-8")
        session.saves.put({str(article)})
        for page in pages:
            _reloaded(page, "Seen in every tab")

        # The tab holding the stream goes away: another takes it over, and the rest still reload.
        pages.pop(0).close()
        _mark(pages)
        article.write_text("---\ntitle: [never closed\n---\nbody\n", encoding="utf-8")  # a warning, not an error
        session.saves.put({str(article)})
        for page in pages:
            page.wait_for_function("!document.body.innerText.includes('Seen in every tab')", timeout=30_000)
            assert page.evaluate("window.__notReloaded === undefined")
            page.locator(BOX).wait_for(state="visible")
        tab, other = pages[0], pages[1]
        note = tab.locator(BOX)
        assert note.get_attribute("role") == "status" and note.get_attribute("data-level") == "warning"
        assert "israel-recalls-negotiators" in note.inner_text() and "warning" in note.inner_text()
        assert tab.get_by_role("alert").count() == 0, "no red banner for warnings alone"
        top = note.bounding_box()
        assert top is not None and top["y"] > DESKTOP["height"] / 2, "the note sits at the bottom, off the masthead"

        note.get_by_role("button", name="Dismiss the warnings").click()
        note.wait_for(state="detached")
        tab.reload()
        _state_arrived(tab)
        assert tab.locator(BOX).count() == 0, "a closed note stays closed for the same warnings"
        assert other.locator(BOX).is_visible(), "closing it in one tab leaves the others alone"

        # A bad site.yaml is an error: the red banner, in the tab that closed the note too.
        good_yaml = (session.project / "site.yaml").read_text(encoding="utf-8")
        (session.project / "site.yaml").write_text(good_yaml + "\ntopics: [\n", encoding="utf-8")
        session.saves.put({str(session.project / "site.yaml")})
        for page in (tab, other):
            banner = page.locator(f"{BOX}[data-level=error]")
            banner.wait_for(state="visible", timeout=30_000)
            assert banner.get_attribute("role") == "alert" and "error: not valid YAML" in banner.inner_text()

        # Fixed: the banner goes; the same warnings are still there, so the closed note stays closed.
        (session.project / "site.yaml").write_text(good_yaml, encoding="utf-8")
        session.saves.put({str(session.project / "site.yaml")})
        other.locator(f"{BOX}[data-level=warning]").wait_for(state="visible", timeout=30_000)
        tab.wait_for_function(f"!document.querySelector('{BOX}[data-level=error]')", timeout=30_000)
        assert tab.locator(BOX).count() == 0

        # Different warnings: the note comes back.
        second = next(p for p in (session.project / "content").rglob("*.md") if p != article)
        second.write_text("---\ntitle: [also never closed\n---\nbody\n", encoding="utf-8")
        session.saves.put({str(second)})
        note = tab.locator(f"{BOX}[data-level=warning]")
        note.wait_for(state="visible", timeout=30_000)
        assert second.name.removesuffix(".md") in note.inner_text()
    finally:
        context.close()


def test_stale_or_misaddressed_news_never_reloads_a_tab(browser: Browser, session: Session) -> None:
    """A state older than the page (from a leader that has not heard of the last rebuild
    yet), or an answer meant for another tab, is no reason to reload."""
    context = browser.new_context(viewport=DESKTOP)
    try:
        tab, sender = context.new_page(), context.new_page()
        for page in (tab, sender):
            page.goto(session.url, timeout=30_000)
            _state_arrived(page)
        _mark([tab])
        generation = tab.evaluate("window.__newsDigestState.generation")
        session_id, count = generation.split("-")
        channel = f"news-digest-live {urlsplit(session.url).path}{livereload.EVENTS_PATH}"
        sender.evaluate(
            """([name, stale, other, current]) => {
                const channel = new BroadcastChannel(name);
                channel.postMessage({kind: "state", state: {generation: stale, problems: []}});
                channel.postMessage({kind: "state", to: "another-tab", state: {generation: other, problems: []}});
                channel.postMessage({kind: "state", state: {generation: current, problems: ["x.md: warning: sentinel"],
                                     warnings: ["x.md: warning: sentinel"]}});
            }""",
            [channel, f"{session_id}-{int(count) - 1}", f"{session_id}-{int(count) + 5}", generation],
        )
        tab.locator(f"{BOX}[data-level=warning]").wait_for(state="visible", timeout=30_000)  # the last one arrived
        assert "sentinel" in tab.locator(BOX).inner_text()
        assert tab.evaluate("window.__notReloaded === true"), "the stale or misaddressed state reloaded the tab"
    finally:
        context.close()
