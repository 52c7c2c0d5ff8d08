"""Seed formats from outlets other than CNN (articles, live blogs, minimal and
wire-style documents), one fixture per edge case.

Each fixture in tests/fixtures/seeds/ is parsed with the site zone America/New_York
and checked for what a user expects: kind, title, authors (outlet stripped), source,
dates with the right UTC offset, dateline, images, contributors, note, no page chrome
in the body and no sentence of the article lost.

Expectations follow what a reader of the raw document would write down, not what
the parser happens to do: where the parser is wrong the test stays strict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.ingest.records import Block, Piece
from generator.ingest.seedparse import parse_seed
from generator.schema import Image
from generator.text import decode

FIXTURES = Path(__file__).parent / "fixtures" / "seeds"
NY = ZoneInfo("America/New_York")
PT = ZoneInfo("America/Los_Angeles")


def raw(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def text(name: str) -> str:
    return decode(raw(name))


def parse(name: str) -> Piece:
    return parse_seed(text(name), NY, name)


def norm(line: str) -> str:
    """Compare text modulo BOM, NBSP and runs of whitespace."""
    return re.sub(r"\s+", " ", line.replace("\ufeff", "").replace("\u00a0", " ")).strip()


def fixture_lines(name: str) -> list[str]:
    return [n for line in re.split(r"\r\n|\r|\n", text(name)) if (n := norm(line))]


def every_block(piece: Piece) -> Iterator[Block]:
    yield from piece.blocks
    for post in piece.posts:
        yield from every_block(post)


def block_texts(piece: Piece) -> list[str]:
    return [norm(b.text) for b in every_block(piece)]


def offset(hours: float) -> timedelta:
    return timedelta(hours=hours)


def assert_when(moment: datetime | None, expected: datetime, utc_offset: float) -> None:
    assert moment is not None
    assert moment == expected, f"{moment.isoformat()} != {expected.isoformat()}"
    assert moment.utcoffset() == offset(utc_offset), moment.isoformat()


def assert_body_complete(
    piece: Piece, name: str, not_body: Iterable[str], prefixed: dict[str, str] | None = None
) -> None:
    """Every fixture line not listed in ``not_body`` is body text and is a block.

    ``prefixed`` maps a line to its text without a wire dateline prefix
    (``LONDON, Dec 2 (Reuters) - ``): the block may keep or drop that prefix.
    """
    skip = {norm(s) for s in not_body}
    prefixed = prefixed or {}
    texts = block_texts(piece)
    missing = [
        line
        for line in fixture_lines(name)
        if line not in skip
        and line not in texts
        and not (line in prefixed and any(t.endswith(norm(prefixed[line])) for t in texts))
    ]
    assert not missing, f"body lines lost: {missing}"


def assert_not_in_blocks(piece: Piece, lines: Iterable[str]) -> None:
    texts = block_texts(piece)
    leaked = [line for line in map(norm, lines) if any(line == t or (len(line) >= 20 and line in t) for t in texts)]
    assert not leaked, f"non-body lines in the body: {leaked}"


# --- article: The Guardian, same shape as the CNN article --------------------------------

GUARDIAN = "article_guardian_style.txt"
GUARDIAN_HEAD = [
    "Leeds council approves £2bn tram line after decade of delays",
    "Helen Marsh",
    "By Helen Marsh and Owen Pryce, The Guardian",
    "5 minute read",
    "Updated 11:40 AM GMT, Thu March 14, 2024",
    "Commuters wait for a bus on the Headrow in Leeds city centre on Wednesday evening.",
    "Rhys Tanner/The Guardian",
    "Leeds, England",
    "The Guardian —",
    "Nadia Farouk, Ben Steele and Ellie Cho contributed to this report.",
]


def test_guardian_style_header() -> None:
    piece = parse(GUARDIAN)
    assert piece.kind == "article"
    assert piece.title == "Leeds council approves £2bn tram line after decade of delays"
    assert piece.authors == ("Helen Marsh", "Owen Pryce")  # stray name line not repeated
    assert piece.source == "The Guardian"
    assert piece.reading_time == 5
    assert_when(piece.date, datetime(2024, 3, 14, 11, 40, tzinfo=UTC), 0)
    assert_when(piece.updated, datetime(2024, 3, 14, 11, 40, tzinfo=UTC), 0)


def test_guardian_style_photo_dateline_contributors() -> None:
    piece = parse(GUARDIAN)
    assert piece.images == (
        Image(
            caption="Commuters wait for a bus on the Headrow in Leeds city centre on Wednesday evening.",
            credit="Rhys Tanner/The Guardian",
        ),
    )
    assert piece.dateline == "Leeds, England"
    assert piece.contributors == ("Nadia Farouk", "Ben Steele", "Ellie Cho")
    assert piece.note is None


def test_guardian_style_body() -> None:
    piece = parse(GUARDIAN)
    assert_not_in_blocks(piece, GUARDIAN_HEAD[1:])
    assert_body_complete(piece, GUARDIAN, GUARDIAN_HEAD)
    headings = [b.text for b in piece.blocks if b.heading]
    assert headings == ["Funding still to be settled"]
    assert piece.blocks[0].text.startswith("Leeds is set to become")


# --- article: Guardian's own timestamp format (dot times, "Last modified on") ------------

GUARDIAN_TS = "article_guardian_timestamps.txt"


def test_guardian_timestamps_byline() -> None:
    piece = parse(GUARDIAN_TS)
    assert piece.kind == "article"
    assert piece.title == "Bristol harbour ferry service suspended after safety inspection"
    assert piece.authors == ("Owen Pryce",)
    assert piece.source == "The Guardian"


def test_guardian_timestamps_dot_times_and_last_modified() -> None:
    piece = parse(GUARDIAN_TS)
    assert_when(piece.date, datetime(2024, 3, 14, 9, 12, tzinfo=UTC), 0)
    assert_when(piece.updated, datetime(2024, 3, 14, 11, 40, tzinfo=UTC), 0)


def test_guardian_timestamps_body() -> None:
    piece = parse(GUARDIAN_TS)
    head = [
        "Bristol harbour ferry service suspended after safety inspection",
        "By Owen Pryce, The Guardian",
        "Published Thu 14 Mar 2024 09.12 GMT",
        "Last modified on Thu 14 Mar 2024 11.40 GMT",
        "Bristol, England",
        "The Guardian —",
    ]
    assert_not_in_blocks(piece, head[1:])
    assert piece.dateline == "Bristol, England"
    assert_body_complete(piece, GUARDIAN_TS, head)


# --- article: Published and Updated lines, a time without zone, PT ------------------------

PUBUPD = "article_published_and_updated.txt"
PUBUPD_HEAD = [
    "Colorado lawmakers pass bill capping insulin costs for uninsured residents",
    "By Dana Whitfield, NPR",
    "6 min read",
    "Published 6:00 AM March 15, 2024",
    "Updated 11:45 AM PT, Fri March 15, 2024",
    "Denver, Colorado",
    "NPR",
    "—",
]


def test_published_and_updated_dates() -> None:
    piece = parse(PUBUPD)
    # No zone on the Published time: the site zone (New York, EDT after March 10).
    assert_when(piece.date, datetime(2024, 3, 15, 6, 0, tzinfo=NY), -4)
    # PT in March after DST is PDT.
    assert_when(piece.updated, datetime(2024, 3, 15, 11, 45, tzinfo=PT), -7)
    assert piece.updated == datetime(2024, 3, 15, 18, 45, tzinfo=UTC)


def test_published_and_updated_fields() -> None:
    piece = parse(PUBUPD)
    assert piece.kind == "article"
    assert piece.title == PUBUPD_HEAD[0]
    assert piece.authors == ("Dana Whitfield",)
    assert piece.source == "NPR"
    assert piece.reading_time == 6
    assert piece.dateline == "Denver, Colorado"
    assert piece.images == ()
    assert piece.contributors == ()
    assert_not_in_blocks(piece, PUBUPD_HEAD[1:])
    assert_body_complete(piece, PUBUPD, PUBUPD_HEAD)


# --- article: Oxford-comma byline and contributor line, names with accents/particles -----

OXFORD = "article_oxford_comma_byline.txt"
OXFORD_HEAD = [
    "Maryland approves offshore wind lease despite fishing industry objections",
    "Siobhán O’Neill",
    "By Siobhán O’Neill, Ana María de la Cruz, and Kwame Mensah, The Washington Post",
    "4 minute read",
    "Updated 7:02 PM EDT, Tue March 19, 2024",
    "Annapolis, Maryland",
    "The Washington Post",
    "—",
    "Kai Brennan, Lucía Ortega, and Sam Whitley contributed to this report.",
]


def test_oxford_comma_byline() -> None:
    piece = parse(OXFORD)
    assert piece.kind == "article"
    assert piece.title == OXFORD_HEAD[0]
    assert piece.authors == ("Siobhán O’Neill", "Ana María de la Cruz", "Kwame Mensah")
    assert piece.source == "The Washington Post"
    assert piece.contributors == ("Kai Brennan", "Lucía Ortega", "Sam Whitley")
    assert piece.dateline == "Annapolis, Maryland"
    assert piece.reading_time == 4
    assert_when(piece.date, datetime(2024, 3, 19, 23, 2, tzinfo=UTC), -4)
    assert_not_in_blocks(piece, OXFORD_HEAD[1:])
    assert_body_complete(piece, OXFORD, OXFORD_HEAD)


# --- article: photos in the middle of the body, BST, no dateline --------------------------

MIDBODY = "article_caption_credit_midbody.txt"
MIDBODY_IMAGES = (
    Image(
        caption="Volunteers shovel sand from the promenade in Aberporth on Saturday morning.",
        credit="Gareth Lloyd/PA Media",
    ),
    Image(
        caption="A damaged section of the sea wall near the lifeboat station. "
        "Engineers say the gap is about 15 metres wide.",
        credit="AP Photo/Lena Ivers",
    ),
    Image(caption="Sandbags are stacked outside a café on the harbour front.", credit="Getty Images"),
)
MIDBODY_NOT_BODY = [
    "Welsh seaside town counts cost after storm surge floods seafront",
    "By Priya Raman, BBC News",
    "3 minute read",
    "Updated 7:40 AM BST, Sun April 14, 2024",
    "Volunteers shovel sand from the promenade in Aberporth on Saturday morning.",
    "Gareth Lloyd/PA Media",
    "A damaged section of the sea wall near the lifeboat station.",
    "Engineers say the gap is about 15 metres wide.",
    "AP Photo/Lena Ivers",
    "Sandbags are stacked outside a café on the harbour front.",
    "Getty Images",
]


def test_caption_credit_midbody() -> None:
    piece = parse(MIDBODY)
    assert piece.kind == "article"
    assert piece.title == MIDBODY_NOT_BODY[0]
    assert piece.authors == ("Priya Raman",)
    assert piece.source == "BBC News"
    assert piece.dateline is None
    assert piece.reading_time == 3
    assert_when(piece.date, datetime(2024, 4, 14, 6, 40, tzinfo=UTC), 1)
    assert piece.images == MIDBODY_IMAGES
    assert_not_in_blocks(piece, MIDBODY_NOT_BODY[1:])
    assert_body_complete(piece, MIDBODY, MIDBODY_NOT_BODY)
    assert len(piece.blocks) == 6


# --- wire: Reuters -------------------------------------------------------------------------

REUTERS = "wire_reuters.txt"
REUTERS_LEAD = (
    "LONDON, Dec 2 (Reuters) - Visits to British shops fell 4.1% in November from a year earlier, "
    "the weakest showing for the month since 2020, as high prices and wet weather kept shoppers at "
    "home, industry data showed on Saturday."
)
REUTERS_TAIL = "Reporting by Andrew Pell and Sunita Rao; Editing by Tom Hadley"
REUTERS_HEAD = [
    "UK retailers report weakest November footfall in three years",
    "By Andrew Pell",
    "Published 6:01 AM GMT, Sat December 2, 2023",
    "3 minute read",
    REUTERS_TAIL,
]


def test_wire_reuters_fields() -> None:
    piece = parse(REUTERS)
    assert piece.kind == "article"
    assert piece.title == REUTERS_HEAD[0]
    assert piece.authors == ("Andrew Pell",)
    assert piece.source == "Reuters"
    assert (piece.dateline or "").casefold() == "london"
    assert piece.reading_time == 3
    assert_when(piece.date, datetime(2023, 12, 2, 6, 1, tzinfo=UTC), 0)
    assert_body_complete(piece, REUTERS, REUTERS_HEAD, prefixed={REUTERS_LEAD: REUTERS_LEAD.split(" - ", 1)[1]})


def test_wire_reuters_credit_tail() -> None:
    piece = parse(REUTERS)
    assert_not_in_blocks(piece, [REUTERS_TAIL])
    assert {"Sunita Rao", "Tom Hadley"} <= set(piece.contributors)


# --- wire: AP --------------------------------------------------------------------------------

AP = "wire_ap.txt"
AP_CONTRIB = "Associated Press writers Tomas Rhee and Imani Brooks contributed to this report."
AP_HEAD = [
    "Senate passes stopgap spending bill hours before shutdown deadline",
    "By MARIANNE DOLAN and REGGIE OKAFOR",
    "Updated 10:48 PM EDT March 22, 2024",
    AP_CONTRIB,
]


def test_wire_ap_fields() -> None:
    piece = parse(AP)
    assert piece.kind == "article"
    assert piece.title == AP_HEAD[0]
    assert [a.casefold() for a in piece.authors] == ["marianne dolan", "reggie okafor"]
    assert piece.source in {"AP", "Associated Press", "The Associated Press"}
    assert (piece.dateline or "").casefold() == "washington"
    assert_when(piece.date, datetime(2024, 3, 23, 2, 48, tzinfo=UTC), -4)
    assert_not_in_blocks(piece, AP_HEAD[1:])
    lead = next(line for line in fixture_lines(AP) if line.startswith("WASHINGTON (AP) — "))
    assert_body_complete(piece, AP, AP_HEAD, prefixed={lead: lead.split(" — ", 1)[1]})


def test_wire_ap_contributors_with_role_prefix() -> None:
    assert parse(AP).contributors == ("Tomas Rhee", "Imani Brooks")


# --- minimal: headline and paragraphs ------------------------------------------------------


@pytest.mark.parametrize("name", ["minimal.txt", "minimal_2023-12-04.txt"])
def test_minimal(name: str) -> None:
    piece = parse(name)
    title = fixture_lines(name)[0]
    assert piece.kind == "article"
    assert piece.title == title
    assert piece.authors == ()
    assert piece.contributors == ()
    assert piece.source is None
    assert piece.dateline is None
    assert piece.images == ()
    assert piece.note is None
    # No date in the text: the parser says so; ingest takes it from the file name.
    assert piece.date is None
    assert piece.updated is None
    assert not any(b.heading for b in piece.blocks)
    assert [b.text for b in piece.blocks] == fixture_lines(name)[1:]


def test_minimal_lead_starting_with_by() -> None:
    name = "minimal_by_lead.txt"
    piece = parse(name)
    assert piece.authors == ()
    assert piece.source is None
    assert [b.text for b in piece.blocks] == fixture_lines(name)[1:]


def test_minimal_lead_starting_with_published() -> None:
    name = "minimal_published_lead.txt"
    piece = parse(name)
    assert piece.date is None
    assert [b.text for b in piece.blocks] == fixture_lines(name)[1:]


# --- live blog of another outlet -----------------------------------------------------------

BLOG = "liveblog_other_outlet.txt"
BLOG_NOT_BODY = [
    "Storm Isolde: flights grounded and thousands without power across northern Europe",
    "March 14, 2024 Storm Isolde",
    "By Ingrid Solberg and Tomás Herrera, The Guardian",
    "Updated 1450 GMT (1550 CET) March 14, 2024",
    "12 Posts",
    "Sort byDropdown arrow",
    "14:20 GMT, March 14, 2024",
    "Norway’s biggest airport suspends all departures",
    "From Ingrid Solberg in Oslo and Tomás Herrera in Hamburg",
    "Snow ploughs clear a taxiway at Oslo Airport on Thursday.",
    "Snow ploughs clear a taxiway at Oslo Airport on Thursday. (Kristian Vold/NTB/AFP via Getty Images)",
    "This post has been updated with the latest cancellation figures from the airport operator.",
    "9:05 a.m. ET, March 14, 2024",
    "US carriers cancel evening flights to Scandinavia",
    "From The Guardian’s Maya Lindqvist",
    "11:30 GMT, March 14, 2024",
    "Analysis: Why the region’s power grid struggles in winter storms",
    "Analysis by Ruth Adeyemi in Copenhagen, Denmark",
    "Read more:",
]


def test_liveblog_other_outlet_blog() -> None:
    blog = parse(BLOG)
    assert blog.kind == "live-blog"
    assert blog.title == BLOG_NOT_BODY[0]
    assert blog.authors == ("Ingrid Solberg", "Tomás Herrera")
    assert blog.source == "The Guardian"
    assert blog.day == date(2024, 3, 14)
    assert blog.series == "Storm Isolde"
    assert_when(blog.updated, datetime(2024, 3, 14, 14, 50, tzinfo=UTC), 0)
    assert_when(blog.date, datetime(2024, 3, 14, 11, 30, tzinfo=UTC), 0)  # earliest post
    assert blog.blocks == ()
    assert_not_in_blocks(blog, BLOG_NOT_BODY)
    assert_body_complete(blog, BLOG, BLOG_NOT_BODY)


def test_liveblog_other_outlet_posts() -> None:
    blog = parse(BLOG)
    assert [p.kind for p in blog.posts] == ["live-post"] * 3
    assert [p.title for p in blog.posts] == [
        "Norway’s biggest airport suspends all departures",
        "US carriers cancel evening flights to Scandinavia",
        "Analysis: Why the region’s power grid struggles in winter storms",
    ]
    first, second, third = blog.posts
    assert_when(first.date, datetime(2024, 3, 14, 14, 20, tzinfo=UTC), 0)
    assert_when(second.date, datetime(2024, 3, 14, 13, 5, tzinfo=UTC), -4)  # ET after DST
    assert_when(third.date, datetime(2024, 3, 14, 11, 30, tzinfo=UTC), 0)
    assert all(p.source == "The Guardian" for p in blog.posts)


def test_liveblog_other_outlet_post_with_photo_and_note() -> None:
    first = parse(BLOG).posts[0]
    assert first.authors == ("Ingrid Solberg", "Tomás Herrera")
    assert first.places == ("Oslo", "Hamburg")
    assert first.images == (
        Image(
            caption="Snow ploughs clear a taxiway at Oslo Airport on Thursday.",
            credit="Kristian Vold/NTB/AFP via Getty Images",
        ),
    )
    assert first.note == "This post has been updated with the latest cancellation figures from the airport operator."
    texts = [b.text for b in first.blocks]
    assert texts[-1].startswith("Remember: Storm Isolde is the ninth named storm")
    assert len(texts) == 3


def test_liveblog_other_outlet_analysis_post() -> None:
    third = parse(BLOG).posts[2]
    assert third.label == "analysis"
    assert third.authors == ("Ruth Adeyemi",)
    assert third.places == ("Copenhagen, Denmark",)
    assert third.images == ()
    assert third.note is None
    assert [b.text for b in third.blocks][-1].startswith("Burying cables is expensive")
    assert "Read more:" not in [b.text for b in third.blocks]


def test_liveblog_other_outlet_possessive_outlet_stripped() -> None:
    second = parse(BLOG).posts[1]
    assert second.authors == ("Maya Lindqvist",)
    assert second.source == "The Guardian"


# --- encodings: BOM + CRLF + NBSP, Windows-1252 --------------------------------------------

CRLF = "crlf_bom_nbsp.txt"


def test_crlf_bom_nbsp_fixture_is_what_it_claims() -> None:
    data = raw(CRLF)
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n")
    assert "\u00a0".encode() in data


def test_crlf_bom_nbsp() -> None:
    piece = parse(CRLF)
    assert piece.kind == "article"
    assert piece.title == "Wildfire forces evacuation of 3,000 homes near Boulder"
    assert piece.authors == ("Ruth Calder", "Ben Ito")
    assert piece.source == "Colorado Public Radio"
    assert piece.reading_time == 4
    assert piece.dateline == "Boulder, Colorado"
    assert_when(piece.date, datetime(2024, 3, 17, 2, 15, tzinfo=UTC), -6)  # MDT
    for block in piece.blocks:
        assert "\r" not in block.text and "\ufeff" not in block.text
        assert block.text == block.text.strip()
    not_body = [
        "Wildfire forces evacuation of 3,000 homes near Boulder",
        "By Ruth Calder and Ben Ito, Colorado Public Radio",
        "4 minute read",
        "Updated 8:15 PM MDT, Sat March 16, 2024",
        "Boulder, Colorado",
        "Colorado Public Radio",
        "—",
    ]
    assert_not_in_blocks(piece, not_body[1:])
    assert_body_complete(piece, CRLF, not_body)


CP1252 = "cp1252.txt"


def test_cp1252_fixture_is_not_utf8() -> None:
    data = raw(CP1252)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert b"\x93" in data and b"\x94" in data


def test_cp1252() -> None:
    piece = parse(CP1252)
    assert piece.kind == "article"
    assert piece.title == "Paris museum staff strike over “unsafe” crowds"
    assert piece.authors == ("Zoë Lefèvre", "Marc Aubert")
    assert piece.source == "Le Monde"
    assert piece.dateline == "Paris, France"
    assert_when(piece.date, datetime(2024, 2, 13, 15, 30, tzinfo=UTC), 1)  # CET
    not_body = [
        "Paris museum staff strike over “unsafe” crowds",
        "By Zoë Lefèvre and Marc Aubert, Le Monde",
        "Updated 4:30 PM CET, Tue February 13, 2024",
        "Paris, France",
        "Le Monde",
        "—",
    ]
    assert_not_in_blocks(piece, not_body[1:])
    assert_body_complete(piece, CP1252, not_body)
    assert any("Musée des Arts Décoratifs" in b.text for b in piece.blocks)
    assert any("opened… and" in b.text for b in piece.blocks)


# --- text that looks like markup is text ---------------------------------------------------

MARKUP = "markup_lookalikes.txt"


def test_markup_lookalikes_are_plain_paragraphs() -> None:
    piece = parse(MARKUP)
    assert piece.kind == "article"
    assert piece.title == "Council passes <b>budget</b> after {{ marathon }} session"
    assert piece.authors == ("Omar Haddad",)
    assert piece.source == "The Local Ledger"
    assert_when(piece.date, datetime(2024, 3, 21, 0, 30, tzinfo=UTC), -5)  # CT = CDT in late March
    # Kept verbatim, in order, none taken for a heading, list, quote or template.
    assert [b.text for b in piece.blocks] == fixture_lines(MARKUP)[3:]
    assert not any(b.heading for b in piece.blocks)


def test_slashes_in_text_are_not_photo_credits() -> None:
    path = FIXTURES / "article_slashes_in_text.txt"
    piece = parse_seed(path.read_text(encoding="utf-8"), NY, path.name)
    texts = [b.text for b in piece.blocks]
    assert piece.images == ()
    assert "Stocks fell sharply on Monday as traders weighed the outlook." in texts
    assert "He said the 9/11 anniversary and the 24/7 news cycle made it hard to look away" in texts
