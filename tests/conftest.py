"""Shared fixtures: the sample project and throwaway copies of it to ingest into and build.

The sample project's inputs (site.yaml, seeds/, content/) are a frozen copy in
tests/fixtures/sample/, never the working tree's own: a user who adds seeds or
edits site.yaml keeps a passing test suite. Only layouts/, the generator's
shipped theme, comes from the repository."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path

import pytest

from generator.config import SiteConfig, load_config

REPO = Path(__file__).resolve().parent.parent
"""The repository: where the generator's code and its shipped layouts/ live."""
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample"
"""The sample project's inputs: site.yaml, seeds/ and content/ (with its .ingest.json)."""
SAMPLE_CONFIG = SAMPLE / "site.yaml"
SEEDS = SAMPLE / "seeds"
CONTENT = SAMPLE / "content"
LAYOUTS = REPO / "layouts"
ARTICLE_SEED = SEEDS / "000_9970e61c0eab1cce.txt"
LIVE_SEED = SEEDS / "003_b47ea696795957a8.txt"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the sample project (site.yaml, seeds/, layouts/) with an empty content/."""
    return make_project(tmp_path, with_content=False)


@pytest.fixture
def config(project: Path) -> SiteConfig:
    return load_config(project / "site.yaml")[0]


def make_project(dest: Path, base_url: str | None = None, with_content: bool = True) -> Path:
    """A copy of the sample project in ``dest``: site.yaml (with ``base_url`` replaced if
    given), seeds/, layouts/ and, unless ``with_content`` is false, content/."""
    dest.mkdir(parents=True, exist_ok=True)
    text = SAMPLE_CONFIG.read_text(encoding="utf-8")
    if base_url:
        assert "base_url: https://example.org/" in text, "the sample site.yaml changed its base_url line"
        text = text.replace("base_url: https://example.org/", f"base_url: {base_url}")
    (dest / "site.yaml").write_text(text, encoding="utf-8")
    shutil.copytree(SEEDS, dest / "seeds")
    shutil.copytree(LAYOUTS, dest / "layouts")
    if with_content:
        shutil.copytree(CONTENT, dest / "content")
    else:
        (dest / "content").mkdir()
    return dest


def build_project(project: Path) -> Path:
    """Ingest and render a project in-process; returns its output folder."""
    from datetime import datetime

    from generator.ingest.run import ingest
    from generator.render.build import build

    config = load_config(project / "site.yaml")[0]
    ingest(config, now=datetime(2024, 1, 1, tzinfo=UTC))
    result = build(config)
    assert result.errors == 0, result.diagnostics
    return config.paths.output


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@contextmanager
def serving(project: Path) -> Iterator[str]:
    """``python -m generator serve --port 0`` running in ``project``; yields the URL it prints.
    The process is stopped afterwards."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", "0"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        url = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            assert line, "serve exited before it served"
            if match := re.search(r"serving (http://\S+)", line):
                url = match.group(1)
        assert url is not None, "serve printed no address"
        time.sleep(0.5)  # the watcher is set up right after the address is printed
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
