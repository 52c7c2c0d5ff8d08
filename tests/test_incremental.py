"""Incremental builds against cold ones.

After each kind of change, a build that starts from the previous build's state
(its ``.cache/`` and ``output/``) must give the same bytes as a cold build of the
same project: one with no ``.cache/`` and no ``output/`` (``content/``, the source
of truth, and ``seeds/`` stay). Every build runs as the user runs it, in a fresh
``python -m generator build`` process, since caches live on disk between runs.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from benchmarks.synth import article, live_blog
from generator import frontmatter

from .conftest import REPO, make_project, tree

EPOCH = "1767225600"
"""The builds' clock: 2026-01-01, after every page here (a page dated later is held back)."""
EXTRA_SEEDS = 30
REAL_ARTICLE = "content/articles/israel-recalls-negotiators-after-reaching-dead-end-in-qatar.md"
HAND_PAGE = "content/articles/a-note-from-the-editors.md"
HAND_TEXT = """---
title: A note from the editors
slug: a-note-from-the-editors
kind: article
date: '2023-12-01T08:00:00-05:00'
authors: [The Editors]
---

This page was written by hand and has no seed. Hostage talks and humanitarian aid are on today's agenda.
"""
BROKEN_PAGE = "content/articles/broken-front-matter.md"
NOTE = re.compile(r"(?:^|: )(?:warning|error): ")


# --- the project ---------------------------------------------------------------------------------------------------


def _make_site(dest: Path) -> Path:
    """The sample project grown by synthetic seeds over a few days around the real ones,
    with near-duplicate coverage (so stories cluster), a hand-written page without a
    seed, and five pages to a list page (so lists paginate)."""
    project = make_project(dest)
    rng = random.Random(20231202)
    start = datetime(2023, 11, 30, 7, 0)
    for i in range(EXTRA_SEEDS):
        when = start + timedelta(minutes=rng.randint(0, 4 * 24 * 60))
        text = live_blog(rng, when) if i % 10 == 9 else article(rng, when)
        _write(project / "seeds" / f"synth-{i:02d}.txt", text)
        if i % 6 == 0:  # the same event from a second desk: same headline and lead, one more paragraph
            _write(project / "seeds" / f"synth-{i:02d}-follow-up.txt", text + "\nA second desk adds a line.\n")
    _write(project / HAND_PAGE, HAND_TEXT)
    _edit_config(project, lambda config: config.update(per_page=5))
    return project


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _append(path: Path, text: str) -> None:
    _write(path, path.read_text(encoding="utf-8") + text)


def _prepend(path: Path, text: str) -> None:
    _write(path, text + path.read_text(encoding="utf-8"))


def _edit_config(project: Path, edit: Callable[[dict[str, Any]], object]) -> None:
    path = project / "site.yaml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(config)
    _write(path, yaml.safe_dump(config, sort_keys=False, allow_unicode=True))


def _edit_front_matter(path: Path, **changes: Any) -> None:
    meta, body, _ = frontmatter.parse(path.read_text(encoding="utf-8"), str(path))
    _write(path, frontmatter.render({**meta, **changes}, body))


def _topic(config: dict[str, Any], name: str) -> dict[str, Any]:
    [rule] = [t for t in config["topics"] if t["name"] == name]
    return rule


# --- builds and comparisons ----------------------------------------------------------------------------------------


