"""Hypothesis properties: the parser only ever raises its own error, front matter
round-trips, and escaped seed text renders back to exactly the text."""

from __future__ import annotations

import html
import re
from zoneinfo import ZoneInfo

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import frontmatter
from generator.errors import SeedError
from generator.ingest import mdtext
from generator.ingest.records import Piece
from generator.ingest.seedparse import parse_seed
from generator.text import clean_line

NY = ZoneInfo("America/New_York")

# Lines that look like the parts of real seeds, so the parser's branches get exercised.
SEEDISH_LINES = st.sampled_from(
    [
        "By Jane Doe, John Roe and Ann Lee, Reuters",
        "From CNN’s MJ Lee",
        "Analysis by Nadeen Ebrahim in Abu Dhabi, UAE",
        "From A in Tel Aviv and B in London",
        "Updated 5:51 PM EST, Sat December 2, 2023",
        "Updated 0504 GMT (1304 HKT) December 3, 2023",
        "Published 25:99 PM XYZ, Feb 30, 2023",
        "12:28 p.m. ET, December 2, 2023",
        "13:61 p.m. ET, December 2, 2023",
        "December 2, 2023 Israel-Hamas war",
        "4 minute read",
        "18 Posts",
        "Sort byDropdown arrow",
        "Jane Doe/Reuters",
        "Tel Aviv, Israel",
        "CNN",
        " — ",
        "—",
        "CNN —",
        "LONDON, Dec 2 (Reuters) - Text follows.",
        "Read more:",
        "Remember: something.",
        "This post has been updated.",
        "CNN’s A, B and C contributed to this report",
        "",
        "",
    ]
)
TEXT_LINES = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)
DOCS = st.lists(st.one_of(SEEDISH_LINES, TEXT_LINES), min_size=0, max_size=40).map("\n".join)


def _check_piece(piece: Piece) -> None:
    assert piece.title.strip()
    for block in piece.blocks:
        assert block.text == block.text.strip() and block.text
    for post in piece.posts:
        _check_piece(post)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_parser_raises_only_seed_error(text: str) -> None:
    try:
        piece = parse_seed(text, NY, "prop.txt")
    except SeedError as exc:
        assert exc.path == "prop.txt"
        return
    _check_piece(piece)


@settings(max_examples=200, deadline=None)
@given(DOCS)
def test_parser_rejects_only_blank_documents(text: str) -> None:
    blank = not any(clean_line(x) for x in re.split(r"\r\n|\r|\n|\u2028|\u2029|\x85", text))
    try:
        parse_seed(text, NY, "prop.txt")
    except SeedError:
        assert blank
    else:
        assert not blank


YAML_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\x85\u2028\u2029"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s)
META = st.fixed_dictionaries(
    {
        "title": st.one_of(
            YAML_TEXT,
            st.sampled_from(
                [
                    "no",
                    "yes",
                    "on",
                    "2024-01-01",
                    "Breaking: news",
                    "null",
                    "~",
                    "1e3",
                    "0x1F",
                    "- x",
                    "&a",
                    "*b",
                    "!tag",
                    "'q'",
                    '"d"',
                    "a: b",
                    "#c",
                ]
            ),
        ),
        "authors": st.lists(YAML_TEXT, max_size=4),
        "reading_time": st.integers(min_value=1, max_value=999),
        "images": st.lists(st.fixed_dictionaries({"caption": YAML_TEXT, "credit": YAML_TEXT}), max_size=2),
    }
)


@settings(max_examples=300, deadline=None)
@given(META, st.text(max_size=200).map(lambda s: s.replace("\r", "").strip("\n")))
def test_front_matter_round_trip(meta: dict[str, object], body: str) -> None:
    text = frontmatter.render(meta, body)
    if "\n---" in "\n" + body:
        return  # a body line of '---' is a fence by definition
    back, back_body, _ = frontmatter.parse(text, "prop.md")
    assert back == meta
    assert back_body == body.strip("\n")


PROSE = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",)),
        min_size=1,
        max_size=120,
    )
    .map(clean_line)
    .filter(bool)
)


def _visible_text(rendered: str) -> str:
    text = re.sub(r"<[^>]+>", "", rendered)
    return " ".join(html.unescape(text).split())


@settings(max_examples=500, deadline=None)
@given(PROSE)
def test_escaped_text_renders_as_written(text: str) -> None:
    rendered = markdown.markdown(mdtext.escape(text))
    assert rendered.startswith("<p>"), rendered
    assert _visible_text(rendered) == " ".join(text.split())


@settings(max_examples=200, deadline=None)
@given(PROSE)
def test_escaped_heading_renders_as_written(text: str) -> None:
    rendered = markdown.markdown(mdtext.heading(text))
    assert rendered.startswith("<h2>"), rendered
    assert _visible_text(rendered) == " ".join(text.split())


@given(
    st.lists(st.text(alphabet="abcXYZ-. \u0130\u0131\u017f\u212a", min_size=1, max_size=8), min_size=1, max_size=4),
    st.text(alphabet="abcXYZ-. \n’\u0130\u0131\u017f\u212aé", max_size=80),
)
def test_screened_topic_rules_match_exactly_as_their_patterns(words: list[str], text: str) -> None:
    """The word-set screen is a shortcut only: it never changes which rules match."""
    from generator.config import Topic
    from generator.site.topics import TopicRules

    rules = TopicRules.compile([Topic(name="T", slug="t", match=tuple(words))])
    pattern = rules.patterns[0]
    expected = ("t",) if pattern is not None and pattern.search(f"Title\n{text}") else ()
    assert rules.match("Title", text) == expected
