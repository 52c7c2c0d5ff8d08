"""The sample site, built as a user builds it with a fixed clock, must match the
committed tree in tests/golden/ byte for byte. After an intended change to
templates, styles or rendering, update the tree with `make golden` and review the
diff in git."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import REPO, make_project, tree

GOLDEN = Path(__file__).parent / "golden"
SEARCH_INDEX = "pagefind/"
"""Left out of the golden tree: Pagefind's own output."""
EPOCH = "1767225600"
"""The build's only clock: ``python -m generator build`` reads it through generator.clock.
2026-01-01, after every page of the sample: a page dated after it would be held back."""


def test_sample_site_matches_golden_tree(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": EPOCH}
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    built = tree(project / "output")
    # Pagefind's search index is its program's bytes (binary, and new with each of its versions), not
    # ours to review here: it is left out of the golden tree, and tests/test_search.py checks it.
    assert "pagefind/2023-12-w1/pagefind-entry.json" in built, "the build made no search index (one bundle: a week)"
    built = {name: data for name, data in built.items() if not name.startswith(SEARCH_INDEX)}
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, data in built.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    golden = tree(GOLDEN)
    assert sorted(built) == sorted(golden), "files added or missing: run 'make golden' if intended"
    changed = [name for name in built if built[name] != golden[name]]
    assert changed == [], f"files differ from tests/golden/: {changed[:10]} (run 'make golden' if intended)"
