"""The generator's promises to its users, each with a test of its own: an interrupted
build never leaves a half-written site, a failed build keeps the old one, the same
input gives the same bytes, a feed item keeps its id through a title edit,
SOURCE_DATE_EPOCH is the only clock, and writes stay inside output/ and content/."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from generator import frontmatter
from generator.render.publish import JOURNAL, KILL_AT, KILL_POINTS, MANIFEST, recover

from .conftest import REPO, build_project, make_project, tree

CHILD = (
    "import sys; from pathlib import Path; from tests.conftest import build_project; build_project(Path(sys.argv[1]))"
)


def _grow(project: Path, n: int, word: str) -> None:
    """Add ``n`` content pages named after ``word``."""
    folder = project / "content" / "bulk"
    folder.mkdir(exist_ok=True)
    body = " ".join(f"{word} sentence number {i} about the harbour." for i in range(20))
    for i in range(n):
        (folder / f"{word}-{i:04d}.md").write_text(
            f"---\ntitle: {word} page {i}\nslug: {word}-page-{i}\nkind: article\ndate: '2023-12-{1 + i % 28:02d}T10:00:00-05:00'\n---\n\n{body}\n",
            encoding="utf-8",
        )


PAGES = 12
AFTER_KILL = {
    # Where each kill point of the build leaves output/ once the next command has recovered it.
    "staging-created": "old",
    "mid-staging": "old",
    "staged": "old",
    "before-commit": "old",
    "committed": "new",
    "mid-commit": "new",
    "before-journal-removed": "new",
}


def _killed_build(project: Path, point: str) -> None:
    """A build of ``project`` in a fresh process that kills itself at ``point``."""
    env = {**os.environ, "PYTHONPATH": str(REPO), KILL_AT: point}
    child = subprocess.run([sys.executable, "-c", CHILD, str(project)], env=env, cwd=REPO, check=False)
    assert child.returncode == -signal.SIGKILL, f"the build never reached the kill point {point!r}"


def _no_leftovers(project: Path) -> None:
    output = project / "output"
    assert [p.name for p in project.iterdir() if p.name.startswith(".output.")] == []
    if output.exists():
        assert [p.name for p in output.iterdir() if p.name.startswith(".news-digest-")] == [MANIFEST]


def test_every_kill_point_is_covered() -> None:
    assert set(AFTER_KILL) == set(KILL_POINTS)


@pytest.mark.parametrize("point", KILL_POINTS)
def test_sigkill_mid_build_leaves_old_or_new_site_never_a_mix(tmp_path: Path, point: str) -> None:
    project = make_project(tmp_path / "p")
    _grow(project, PAGES, "old")
    old = tree(build_project(project))
    shutil.rmtree(project / "content" / "bulk")  # the next build deletes pages as well as adding them
    _grow(project, PAGES, "new")
    output = project / "output"
    _killed_build(project, point)
    if AFTER_KILL[point] == "old":  # killed before the commit point: readers still see the old site, whole
        assert not (output / JOURNAL).exists()
        assert _visible(tree(output)) == _visible(old)
    else:  # killed after it: the journal says what is left to do
        assert (output / JOURNAL).is_file()
    recover(output)  # what the next build does first
    recovered = tree(output)
    _no_leftovers(project)
    new = tree(build_project(project))
    assert _is_new(new) and not _is_new(old)
    assert recovered == (old if AFTER_KILL[point] == "old" else new)
    _no_leftovers(project)


@pytest.mark.parametrize("point", ["staging-created", "mid-staging", "staged"])
def test_sigkill_during_a_first_build_leaves_no_site_and_no_debris(tmp_path: Path, point: str) -> None:
    project = make_project(tmp_path / "p")
    _killed_build(project, point)
    assert not (project / "output").exists()
    recover(project / "output")
    _no_leftovers(project)
    assert (build_project(project) / "index.html").is_file()
    _no_leftovers(project)


def _visible(files: dict[str, bytes]) -> dict[str, bytes]:
    """The site as a reader sees it: without the build's hidden bookkeeping."""
    return {name: data for name, data in files.items() if not name.startswith(".news-digest-")}


def _is_new(files: dict[str, bytes]) -> bool:
    """The complete new site: every page of the second batch is there, none of the first."""
    return all(f"2023/12/{1 + i % 28:02d}/new-page-{i}/index.html" in files for i in range(PAGES)) and not any(
        f"2023/12/{1 + i % 28:02d}/old-page-{i}/index.html" in files for i in range(PAGES)
    )


def test_failed_build_keeps_previous_output(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    before = tree(build_project(project))
    (project / "layouts/templates/base.html").write_text(
        "{{ missing.attr }}{% block main %}{% endblock %}", encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build"], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 1 and "template error" in result.stderr
    assert tree(project / "output") == before


def test_same_input_in_any_order_and_hash_seed_is_byte_identical(tmp_path: Path) -> None:
    outputs = []
    for n, seed in enumerate(["0", "987654"]):
        project = make_project(tmp_path / f"p{n}", with_content=False)
        if n:  # create the seed files again, in reverse order
            files = {p.name: p.read_bytes() for p in (project / "seeds").iterdir()}
            for p in (project / "seeds").iterdir():
                p.unlink()
            for name in sorted(files, reverse=True):
                (project / "seeds" / name).write_bytes(files[name])
        env = {"PYTHONHASHSEED": seed, "PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(REPO)}
        subprocess.run([sys.executable, "-c", CHILD, str(project)], check=True, env=env, cwd=REPO)
        outputs.append(tree(project / "output"))
        outputs.append(tree(project / "content"))
    assert outputs[0] == outputs[2] and outputs[1] == outputs[3]


def test_feed_guid_survives_a_title_edit(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    out = build_project(project)
    before = {e.title: (e.id, e.link) for e in feedparser.parse((out / "feed.xml").read_bytes()).entries}
    [path] = (project / "content/articles").glob("israel-recalls*.md")
    meta, body, _ = frontmatter.parse(path.read_text(encoding="utf-8"), str(path))
    path.write_text(frontmatter.render({**meta, "title": "A new headline entirely"}, body), encoding="utf-8")
    after = {
        e.title: (e.id, e.link) for e in feedparser.parse((build_project(project) / "feed.xml").read_bytes()).entries
    }
    assert (
        after["A new headline entirely"]
        == before["Israel recalls negotiators after reaching ‘dead end’ in Qatar talks"]
    )


def test_source_date_epoch_sets_the_only_clock(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", with_content=False)
    (project / "seeds" / "undated.txt").write_text(
        "A story with no date\n\nIt says nothing of when.\n", encoding="utf-8"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": "1700000000"}
    subprocess.run([sys.executable, "-m", "generator", "build", "-q"], cwd=project, env=env, check=True)
    [page] = (project / "content/articles").glob("a-story-with-no-date.md")
    meta = frontmatter.parse(page.read_text(encoding="utf-8"), str(page))[0]
    assert meta["date"] == "2023-11-14T17:13:20-05:00"  # 1700000000 in America/New_York
    assert (project / "output/2023/11/14/a-story-with-no-date/index.html").is_file()


def test_writes_stay_inside_output_and_content(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", with_content=False)
    outside = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    build_project(project)
    for path, data in outside.items():
        if "content" not in path.relative_to(project).parts:
            assert path.read_bytes() == data, path
    new = {p for p in project.rglob("*") if p.is_file()} - set(outside)
    assert all(p.relative_to(project).parts[0] in ("output", "content", ".cache") for p in new)
