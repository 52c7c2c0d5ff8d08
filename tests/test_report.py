"""The ingest report: one row per seed (kind, pages, byline, date, dateline, images,
outlet), the table printed for it, and the --strict problems drawn from it.

Rows are checked against what the seeds contain (read here independently of the
parser where that is practical), on the two real seeds, on synthetic seeds that
each lack one field, on seeds that cannot be ingested, and on a second ingest
with nothing changed, where no seed is parsed again.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from generator.config import SiteConfig, load_config
from generator.diagnostics import Level
from generator.ingest import table
from generator.ingest.documents import fallback_moment
from generator.ingest.report import (
    DateFallback,
    SeedKind,
    SeedReport,
    Tally,
    date_fallback,
    strict_problems,
    unpack,
)
from generator.ingest.rows import ROWS_NAME, load_rows, save_rows
from generator.ingest.run import IngestResult, ingest
from generator.ingest.table import format_report

from .conftest import ARTICLE_SEED, LIVE_SEED, make_project

NOW = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)
FIXTURES = Path(__file__).parent / "fixtures" / "seeds"

ARTICLE = "seeds/" + ARTICLE_SEED.name
LIVE = "seeds/" + LIVE_SEED.name

# A synthetic article with every field; each "missing" seed below is this text less one part.
FULL = """Council approves new tram line after decade of delays
By Helen Marsh and Owen Pryce, The Guardian
5 minute read
Updated 11:40 AM GMT, Thu March 14, 2024

Commuters wait for a bus on the Headrow in Leeds city centre on Wednesday evening.
Rhys Tanner/The Guardian
Leeds, England
The Guardian
 —\x20
The council approved the £2bn plan on Wednesday after a decade of delays and two public inquiries.

Work is due to start next year, officials said, and the first trams should run by 2030.
"""
BYLINE = "By Helen Marsh and Owen Pryce, The Guardian\n"
DATE = "Updated 11:40 AM GMT, Thu March 14, 2024\n"
DATELINE = "Leeds, England\nThe Guardian\n — \n"
PHOTO = "Commuters wait for a bus on the Headrow in Leeds city centre on Wednesday evening.\nRhys Tanner/The Guardian\n"

# A live blog of three posts: the second has no byline, the third no photo.
LIVE_TEXT = """Storm Isolde: flights grounded across northern Europe

March 14, 2024 Storm Isolde

By Ingrid Solberg and Tomás Herrera, The Guardian

Updated 1450 GMT (1550 CET) March 14, 2024
3 Posts
Sort byDropdown arrow
14:20 GMT, March 14, 2024

Norway’s biggest airport suspends all departures

From Ingrid Solberg in Oslo

Snow ploughs clear a taxiway at Oslo Airport on Thursday.
Snow ploughs clear a taxiway at Oslo Airport on Thursday. (Kristian Vold/NTB)

Oslo Airport suspended all departures on Thursday afternoon, the airport operator said.

13:05 GMT, March 14, 2024

Ferries stay in port along the west coast

A ferry is moored at Bergen harbour on Thursday.
A ferry is moored at Bergen harbour on Thursday. (Eirik Dahl/NTB)

All ferry crossings along the west coast were cancelled until Friday morning.

11:30 GMT, March 14, 2024

Power cut to 200,000 homes

From Tomás Herrera in Hamburg

