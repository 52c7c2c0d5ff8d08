"""Hostile and broken input: one fixture per case in tests/hostile/, each with the
outcome it must have: sanitised, warned and skipped, or refused."""

from __future__ import annotations

import multiprocessing
import re
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from generator.config import load_config
from generator.diagnostics import Diagnostic
from generator.ingest.run import ingest
from generator.render.build import build

from .conftest import make_project, tree
from .sitecheck import dangerous

HOSTILE = Path(__file__).parent / "hostile"
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

SANITISED = [
    "script_in_body",
    "event_handlers",
    "script_urls",
    "template_syntax",
    "feed_breakers",
    "xml_invalid_chars",
    "title_no",
    "title_date",
    "nested_quotes",
]
SKIPPED = {
    "lone_surrogate": "not UTF-8",
    "broken_yaml": "not valid YAML",
    "python_tag": "python/object",
    "alias_bomb": "anchors or aliases",
    "huge_line": "markdown.max_bytes",
}
SLOW = ["many_image_openers", "many_link_openers", "deep_list"]  # rendered or skipped, never a hang
WATCHDOG = 120
"""Seconds the hostile corpus may take to ingest and build. A healthy run takes a
few seconds; the bound is there to turn a hang into a failure, not to time anything."""


class Built:
    def __init__(self, output: Path, diagnostics: list[Diagnostic], seconds: float) -> None:
        self.output, self.diagnostics, self.seconds = output, diagnostics, seconds

    def warnings_for(self, name: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.path and Path(d.path).stem == name]

    def page(self, slug: str) -> str:
        return (self.output / "2023/12/05" / slug / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = make_project(tmp_path_factory.mktemp("hostile"))
    shutil.copytree(HOSTILE / "content", project / "content" / "hostile")
    shutil.copytree(HOSTILE / "seeds", project / "seeds" / "hostile")
    head = "---\ntitle: {t}\nslug: {s}\nkind: article\ndate: '2023-12-05T10:00:00-05:00'\n---\n\n"
    deep = "\n".join("  " * i + "- x" for i in range(1000))
    (project / "content/hostile/deep_list.md").write_text(
        head.format(t="Deep list", s="deep-list") + deep, encoding="utf-8"
    )
    (project / "content/hostile/huge_line.md").write_text(
        head.format(t="Huge line", s="huge-line") + "word " * 600_000, encoding="utf-8"
    )
    start = time.perf_counter()
    # In a forked child, so that a hang ends in a failure after WATCHDOG seconds instead
    # of stopping the suite; the child runs the build in its main thread, as the
    # Markdown time limit (SIGALRM) needs.
    with multiprocessing.get_context("fork").Pool(1) as pool:
        pending = pool.apply_async(_ingest_and_build, (project,))
        try:
            diagnostics = pending.get(timeout=WATCHDOG)
        except multiprocessing.TimeoutError:
            pytest.fail(f"ingest + build of the hostile corpus still running after {WATCHDOG} s: it hangs")
    seconds = time.perf_counter() - start
    print(f"\nhostile corpus: ingest + build in {seconds:.1f} s")
    return Built(project / "output", diagnostics, seconds)


def _ingest_and_build(project: Path) -> list[Diagnostic]:
    config = load_config(project / "site.yaml")[0]
    notes = list(ingest(config, now=datetime(2024, 1, 1, tzinfo=UTC)).diagnostics)
    return notes + list(build(config).diagnostics)


def test_nothing_dangerous_reaches_any_page_or_feed(hostile: Built) -> None:
    for page in hostile.output.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert dangerous(html) == [], page
        assert not INVALID_XML.search(html), page
    for feed in hostile.output.rglob("*.xml"):
        raw = feed.read_bytes()
        assert not INVALID_XML.search(raw.decode("utf-8")), feed
        parsed = feedparser.parse(raw)
        assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
        for entry in parsed.entries:
            for part in [entry.get("summary", ""), *(c.value for c in entry.get("content", []))]:
                assert dangerous(part) == [], (feed, part[:200])


@pytest.mark.parametrize("name", SANITISED)
def test_sanitised_fixtures_are_published_safely(hostile: Built, name: str) -> None:
    html = hostile.page(name.replace("_", "-"))
    assert dangerous(html) == []
    assert not hostile.warnings_for(name)


def test_text_stays_visible_when_markup_is_removed(hostile: Built) -> None:
    assert "Text stays." in hostile.page("script-in-body")
    page = hostile.page("template-syntax")
    assert "{{ 7 * 7 }}" in page and "{% for x in range(3) %}" in page and "49" not in page.split("<main")[1]
    assert "<h1>{{ config }} and {% raw %}</h1>" in page
    assert "Ends ]]&gt; and &lt;/title&gt; here" in hostile.page("feed-breakers")
    assert "<h1>Bad chars here</h1>" in hostile.page("xml-invalid-chars")
    assert "<h1>no</h1>" in hostile.page("title-no") and "<h1>2024-01-01</h1>" in hostile.page("title-date")


@pytest.mark.parametrize(("name", "reason"), SKIPPED.items())
def test_broken_fixtures_are_skipped_with_file_and_reason(hostile: Built, name: str, reason: str) -> None:
    [warning] = hostile.warnings_for(name)
    assert warning.level.value == "warning" and reason in warning.message and "skipped" in warning.message
    assert not (hostile.output / "2023/12/05" / name.replace("_", "-")).exists()
    if name in ("broken_yaml", "python_tag"):
        assert warning.line is not None


@pytest.mark.parametrize("name", SLOW)
def test_pathological_markdown_is_rendered_or_skipped_never_hangs(hostile: Built, name: str) -> None:
    assert hostile.seconds < WATCHDOG  # the fixture fails on a hang; this names the promise here
    page = hostile.output / "2023/12/05" / name.replace("_", "-") / "index.html"
    warnings = hostile.warnings_for(name)
    assert page.exists() != bool(warnings), "either published or skipped with a warning"
    for w in warnings:
        assert any(reason in w.message for reason in ("markdown.time_limit", "markdown.max_bytes", "nested too deeply"))


def test_the_rest_of_the_site_is_still_built(hostile: Built) -> None:
    assert (
        hostile.output / "2023/12/02/israel-recalls-negotiators-after-reaching-dead-end-in-qatar/index.html"
    ).is_file()


def test_hostile_seed_headlines_give_safe_unique_slugs(hostile: Built) -> None:
    content = hostile.output.parent / "content" / "articles"
    slugs = sorted(p.stem for p in content.glob("*.md"))
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) and len(slug.encode()) <= 80 and slug not in (".", "..")
    assert "etc-passwd" in slugs
    assert "same-headline-twice" in slugs and "same-headline-twice-2" in slugs
    assert len([s for s in slugs if s.startswith("story-")]) == 3  # ".", emoji, CJK: hashed fallbacks
    page = next(hostile.output.glob("2023/*/*/etc-passwd/index.html"), None) or next(
        hostile.output.glob("*/*/*/etc-passwd/index.html")
    )
    assert page.is_file()
    assert not (hostile.output.parent / "etc").exists()


