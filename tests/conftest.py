"""Shared fixtures: the repo's real seeds, and a throwaway project to ingest into."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.config import SiteConfig, load_config

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
ARTICLE_SEED = SEEDS / "000_9970e61c0eab1cce.txt"
LIVE_SEED = SEEDS / "003_b47ea696795957a8.txt"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the sample project (site.yaml and seeds/) with an empty content/."""
    shutil.copy(REPO / "site.yaml", tmp_path / "site.yaml")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "content").mkdir()
    (tmp_path / "layouts").mkdir()
    return tmp_path


@pytest.fixture
def config(project: Path) -> SiteConfig:
    return load_config(project / "site.yaml")[0]
