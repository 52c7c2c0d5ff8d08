"""Search: the Pagefind index of the story pages, the search page and the header's search box,
built with the site; kept as it is by a build that changes no story page; gone with ``search: false``."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.check.run import check_site
from generator.config import load_config
from generator.errors import ConfigError
from generator.render import build as build_module
from generator.render import search, searchindex
from generator.render.build import build
from generator.render.bundles import bundle_for, group, names

from .conftest import build_project, make_project, tree

HEADER_BOX = re.compile(
    r'<form class="site-search" action="([^"]+)" method="get" role="search"[^>]*>\s*<input [^>]*name="q"'
)


SAMPLE_BUNDLE = "2023-12-w1"
"""The sample's stories are all of 2 December 2023: the first week of the newest month."""


def fragments(output: Path, bundle: str = "*") -> list[dict[str, object]]:
    """Every page record of the index (of one bundle, or of all), as Pagefind stores it
    (gzip, behind a short signature)."""
    found = []
    for path in sorted((output / "pagefind").glob(f"{bundle}/fragment/*")):
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
    assert sorted(p.name for p in (output / "pagefind").iterdir()) == [SAMPLE_BUNDLE], "one bundle: one week"
    entry = json.loads((output / "pagefind" / SAMPLE_BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
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
    assert f'data-bundles="../pagefind/{SAMPLE_BUNDLE}/"' in search
    assert (output / "pagefind" / SAMPLE_BUNDLE / "pagefind.js").is_file()
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
    monkeypatch.setattr(searchindex, "build_index", no_indexing)
    config = load_config(built / "site.yaml")[0]
    result = build(config)  # nothing changed at all
    assert (result.indexed, result.changed, result.bundles_indexed) == (0, 0, ())
    (output / "archive" / "index.html").unlink()  # a list page to make again: the build plans, stories stay
    result = build(config)
    assert result.changed == 1 and result.indexed == 0 and result.bundles_indexed == ()
    assert index_state(output) == before, "output/pagefind/ is left untouched"


def test_a_new_pagefind_makes_the_index_again_with_nothing_else_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An upgraded binary may write a different index: the build does not stop at "nothing changed"."""
    project = make_project(tmp_path / "p")
    config = load_config(project / "site.yaml")[0]
    build(config)
    assert build(config).bundles_indexed == (), "nothing changed: nothing indexed"
    upgraded = search.engine_identity() + ":upgraded"
    for module in (search, build_module):
        monkeypatch.setattr(module, "engine_identity", lambda engine=None: upgraded)
    result = build(config)
    assert result.bundles_indexed, "every bundle is indexed again by the new binary"
    assert result.rendered == 0, "the pages themselves are kept"


def test_a_changed_story_is_indexed_again_as_a_cold_build_would(built: Path, tmp_path: Path) -> None:
    output = built / "output"
    before = index_state(output)
    [article] = (built / "content" / "articles").glob("israel-recalls*.md")
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("\n\n", "\n\nA zanzibarquux paragraph.\n\n", 1), encoding="utf-8")
    result = build(load_config(built / "site.yaml")[0])
    assert result.indexed == len(marked_pages(output)) and result.index_seconds > 0
    assert result.bundles_indexed == (SAMPLE_BUNDLE,)
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
    monkeypatch.setattr(searchindex, "build_index", no_indexing)
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
    assert (output / "pagefind" / SAMPLE_BUNDLE / "pagefind-entry.json").is_file()
    assert (output / "search" / "index.html").is_file()


def test_search_takes_true_or_false(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    config = project / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "search: yes please\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    assert "'search' must be true or false, not 'yes please'" in str(caught.value.problems)


# ---- bundles: the index split by period, each re-indexed only when one of its stories changed ----


def test_bundle_rule_weeks_of_the_newest_month_then_months_then_years() -> None:
    newest = date(2026, 11, 30)
    assert bundle_for(date(2026, 11, 1), newest).name == "2026-11-w1"
    assert bundle_for(date(2026, 11, 7), newest).name == "2026-11-w1"
    assert bundle_for(date(2026, 11, 8), newest).name == "2026-11-w2"
    assert bundle_for(date(2026, 11, 21), newest).name == "2026-11-w3"
    assert bundle_for(date(2026, 11, 28), newest).name == "2026-11-w4"
    assert bundle_for(date(2026, 11, 29), newest).name == "2026-11-w5"
    assert bundle_for(date(2026, 10, 31), newest).name == "2026-10"
    assert bundle_for(date(2026, 1, 1), newest).name == "2026-01"
    assert bundle_for(date(2025, 12, 31), newest).name == "2025"
    assert bundle_for(date(2019, 6, 5), newest).name == "2019"
    days = {"a": date(2026, 11, 30), "b": date(2026, 11, 2), "c": date(2026, 11, 3), "d": date(2026, 3, 9)}
    days |= {"e": date(2025, 1, 1), "f": date(2026, 10, 1), "g": date(2024, 12, 31)}
    assert group(days) == {
        "2026-11-w5": ["a"],
        "2026-11-w1": ["b", "c"],
        "2026-10": ["f"],
        "2026-03": ["d"],
        "2025": ["e"],
        "2024": ["g"],
    }, "newest bundle first"
    assert names([]) == [] and group({}) == {}


def test_bundle_rule_rolls_weeks_into_a_month_and_months_into_a_year() -> None:
    days = {"late": date(2026, 11, 20), "early": date(2026, 11, 3), "spring": date(2026, 4, 2)}
    assert list(group(days)) == ["2026-11-w3", "2026-11-w1", "2026-04"]
    days["december"] = date(2026, 12, 1)  # the month rolls over: November's weeks become one bundle
    assert group(days) == {"2026-12-w1": ["december"], "2026-11": ["early", "late"], "2026-04": ["spring"]}
    days["new-year"] = date(2027, 1, 4)  # the year rolls over: 2026's months become one bundle
    assert group(days) == {"2027-01-w1": ["new-year"], "2026": ["december", "early", "late", "spring"]}


def add_article(project: Path, slug: str, day: str, words: str) -> Path:
    path = project / "content" / "articles" / f"{slug}.md"
    path.write_text(
        f"---\ntitle: {words.title()} report\nslug: {slug}\nkind: article\ndate: '{day}T10:00:00-05:00'\n"
        f"source: Example Wire\n---\n\nA short report about {words}.\n",
        encoding="utf-8",
    )
    return path


def bundle_state(output: Path, bundle: str) -> dict[str, tuple[int, bytes]]:
    return {k: v for k, v in index_state(output).items() if k.startswith(f"pagefind/{bundle}/")}


def urls_of(output: Path, bundle: str) -> list[str]:
    return sorted(str(record["url"]) for record in fragments(output, bundle))


@pytest.fixture
def periods(tmp_path: Path) -> Path:
    """The sample project (2 December 2023) with stories in three more periods: later that month,
    earlier that year and the year before."""
    project = make_project(tmp_path / "periods")
    add_article(project, "harbour-crane", "2023-12-16", "harbour crane quintessa")
    add_article(project, "orchard-frost", "2023-10-05", "orchard frost pomelvar")
    add_article(project, "canal-lock", "2022-06-01", "canal lock trevistane")
    build_project(project)
    return project


PERIODS = ("2023-12-w3", SAMPLE_BUNDLE, "2023-10", "2022")


def test_each_period_is_its_own_bundle_listed_newest_first(periods: Path) -> None:
    output = periods / "output"
    assert sorted(p.name for p in (output / "pagefind").iterdir()) == sorted(PERIODS)
    search = (output / "search" / "index.html").read_text(encoding="utf-8")
    assert 'data-bundles="' + " ".join(f"../pagefind/{name}/" for name in PERIODS) + '"' in search
    assert urls_of(output, "2023-12-w3") == ["/2023/12/16/harbour-crane/"]
    assert urls_of(output, "2023-10") == ["/2023/10/05/orchard-frost/"]
    assert urls_of(output, "2022") == ["/2022/06/01/canal-lock/"]
    assert sorted(urls_of(output, SAMPLE_BUNDLE)) == sorted(u for u in marked_pages(output) if "/2023/12/02/" in u)
    for name in PERIODS:
        assert (output / "pagefind" / name / "pagefind.js").is_file(), f"bundle {name} can be loaded or merged"
    assert check_site(load_config(periods / "site.yaml")[0], jobs=1).diagnostics == ()


def test_a_changed_story_indexes_only_its_bundle_as_a_cold_build_would(periods: Path, tmp_path: Path) -> None:
    output = periods / "output"
    before = index_state(output)
    add_article(periods, "orchard-frost", "2023-10-05", "orchard frost pomelvar zanzibarquux")
    result = build(load_config(periods / "site.yaml")[0])
    assert result.bundles_indexed == ("2023-10",) and result.indexed == 1
    assert any("zanzibarquux" in str(record["content"]) for record in fragments(output, "2023-10"))
    after = index_state(output)
    for name in set(PERIODS) - {"2023-10"}:
        kept = {k: v for k, v in before.items() if k.startswith(f"pagefind/{name}/")}
        assert kept and bundle_state(output, name) == kept, f"bundle {name}: same files, bytes and mtimes"
    assert bundle_state(output, "2023-10") != {k: v for k, v in before.items() if "/2023-10/" in k}
    assert set(after) - set(before), "the changed bundle has new files"
    cold = tmp_path / "cold"
    shutil.copytree(periods, cold, ignore=shutil.ignore_patterns("output", ".cache"))
    build(load_config(cold / "site.yaml")[0])
    assert tree(output) == tree(cold / "output"), "incremental and cold builds give the same site and index"


def test_no_change_runs_pagefind_for_no_bundle(periods: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = periods / "output"
    before = index_state(output)
    monkeypatch.setattr(searchindex, "build_index", no_indexing)
    config = load_config(periods / "site.yaml")[0]
    (output / "archive" / "index.html").unlink()  # the build plans every bundle, and keeps them all
    result = build(config)
    assert (result.bundles_indexed, result.indexed) == ((), 0) and result.changed == 1
    assert index_state(output) == before


def test_a_bundle_whose_stories_are_all_gone_is_removed(periods: Path, tmp_path: Path) -> None:
    output = periods / "output"
    before = index_state(output)
    (periods / "content" / "articles" / "canal-lock.md").unlink()
    result = build(load_config(periods / "site.yaml")[0])
    assert result.bundles_indexed == ()
    assert not (output / "pagefind" / "2022").exists()
    manifest = (output / ".news-digest-files").read_text(encoding="utf-8")
    assert "pagefind/2022/" not in manifest and "pagefind/2023-10/" in manifest
    assert index_state(output) == {k: v for k, v in before.items() if not k.startswith("pagefind/2022/")}
    search = (output / "search" / "index.html").read_text(encoding="utf-8")
    assert "../pagefind/2022/" not in search and "../pagefind/2023-10/" in search


def test_a_new_year_consolidates_the_old_years_bundles_once(periods: Path, tmp_path: Path) -> None:
    output = periods / "output"
    before = index_state(output)
    add_article(periods, "ferry-timetable", "2024-01-03", "ferry timetable")
    result = build(load_config(periods / "site.yaml")[0])
    assert result.bundles_indexed == ("2024-01-w1", "2023")
    assert sorted(p.name for p in (output / "pagefind").iterdir()) == ["2022", "2023", "2024-01-w1"]
    assert bundle_state(output, "2022") == {k: v for k, v in before.items() if k.startswith("pagefind/2022/")}
    assert "/2023/10/05/orchard-frost/" in urls_of(output, "2023")
    cold = tmp_path / "cold"
    shutil.copytree(periods, cold, ignore=shutil.ignore_patterns("output", ".cache"))
    build(load_config(cold / "site.yaml")[0])
    assert tree(output) == tree(cold / "output")
