"""Search: the Pagefind index of the story pages, the search page and the header's search box,
built with the site; kept as it is by a build that changes no story page; gone with ``search: false``."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.check.run import check_site
from generator.config import load_config
from generator.errors import ConfigError
from generator.render import build as build_module
from generator.render.build import build

from .conftest import build_project, make_project, tree

HEADER_BOX = re.compile(
    r'<form class="site-search" action="([^"]+)" method="get" role="search"[^>]*>\s*<input [^>]*name="q"'
)


def fragments(output: Path) -> list[dict[str, object]]:
    """Every page record of the index, as Pagefind stores it (gzip, behind a short signature)."""
    found = []
    for path in sorted((output / "pagefind" / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        found.append(json.loads(data[len(b"pagefind_dcd") :]))
    return found


def marked_pages(output: Path) -> dict[str, str]:
    """The built pages that carry data-pagefind-body, by URL path, with their HTML."""
    return {
        "/" + path.relative_to(output).as_posix().removesuffix("index.html"): text
        for path in sorted(output.rglob("*.html"))
        if "data-pagefind-body" in (text := path.read_text(encoding="utf-8"))
    }


def index_state(output: Path) -> dict[str, tuple[int, bytes]]:
    return {
        path.relative_to(output).as_posix(): (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted((output / "pagefind").rglob("*"))
        if path.is_file()
    }


def no_indexing(*args: object, **kwargs: object) -> dict[str, bytes]:
    raise AssertionError("the search index was built again")


def set_search(project: Path, on: bool) -> None:
    config = project / "site.yaml"
    text = re.sub(r"(?m)^search: .*\n", "", config.read_text(encoding="utf-8"))
    config.write_text(text + f"search: {'true' if on else 'false'}\n", encoding="utf-8")


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """The sample project, ingested and built; returns the project folder."""
    project = make_project(tmp_path / "p")
    build_project(project)
    return project


def test_index_holds_every_article_and_live_blog_with_headline_date_and_outlet(built: Path) -> None:
    output = built / "output"
    marked = marked_pages(output)
    kinds = {url: "live" if "story-page live-blog" in html else "article" for url, html in marked.items()}
    assert sorted(set(kinds.values())) == ["article", "live"], "both kinds of story are indexed"
    for html in marked.values():
        assert 'class="parent">Part of the live coverage' not in html, "a live post is found through its blog"
    entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(marked)
    records = {record["url"]: record for record in fragments(output)}
    assert sorted(records) == sorted(marked)
    for url, html in marked.items():
        meta = records[url]["meta"]
        assert isinstance(meta, dict)
        headline = re.search(r"<h1>(.*?)</h1>", html)
        shown_time = re.search(r'<p class="meta"><time datetime="[^"]+">([^<]+)</time>', html)
        outlet = re.search(r'data-outlet="([^"]+)"', html)
        assert headline and shown_time and outlet
        assert meta["title"] == headline.group(1).replace("&#39;", "'")
        assert meta["date"] == shown_time.group(1), "the date as the page shows it"
        assert meta["outlet"] == outlet.group(1) and meta["outlet"] in html.split("</h1>", 1)[1]
        if kinds[url] == "article":
            assert "More from the digest" in html and "More from the digest" not in str(records[url]["content"]), (
                "the links under a story are not indexed"
            )
    for path in [output / "index.html", output / "archive" / "index.html", *output.glob("topics/*/index.html")]:
        assert "data-pagefind" not in path.read_text(encoding="utf-8"), f"list page {path} is not indexed"


def test_search_page_and_header_box(built: Path) -> None:
    output = built / "output"
    search = (output / "search" / "index.html").read_text(encoding="utf-8")
    assert 'data-index="../pagefind/pagefind.js"' in search and (output / "pagefind" / "pagefind.js").is_file()
    without_script = re.search(r'<p class="search-status" id="search-needs-js">(.*?)</p>', search)
    assert without_script and "needs JavaScript" in without_script.group(1)
    assert 'href="../archive/"' in without_script.group(1)
    assert 'getElementById("search-needs-js").remove()' in search, "the script takes the note away"
    assert 'URLSearchParams(location.search).get("q")' in search, "the page runs the query in ?q="
    for page in [output / "index.html", *output.glob("20*/*/*/*/index.html"), output / "search" / "index.html"]:
        box = HEADER_BOX.search(page.read_text(encoding="utf-8"))
        assert box, f"no search box in the header of {page}"
        assert (page.parent / box.group(1) / "index.html").resolve() == (output / "search" / "index.html").resolve()
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert "/search/" not in sitemap
    result = check_site(load_config(built / "site.yaml")[0], jobs=1)
    assert result.diagnostics == (), "check --strict passes: the index's files are neither orphans nor broken"


def test_checker_follows_form_actions(built: Path) -> None:
    """The search page is reached through the header's form; a form to nowhere is a broken link."""
    output = built / "output"
    archive = output / "archive" / "index.html"
    html = archive.read_text(encoding="utf-8")
    archive.write_text(html.replace('action="../search/"', 'action="../gone/"'), encoding="utf-8")
    result = check_site(load_config(built / "site.yaml")[0], jobs=1)
    assert any("'../gone/'" in d.message and d.level == "error" for d in result.diagnostics), result.diagnostics


