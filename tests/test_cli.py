"""The command line as a user meets it: help, exit codes, messages, --strict."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli.main import main

from .conftest import REPO


def cli(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=project, env=env, capture_output=True, text=True, check=False
    )


def test_help_everywhere(project: Path) -> None:
    for args in ([], ["ingest"], ["build"], ["serve"], ["check"]):
        result = cli(project, *args, "--help")
        assert result.returncode == 0 and "usage:" in result.stdout and "example" in result.stdout


def test_bad_usage_exits_2(project: Path) -> None:
    assert cli(project, "frobnicate").returncode == 2
    assert cli(project).returncode == 2


def test_ingest_ok_then_summary(project: Path) -> None:
    result = cli(project, "ingest")
    assert result.returncode == 0, result.stderr
    assert "2 seeds → 11 pages" in result.stderr and "0 warnings" in result.stderr


def test_bad_config_lists_each_problem_and_exits_2(project: Path) -> None:
    (project / "site.yaml").write_text(
        "title: ''\nbase_url: nope\ntimezone: Nowhere/City\nbogus: 1\n", encoding="utf-8"
    )
    result = cli(project, "ingest")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines == [
        "site.yaml:1: error: 'title' must be a non-empty string",
        "site.yaml:2: error: 'base_url' must be an absolute http(s) URL, not 'nope'",
        "site.yaml:3: error: 'timezone' 'Nowhere/City' is not a known IANA time zone name",
        "site.yaml:4: warning: unknown key 'bogus' is ignored",
    ], "every error and warning, each with its line, in the file's order"
    assert not list((project / "content").iterdir()), "nothing is touched on a bad configuration"


def test_bad_seed_warns_and_strict_fails(project: Path) -> None:
    (project / "seeds" / "empty.txt").write_bytes(b"")
    relaxed = cli(project, "ingest")
    assert relaxed.returncode == 0
    assert "seeds/empty.txt: warning: skipped: empty or whitespace only" in relaxed.stderr
    assert "1 seed skipped), 1 warning\n" in relaxed.stderr  # never "1 warnings"
    strict = cli(project, "ingest", "--strict")
    assert strict.returncode == 1


def test_quiet_hides_summary_and_build_runs_ingest(project: Path) -> None:
    result = cli(project, "build", "--quiet")
    assert result.returncode == 0 and result.stderr == ""
    assert len(list((project / "content").rglob("*.md"))) == 11


def test_internal_error_is_one_line_without_verbose(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*a: object, **k: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr("generator.cli.main.ingest", broken)
    monkeypatch.chdir(project)
    assert main(["ingest"]) == 1
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: kaboom" in err and "Traceback" not in err
    assert main(["ingest", "--verbose"]) == 1
    assert "Traceback" in capsys.readouterr().err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.cli.progress import ProgressBar

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert ProgressBar.wanted(_Terminal(), quiet=False)
    assert not ProgressBar.wanted(_Terminal(), quiet=True)
    assert not ProgressBar.wanted(io.StringIO(), quiet=False), "a pipe or log file gets no bar"
    monkeypatch.setenv("CI", "true")
    assert not ProgressBar.wanted(_Terminal(), quiet=False), "nor does CI"
    screen = _Terminal()
    bar = ProgressBar(screen)
    for done in range(0, 11):
        bar("render", done, 10)
    bar.close()
    drawn = screen.getvalue()
    assert "rendering" in drawn and "10/10" in drawn and drawn.endswith("\n")
    assert "[" + "#" * ProgressBar.WIDTH + "]" in drawn


def test_build_output_has_no_progress_bar_when_piped(project: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "\r" not in done.stderr and "build:" in done.stderr


def test_check_before_build_says_what_to_do(project: Path) -> None:
    result = cli(project, "check")
    assert result.returncode == 1
    assert "error:" in result.stderr and "python -m generator build" in result.stderr


def test_check_exit_codes_follow_what_it_finds(project: Path) -> None:
    assert cli(project, "build", "--quiet").returncode == 0
    clean = cli(project, "check", "--strict")
    assert clean.returncode == 0, clean.stderr
    assert "0 errors, 0 warnings" in clean.stderr

    # An orphan page is a warning: it fails only under --strict.
    orphan = project / "output" / "lost" / "index.html"
    orphan.parent.mkdir()
    orphan.write_text(
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Lost</title></head>\n'
        '<body><p>No page links here. <a href="../">Home</a></p></body>\n</html>\n',
        encoding="utf-8",
    )
    relaxed = cli(project, "check")
    assert relaxed.returncode == 0 and "output/lost/index.html: warning:" in relaxed.stderr
    assert cli(project, "check", "--strict").returncode == 1

    # A broken link is an error, named with the file, its line and the link.
    home = project / "output" / "index.html"
    lines = home.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if 'href="archive/"' in line)
    lines[at] = lines[at].replace('href="archive/"', 'href="archives-gone/"', 1)
    home.write_text("".join(lines), encoding="utf-8")
    broken = cli(project, "check")
    assert broken.returncode == 1
    assert f"output/index.html:{at + 1}: error: broken link 'archives-gone/'" in broken.stderr


def test_ingest_report_prints_a_table_and_strict_fails_on_missing_bylines(project: Path) -> None:
    plain = cli(project, "ingest", "--report")
    assert plain.returncode == 0, plain.stderr
    header, *rows = plain.stdout.splitlines()
    assert header.split()[:3] == ["seeds/", "kind", "pages"]
    assert any(r.startswith("000_9970e61c0eab1cce.txt") and " article " in r for r in rows)
    assert any(r.startswith("003_b47ea696795957a8.txt") and " live blog " in r for r in rows)
    assert cli(project, "ingest", "--report", "--strict").returncode == 0, "the real seeds have dates and bylines"

    (project / "seeds" / "bare.txt").write_text(
        "A headline with nothing else\n\nOne paragraph of text, no byline and no date anywhere in it.\n",
        encoding="utf-8",
    )
    relaxed = cli(project, "ingest", "--report")
    assert relaxed.returncode == 0
    assert any(r.startswith("bare.txt") for r in relaxed.stdout.splitlines())
    strict = cli(project, "ingest", "--report", "--strict")
    assert strict.returncode == 1
    named = [line for line in strict.stderr.splitlines() if line.startswith("seeds/bare.txt: error:")]
    assert named and "byline" in named[0] and "date" in named[0]


def test_a_seeds_problems_are_warned_on_every_run_until_fixed(project: Path) -> None:
    notes = project / "seeds" / "2024-03-05-notes.txt"
    notes.write_text(
        "Notes on the harbour reopening\n\nThe harbour reopened on Thursday after three days of closure.\n",
        encoding="utf-8",
    )
    warned = [
        "seeds/2024-03-05-notes.txt: warning: no date found; using the date in its file name, 2024-03-05",
        "seeds/2024-03-05-notes.txt: warning: no byline found; its pages have no authors",
    ]
    first = cli(project, "ingest")
    assert first.returncode == 0, first.stderr
    lines = first.stderr.splitlines()
    assert [line for line in lines if "warning:" in line] == warned
    assert lines[-2].startswith("ingest: 3 seeds → 12 pages") and lines[-2].endswith(", 2 warnings")
    assert lines[-1] == "seeds with no date: the date in the file name used for seeds/2024-03-05-notes.txt"
    assert "first-ingest" not in first.stderr

    # The seed is not parsed again, but its problems are said again; --strict fails on them.
    again = cli(project, "build")
    assert again.returncode == 0 and [x for x in again.stderr.splitlines() if "warning:" in x] == warned
    assert "(0 created, 0 updated, 0 edits kept, 0 seeds skipped), 2 warnings" in again.stderr
    assert cli(project, "ingest", "--strict").returncode == 1
    assert cli(project, "build", "--strict", "--quiet").returncode == 1

    # Fixed: nothing more to say.
    notes.write_text(
        "Notes on the harbour reopening\nBy Ana Ruiz, The Tribune\nUpdated 11:40 AM GMT, Tue March 5, 2024\n\n"
        "The harbour reopened on Thursday after three days of closure.\n",
        encoding="utf-8",
    )
    fixed = cli(project, "ingest", "--strict")
    assert fixed.returncode == 0 and "warning:" not in fixed.stderr and "0 warnings" in fixed.stderr


def test_a_misspelt_key_is_shown_beside_the_error_it_causes(project: Path) -> None:
    (project / "site.yaml").write_text(
        "title: T\nbase_url: https://e.org/\ntimezon: UTC\ntopics:\n  - name: A\n    matches: [a]\n",
        encoding="utf-8",
    )
    result = cli(project, "build")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "site.yaml:3: warning: unknown key 'timezon' is ignored (did you mean 'timezone'?)",
        "site.yaml:6: error: unknown key 'topics[0].matches' (did you mean 'topics[0].match'?)",
    ]


def test_a_build_that_leaves_out_pages_says_so_and_strict_fails(project: Path) -> None:
    assert cli(project, "ingest").returncode == 0
    (project / "content" / "zz-broken.md").write_text("---\ntitle: [unclosed\n---\nBody.\n", encoding="utf-8")
    (project / "content" / "zz-undated.md").write_text("---\ntitle: No date\n---\nBody.\n", encoding="utf-8")
    relaxed = cli(project, "build")
    assert relaxed.returncode == 0, relaxed.stderr
    assert "content/zz-broken.md:" in relaxed.stderr and "warning: skipped:" in relaxed.stderr
    summary = [x for x in relaxed.stderr.splitlines() if "left out" in x]
    assert summary == ["build: 2 pages left out (broken front matter): content/zz-broken.md, content/zz-undated.md"]
    strict = cli(project, "build", "--strict")
    assert strict.returncode == 1 and summary[0] in strict.stderr, "the unchanged build still says so"
    (project / "content" / "zz-broken.md").unlink()
    (project / "content" / "zz-undated.md").unlink()
    fixed = cli(project, "build", "--strict")
    assert fixed.returncode == 0 and "left out" not in fixed.stderr, fixed.stderr