More than 200,000 homes in Sweden and Denmark were without electricity by late morning.
"""


def run(config: SiteConfig) -> IngestResult:
    return ingest(config, now=NOW, report=True)


def project_with(tmp_path: Path, seeds: dict[str, str | bytes]) -> tuple[Path, SiteConfig]:
    """A throwaway project whose seeds/ holds exactly ``seeds``."""
    root = make_project(tmp_path / "site", with_content=False)
    shutil.rmtree(root / "seeds")
    for name, data in seeds.items():
        path = root / "seeds" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return root, load_config(root / "site.yaml")[0]


def rows_by_seed(result: IngestResult) -> dict[str, SeedReport]:
    return {row.seed: row for row in result.report}


def article(
    seed: str, every: Tally, source: str | None = None, date_fallback: DateFallback | None = None
) -> SeedReport:
    """An article row with the same tally for every field."""
    return SeedReport(
        seed,
        SeedKind.ARTICLE,
        pages=1,
        byline=every,
        date=every,
        dateline=every,
        images=every,
        source=source,
        date_fallback=date_fallback,
        signed=every.found > 0,
    )


def plain(text: str) -> str:
    return re.sub(r"\x1b\[\d+m", "", text)


# --- the real seeds --------------------------------------------------------------------

EXPECTED_ARTICLE = SeedReport(
    seed=ARTICLE,
    kind=SeedKind.ARTICLE,
    pages=1,
    byline=Tally(1, 1),
    date=Tally(1, 1),
    dateline=Tally(1, 1),
    images=Tally(1, 1),
    source="CNN",
    signed=True,
)
EXPECTED_LIVE = SeedReport(
    seed=LIVE,
    kind=SeedKind.LIVE_BLOG,
    pages=10,
    posts=9,
    byline=Tally(9, 9),
    date=Tally(9, 9),
    dateline=Tally(0, 9),
    images=Tally(7, 9),
    source="CNN",
    signed=True,
)


def test_real_seeds_rows(config: SiteConfig) -> None:
    result = run(config)
    assert result.report == (EXPECTED_ARTICLE, EXPECTED_LIVE)
    assert sum(row.pages for row in result.report) == result.pages == 11
    assert strict_problems(result.report) == []


def test_real_article_fields_are_in_its_text() -> None:
    """Counted from the text without the parser: a ``By …`` line, an ``Updated …``
    line, a dateline above ``CNN`` / ``—``, and a photo credit (``Name/Agency``)."""
    lines = [line.strip() for line in ARTICLE_SEED.read_text(encoding="utf-8").splitlines()]
    byline = [line for line in lines if line.startswith("By ") and line.endswith(", CNN")]
    dated = [line for line in lines if re.match(r"(?:Updated|Published) \d", line)]
    dash = lines.index("—") if "—" in lines else -1
    datelines = [lines[dash - 2]] if dash >= 2 and lines[dash - 1] == "CNN" else []
    credits = [line for line in lines if re.fullmatch(r"[A-Z][\w ]+(?:/[A-Za-z][\w ]+){1,3}", line)]
    assert (byline, dated, datelines, credits) == (
        ["By Tamar Michaelis, MJ Lee and Joshua Berlinger, CNN"],
        ["Updated 5:51 PM EST, Sat December 2, 2023"],
        ["Tel Aviv, Israel"],
        ["Abed Rahim Khatib/picture alliance/Getty Images"],
    )
    assert dict(EXPECTED_ARTICLE.fields) == {
        "byline": Tally(len(byline), 1),
        "date": Tally(len(dated), 1),
        "dateline": Tally(len(datelines), 1),
        "images": Tally(len(credits), 1),
    }


def test_real_live_blog_counts_match_its_posts() -> None:
    """Counted from the text without the parser: nine posts, each opened by a
    timestamp and a ``From …``/``Analysis by …`` byline; seven with a photo (a
    caption line repeated with its credit); no post with a dateline."""
    text = LIVE_SEED.read_text(encoding="utf-8")
    chunks = re.split(r"^\d{1,2}:\d{2} [ap]\.m\. ET, December 2, 2023$", text, flags=re.M)[1:]
    posts = [[line.strip() for line in chunk.splitlines() if line.strip()] for chunk in chunks]
    assert len(posts) == EXPECTED_LIVE.posts == 9
    with_byline = sum(1 for p in posts if re.match(r"(?:From|Analysis by)\s", p[1]))  # one has an NBSP
    with_photo = sum(1 for p in posts if p[3].startswith(p[2]) and len(p[3]) > len(p[2]))
    with_dateline = sum(1 for p in posts if any(line in ("—", "CNN —") for line in p))
    assert EXPECTED_LIVE.byline == Tally(with_byline, 9) == Tally(9, 9)
    assert EXPECTED_LIVE.images == Tally(with_photo, 9) == Tally(7, 9)
    assert EXPECTED_LIVE.dateline == Tally(with_dateline, 9)


# --- synthetic seeds, one field missing at a time ------------------------------------


@pytest.fixture
def synthetic(tmp_path: Path) -> dict[str, SeedReport]:
    seeds: dict[str, str | bytes] = {
        "full.txt": FULL,
        "no-byline.txt": FULL.replace(BYLINE, ""),
        "no-date.txt": FULL.replace(DATE, ""),
        "no-date-2024-03-14.txt": FULL.replace(DATE, ""),
        "no-dateline.txt": FULL.replace(DATELINE, ""),
        "no-photo.txt": FULL.replace(PHOTO, ""),
        "storm-live.txt": LIVE_TEXT,
        "minimal.txt": (FIXTURES / "minimal.txt").read_bytes(),
    }
    result = run(project_with(tmp_path, seeds)[1])
    assert result.errors == 0
    # Each seed lacking a date or a byline says so; a live blog signed at the top is signed.
    assert [d.format() for d in result.diagnostics] == [
        "seeds/minimal.txt: warning: no date found; using the time of its first ingest "
        "(2024-05-06T03:08:09-04:00), kept from then on",
        "seeds/minimal.txt: warning: no byline found; its pages have no authors",
        "seeds/no-byline.txt: warning: no byline found; its pages have no authors",
        "seeds/no-date-2024-03-14.txt: warning: no date found; using the date in its file name, 2024-03-14",
        "seeds/no-date.txt: warning: no date found; using the time of its first ingest "
        "(2024-05-06T03:08:09-04:00), kept from then on",
    ]
    return rows_by_seed(result)


def fields(row: SeedReport) -> dict[str, Tally]:
    return dict(row.fields)


def test_full_synthetic_article_has_every_field(synthetic: dict[str, SeedReport]) -> None:
    row = synthetic["seeds/full.txt"]
    assert row.kind is SeedKind.ARTICLE and row.pages == 1 and row.source == "The Guardian"
    assert fields(row) == {name: Tally(1, 1) for name in ("byline", "date", "dateline", "images")}
    assert row.date_fallback is None


@pytest.mark.parametrize(
    ("seed", "missing"),
    [
        ("no-byline.txt", "byline"),
        ("no-date.txt", "date"),
        ("no-date-2024-03-14.txt", "date"),
        ("no-dateline.txt", "dateline"),
        ("no-photo.txt", "images"),
    ],
)
def test_one_missing_field_is_reported_and_only_that_one(
    synthetic: dict[str, SeedReport], seed: str, missing: str
) -> None:
    row = synthetic["seeds/" + seed]
    assert row.kind is SeedKind.ARTICLE and row.pages == 1
    assert fields(row) == {
        name: Tally(0, 1) if name == missing else Tally(1, 1) for name in ("byline", "date", "dateline", "images")
    }
    # The outlet is still found: from "The Guardian —", or from the byline when that line is gone.
    assert row.source == "The Guardian"


def test_undated_seed_says_where_its_date_came_from(synthetic: dict[str, SeedReport]) -> None:
    assert synthetic["seeds/no-date.txt"].date_fallback is DateFallback.FIRST_INGEST
    assert synthetic["seeds/no-date-2024-03-14.txt"].date_fallback is DateFallback.FILE_NAME
    assert synthetic["seeds/no-byline.txt"].date_fallback is None


@pytest.mark.parametrize(
    ("seed", "expected"),
    [
        ("seeds/notes-2024-03-14.txt", DateFallback.FILE_NAME),
        ("seeds/notes.txt", DateFallback.FIRST_INGEST),
        ("seeds/notes-2023-02-30.txt", DateFallback.FIRST_INGEST),  # no such day
        ("seeds/2023-13-01-then-2024-01-01.txt", DateFallback.FIRST_INGEST),  # only the first date counts
        ("seeds/2024-01-01/notes.txt", DateFallback.FIRST_INGEST),  # a folder's name is not the file's
    ],
)
def test_report_and_ingest_take_an_undated_seeds_date_from_the_same_place(seed: str, expected: DateFallback) -> None:
    first_ingest = datetime(2031, 7, 8, 9, 10, tzinfo=UTC)
    used = fallback_moment(seed.rsplit("/", 1)[-1], first_ingest, UTC)
    assert (DateFallback.FIRST_INGEST if used == first_ingest else DateFallback.FILE_NAME) is expected
    assert date_fallback(seed) is expected


def test_minimal_seed_has_nothing_but_text(synthetic: dict[str, SeedReport]) -> None:
    row = synthetic["seeds/minimal.txt"]
    assert row.kind is SeedKind.ARTICLE and row.pages == 1 and row.source is None
    assert fields(row) == {name: Tally(0, 1) for name in ("byline", "date", "dateline", "images")}
    assert row.date_fallback is DateFallback.FIRST_INGEST


def test_live_blog_counts_posts(synthetic: dict[str, SeedReport]) -> None:
    row = synthetic["seeds/storm-live.txt"]
    assert row.kind is SeedKind.LIVE_BLOG and row.posts == 3 and row.pages == 4
    assert fields(row) == {"byline": Tally(2, 3), "date": Tally(3, 3), "dateline": Tally(0, 3), "images": Tally(2, 3)}
    assert row.source == "The Guardian"


def test_strict_problems_name_the_missing_fields(synthetic: dict[str, SeedReport]) -> None:
    problems = strict_problems(sorted(synthetic.values(), key=lambda r: r.seed))
    assert all(p.level is Level.ERROR and p.line is None for p in problems)
    by_path = {p.path or "": p.message for p in problems}
    assert sorted(by_path) == [
        "seeds/minimal.txt",
        "seeds/no-byline.txt",
        "seeds/no-date-2024-03-14.txt",
        "seeds/no-date.txt",
        "seeds/storm-live.txt",
    ]
    assert by_path["seeds/no-byline.txt"] == "no byline"
    assert by_path["seeds/no-date.txt"] == "no date (the date used is from its first ingest)"
    assert by_path["seeds/no-date-2024-03-14.txt"] == "no date (the date used is from its file name)"
    assert by_path["seeds/minimal.txt"] == "no byline; no date (the date used is from its first ingest)"
    assert by_path["seeds/storm-live.txt"] == "byline missing in 1 of 3 posts"


# --- seeds that are not ingested -----------------------------------------------------

BAD_MD = "---\ntitle: [unclosed\n---\nBody.\n"


def test_seeds_that_cannot_be_ingested_are_rows_with_the_reason(tmp_path: Path) -> None:
    seeds: dict[str, str | bytes] = {
        "binary.txt": b"PK\x03\x04\x00\x00 not text",
        "blank.txt": "  \n\n \n",
        "bad-front-matter.md": BAD_MD,
        "notes.txt~": FULL,
        "good.txt": FULL,
    }
    _, config = project_with(tmp_path, seeds)
    result = run(config)
    rows = rows_by_seed(result)
    assert sorted(rows) == sorted("seeds/" + name for name in seeds), "every file in seeds/ has a row"

    binary = rows["seeds/binary.txt"]
    assert binary.kind is SeedKind.UNREADABLE and binary.pages == 0 and "binary" in (binary.problem or "")
    blank = rows["seeds/blank.txt"]
    assert blank.kind is SeedKind.UNREADABLE and "empty" in (blank.problem or "")
    bad = rows["seeds/bad-front-matter.md"]
    assert bad.kind is SeedKind.REJECTED and bad.pages == 0 and "front matter" in (bad.problem or "")
    junk = rows["seeds/notes.txt~"]
    assert junk.kind is SeedKind.REJECTED and "backup" in (junk.problem or "")
    assert not any(r.ingested for r in (binary, blank, bad, junk))
    assert rows["seeds/good.txt"].kind is SeedKind.ARTICLE

    # Each reason is the one ingest warned about, for the same file.
    warned = {d.path: d.message for d in result.diagnostics if d.level is Level.WARNING}
    for row in (binary, blank, bad, junk):
        assert warned[row.seed] == f"skipped: {row.problem}"
    # They are not --strict problems of their own (their warnings already fail --strict).
    assert strict_problems(result.report) == []

    # A second run reports them again, the same way.
    assert run(config).report == result.report


def test_markdown_seeds_report_their_front_matter(tmp_path: Path) -> None:
    seeds: dict[str, str | bytes] = {
        "column.md": "---\ntitle: Column\ndate: 2023-12-02T09:00:00Z\nauthors: [Ana Ruiz]\n"
        "source: The Tribune\ndateline: Lisbon\n---\n\nSome *Markdown* body.\n",
        "note-2023-12-05.md": "---\ntitle: Note\nkind: live-post\n---\n\nA note.\n",
    }
    rows = rows_by_seed(run(project_with(tmp_path, seeds)[1]))
    column = rows["seeds/column.md"]
    assert (column.kind, column.pages, column.source) == (SeedKind.ARTICLE, 1, "The Tribune")
    assert fields(column) == {
        "byline": Tally(1, 1),
        "date": Tally(1, 1),
        "dateline": Tally(1, 1),
        "images": Tally(0, 1),
    }
    note = rows["seeds/note-2023-12-05.md"]
    assert (note.kind, note.source, note.date_fallback) == (SeedKind.LIVE_POST, None, DateFallback.FILE_NAME)
    assert fields(note) == {name: Tally(0, 1) for name in ("byline", "date", "dateline", "images")}


# --- a second ingest with nothing changed ----------------------------------------------


def test_no_change_ingest_reports_every_seed_without_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds: dict[str, str | bytes] = {
        "a-live.txt": LIVE_SEED.read_text(encoding="utf-8"),
        "b-article.txt": ARTICLE_SEED.read_text(encoding="utf-8"),
        "c-no-date.txt": FULL.replace(DATE, ""),
        "d-binary.txt": b"\x00\x01\x02",
    }
    _, config = project_with(tmp_path, seeds)
    first = run(config)
    assert len(first.report) == 4 and first.created

    def boom(*a: object, **k: object) -> None:
        raise AssertionError("an unchanged seed was parsed again")

    monkeypatch.setattr("generator.ingest.parsing.read_seed", boom)
    second = run(config)
    assert second.created == () and second.updated == ()
    assert second.report == first.report
    assert format_report(second.report) == format_report(first.report)
    # The unchanged seed's problems are said again, the same way, until they are fixed.
    assert [d.format() for d in second.diagnostics] == [d.format() for d in first.diagnostics]
    assert sorted(d.path or "" for d in second.diagnostics) == ["seeds/c-no-date.txt", "seeds/d-binary.txt"]


def test_no_change_ingest_with_a_cold_cache_parses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root, config = project_with(tmp_path, {"a.txt": FULL, "b.txt": LIVE_TEXT, "c.txt": FULL.replace(BYLINE, "")})
    first = run(config)
    content = {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    shutil.rmtree(root / ".cache")
    with monkeypatch.context() as patch:  # the rows are kept beside the ledger, not in .cache
        patch.setattr("generator.ingest.parsing.read_seed", lambda *a, **k: pytest.fail("parsed again"))
        second = run(config)
    assert second.report == first.report and second.diagnostics == first.diagnostics
    assert second.created == () and second.updated == ()
    assert {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()} == content


def test_lost_rows_cost_one_parse_for_the_warnings_and_no_page_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, config = project_with(tmp_path, {"a.txt": FULL.replace(BYLINE, ""), "b.txt": LIVE_TEXT})
    first = run(config)
    content = {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    (root / "content" / ROWS_NAME).unlink()
    quiet = ingest(config, now=NOW, report=False)
    assert quiet.report == () and quiet.pages == first.pages
    assert quiet.diagnostics == first.diagnostics and quiet.warnings == 1, "the warnings are not lost with the rows"
    assert {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()} == content, "rows made again"
    with monkeypatch.context() as patch:  # the rows are kept again: no parse next time
        patch.setattr("generator.ingest.parsing.read_seed", lambda *a, **k: pytest.fail("parsed again"))
        again = ingest(config, now=NOW, report=False)
    assert again.diagnostics == first.diagnostics
    assert run(config).report == first.report


def test_a_kept_row_is_used_only_for_the_seed_bytes_it_was_made_from(tmp_path: Path) -> None:
    root, config = project_with(tmp_path, {"a.txt": FULL})
    first = run(config)
    content = root / "content"
    saved = load_rows(content)
    assert set(saved) == {"seeds/a.txt"}
    stamp, packed = saved["seeds/a.txt"]
    assert unpack("seeds/a.txt", packed, 1) == first.report[0]
    forged = SeedReport("seeds/a.txt", SeedKind.ARTICLE, pages=1, source="Forged")

    # Same stamp: the row is the kept one (the seed is not parsed again)...
    save_rows(content, {"seeds/a.txt": (stamp, forged.packed())})
    assert run(config).report == (forged,)
    # ...another stamp (other bytes, parser or zone): the seed is parsed again for its row.
    save_rows(content, {"seeds/a.txt": ("0:" + "0" * 64, forged.packed())})
    assert run(config).report == first.report
    # A file that is unreadable, or holds something else, costs a parse, never a wrong row.
    save_rows(content, {"seeds/a.txt": (stamp, ("article", "?"))})
    assert run(config).report == first.report
    for junk in ('{"format": 1, "rows": {"seeds/a.txt": "x"}}', '{"format": 2, "rows": {}}', "[1]", "not json"):
        (content / ROWS_NAME).write_text(junk, encoding="utf-8")
        assert run(config).report == first.report
    assert load_rows(content) == saved, "the rows are written again after a bad file"


def test_a_changed_seed_gets_a_new_row(tmp_path: Path) -> None:
    root, config = project_with(tmp_path, {"a.txt": FULL})
    assert run(config).report[0].byline == Tally(1, 1)
    (root / "seeds" / "a.txt").write_text(FULL.replace(BYLINE, ""), encoding="utf-8")
    changed = run(config)
    assert changed.report[0].byline == Tally(0, 1) and changed.updated
    assert run(config).report == changed.report


# --- the table ------------------------------------------------------------------------

REAL_TABLE = """\
seeds/                    kind       pages  byline date  dateline images  source
000_9970e61c0eab1cce.txt  article        1  yes    yes   yes      yes     CNN
003_b47ea696795957a8.txt  live blog     10  9/9    9/9   0/9      7/9     CNN
total: 2 seeds            all ok        11  10/10  10/10 1/10     8/10
n/m: n of m pieces (articles, live-blog posts) have the field
"""


def test_table_of_the_real_seeds() -> None:
    assert format_report([EXPECTED_ARTICLE, EXPECTED_LIVE], colour=False) == REAL_TABLE


def column_starts(line: str) -> list[int]:
    return [m.start() for m in re.finditer(r"(?:(?<=\s)|^)\S", line)]


def test_table_columns_line_up_and_fit_80_columns(synthetic: dict[str, SeedReport]) -> None:
    rows = sorted(synthetic.values(), key=lambda r: r.seed)
    table = format_report(rows, colour=False)
    lines = table.splitlines()
    assert all(len(line) <= 80 for line in lines), table
    header = lines[0]
    assert header.split() == ["seeds/", "kind", "pages", "byline", "date", "dateline", "images", "source"]
    starts = {name: header.index(name) for name in ("byline", "dateline", "images", "source")}
    body = lines[1 : 1 + len(rows)]
    for row, line in zip(rows, body, strict=True):
        assert line.startswith(row.seed.removeprefix("seeds/"))
        for name, col in starts.items():
            assert line[col - 1] == " " and line[col] != " ", (name, line)
    # What the cells say, for a few rows.
    cells = {line.split()[0]: line.split() for line in body}
    assert cells["no-byline.txt"][1:7] == ["article", "1", "no", "yes", "yes", "yes"]
    assert cells["no-date-2024-03-14.txt"][3:5] == ["yes", "name"]
    assert cells["no-photo.txt"][3:7] == ["yes", "yes", "yes", "no"]
    assert cells["storm-live.txt"][1:9] == ["live", "blog", "4", "2/3", "3/3", "0/3", "2/3", "The"]


def test_totals_line(synthetic: dict[str, SeedReport]) -> None:
    rows = sorted(synthetic.values(), key=lambda r: r.seed)
    total = format_report(rows, colour=False).splitlines()[1 + len(rows)]
    # 7 articles (one piece each) and a live blog of 3 posts: 10 pieces.
    assert total.split() == ["total:", "8", "seeds", "all", "ok", "11", "7/10", "7/10", "5/10", "7/10"]
    failed = SeedReport("seeds/x.bin", SeedKind.UNREADABLE, problem="binary file (contains NUL bytes)")
    total = format_report([*rows, failed], colour=False).splitlines()[2 + len(rows)]
    assert total.split()[:6] == ["total:", "9", "seeds", "1", "skipped", "11"]


def test_a_skipped_seed_shows_its_reason_across_the_field_columns() -> None:
    rows = [
        EXPECTED_ARTICLE,
        SeedReport("seeds/bad.md", SeedKind.REJECTED, problem="invalid front matter: title: missing", line=2),
    ]
    lines = format_report(rows, colour=False).splitlines()
    assert lines[2].split()[:3] == ["bad.md", "rejected", "0"]
    start = lines[0].index("byline")
    assert lines[2][start:] + " " + lines[3][start:] == "line 2: invalid front matter: title: missing"
    assert lines[3][:start].isspace() and lines[4].startswith("total: 2 seeds")
    # The reason does not widen the field columns.
    alone = format_report([EXPECTED_ARTICLE]).splitlines()[0]
    assert lines[0][start:] == alone[alone.index("byline") :] == "byline date dateline images  source"


REASON = "cannot read (" + " ".join(f"part{n} of a long reason" for n in range(12)) + ")"


def test_long_paths_are_shortened_and_long_reasons_wrapped_to_fit() -> None:
    long_name = "a-very-long-seed-file-name-about-the-storm-that-grounded-flights-in-norway.txt"
    rows = [
        article("seeds/2024/03/" + long_name, Tally(1, 1), source="CNN"),
        SeedReport("seeds/short.txt", SeedKind.UNREADABLE, problem=REASON),
    ]
    lines = format_report(rows, colour=False).splitlines()
    assert all(len(line) <= 80 for line in lines), "\n".join(lines)
    shown = lines[1].split()[0]
    head, tail = shown.split("…")  # the middle of the name goes, its start and suffix stay
    assert long_name.startswith(head) and long_name.endswith(tail) and tail.endswith(".txt") and len(head) >= 5
    # The reason is wrapped under the field columns, none of it lost.
    assert lines[2].startswith("short.txt")
    start = lines[2].index("cannot read (")
    more = [line for line in lines[3:] if line[:start].isspace()]
    assert len(more) >= 2 and lines[3 + len(more)].startswith("total:")
    assert " ".join(line[start:] for line in [lines[2], *more]) == REASON


def test_colour_only_when_asked_and_never_moves_a_column(synthetic: dict[str, SeedReport]) -> None:
    rows = sorted(synthetic.values(), key=lambda r: r.seed)
    bare = format_report(rows, colour=False)
    coloured = format_report(rows, colour=True)
    assert "\x1b" not in bare
    assert plain(coloured) == bare
    line = next(x for x in coloured.splitlines() if x.startswith("no-byline.txt"))
    assert "\x1b[31mno\x1b[0m" in line  # a missing byline is red
    line = next(x for x in coloured.splitlines() if x.startswith("no-date-2024"))
    assert "\x1b[33mname\x1b[0m" in line  # a file-name date is yellow


def test_colour_never_changes_how_a_reason_wraps() -> None:
    rows = [EXPECTED_ARTICLE, SeedReport("seeds/short.txt", SeedKind.UNREADABLE, problem=REASON)]
    bare = format_report(rows, colour=False)
    assert len(bare.splitlines()) > 5  # the reason takes several lines
    assert plain(format_report(rows, colour=True)) == bare


def test_the_table_is_laid_out_from_its_column_declaration(monkeypatch: pytest.MonkeyPatch) -> None:
    declared = {column.head: column for column in table.COLUMNS}
    reordered = tuple(declared[name] for name in ("pages", "kind", "date", "byline", "source"))
    monkeypatch.setattr(table, "COLUMNS", reordered)
    undated = article("seeds/n-2024-01-01.txt", Tally(0, 1), source="AP", date_fallback=DateFallback.FILE_NAME)
    lines = format_report([EXPECTED_ARTICLE, undated], colour=False).splitlines()
    assert lines[0].split() == ["seeds/", "pages", "kind", "date", "byline", "source"]
    assert lines[1].split() == [ARTICLE.removeprefix("seeds/"), "1", "article", "yes", "yes", "CNN"]
    assert lines[2].split() == ["n-2024-01-01.txt", "1", "article", "name", "no", "AP"]
    assert lines[3].split() == ["total:", "2", "seeds", "2", "all", "ok", "1/2", "1/2"]


def test_legend_explains_what_the_table_uses() -> None:
    named = article("seeds/n-2024-01-01.txt", Tally(0, 1), date_fallback=DateFallback.FILE_NAME)
    assert "file name" not in format_report([EXPECTED_ARTICLE])
    assert "date 'name'" in format_report([EXPECTED_ARTICLE, named])
    assert "date 'no'" not in format_report([EXPECTED_ARTICLE, named])
    first = article("seeds/u.txt", Tally(0, 1), date_fallback=DateFallback.FIRST_INGEST)
    assert "date 'no'" in format_report([first])


def test_empty_report() -> None:
    table = format_report([], colour=False)
    assert table.splitlines()[1].split()[:6] == ["total:", "0", "seeds", "all", "ok", "0"]


# --- the warnings every ingest gives until a seed is fixed ------------------------------

UNSIGNED_LIVE = (
    LIVE_TEXT.replace("By Ingrid Solberg and Tomás Herrera, The Guardian\n", "")
    .replace("From Ingrid Solberg in Oslo\n", "")
    .replace("From Tomás Herrera in Hamburg\n", "")
)


def guessing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every headline the parser chooses is a low-confidence choice (the same line, chosen)."""
    from generator.ingest import seedparse

    chosen = seedparse.choose

    def choose(*args: Any, **kwargs: Any) -> Any:
        choice = chosen(*args, **kwargs)
        return choice and dataclasses.replace(choice, confident=False)

    monkeypatch.setattr(seedparse, "choose", choose)


