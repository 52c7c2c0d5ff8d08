"""The Makefile's own options, as `make -n` (print, don't run) shows them."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from .conftest import REPO


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize(("args", "expected"), [(["PORT=8080"], "serve --port 8080"), ([], "generator serve\n")])
def test_make_serve_takes_a_port(args: list[str], expected: str) -> None:
    shown = subprocess.run(
        ["make", "-n", "serve", *args], cwd=REPO, capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert expected in shown.replace("generator serve \n", "generator serve\n")
