"""Honest times: every time a reader sees carries its zone's abbreviation, every ``datetime``
attribute its exact offset, and a piece whose source printed only a day shows that day alone
(``date_precision: day``), never an invented midnight."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from generator import frontmatter
from generator.render.moments import Moments, clock, when, zone_label

from .conftest import build_project, make_project

OUTLETS = Path(__file__).parent / "fixtures" / "outlets"
FRONT = Path(__file__).parent / "fixtures" / "frontpage"


@pytest.mark.parametrize(
    ("zone", "moment", "label"),
    [
        ("America/New_York", datetime(2023, 12, 2, 22, 51, tzinfo=UTC), "EST"),
        ("America/New_York", datetime(2023, 7, 2, 22, 51, tzinfo=UTC), "EDT"),
        ("Europe/London", datetime(2023, 12, 2, 10, 15, tzinfo=UTC), "GMT"),
        ("Europe/London", datetime(2023, 7, 2, 10, 15, tzinfo=UTC), "BST"),
        ("Asia/Dubai", datetime(2023, 7, 2, 10, 15, tzinfo=UTC), "UTC+4"),
        ("Asia/Kathmandu", datetime(2023, 7, 2, 10, 15, tzinfo=UTC), "UTC+5:45"),
        ("America/Sao_Paulo", datetime(2023, 7, 2, 10, 15, tzinfo=UTC), "UTC-3"),
        ("UTC", datetime(2023, 7, 2, 10, 15, tzinfo=UTC), "UTC"),
    ],
)
def test_zone_label(zone: str, moment: datetime, label: str) -> None:
    assert zone_label(moment.astimezone(ZoneInfo(zone))) == label


def test_clock_and_when_read_with_the_zone() -> None:
    moment = datetime(2023, 12, 2, 22, 51, tzinfo=UTC).astimezone(ZoneInfo("America/New_York"))
    assert clock(moment) == "5:51 p.m. EST"
    assert when(moment) == "5:51 p.m. EST, Dec 2, 2023"
    assert clock(moment.replace(hour=0, minute=5)) == "12:05 a.m. EST"


def test_a_story_at_10_15_gmt_shows_in_the_site_zone_with_its_label() -> None:
    moments = Moments(ZoneInfo("America/New_York"))
    published = datetime(2023, 12, 2, 10, 15, tzinfo=UTC)
    assert moments.when(published) == "5:15 a.m. EST, Dec 2, 2023"
    assert moments.iso(published) == "2023-12-02T10:15:00+00:00", "the attribute keeps the exact moment"
    stamp = str(moments.stamp(published))
    assert stamp == '<time datetime="2023-12-02T10:15:00+00:00">5:15 a.m. EST, Dec 2, 2023</time>'


def test_a_day_only_piece_shows_its_day_alone() -> None:
    moments = Moments(ZoneInfo("America/New_York"))
    midnight = datetime(2021, 5, 18, tzinfo=ZoneInfo("America/New_York"))
    assert moments.when(midnight, "day") == "May 18, 2021"
    assert moments.clock(midnight, "day") == "May 18"
    assert str(moments.stamp(midnight, "when", "day")) == '<time datetime="2021-05-18">May 18, 2021</time>'


def test_ingest_records_a_date_only_seed_as_day_precision(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", with_content=False)
    shutil.rmtree(project / "seeds")
    (project / "seeds").mkdir()
    shutil.copy(OUTLETS / "ap-article" / "ap-2021-date-only.txt", project / "seeds" / "seal.txt")
    shutil.copy(OUTLETS / "ap-article" / "ap-2023-published-cutoff.txt", project / "seeds" / "school.txt")
    output = build_project(project)
    metas = {}
    for path in (project / "content").rglob("*.md"):
        meta, _, _ = frontmatter.parse(path.read_text(encoding="utf-8"), str(path))
        metas[meta["seed"]] = meta
    assert metas["seeds/seal.txt"]["date_precision"] == "day"
    assert "date_precision" not in metas["seeds/school.txt"], "a printed time is kept as a time"
    page = next(p for p in output.rglob("index.html") if "harbor-seals" in str(p)).read_text(encoding="utf-8")
    assert '<time datetime="2021-05-18">May 18, 2021</time>' in page
    assert "12:00 a.m." not in page


def test_a_bare_date_in_front_matter_is_day_precision(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    shutil.copy(FRONT / "orchard-frost.md", project / "content" / "articles" / "orchard-frost.md")
    output = build_project(project)
    digest = (output / "2023" / "12" / "02" / "index.html").read_text(encoding="utf-8")
    card = digest.split("Late frost threatens orchard harvest")[1].split("</article>")[0]
    assert '<time datetime="2023-12-02">Dec 2, 2023</time>' in card
    assert "a.m." not in card and "p.m." not in card
    data = yaml.safe_load((project / "content" / "articles" / "orchard-frost.md").read_text().split("---")[1])
    assert "date_precision" not in data, "the writer's file is not rewritten"


_TIME = re.compile(r'<time datetime="([^"]+)">([^<]+)</time>')
_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
_CLOCK = re.compile(r"\d{1,2}:\d{2} [ap]\.m\. (?:[A-Z]{3,5}|UTC[+-]\d{1,2}(?::\d{2})?)\b")


def test_every_time_on_every_page_carries_a_zone(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    for name in ("orchard-frost.md", "chess-final.md"):
        shutil.copy(FRONT / name, project / "content" / "articles" / name)
    output = build_project(project)
    seen = 0
    for path in output.rglob("*.html"):
        for attr, text in _TIME.findall(path.read_text(encoding="utf-8")):
            seen += 1
            if "T" in attr:
                assert _OFFSET.match(attr), f"{path}: datetime={attr!r} has no exact offset"
                if re.search(r"\d:\d{2}", text):
                    assert _CLOCK.search(text), f"{path}: {text!r} shows a time with no zone"
            else:
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", attr) and ":" not in text, f"{path}: {attr!r} {text!r}"
    assert seen > 50


def test_a_seed_dated_by_its_file_name_is_day_precision(tmp_path: Path) -> None:
    """No date printed, a day in the file name: that day, and no invented time, for text and .md seeds."""
    project = make_project(tmp_path / "p", with_content=False)
    shutil.rmtree(project / "seeds")
    (project / "seeds").mkdir()
    (project / "seeds" / "2023-12-05-lighthouse.txt").write_text(
        "Old lighthouse keeper's cottage opens to visitors\n\n"
        "The cottage beside the old lighthouse opened to visitors on a bright morning, after a year of repairs.\n\n"
        "Volunteers repainted the shutters and rebuilt the garden wall stone by stone.\n",
        encoding="utf-8",
    )
    (project / "seeds" / "2023-12-06-ferry.md").write_text(
        "---\ntitle: Ferry timetable changes for the winter\n---\n\nThe winter timetable starts next week.\n",
        encoding="utf-8",
    )
    (project / "seeds" / "ferry-notes.md").write_text(
        "---\ntitle: Ferry notes without a day\n---\n\nNotes with no date anywhere.\n", encoding="utf-8"
    )
    build_project(project)
    metas = {}
    for path in (project / "content").rglob("*.md"):
        meta, _, _ = frontmatter.parse(path.read_text(encoding="utf-8"), str(path))
        metas[meta["seed"]] = meta
    assert metas["seeds/2023-12-05-lighthouse.txt"]["date_precision"] == "day"
    assert metas["seeds/2023-12-05-lighthouse.txt"]["date"].startswith("2023-12-05T00:00:00")
    assert metas["seeds/2023-12-06-ferry.md"]["date_precision"] == "day"
    assert "date_precision" not in metas["seeds/ferry-notes.md"], "dated at first ingest: a real moment"
