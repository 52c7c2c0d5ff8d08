"""Faults of the machine (a full disk, no permission, a read-only file system, too
many open files) name the file, the cause and what was kept: never "internal error"."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from generator.cli.main import main
from generator.render.publish import Publisher, public_path

from .conftest import make_project, tree


def _run(project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    monkeypatch.chdir(project)
    assert main([*args]) == 1
    err = capsys.readouterr().err
    assert "internal error" not in err and "Traceback" not in err
    return err


def test_a_full_disk_while_publishing_names_the_page_and_leaves_output_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "p")
    monkeypatch.chdir(project)
    assert main(["build", "-q"]) == 0
    before = tree(project / "output")
    (project / "content" / "extra.md").write_text("---\ntitle: Extra\ndate: 2024-01-02\n---\nBody.\n")

    def full(self: Publisher, rel: str, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", str(self.root / rel))

    monkeypatch.setattr("generator.render.publish.Publisher.stage", full)
    err = _run(project, monkeypatch, capsys, "build", "-j", "1")
    line = next(x for x in err.splitlines() if "error:" in x)
    assert line.startswith("output/") and line.endswith(": error: no space left on device; output/ was left as it was")
    assert ".news-digest-staging" not in line
    assert tree(project / "output") == before


def test_permission_denied_in_content_names_the_file_and_says_written_pages_are_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "p", with_content=False)

    def denied(prefix: str, dir: Path) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied", str(Path(dir) / f"{prefix}x"))

    monkeypatch.setattr("generator.fsio.tempfile.mkstemp", denied)
    err = _run(project, monkeypatch, capsys, "ingest")
    assert "content/" in err and ": error: permission denied; the pages already written to content/ are whole" in err


def test_a_read_only_file_system_for_the_lock_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "p")

    def read_only(path: Path, *a: object) -> int:
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr("generator.lock.os.open", read_only)
    err = _run(project, monkeypatch, capsys, "build")
    assert ".cache/build.lock: error: read-only file system; nothing was changed" in err
    assert not (project / "output").exists()


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.EMFILE, "too many open files"), (errno.EPERM, "permission denied"), (errno.ENOSPC, "no space left")],
)
def test_a_fault_anywhere_else_is_named_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], code: int, words: str
) -> None:
    project = make_project(tmp_path / "p")

    def fails(*a: object, **k: object) -> None:
        raise OSError(code, "strerror", str(project / "output" / "index.html"))

    monkeypatch.setattr("generator.check.run.check_site", fails)
    err = _run(project, monkeypatch, capsys, "check")
    assert f"output/index.html: error: {words}" in err


def test_a_fault_without_a_file_still_says_what_was_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = make_project(tmp_path / "p")

    def fails(*a: object, **k: object) -> None:
        raise OSError(errno.EMFILE, "Too many open files")

    monkeypatch.setattr("generator.cli.main.build", fails)
    err = _run(project, monkeypatch, capsys, "build")
    assert "error: too many open files" in err and "output/ was not created" in err


def test_staging_paths_are_shown_as_their_output_file() -> None:
    assert public_path("output/.news-digest-staging-ab12/a/b.html") == "output/a/b.html"
    assert public_path(".output.staging-ab12/index.html") == "output/index.html"
    assert public_path("content/x.md") == "content/x.md"
