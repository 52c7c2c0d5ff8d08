"""``python -m generator ingest --check``: a dry run of ingest that names every page
of content/ that is out of date with its seed (or not written yet), writes
nothing, and leaves hand edits alone as ingest does.

Each test runs the command line in-process on a throwaway project whose seeds/
holds the fixture seeds."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from generator import frontmatter
from generator.cli.main import main

FIXTURE_SEEDS = Path(__file__).parent / "fixtures" / "seeds"
UP_TO_DATE = "content/ is up to date with seeds/"


class Cli:
    def __init__(self, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.project = project
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, list[str]]:
        """Run a command in the project: its exit code and the lines it printed on stderr."""
        self.capsys.readouterr()
        code = main([args[0], "--config", str(self.project / "site.yaml"), "-j", "1", *args[1:]])
        return code, self.capsys.readouterr().err.splitlines()

    def ingest(self, *args: str) -> None:
        code, lines = self("ingest", *args)
        assert code == 0, lines


@pytest.fixture
def cli(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Cli:
    """The project, its seeds/ replaced by the fixture seeds, and a fixed clock."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714979289")
    shutil.rmtree(project / "seeds", ignore_errors=True)
    shutil.copytree(FIXTURE_SEEDS, project / "seeds")
    return Cli(project, capsys)