def test_markup_in_a_seed_is_shown_as_written(hostile: Built) -> None:
    [page] = list(hostile.output.glob("*/*/*/script-alert-1-script-headline/index.html"))
    html = page.read_text(encoding="utf-8")
    assert dangerous(html) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt; headline" in html
    assert "<p># not a heading</p>" in html and "{{ 7*7 }}" in html


@pytest.mark.parametrize("output", [".", "content", "seeds", "layouts", ".."])
def test_output_overlapping_inputs_is_refused_before_anything_is_touched(tmp_path: Path, output: str) -> None:
    project = make_project(tmp_path / "p")
    (project / "site.yaml").write_text((project / "site.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    text = (project / "site.yaml").read_text(encoding="utf-8").replace("  output: output", f"  output: '{output}'")
    (project / "site.yaml").write_text(text, encoding="utf-8")
    before = tree(project)
    import os

    from generator.cli.main import main

    cwd = os.getcwd()
    os.chdir(project)
    try:
        assert main(["build"]) == 2
    finally:
        os.chdir(cwd)
    assert tree(project) == before


def test_symlink_in_content_pointing_outside_is_ignored(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    secret = tmp_path / "secret.md"
    secret.write_text(
        "---\ntitle: Secret\nslug: secret\ndate: '2023-12-05T10:00:00-05:00'\n---\n\nSecret.\n", encoding="utf-8"
    )
    (project / "content" / "articles" / "secret.md").symlink_to(secret)
    config = load_config(project / "site.yaml")[0]
    result = build(config)
    assert any("symlink" in d.message and d.path and d.path.endswith("secret.md") for d in result.diagnostics)
    assert not list(config.paths.output.rglob("secret"))


def test_every_write_is_checked_to_stay_inside_its_folder(tmp_path: Path) -> None:
    from generator.errors import UnsafePathError
    from generator.fsio import write_atomic
    from generator.render.publish import Publisher
    from generator.render.urls import Urls

    with pytest.raises(UnsafePathError):
        write_atomic(tmp_path / "content" / ".." / "escape.md", b"x", tmp_path / "content")
    with pytest.raises(UnsafePathError), Publisher(tmp_path / "output") as fresh:
        fresh.write("../escape.html", b"x")
    for bad in ("/escape.html", "a/../../escape.html", "a//b.html", "a/./b.html", "a/"):
        with pytest.raises(UnsafePathError), Publisher(tmp_path / "output") as fresh:
            fresh.write(bad, b"x")
    (tmp_path / "site").mkdir()
    with pytest.raises(UnsafePathError), Publisher(tmp_path / "site") as in_place:
        in_place.write("../escape.html", b"x")
    with pytest.raises(UnsafePathError):
        Urls("https://e.org/").story(datetime(2023, 1, 1).date(), "../x")
    assert not (tmp_path / "escape.md").exists() and not (tmp_path / "escape.html").exists()
    assert not (tmp_path / "output").exists(), "a refused publish leaves no output behind"
    assert list((tmp_path / "site").iterdir()) == [], "nor anything inside an existing one"
