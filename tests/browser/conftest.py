"""Fixtures for the browser tests: the sample site (tests/fixtures/sample/ with the shipped
layouts/), built into a tmp folder and served on 127.0.0.1, and one headless chromium for the
whole session (see helpers.py)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from ..conftest import build_project, make_project
from .helpers import StaticServer, chromium_path, launch_chromium


@dataclass(frozen=True)
class ServedSite:
    """A built site and the server in front of it. ``kinds`` maps a page kind to its URL path."""

    url: str
    output: Path
    kinds: dict[str, str]

    def at(self, kind: str) -> str:
        return f"{self.url}/{self.kinds[kind]}"


_DAY = re.compile(r"^\d{4}/\d{2}/\d{2}/index\.html$")


def page_kinds(output: Path) -> dict[str, str]:
    """One URL path per kind of page in a built site, found from the files and the markup they carry."""
    kinds: dict[str, str] = {"home": "", "archive": "archive/", "404": "no-such-page/"}
    term_kind = {"topics": "topic", "authors": "author", "places": "place", "outlets": "outlet"}
    for folder in term_kind:
        if (output / folder / "index.html").is_file():
            kinds[f"{folder} index"] = f"{folder}/"
    if (output / "stories" / "index.html").is_file():
        kinds["stories index"] = "stories/"
    if (output / "search" / "index.html").is_file():
        kinds["search"] = "search/"
    for path in sorted(output.rglob("index.html")):
        rel = path.relative_to(output).as_posix()
        url = rel.removesuffix("index.html")
        parts = rel.split("/")
        if _DAY.match(rel):
            kinds.setdefault("digest", url)
        elif parts[0] == "stories" and len(parts) == 3:
            kinds.setdefault("story", url)
        elif parts[0] in term_kind and len(parts) == 3:
            kinds.setdefault(term_kind[parts[0]], url)
        elif parts[0].isdigit() and len(parts) == 5:
            html = path.read_text(encoding="utf-8")
            if "story-page live-blog" in html:
                kinds.setdefault("live blog", url)
            elif 'class="parent">Part of the live coverage' in html:
                kinds.setdefault("live post", url)
            else:
                kinds.setdefault("article", url)
    return kinds


@contextmanager
def served_build(dest: Path, prepare: Callable[[Path], None] | None = None) -> Iterator[ServedSite]:
    """The sample project copied to ``dest``, changed by ``prepare`` if given, built and served.

    Its base_url is the server's own URL, so 404.html's absolute links work too."""
    with StaticServer(dest / "output") as server:
        project = make_project(dest, base_url=f"{server.url}/")
        if prepare:
            prepare(project)
        output = build_project(project)
        assert output == server.root, (output, server.root)
        yield ServedSite(url=server.url, output=output, kinds=page_kinds(output))


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The sample project (tests/fixtures/sample/ and layouts/) built and served on 127.0.0.1."""
    with served_build(tmp_path_factory.mktemp("browser-site")) as served:
        yield served


FRONT_PAGE = Path(__file__).resolve().parent.parent / "fixtures" / "frontpage"


def add_front_page(project: Path) -> None:
    """Six more articles of invented text on the sample's last day (tests/fixtures/frontpage/)."""
    for source in sorted(FRONT_PAGE.glob("*.md")):
        if source.name != "README.md":
            (project / "content" / "articles" / source.name).write_bytes(source.read_bytes())


@pytest.fixture(scope="session")
def front_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedSite]:
    """The sample site with a full front page: a lead story, a grid of others and the live module."""
    with served_build(tmp_path_factory.mktemp("browser-front"), add_front_page) as served:
        yield served


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless chromium (the system's, never a downloaded one) for the session."""
    chromium_path()  # fails, or skips under NEWS_DIGEST_SKIP_BROWSER=1, before Playwright starts
    with sync_playwright() as playwright:
        instance = launch_chromium(playwright)
        try:
            yield instance
        finally:
            instance.close()
