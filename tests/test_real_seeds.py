"""Every field of the two real seeds, and nothing of their text lost or leaked; and
the sample content/ the other tests build from is what ingest makes of them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.config import load_config
from generator.ingest.records import Piece
from generator.ingest.run import ingest
from generator.ingest.seedparse import parse_seed
from generator.text import clean_line

from .conftest import ARTICLE_SEED, CONTENT, LIVE_SEED, make_project, tree

NY = ZoneInfo("America/New_York")


@pytest.fixture(scope="module")
def article() -> Piece:
    return parse_seed(ARTICLE_SEED.read_text(encoding="utf-8"), NY, ARTICLE_SEED.name)


@pytest.fixture(scope="module")
def live() -> Piece:
    return parse_seed(LIVE_SEED.read_text(encoding="utf-8"), NY, LIVE_SEED.name)


def seed_lines(path: Path) -> list[str]:
    return [clean_line(x) for x in path.read_text(encoding="utf-8").splitlines() if clean_line(x)]


def test_article_fields(article: Piece) -> None:
    assert article.kind == "article"
    assert article.title == "Israel recalls negotiators after reaching ‘dead end’ in Qatar talks"
    assert article.authors == ("Tamar Michaelis", "MJ Lee", "Joshua Berlinger")
    assert article.source == "CNN"
    assert article.date is not None and article.date.isoformat() == "2023-12-02T17:51:00-05:00"
    assert article.dateline == "Tel Aviv, Israel"
    assert article.reading_time == 4
    assert article.contributors == ("Simon Cullen", "Sam Fossum", "Ibrahim Dahman", "Catherine Nicholls")
    assert article.dropped == ("MJ Lee",)


def test_article_image_has_both_caption_lines_and_credit(article: Piece) -> None:
    assert len(article.images) == 1
    image = article.images[0]
    assert image.caption.startswith("26 November 2023, Palestinian Territories, Rafah: A Red Cross vehicle")
    assert image.caption.endswith(
        "Dozens of Israeli hostages were released under the deal in exchange for Palestinian prisoners."
    )
    assert image.credit == "Abed Rahim Khatib/picture alliance/Getty Images"


def test_article_body_has_subheading_and_24_paragraphs(article: Piece) -> None:
    headings = [b.text for b in article.blocks if b.heading]
    paragraphs = [b.text for b in article.blocks if not b.heading]
    assert headings == ["Israeli offensive resumes"]
    assert len(paragraphs) == 24
    assert paragraphs[0].startswith("Israeli authorities recalled their team of negotiators")
    assert paragraphs[-1].startswith("Israeli and US officials believe that Hamas continues")


def test_article_text_preserved_and_no_chrome(article: Piece) -> None:
    blocks = {b.text for b in article.blocks}
    header_and_chrome = {
        article.title,
        "MJ Lee",
        "By Tamar Michaelis, MJ Lee and Joshua Berlinger, CNN",
        "4 minute read",
        "Updated 5:51 PM EST, Sat December 2, 2023",
        "Tel Aviv, Israel",
        "CNN",
        "—",
        "Abed Rahim Khatib/picture alliance/Getty Images",
    }
    captions = {line for line in seed_lines(ARTICLE_SEED) if line in article.images[0].caption}
    contributors_line = {line for line in seed_lines(ARTICLE_SEED) if line.endswith("contributed to this report")}
    for line in seed_lines(ARTICLE_SEED):
        if line in header_and_chrome or line in captions or line in contributors_line:
            assert line not in blocks, f"chrome or metadata leaked into the body: {line!r}"
        else:
            assert line in blocks, f"text lost from the body: {line!r}"


def test_live_blog_fields(live: Piece) -> None:
    assert live.kind == "live-blog"
    assert live.title == "Negotiations between Israel and Hamas broke down over release of women, source says"
    assert live.series == "Israel-Hamas war"
    assert live.authors == (
        "Chris Lau",
        "Andrew Raine",
        "Sophie Tanno",
        "Joshua Berlinger",
        "Tori B. Powell",
        "Adrienne Vogt",
    )
    assert live.source == "CNN"
    assert live.updated is not None and live.updated.isoformat() == "2023-12-03T05:04:00+00:00"
    assert "18 Posts" in live.dropped and "Sort byDropdown arrow" in live.dropped
    assert len(live.posts) == 9


POSTS = [
    # (time, title start, authors, image credit or None, places, label)
    (
        "12:28",
        "Negotiations between Israel and Hamas broke down",
        ("MJ Lee",),
        "Alexander Ermochenko/Reuters",
        (),
        None,
    ),
    (
        "11:06",
        "Dozens feared dead after apparent strike",
        ("Kareem Khadder", "Abeer Salman", "Mick Krever", "Martin Goillandeau"),
        "Fadi Alwhidi/Anadolu/Getty Images",
        (),
        None,
    ),
    (
        "11:58",
        "Israel and Hezbollah exchange cross-border fire",
        ("Mohammed Tawfeeq", "Simon Cullen"),
        "Aziz Taher/Reuters",
        (),
        None,
    ),
    ("11:16", 'The US will "under no circumstances"', ("Sam Fossum",), "Karim Sahib/AFP/Getty Images", (), None),
    (
        "11:08",
        'Israel negotiators reach "dead end" in Qatar talks',
        ("Tamar Michaelis", "Simon Cullen"),
        "Maya Alleruzzo/AP",
        ("Tel Aviv", "London"),
        None,
    ),
    ("09:16", "55 trucks of aid enter Gaza", ("Lina El Wardani", "Ibrahim Dahman"), None, ("Cairo",), None),
    (
        "05:09",
        'Wounded civilians are "lying on the floor"',
        ("Sana Noor Haq", "Kareem Khadder"),
        "Ahmad Hasaballah/Getty Images",
        (),
        None,
    ),
    ("11:37", "Analysis: What could happen", ("Nadeen Ebrahim",), None, ("Abu Dhabi, UAE",), "analysis"),
    ("11:43", "Israel says it struck more than 400 targets", ("Chloe Liu",), "Jack Guez/AFP/Getty Images", (), None),
]


@pytest.mark.parametrize("index", range(len(POSTS)))
def test_live_post_fields(live: Piece, index: int) -> None:
    clock, title, authors, credit, places, label = POSTS[index]
    post = live.posts[index]
    hour, minute = map(int, clock.split(":"))
    assert post.kind == "live-post"
    assert post.date == datetime(2023, 12, 2, hour, minute, tzinfo=NY)
    assert post.date is not None and post.date.utcoffset().total_seconds() == -5 * 3600  # type: ignore[union-attr]
    assert post.title.startswith(title)
    assert post.authors == authors
    assert post.source == "CNN"
    assert post.places == places
    assert post.label == label
    if credit is None:
        assert post.images == ()
    else:
        assert len(post.images) == 1 and post.images[0].credit == credit
        assert not post.images[0].caption.endswith(credit)
    assert post.blocks and all(not b.heading for b in post.blocks)


def test_live_post_labels_notes_and_dangling_read_more(live: Piece) -> None:
    hezbollah = live.posts[2]
    assert any(b.text.startswith("Remember: Border skirmishes") for b in hezbollah.blocks)
    analysis = live.posts[7]
    assert all("Read more" not in b.text for b in analysis.blocks)
    assert "Read more:" in analysis.dropped
    last = live.posts[8]
    assert (
        last.note
        == "This post has been updated with statements from the Hamas-run health ministry and hospital officials in Gaza."
    )
    assert all(not b.text.startswith("This post has been updated") for b in last.blocks)


def test_live_blog_text_preserved_and_no_chrome(live: Piece) -> None:
    body = {b.text for p in live.posts for b in p.blocks}
    metadata = {p.title for p in live.posts} | {live.title}
    captions = {i.caption for p in live.posts for i in p.images}
    notes = {p.note for p in live.posts if p.note}
    chrome = {"18 Posts", "Sort byDropdown arrow", "Read more:"}
    for line in seed_lines(LIVE_SEED):
        is_meta = (
            line in metadata
            or line in notes
            or line.startswith(("From ", "By ", "Analysis by ", "Updated ", "December 2, 2023 "))
            or any(line.startswith(c) for c in captions)
            or line.endswith(", December 2, 2023")
        )
        if line in chrome or is_meta:
            assert line not in body, f"chrome or metadata leaked into a post: {line!r}"
        else:
            assert line in body, f"text lost: {line!r}"


def test_sample_content_is_what_ingest_makes_of_the_sample_seeds(tmp_path: Path) -> None:
    """tests/fixtures/sample/content/ stays in step with the seeds beside it (its
    README says how to regenerate it after an intended change to ingest)."""
    project = make_project(tmp_path / "p", with_content=False)
    result = ingest(load_config(project / "site.yaml")[0], now=datetime(2024, 1, 1, tzinfo=UTC))
    assert result.errors == 0 and result.warnings == 0
    fresh, frozen = tree(project / "content"), tree(CONTENT)
    assert sorted(fresh) == sorted(frozen), "pages added or missing: regenerate tests/fixtures/sample/content/"
    stale = [name for name in fresh if fresh[name] != frozen[name]]
    assert stale == [], f"out of date in tests/fixtures/sample/content/: {stale}"
