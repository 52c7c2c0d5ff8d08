"""Cards made once (and, for big renders, first on every core) give the same site."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from benchmarks.synth import write_corpus
from generator.config import load_config
from generator.ingest.run import ingest
from generator.render import build as build_module
from generator.render.build import build

from .conftest import REPO, tree


def _site(root: Path, seeds: int) -> Path:
    write_corpus(root, seeds)
    shutil.copytree(REPO / "layouts", root / "layouts")
    (root / "content").mkdir()
    config = load_config(root / "site.yaml")[0]
    ingest(config, now=datetime(2024, 1, 1, tzinfo=UTC))
    return root


def test_cards_made_first_on_every_core_give_the_same_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = _site(tmp_path / "p", 80)
    config = load_config(project / "site.yaml")[0]
    build(config, use_cache=False, jobs=1)
    serial = tree(project / "output")
    shutil.rmtree(project / "output")
    made: list[int] = []
    original = build_module.Renderer
    monkeypatch.setattr(build_module, "CARDS_FIRST", 1)

    class Counting(original):  # type: ignore[misc,valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            prepare = self.cards.prepare

            def counted(pages: list[object], jobs: int) -> None:
                made.append(len(pages))
                prepare(pages, jobs)  # type: ignore[arg-type]

            self.cards.prepare = counted  # type: ignore[method-assign]

    monkeypatch.setattr(build_module, "Renderer", Counting)
    build(config, use_cache=False, jobs=2)
    assert made and made[0] >= 64, "the cards were made first, in workers"
    assert tree(project / "output") == serial


def test_text_shaped_like_a_link_marker_stays_text(tmp_path: Path) -> None:
    """A title holding the marker's control characters is shown as its words, never read as a link."""
    from .conftest import build_project, make_project

    project = make_project(tmp_path / "p")
    page = next((project / "content" / "articles").glob("*.md"))
    text = page.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    page.write_text(text.replace(title, 'title: "Marked \\x02topics/x/\\x03 title"', 1), encoding="utf-8")
    output = build_project(project)
    lists = [p.read_text(encoding="utf-8") for p in (output / "outlets").rglob("index.html")]
    shown = [html for html in lists if "Marked " in html]
    assert shown, "the page is listed on its outlet's page"
    assert all("Marked topics/x/ title" in html for html in shown)