def test_index_is_the_same_bytes_every_time(built: Path, tmp_path: Path) -> None:
    again = build_project(make_project(tmp_path / "again"))
    first = {k: v for k, v in tree(built / "output").items() if k.startswith("pagefind/")}
    second = {k: v for k, v in tree(again).items() if k.startswith("pagefind/")}
    assert first and first == second


def test_a_build_that_changes_no_story_does_not_index_again(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = built / "output"
    before = index_state(output)
    monkeypatch.setattr(build_module, "build_index", no_indexing)
    config = load_config(built / "site.yaml")[0]
    result = build(config)  # nothing changed at all
    assert (result.indexed, result.changed) == (0, 0)
    (output / "archive" / "index.html").unlink()  # a list page to make again: the build plans, stories stay
    result = build(config)
    assert result.changed == 1 and result.indexed == 0
    assert index_state(output) == before, "output/pagefind/ is left untouched"


def test_a_changed_story_is_indexed_again_as_a_cold_build_would(built: Path, tmp_path: Path) -> None:
    output = built / "output"
    before = index_state(output)
    [article] = (built / "content" / "articles").glob("israel-recalls*.md")
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("\n\n", "\n\nA zanzibarquux paragraph.\n\n", 1), encoding="utf-8")
    result = build(load_config(built / "site.yaml")[0])
    assert result.indexed == len(marked_pages(output)) and result.index_seconds > 0
    assert any("zanzibarquux" in str(record["content"]) for record in fragments(output))
    after = index_state(output)
    assert set(after) != set(before), "the changed page's record and the index chunks are new files"
    assert all(after[path] == state for path, state in before.items() if path in after and "fragment/" in path), (
        "the records of unchanged pages are not written again"
    )
    cold = tmp_path / "cold"
    shutil.copytree(built, cold, ignore=shutil.ignore_patterns("output", ".cache"))
    build(load_config(cold / "site.yaml")[0])
    assert tree(output) == tree(cold / "output"), "incremental and cold builds give the same site and index"


def test_search_off_leaves_out_index_page_and_box(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = built / "output"
    set_search(built, on=False)
    monkeypatch.setattr(build_module, "build_index", no_indexing)
    result = build(load_config(built / "site.yaml")[0])
    assert result.indexed == 0
    assert not (output / "pagefind").exists() and not (output / "search").exists()
    for path in output.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "site-search" not in html and "data-pagefind" not in html, path
    manifest = (output / ".news-digest-files").read_text(encoding="utf-8").splitlines()
    assert not [line for line in manifest if line.startswith(("pagefind/", "search/"))]
    assert check_site(load_config(built / "site.yaml")[0], jobs=1).diagnostics == ()
    monkeypatch.undo()
    set_search(built, on=True)
    build(load_config(built / "site.yaml")[0])
    assert (output / "pagefind" / "pagefind-entry.json").is_file() and (output / "search" / "index.html").is_file()


def test_search_takes_true_or_false(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    config = project / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "search: yes please\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    assert "'search' must be true or false, not 'yes please'" in str(caught.value.problems)
