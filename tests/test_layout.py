"""The package's shape: one subpackage per stage, imports that only go down the
pipeline (import-linter's contracts in pyproject.toml), short modules, and a wheel
that carries every module."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO

PACKAGE = REPO / "generator"
STAGES = ("ingest", "site", "render", "serve", "check", "cli")
MAX_LINES = 400
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def test_every_shared_module_is_bound_by_the_contract() -> None:
    """A new module at the top of generator/ is shared by definition, so the contract
    that keeps shared modules from importing a stage must name it."""
    shared = next(c for c in _contracts() if c["name"] == "Shared modules import no stage")
    listed = set(shared["source_modules"])  # type: ignore[call-overload]
    top = {f"generator.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem not in {"__init__", "__main__"}}
    assert top == listed
    assert set(shared["forbidden_modules"]) == {f"generator.{s}" for s in STAGES}  # type: ignore[call-overload]


def test_each_stage_is_a_package_that_says_what_it_takes_and_gives() -> None:
    for stage in STAGES:
        init = PACKAGE / stage / "__init__.py"
        doc = init.read_text(encoding="utf-8")
        assert doc.startswith('"""'), f"{init} has no docstring"
        text = doc.split('"""')[1]
        assert len(text.split()) >= 25, f"{init}: say what the stage takes and what it gives"


def test_no_module_is_longer_than_the_limit() -> None:
    long = {
        str(p.relative_to(REPO)): n
        for p in sorted(PACKAGE.rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def _lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=project, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """The package and its pyproject.toml in a throwaway folder, to break on purpose."""
    shutil.copytree(PACKAGE, tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


@pytest.mark.parametrize(
    ("module", "wrong_import", "broken"),
    [
        ("site/model.py", "from ..ingest import records", "generator.site is not allowed to import generator.ingest"),
        (
            "render/urls.py",
            "from ..ingest import records",
            "generator.render is not allowed to import generator.ingest",
        ),
        ("render/feeds.py", "from ..check import run", "generator.render is not allowed to import generator.check"),
        ("ingest/records.py", "from ..site import model", "Ingest writes content/"),
        ("text.py", "from .site import model", "Shared modules import no stage"),
    ],
)
def test_a_wrong_way_import_breaks_the_contracts(
    package_copy: Path, module: str, wrong_import: str, broken: str
) -> None:
    assert _lint_imports(package_copy).returncode == 0, "the copy as it is keeps every contract"
    with open(package_copy / "generator" / module, "a", encoding="utf-8") as handle:
        handle.write(f"\n{wrong_import}  # noqa\n")
    result = _lint_imports(package_copy)
    assert result.returncode == 1
    assert broken in result.stdout


def test_a_built_wheel_ships_every_module(tmp_path: Path) -> None:
    """A real, non-editable install gets every module and data file of the package."""
    source = tmp_path / "src"
    shutil.copytree(PACKAGE, source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            ".",
        ],
        cwd=source,
        check=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = {n for n in archive.namelist() if n.startswith("generator/")}
    expected = {
        p.relative_to(REPO).as_posix() for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    }
    assert shipped == expected
    assert "generator/ingest/chrome.txt" in shipped  # data, not only modules