def _build(*projects: Path) -> list[list[str]]:
    """Build each project in a fresh process, all at once; returns each build's
    warnings and errors, sorted."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": EPOCH}
    command = [sys.executable, "-m", "generator", "build", "-q"]
    running = [
        (project, subprocess.Popen(command, cwd=project, env=env, stderr=subprocess.PIPE, text=True))
        for project in projects
    ]
    finished = [(project, child, child.communicate()[1]) for project, child in running]
    for project, child, stderr in finished:
        assert child.returncode == 0, f"build of {project.name} exited {child.returncode}:\n{stderr}"
    return [sorted(line for line in stderr.splitlines() if NOTE.search(line)) for _, _, stderr in finished]


def _cold_copy(project: Path, dest: Path) -> Path:
    """The project as it stands, without what a build leaves behind: no .cache/, no output/."""

    def leave_out(folder: str, names: list[str]) -> list[str]:
        if Path(folder) != project:
            return []
        return [n for n in names if n in (".cache", "output") or n.startswith(".output")]

    shutil.copytree(project, dest, symlinks=True, ignore=leave_out)
    return dest


def _differences(got: dict[str, bytes], want: dict[str, bytes]) -> list[str]:
    """Paths whose bytes differ, each marked extra (only in ``got``), missing or differs."""
    return [
        f"{'missing' if path not in got else 'extra' if path not in want else 'differs'}: {path}"
        for path in sorted(got.keys() | want.keys())
        if got.get(path) != want.get(path)
    ]


def _assert_same(got: dict[str, bytes], want: dict[str, bytes], what: str) -> None:
    diff = _differences(got, want)
    listed = "\n".join(diff[:40]) + (f"\n… and {len(diff) - 40} more" if len(diff) > 40 else "")
    assert not diff, f"{what}: {len(diff)} of {len(want)} files differ from the reference\n{listed}"


def _assert_like_cold(project: Path, cold: Path) -> None:
    _assert_same(tree(project / "output"), tree(cold / "output"), "output/ after an incremental build")
    _assert_same(tree(project / "content"), tree(cold / "content"), "content/ after an incremental build")


# --- the kinds of change -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    name: str
    apply: Callable[[Path], None]
    visible: bool = True
    """Whether output/ must differ from before the change (else the case would test nothing)."""
    warning: str | None = None
    """Text a warning of the build must contain."""


def _seed_edited(project: Path) -> None:
    _append(project / "seeds/synth-00.txt", "\nOfficials said on Friday that the inquiry would report next month.\n")


def _seed_added(project: Path) -> None:
    text = article(random.Random(99), datetime(2023, 12, 3, 10, 15))
    _write(project / "seeds/synth-new.txt", text)


def _seed_deleted(project: Path) -> None:
    (project / "seeds/synth-03.txt").unlink()


def _title_edited(project: Path) -> None:
    _edit_front_matter(project / REAL_ARTICLE, title="Talks in Qatar stall as Israel calls its negotiators home")


def _date_moved(project: Path) -> None:
    _edit_front_matter(project / REAL_ARTICLE, date="2023-12-06T09:30:00-05:00")


def _same_size_same_mtime(project: Path) -> None:
    """An edit that keeps the file's size, inode and modification time (as ``cp -p``, ``touch -r`` or
    ``rsync -t --inplace`` can leave it): only its bytes, and its ctime, tell that it changed."""
    path = project / REAL_ARTICLE
    old = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "recalled" in text
    _write(path, text.replace("recalled", "withdrew"))
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert path.stat().st_size == old.st_size and path.stat().st_mtime_ns == old.st_mtime_ns


def _hand_page_deleted(project: Path) -> None:
    (project / HAND_PAGE).unlink()


def _seeded_page_deleted(project: Path) -> None:
    (project / REAL_ARTICLE).unlink()  # its seed is still there, so ingest writes it again


def _footer_edited(project: Path) -> None:
    _prepend(project / "layouts/templates/partials/footer.html", '<p class="colophon">Set by hand.</p>\n')


def _pager_edited(project: Path) -> None:
    _prepend(project / "layouts/templates/partials/pager.html", "<!-- pages -->\n")


def _feed_template_edited(project: Path) -> None:
    _append(project / "layouts/templates/feed-timeline.html", "<p>End of the live blog.</p>\n")


def _stylesheet_edited(project: Path) -> None:
    _append(project / "layouts/static/style.css", "\n.site-footer { letter-spacing: .01em; }\n")


def _match_word_added(project: Path) -> None:
    _edit_config(project, lambda config: _topic(config, "Humanitarian situation")["match"].append("Gaza"))


def _topic_rule_added(project: Path) -> None:
    _edit_config(project, lambda config: config["topics"].append({"name": "Israeli cabinet", "match": ["Netanyahu"]}))


def _base_url_changed(project: Path) -> None:
    _edit_config(project, lambda config: config.update(base_url="https://example.net/news/"))


def _title_changed(project: Path) -> None:
    _edit_config(project, lambda config: config.update(title="The Evening Brief"))


def _per_page_changed(project: Path) -> None:
    _edit_config(project, lambda config: config.update(per_page=3))


def _broken_page_added(project: Path) -> None:
    _write(project / BROKEN_PAGE, "---\ntitle: [an unclosed list\nkind: article\n---\n\nA body nobody will see.\n")


def _broken_page_fixed(project: Path) -> None:
    _write(
        project / BROKEN_PAGE,
        "---\ntitle: Fixed at last\nkind: article\ndate: '2023-12-04T12:00:00-05:00'\n---\n\nNow it shows.\n",
    )


CHANGES = [
    Change("seed-edited", _seed_edited),
    Change("seed-added", _seed_added),
    Change("seed-deleted", _seed_deleted, visible=False, warning="is gone; the page is kept"),
    Change("content-title-edited", _title_edited),
    Change("content-date-moved", _date_moved),
    Change("content-edited-same-size-and-mtime", _same_size_same_mtime),
    Change("content-deleted", _hand_page_deleted),
    Change("content-deleted-seed-remains", _seeded_page_deleted, visible=False),
    Change("template-footer", _footer_edited),
    Change("template-pager", _pager_edited),
    Change("template-feed", _feed_template_edited),
    Change("static-edited", _stylesheet_edited),
    Change("config-match-word-added", _match_word_added),
    Change("config-topic-rule-added", _topic_rule_added),
    Change("config-base-url", _base_url_changed),
    Change("config-title", _title_changed),
    Change("config-per-page", _per_page_changed),
    Change("content-broken-front-matter-added", _broken_page_added, visible=False, warning=BROKEN_PAGE),
]


# --- the tests -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("change", CHANGES, ids=[c.name for c in CHANGES])
def test_incremental_build_after_a_change_equals_a_cold_build(change: Change, tmp_path: Path) -> None:
    project = _make_site(tmp_path / "warm")
    _build(project)
    before = tree(project / "output")
    change.apply(project)
    cold = _cold_copy(project, tmp_path / "cold")

    warm_notes, cold_notes = _build(project, cold)  # side by side, to save time

    _assert_like_cold(project, cold)
    assert warm_notes == cold_notes, "an incremental build must report what a cold build reports"
    if change.warning:
        assert any(change.warning in note for note in warm_notes), warm_notes
    if change.visible:
        assert tree(project / "output") != before, "the change did not reach output/, so this case proves nothing"


def test_changes_in_a_row_with_builds_between_end_like_a_cold_build(tmp_path: Path) -> None:
    project = _make_site(tmp_path / "warm")
    _build(project)
    first = tree(project / "output")
    footer = project / "layouts/templates/partials/footer.html"
    stylesheet = project / "layouts/static/style.css"
    original = {path: path.read_bytes() for path in (footer, stylesheet, project / "site.yaml")}

    def undo(_: Path) -> None:
        for path, data in original.items():
            path.write_bytes(data)

    steps: list[tuple[Callable[[Path], None], ...]] = [
        (_seed_edited, _topic_rule_added, _footer_edited),
        (_date_moved, _broken_page_added),
        (_seed_deleted, _seed_added, _base_url_changed),
        (_stylesheet_edited, _broken_page_fixed, _hand_page_deleted),
        (undo,),  # back to the first footer, stylesheet and site.yaml; the changes to content stay
        (_title_edited,),
    ]
    notes: list[str] = []
    for step in steps:
        for change in step:
            change(project)
        [notes] = _build(project)

    cold = _cold_copy(project, tmp_path / "cold")
    [cold_notes] = _build(cold)
    _assert_like_cold(project, cold)
    assert notes == cold_notes, "an incremental build must report what a cold build reports"
    assert tree(project / "output") != first


def test_undoing_changes_gives_back_the_first_output(tmp_path: Path) -> None:
    """The first build is a cold one: after a round trip, the same bytes must come back."""
    project = _make_site(tmp_path / "p")
    _build(project)
    first = tree(project / "output")
    touched = ["site.yaml", "layouts/templates/partials/footer.html", "layouts/static/style.css", REAL_ARTICLE]
    original = {rel: (project / rel).read_bytes() for rel in touched}

    for change in (_title_changed, _match_word_added, _footer_edited, _stylesheet_edited, _title_edited):
        change(project)
    _build(project)
    assert tree(project / "output") != first

    for rel, data in original.items():
        (project / rel).write_bytes(data)
    _build(project)
    _assert_same(tree(project / "output"), first, "output/ after undoing every change")


def test_a_rebuild_without_changes_rewrites_no_file(tmp_path: Path) -> None:
    project = _make_site(tmp_path / "p")
    _build(project)
    output = project / "output"
    # The corpus is big enough for the cases above to reach pagination and stories with further coverage.
    files = tree(output)
    assert any("/page/2/" in path for path in files)
    assert any(b'class="more"' in data for path, data in files.items() if path.endswith(".html"))

    def stamps() -> dict[str, tuple[int, int]]:
        return {
            path.relative_to(output).as_posix(): (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in output.rglob("*")
            if path.is_file()
        }

    before = stamps()
    _build(project)
    after = stamps()
    touched = [path for path in sorted(before.keys() | after.keys()) if before.get(path) != after.get(path)]
    assert not touched, f"{len(touched)} of {len(before)} files were written again (new inode or mtime): {touched[:40]}"
