"""``python -m generator ingest --explain SEED``: every line of one seed with the tag
the parser gave it and why, then the fields that came out; it writes nothing,
takes the zone and ``ingest.drop_lines`` of ``--config``, and reads a seed from
anywhere."""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.cli.main import main
from generator.ingest.explain import explain
from generator.ingest.seedparse import read_seed

from .conftest import tree

SEED = """Share this story on Facebook
Harbour reopens after three days of storms
By Ana Ruiz and Owen Pryce, The Tribune
Updated 11:40 AM GMT, Thu March 14, 2024

Tribune Plus members read ad-free
The harbour reopened on Thursday after three days of closure, the port authority said.

Ferries will run a reduced timetable until the weekend, officials added.
"""
UNDATED = "Council approves tram line after delays\n\nThe council approved the plan on Wednesday after two inquiries.\n"


def explained(project: Path, capsys: pytest.CaptureFixture[str], seed: Path, *more: str) -> tuple[int, str, str]:
    """Exit code, what was printed (stdout) and the messages (stderr) of ``ingest --explain``."""
    capsys.readouterr()
    code = main(["ingest", "--config", str(project / "site.yaml"), "--explain", str(seed), *more])
    out, err = capsys.readouterr()
    return code, out, err


def line_of(out: str, number: int) -> str:
    [found] = [line for line in out.splitlines() if re.match(rf"\s*{number}\s", line)]
    return found


@pytest.fixture
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder outside the project."""
    return tmp_path_factory.mktemp("elsewhere")


@pytest.fixture
def seed(elsewhere: Path) -> Path:
    """The seed, outside the project: --explain reads a file from anywhere."""
    path = elsewhere / "harbour.txt"
    path.write_text(SEED, encoding="utf-8")
    return path


def test_every_line_has_its_tag_and_reason_then_the_fields(
    project: Path, seed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = explained(project, capsys, seed)
    assert code == 0 and err == ""
    assert out.startswith(f"{seed}: how each line was read")
    numbered = [int(m[1]) for m in re.finditer(r"^\s*(\d+)\s", out, re.M)]
    assert numbered == [n for n, text in enumerate(SEED.splitlines(), 1) if text.strip()], "every non-blank line"

    chrome = line_of(out, 1).split()
    assert chrome[:2] == ["1", "chrome"] and "known page chrome" in line_of(out, 1)
    assert line_of(out, 2).split()[:2] == ["2", "headline"]
    assert line_of(out, 3).split()[:2] == ["3", "byline"]
    assert line_of(out, 4).split()[:2] == ["4", "stamp"]
    assert "headline length" in line_of(out, 2), "the headline's reasons are given"

    fields = dict(re.findall(r"^  (\w[\w ]*?)\s{2,}(.+)$", out, re.M))
    assert fields["kind"] == "article"
    assert fields["headline"].startswith("'Harbour reopens after three days of storms' (line 2; score ")
    assert fields["authors"] == "Ana Ruiz, Owen Pryce" and fields["source"] == "The Tribune"
    assert fields["date"] == "2024-03-14T11:40:00+00:00"
    assert fields["paragraphs"] == "3"  # the site's own chrome (line 6) is still a paragraph
    assert out.rstrip().endswith("ingest would give no warning")


def test_drop_lines_of_the_config_are_shown_as_chrome(
    project: Path, seed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = project / "site.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\ningest:\n  drop_lines: ['/tribune plus .*/']\n", encoding="utf-8"
    )
    code, out, _ = explained(project, capsys, seed)
    assert code == 0
    assert line_of(out, 6).split()[:2] == ["6", "chrome"]
    assert "matches /tribune plus .*/ of site.yaml ingest.drop_lines" in line_of(out, 6)
    assert re.search(r"^  paragraphs\s+2$", out, re.M)


def test_a_seed_without_date_or_byline_says_so_and_what_ingest_would_do(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    undated = project / "seeds" / "tram-2024-03-05.txt"
    undated.write_text(UNDATED, encoding="utf-8")
    code, out, _ = explained(project, capsys, undated)
    assert code == 0 and out.startswith("seeds/tram-2024-03-05.txt: ")  # inside the project: named as ingest names it
    assert re.search(r"^  date\s+none found; ingest uses the date in its file name$", out, re.M)
    assert re.search(r"^  authors\s+none found$", out, re.M)
    assert "ingest would warn:\n  seeds/tram-2024-03-05.txt: warning: no date found" in out


def test_nothing_is_written(project: Path, seed: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "seeds" / "harbour.txt").write_text(SEED, encoding="utf-8")
    before, outside = tree(project), tree(seed.parent)
    for path in (seed, project / "seeds" / "harbour.txt"):
        assert explained(project, capsys, path)[0] == 0
    assert tree(project) == before and tree(seed.parent) == outside
    assert not (project / ".cache").exists() and not any((project / "content").iterdir())


def test_an_unreadable_seed_is_an_error_naming_the_file(
    project: Path, elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tmp_path = elsewhere
    missing = tmp_path / "nowhere.txt"
    code, out, err = explained(project, capsys, missing)
    assert code == 1 and out == ""
    assert err.startswith(f"{missing}: error: cannot read")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    code, _, err = explained(project, capsys, binary)
    assert code == 1 and err.startswith(f"{binary}: error: not a seed: binary file")
    blank = tmp_path / "blank.txt"
    blank.write_text("\n \n", encoding="utf-8")
    code, _, err = explained(project, capsys, blank)
    assert code == 1 and err.startswith(f"{blank}: error: not a seed: empty")


def test_explain_is_not_combined_with_writing_options(
    project: Path, seed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for option in ("--check", "--report", "--force"):
        code, _, err = explained(project, capsys, seed, option)
        assert code == 2 and "--explain cannot be combined" in err


def test_a_low_confidence_headline_is_shown_as_such(monkeypatch: pytest.MonkeyPatch) -> None:
    from .test_report import guessing

    guessing(monkeypatch)
    out = explain(read_seed(SEED, ZoneInfo("UTC")), "seeds/harbour.txt")
    [headline] = [line for line in out if line.startswith("  headline")]
    assert "(line 2; score " in headline and ", low confidence: " in headline
    assert out[-1] == (
        "  seeds/harbour.txt:2: warning: the headline is a low-confidence choice: line 2, 'Harbour reopens after "
        "three days of storms'; see how each line was read with 'python -m generator ingest --explain "
        "seeds/harbour.txt'"
    )


def test_a_live_blog_lists_its_posts() -> None:
    from .test_report import LIVE_TEXT

    out = explain(read_seed(LIVE_TEXT, ZoneInfo("UTC")), "seeds/storm.txt")
    assert re.search(r"^  kind\s+live blog$", "\n".join(out), re.M)
    posts = [line for line in out if re.match(r"\s+\d\. ", line)]
    assert len(posts) == 3
    assert posts[0].split()[1:3] == ["2024-03-14T14:20:00+00:00", "'Norway’s"] and posts[0].endswith(
        "by Ingrid Solberg"
    )
    assert posts[1].endswith(", no byline")