def test_a_low_confidence_headline_is_warned_with_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guessing(monkeypatch)
    _, config = project_with(tmp_path, {"guess.txt": FULL})
    result = run(config)
    row = rows_by_seed(result)["seeds/guess.txt"]
    assert row.guessed == (1, "Council approves new tram line after decade of delays")
    assert [d.format() for d in result.diagnostics] == [
        "seeds/guess.txt:1: warning: the headline is a low-confidence choice: line 1, 'Council approves new tram "
        "line after decade of delays'; see how each line was read with "
        "'python -m generator ingest --explain seeds/guess.txt'"
    ]
    # The row, kept in the cache for an unchanged seed, brings the same warning back.
    assert unpack(row.seed, row.packed(), row.pages) == row
    monkeypatch.undo()
    assert run(config).diagnostics == result.diagnostics


def test_bylines_and_dates_are_looked_for_everywhere_before_warning(tmp_path: Path) -> None:
    seeds: dict[str, str | bytes] = {
        "unsigned-live.txt": UNSIGNED_LIVE,
        "signed-posts.txt": LIVE_TEXT.replace("By Ingrid Solberg and Tomás Herrera, The Guardian\n", ""),
        "signed-blog.txt": LIVE_TEXT.replace("From Ingrid Solberg in Oslo\n", "").replace(
            "From Tomás Herrera in Hamburg\n", ""
        ),
        "undated.md": "---\ntitle: Note\nauthors: [Ana Ruiz]\n---\n\nA note.\n",
    }
    said = [d.format() for d in run(project_with(tmp_path, seeds)[1]).diagnostics]
    assert said == [
        "seeds/undated.md: warning: no date found; using the time of its first ingest "
        "(2024-05-06T03:08:09-04:00), kept from then on",
        "seeds/unsigned-live.txt: warning: no byline found on the live blog or any of its posts; "
        "its pages have no authors",
    ]


def test_seed_warnings_from_a_row_alone() -> None:
    from generator.ingest.report import seed_warnings

    assert seed_warnings(EXPECTED_ARTICLE) == seed_warnings(EXPECTED_LIVE) == []
    bare = SeedReport("seeds/n-2024-01-01.txt", SeedKind.ARTICLE, 1, date_fallback=DateFallback.FILE_NAME)
    assert [d.format() for d in seed_warnings(bare)] == [
        "seeds/n-2024-01-01.txt: warning: no date found; using the date in its file name",
        "seeds/n-2024-01-01.txt: warning: no byline found; its pages have no authors",
    ]
    failed = SeedReport("seeds/x.bin", SeedKind.UNREADABLE, problem="binary")
    assert seed_warnings(failed) == [], "a skipped seed has its own warning"