def tree(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file and folder under ``folder``: its bytes (files) and modification time."""
    found: dict[str, tuple[bytes, int]] = {}
    for path in sorted(folder.rglob("*")):
        data = path.read_bytes() if path.is_file() else b""
        found[path.relative_to(folder).as_posix()] = (data, path.stat().st_mtime_ns)
    return found


def pages_of(project: Path) -> dict[str, str]:
    """Each page in content/ (as messages name it) → the seed it came from."""
    found = {}
    for path in sorted((project / "content").rglob("*.md")):
        meta = frontmatter.parse(path.read_text(encoding="utf-8"), str(path))[0]
        found[path.relative_to(project).as_posix()] = meta["seed"]
    return found


def errors(lines: list[str]) -> list[str]:
    return [line for line in lines if ": error: " in line]


SEED_WARNING = re.compile(r"^seeds/[^:]+(?::\d+)?: warning: ")


def said(result: tuple[int, list[str]]) -> tuple[int, list[str]]:
    """A command's exit code and lines, less the warnings the fixture seeds give on every
    run (no date, no byline: tests/test_report.py tests those)."""
    code, lines = result
    return code, [line for line in lines if not SEED_WARNING.match(line)]


def append_paragraph(seed: Path) -> None:
    with seed.open("a", encoding="utf-8") as handle:
        handle.write("\n\nA late paragraph the seed did not have before, added to the end of the story.\n")


def test_up_to_date_after_ingest(cli: Cli) -> None:
    cli.ingest()
    code, lines = cli("ingest", "--check")
    assert code == 0 and errors(lines) == []
    assert lines[-1] == UP_TO_DATE


def test_before_any_ingest_every_page_is_named_as_not_written(cli: Cli) -> None:
    code, lines = cli("ingest", "--check")
    assert code == 1
    named = {line.split(": error: ")[0] for line in errors(lines)}
    cli.ingest()
    assert named == set(pages_of(cli.project))  # what the check named is exactly what ingest then wrote
    assert all("not written yet from seeds/" in line for line in errors(lines))
    assert "out of date" in lines[-1] and f"{len(named)} files to write" in lines[-1]


def test_a_changed_seed_names_its_page(cli: Cli) -> None:
    cli.ingest()
    append_paragraph(cli.project / "seeds" / "wire_ap.txt")
    code, lines = cli("ingest", "--check")
    assert code == 1
    [page] = [page for page, seed in pages_of(cli.project).items() if seed == "seeds/wire_ap.txt"]
    assert errors(lines) == [f"{page}: error: out of date with seeds/wire_ap.txt (run 'python -m generator ingest')"]
    assert lines[-1] != UP_TO_DATE
    cli.ingest()
    assert said(cli("ingest", "--check")) == (0, [UP_TO_DATE])


def test_a_new_seed_names_the_page_it_would_create(cli: Cli) -> None:
    cli.ingest()
    before = set(pages_of(cli.project))
    shutil.copy(FIXTURE_SEEDS / "wire_reuters.txt", cli.project / "seeds" / "another_wire.txt")
    code, lines = cli("ingest", "--check")
    assert code == 1
    [line] = errors(lines)
    page = line.split(": error: ")[0]
    assert "seeds/another_wire.txt" in line and page.startswith("content/") and page.endswith(".md")
    assert not (cli.project / page).exists()
    cli.ingest()
    assert set(pages_of(cli.project)) - before == {page}


def test_a_deleted_page_is_named(cli: Cli) -> None:
    cli.ingest()
    page, seed = next(iter(pages_of(cli.project).items()))
    (cli.project / page).unlink()
    code, lines = cli("ingest", "--check")
    assert code == 1 and errors(lines) == [
        f"{page}: error: not written yet from {seed} (run 'python -m generator ingest')"
    ]


def test_check_writes_nothing(cli: Cli) -> None:
    project = cli.project
    fresh = tree(project)
    assert cli("ingest", "--check")[0] == 1
    assert tree(project) == fresh and not (project / ".cache").exists()

    cli.ingest()
    append_paragraph(project / "seeds" / "minimal.txt")
    shutil.copy(FIXTURE_SEEDS / "wire_ap.txt", project / "seeds" / "new_wire.txt")
    os.unlink(project / "content" / ".ingest.json")
    before = tree(project)
    assert cli("ingest", "--check", "--force", "--report")[0] == 1
    assert tree(project) == before


def test_a_hand_edit_with_an_unchanged_seed_is_not_out_of_date(cli: Cli) -> None:
    cli.ingest()
    strict = cli("ingest", "--check", "--strict")  # the seeds' own warnings decide its exit code
    page = next(iter(pages_of(cli.project)))
    path = cli.project / page
    path.write_text(path.read_text(encoding="utf-8") + "\nAn editor's note at the end.\n", encoding="utf-8")
    assert said(cli("ingest", "--check")) == (0, [UP_TO_DATE])
    assert cli("ingest", "--check", "--strict") == strict, "the edit adds nothing to say, even under --strict"
    assert said(strict)[1] == [UP_TO_DATE]


def test_a_hand_edit_whose_seed_changed_is_reported_as_a_kept_edit(cli: Cli) -> None:
    cli.ingest()
    [page] = [page for page, seed in pages_of(cli.project).items() if seed == "seeds/wire_ap.txt"]
    path = cli.project / page
    path.write_text(path.read_text(encoding="utf-8") + "\nAn editor's note at the end.\n", encoding="utf-8")
    append_paragraph(cli.project / "seeds" / "wire_ap.txt")
    code, lines = cli("ingest", "--check")
    assert code == 0 and errors(lines) == []
    [kept] = [line for line in lines if line.startswith(f"{page}: warning: kept your edit")]
    assert "seeds/wire_ap.txt" in kept and f"--accept-seed {page}" in kept and f"--keep-edit {page}" in kept
    assert lines[-1] == f"{UP_TO_DATE} (1 hand edit kept over a changed seed)"
    assert cli("ingest", "--check", "--strict")[0] == 1
    # With --force the page would be replaced, so it is out of date for that command.
    code, lines = cli("ingest", "--check", "--force")
    assert code == 1 and errors(lines) == [
        f"{page}: error: out of date with seeds/wire_ap.txt (run 'python -m generator ingest --force')"
    ]


def test_a_lost_ledger_is_named_when_every_page_is_right(cli: Cli) -> None:
    cli.ingest()
    (cli.project / "content" / ".ingest.json").unlink()
    code, lines = cli("ingest", "--check")
    assert code == 1
    assert errors(lines) == ["content/.ingest.json: error: out of date with seeds/ (run 'python -m generator ingest')"]
    cli.ingest()
    assert cli("ingest", "--check")[0] == 0


def test_check_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "--help"]) == 0
    text = capsys.readouterr().out
    assert re.search(r"--check\s+write nothing", text) and "ingest --check" in text
