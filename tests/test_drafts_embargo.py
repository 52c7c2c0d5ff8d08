"""Drafts and embargoes: a page marked ``draft: true``, dated in the future, or under
an ``embargo:`` time is kept out of everything a build makes until its time (a
draft: until a build with ``--drafts``, which shows it labelled)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest

from generator.config import SiteConfig, load_config
from generator.diagnostics import Diagnostic
from generator.render.build import BuildResult, build
from generator.serve.session import serve
from generator.site.holdback import describe
from generator.site.model import Held

from .conftest import REPO, make_project, tree
from .test_serve import Saves, wait_until

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
"""The clock of most builds here: after the sample's pages, before the held-back ones' times."""
EMBARGO_ENDS = datetime(2024, 6, 3, 9, 0, tzinfo=UTC)

DRAFT = "content/articles/harbour-ferry-draft.md"
FUTURE = "content/articles/harbour-ferry-future.md"
EMBARGOED = "content/articles/harbour-ferry-embargoed.md"
PAGES = {
    DRAFT: """---
title: Harbour ferry timetable draft
slug: harbour-ferry-draft
date: '2023-12-02T12:00:00-05:00'
draft: true
authors: [Pat Quillfeather]
---

The hostage talks shape the ferry timetable, says a note still being written.
""",
    FUTURE: """---
title: Harbour ferry timetable from June
slug: harbour-ferry-future
date: '2024-06-02T09:00:00+00:00'
authors: [Quinn Lanternwick]
---

A timetable that starts in June, announced ahead of its date.
""",
    EMBARGOED: f"""---
title: Harbour ferry report under embargo
slug: harbour-ferry-embargoed
date: '2023-12-02T08:00:00-05:00'
embargo: '{EMBARGO_ENDS.isoformat()}'
authors: [Robin Saltmarsh]
---

