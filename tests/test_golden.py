"""The sample site, built with a fixed clock, must match the committed tree in
tests/golden/ byte for byte. After an intended change to templates, styles or
rendering, update the tree with `make golden` and review the diff in git."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .conftest import build_project, make_project, tree

GOLDEN = Path(__file__).parent / "golden"


def test_sample_site_matches_golden_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    built = tree(build_project(make_project(tmp_path / "site")))
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, data in built.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    golden = tree(GOLDEN)
    assert sorted(built) == sorted(golden), "files added or missing: run 'make golden' if intended"
    changed = [name for name in built if built[name] != golden[name]]
    assert changed == [], f"files differ from tests/golden/: {changed[:10]} (run 'make golden' if intended)"