A report dated in December that may be published only once its embargo ends.
""",
}
TITLES = {
    DRAFT: "Harbour ferry timetable draft",
    FUTURE: "Harbour ferry timetable from June",
    EMBARGOED: "Harbour ferry report under embargo",
}
AUTHORS = {DRAFT: "pat-quillfeather", FUTURE: "quinn-lanternwick", EMBARGOED: "robin-saltmarsh"}


def _project(dest: Path, pages: dict[str, str] = PAGES) -> SiteConfig:
    project = make_project(dest)
    for rel, text in pages.items():
        (project / rel).write_text(text, encoding="utf-8")
    return load_config(project / "site.yaml")[0]


def _slug(rel: str) -> str:
    return Path(rel).stem


def _mentions(files: dict[str, bytes], rel: str) -> list[str]:
    """The output files that name a page in any way: its title, slug or author."""
    needles = (TITLES[rel].encode(), _slug(rel).encode(), AUTHORS[rel].encode())
    return sorted(name for name, data in files.items() if any(n in name.encode() or n in data for n in needles))


def _feed_titles(output: Path, feed: str = "feed.xml") -> list[str]:
    parsed = feedparser.parse((output / feed).read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    return [e.title for e in parsed.entries]


def _built(config: SiteConfig, **options: object) -> BuildResult:
    result = build(config, **options)  # type: ignore[arg-type]
    assert result.errors == 0, result.diagnostics
    return result


def test_held_back_pages_are_nowhere_and_the_site_is_as_without_them(tmp_path: Path) -> None:
    config = _project(tmp_path / "held")
    result = _built(config, now=NOW)
    files = tree(config.paths.output)
    for rel in PAGES:
        assert _mentions(files, rel) == [], f"{rel} shows in the output"
        assert not any(_slug(rel) in url for url in re.findall(r"<loc>(.*?)</loc>", files["sitemap.xml"].decode()))
    for feed in ("feed.xml", "atom.xml", "archive/feed.xml", "topics/hostage-negotiations/feed.xml"):
        assert not set(TITLES.values()) & set(_feed_titles(config.paths.output, feed)), feed

    plain = _project(tmp_path / "plain", pages={})
    plain_result = _built(plain, now=NOW)
    assert result.pages == plain_result.pages, "no count includes them"
    assert files == tree(plain.paths.output), "the site is exactly the site without those files"
    assert {h.path: h.reason for h in result.held} == {DRAFT: "draft", FUTURE: "embargoed", EMBARGOED: "embargoed"}


def test_summary_names_what_was_held_back(tmp_path: Path) -> None:
    config = _project(tmp_path / "p")
    line = _built(config, now=NOW).held_line()
    assert line is not None
    assert line.startswith("held back 3 pages: 1 draft (content/articles/harbour-ferry-draft.md), 2 embargoed (")
    assert f"{EMBARGOED} until 2024-06-03 09:00 UTC" in line and f"{FUTURE} until 2024-06-02 09:00 UTC" in line

    config = _project(tmp_path / "one", pages={EMBARGOED: PAGES[EMBARGOED]})
    assert (
        _built(config, now=NOW).held_line() == f"held back 1 page: 1 embargoed until 2024-06-03 09:00 UTC ({EMBARGOED})"
    )


def test_summary_names_a_handful_then_counts() -> None:
    held = [Held(f"content/d{i}.md", "draft") for i in range(8)]
    assert describe(held) == (
        "held back 8 pages: 8 drafts (content/d0.md, content/d1.md, content/d2.md, content/d3.md, content/d4.md"
        " and 3 more)"
    )


def test_drafts_are_shown_labelled_everywhere_with_drafts(tmp_path: Path) -> None:
    config = _project(tmp_path / "p")
    result = _built(config, now=NOW, drafts=True)
    output = config.paths.output
    files = tree(output)
    [page] = [name for name in files if name.endswith("/harbour-ferry-draft/index.html")]
    html = files[page].decode()
    assert re.search(r'class="badge badge-draft">Draft</span>', html), "the page carries the label"
    home = files["index.html"].decode()  # the draft is dated on the sample's (latest) day, with a card there
    card = re.search(
        r'<article class="card[^"]*">(?:(?!</article>).)*harbour-ferry-draft/(?:(?!</article>).)*', home, re.S
    )
    assert card and "badge-draft" in card.group(0), "its card carries the label"
    assert "authors/pat-quillfeather/index.html" in files
    assert any("harbour-ferry-draft" in url for url in re.findall(r"<loc>(.*?)</loc>", files["sitemap.xml"].decode()))
    assert "Draft: Harbour ferry timetable draft" in _feed_titles(output), "labelled in feeds too"
    assert "Draft: Harbour ferry timetable draft" in _feed_titles(output, "topics/hostage-negotiations/feed.xml")
    for rel in (FUTURE, EMBARGOED):
        assert _mentions(files, rel) == [], "--drafts does not lift an embargo"
    assert result.drafts == (DRAFT,) and result.drafts_line() == f"1 draft shown, labelled Draft: {DRAFT}"
    [other] = [
        name
        for name in files
        if name.endswith("/israel-recalls-negotiators-after-reaching-dead-end-in-qatar/index.html")
    ]
    assert b"badge-draft" not in files[other], "a page that is no draft has no label"

    again = _built(config, now=NOW)  # without --drafts: the draft goes again
    assert _mentions(tree(output), DRAFT) == [] and again.drafts == ()


def test_an_embargo_ends_on_the_next_build_with_no_file_changed(tmp_path: Path) -> None:
    config = _project(tmp_path / "p")
    output = config.paths.output
    _built(config, now=NOW)
    assert _built(config, now=NOW + timedelta(hours=1)).rendered == 0, "nothing ended: the last build stands"
    after_future = _built(config, now=datetime(2024, 6, 2, 9, 0, tzinfo=UTC))  # the future date, to the second
    assert after_future.rendered > 0
    assert "Harbour ferry timetable from June" in _feed_titles(output)
    assert _mentions(tree(output), EMBARGOED) == []
    late = EMBARGO_ENDS + timedelta(minutes=1)
    result = _built(config, now=late)
    assert {h.path for h in result.held} == {DRAFT}
    files = tree(output)
    assert any(name.endswith("/harbour-ferry-embargoed/index.html") for name in files)
    assert "Harbour ferry report under embargo" in _feed_titles(output)

    cold = _project(tmp_path / "cold")  # the same files, built once with no cache at that time
    _built(cold, now=late, use_cache=False)
    assert files == tree(cold.paths.output), "the incremental build is the cold one, byte for byte"

    back = _built(config, now=NOW)  # a clock set back (SOURCE_DATE_EPOCH) holds them back again
    assert {h.path for h in back.held} == set(PAGES) and _mentions(tree(output), EMBARGOED) == []


def _cli(project: Path, *args: str, epoch: datetime = NOW) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "SOURCE_DATE_EPOCH": str(int(epoch.timestamp()))}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=project, env=env, capture_output=True, text=True, check=False
    )


def test_build_drafts_on_the_command_line(tmp_path: Path) -> None:
    config = _project(tmp_path / "p")
    project, output = config.paths.root, config.paths.output
    done = _cli(project, "build", "--strict")
    assert done.returncode == 0, done.stderr
    assert f"build: held back 3 pages: 1 draft ({DRAFT}), 2 embargoed (" in done.stderr
    assert _mentions(tree(output), DRAFT) == []
    assert _cli(project, "check", "--strict").returncode == 0, "check finds nothing missing"

    shown = _cli(project, "build", "--drafts", "--strict")
    assert shown.returncode == 0, shown.stderr
    assert f"build: 1 draft shown, labelled Draft: {DRAFT}" in shown.stderr
    assert "build: held back 2 pages: 2 embargoed (" in shown.stderr
    assert "Draft: Harbour ferry timetable draft" in _feed_titles(output)
    checked = _cli(project, "check", "--strict")
    assert checked.returncode == 0, checked.stderr

    # the clock moves past both times (SOURCE_DATE_EPOCH), no file changes: the pages appear
    later = _cli(project, "build", epoch=EMBARGO_ENDS)
    assert later.returncode == 0, later.stderr
    assert f"build: held back 1 page: 1 draft ({DRAFT})" in later.stderr
    titles = _feed_titles(output)
    assert "Harbour ferry report under embargo" in titles and "Harbour ferry timetable from June" in titles
    assert (
        "--drafts" in _cli(project, "build", "--help").stdout and "--drafts" in _cli(project, "serve", "--help").stdout
    )


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("draft", "'yes'", "'draft' must be true or false, not str 'yes'"),
        ("draft", "1", "'draft' must be true or false, not int 1"),
        ("embargo", "next tuesday", "'embargo' must be an ISO 8601 date"),
        ("embargo", "true", "'embargo' must be an ISO 8601 date"),
    ],
)
def test_a_bad_value_names_the_file_and_key_and_is_never_published(
    tmp_path: Path, key: str, value: str, expected: str
) -> None:
    rel = "content/articles/harbour-ferry-bad.md"
    text = f"---\ntitle: Harbour ferry bad value\nslug: harbour-ferry-bad\ndate: '2023-12-02T08:00:00-05:00'\n{key}: {value}\n---\n\nText.\n"
    config = _project(tmp_path / "p", pages={rel: text})
    result = build(config, now=NOW)
    [note] = [d for d in result.diagnostics if d.path == rel]
    assert expected in note.message and note.format().startswith(f"{rel}:5: warning: skipped: ")
    assert not any("harbour-ferry-bad" in name for name in tree(config.paths.output))
    assert (rel, "broken front matter") in result.left_out


def test_a_held_back_live_blog_takes_its_posts_with_it(tmp_path: Path) -> None:
    config = _project(tmp_path / "p", pages={})
    [blog] = (config.paths.content / "live").glob("*.md")
    text = blog.read_text(encoding="utf-8")
    blog.write_text(text.replace("\ntitle:", "\ndraft: true\ntitle:", 1), encoding="utf-8")
    result = _built(config, now=NOW)
    posts = list((config.paths.content / "live" / blog.stem).glob("*.md"))
    assert {h.reason for h in result.held if h.path != f"content/live/{blog.name}"} == {"live blog held back"}
    assert len(result.held) == len(posts) + 1
    assert not [d for d in result.diagnostics if "names no live blog" in d.message]
    assert not any(blog.stem in name for name in tree(config.paths.output))
    assert f"{len(posts)} live posts of a held-back live blog (" in (result.held_line() or "")


def test_serve_with_drafts_and_an_embargo_that_ends_while_serving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _project(tmp_path / "p", pages={DRAFT: PAGES[DRAFT], EMBARGOED: PAGES[EMBARGOED]})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(NOW.timestamp())))
    saves = Saves()
    said: list[str] = []
    shown: list[Diagnostic] = []
    runner = threading.Thread(
        target=serve,
        args=(config.paths.root / "site.yaml", config),
        kwargs={
            "host": "127.0.0.1",
            "port": 0,
            "jobs": 1,
            "show": shown.append,
            "say": said.append,
            "changes": saves,
            "drafts": True,
        },
        daemon=True,
    )
    runner.start()
    output = config.paths.output
    wait_until(lambda: any(line.startswith("serving") for line in said), timeout=60)
    files = tree(output)
    assert any(name.endswith("/harbour-ferry-draft/index.html") for name in files), "serve --drafts shows drafts"
    assert _mentions(files, EMBARGOED) == []
    saves.put(set())  # nothing saved, and the embargo still on: no rebuild
    wait_until(saves.handled)
    assert sum(line.startswith("rebuilt") for line in said) == 1
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EMBARGO_ENDS.timestamp())))
    saves.put(set())  # nothing saved, but its time has come
    wait_until(saves.handled)
    assert sum(line.startswith("rebuilt") for line in said) == 2
    assert any(name.endswith("/harbour-ferry-embargoed/index.html") for name in tree(output))
    saves.put(None)
    runner.join(timeout=20)
    assert not runner.is_alive()


def test_a_page_beside_an_embargoed_one_keeps_its_address_when_the_embargo_ends(tmp_path: Path) -> None:
    """Two pages asking for one slug: the held one keeps its claim, so the published one's URL never moves."""
    same = "---\ntitle: {title}\nslug: ferry-notice\ndate: '2023-12-02T{hour}:00:00-05:00'\n{extra}---\n\n{text}\n"
    pages = {
        "content/articles/a-ferry-notice.md": same.format(
            title="Ferry notice under embargo",
            hour="07",
            extra=f"embargo: '{EMBARGO_ENDS.isoformat()}'\n",
            text="A notice that may be read only later.",
        ),
        "content/articles/b-ferry-notice.md": same.format(
            title="Ferry notice for today", hour="06", extra="", text="A notice for the readers of today."
        ),
    }
    config = _project(tmp_path / "p", pages)
    output = config.paths.output
    _built(config, now=NOW)
    day = output / "2023" / "12" / "02"
    published = (day / "ferry-notice-2" / "index.html").read_text(encoding="utf-8")
    assert "Ferry notice for today" in published
    assert not (day / "ferry-notice").exists(), "the held page's address stays free until it is published"
    _built(config, now=EMBARGO_ENDS + timedelta(minutes=1))
    assert "Ferry notice for today" in (day / "ferry-notice-2" / "index.html").read_text(encoding="utf-8")
    assert "Ferry notice under embargo" in (day / "ferry-notice" / "index.html").read_text(encoding="utf-8")


def test_a_failed_rebuild_under_serve_keeps_the_next_release_time(tmp_path: Path) -> None:
    """A broken template while serving must not make serve forget an embargo that ends later."""
    from generator.serve.session import rebuild

    project = make_project(tmp_path / "p")
    (project / "layouts" / "templates" / "base.html").write_text("{% broken", encoding="utf-8")
    config = load_config(project / "site.yaml")[0]
    result = rebuild(config, 1, lambda note: None, lambda text: None, False, pending=EMBARGO_ENDS)
    assert result.problems and "base.html" in result.problems[0]
    assert result.release == EMBARGO_ENDS and not result.due(NOW) and result.due(EMBARGO_ENDS)
