"""Bylines and contributor lines of the seed parser: names, outlet, places, label.

Names and outlets are invented; each case is what a reader would write down from
the line: who wrote it, for which outlet, from where.
"""

from __future__ import annotations

import pytest

from generator.ingest.bylines import looks_like_name, parse_byline, parse_contributors, split_names
from generator.ingest.records import Byline

BYLINES: list[tuple[str, Byline]] = [
    ("By Jane Doe", Byline(("Jane Doe",))),
    ("By Jane Doe.", Byline(("Jane Doe",))),
    ("by Jane Doe", Byline(("Jane Doe",))),
    ("By Jane Doe and John Roe, Example News", Byline(("Jane Doe", "John Roe"), "Example News")),
    ("By Jane Doe and John Roe, The Example Post", Byline(("Jane Doe", "John Roe"), "The Example Post")),
    ("By Jane Doe, John Roe and Ann Poe", Byline(("Jane Doe", "John Roe", "Ann Poe"))),
    ("By Jane Doe, John Roe, and Ann Poe", Byline(("Jane Doe", "John Roe", "Ann Poe"))),
    ("By Jane Doe & John Roe", Byline(("Jane Doe", "John Roe"))),
    ("By Jane Doe, Example News", Byline(("Jane Doe",), "Example News")),
    ("By Jane Doe, CNN", Byline(("Jane Doe",), "CNN")),
    ("By Jane Doe | Example News", Byline(("Jane Doe",), "Example News")),
    ("From CNN’s Jane Doe", Byline(("Jane Doe",), "CNN")),
    ("From CNN's Jane Doe and John Roe", Byline(("Jane Doe", "John Roe"), "CNN")),
    (
        "From Jane Doe in Tel Aviv and John Roe in London",
        Byline(("Jane Doe", "John Roe"), None, ("Tel Aviv", "London")),
    ),
    ("By Jane Doe in Kyiv and John Roe in London", Byline(("Jane Doe", "John Roe"), None, ("Kyiv", "London"))),
    ("Analysis by Jane Doe in Abu Dhabi, UAE", Byline(("Jane Doe",), None, ("Abu Dhabi, UAE",), "analysis")),
    ("Analysis by Jane Doe in Cairo", Byline(("Jane Doe",), None, ("Cairo",), "analysis")),
    ("Opinion by Jane Doe", Byline(("Jane Doe",), label="opinion")),
    ("Review by Jane Doe", Byline(("Jane Doe",), label="review")),
    ("Fact check by Jane Doe and John Roe", Byline(("Jane Doe", "John Roe"), label="fact check")),
    # names with particles, hyphens, apostrophes and initials
    ("By Jean-Luc O’Neill", Byline(("Jean-Luc O’Neill",))),
    ("By Ali al-Masri", Byline(("Ali al-Masri",))),
    ("By Maria de la Cruz", Byline(("Maria de la Cruz",))),
    ("By J.R. Roe", Byline(("J.R. Roe",))),
]


@pytest.mark.parametrize(("line", "expected"), BYLINES, ids=[line for line, _ in BYLINES])
def test_parse_byline_reads_names_outlet_places_and_label(line: str, expected: Byline) -> None:
    assert parse_byline(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        # sentences that open with "By" or "From"
        "By Tuesday, the river had crested and the town began to clean up.",
        "By the end of the week, prices had fallen.",
        "By dawn",
        "From Paris to Berlin, the trains stopped running.",
        "From the mayor's office came no reply.",
        # no "By" or "From" at all
        "Jane Doe",
        "Written by Jane Doe and published in the spring edition of the paper.",
        "The council voted on Tuesday to delay the plan.",
        "",
    ],
)
def test_parse_byline_refuses_sentences(line: str) -> None:
    assert parse_byline(line) is None


CONTRIBUTORS: list[tuple[str, tuple[tuple[str, ...], str | None]]] = [
    ("Jane Doe contributed reporting.", (("Jane Doe",), None)),
    ("Jane Doe also contributed to this story.", (("Jane Doe",), None)),
    ("Jane Doe and John Roe contributed to this report.", (("Jane Doe", "John Roe"), None)),
    ("CNN’s Jane Doe, John Roe and Ann Poe contributed to this report.", (("Jane Doe", "John Roe", "Ann Poe"), "CNN")),
    ("The AP’s Jane Doe contributed to this report.", (("Jane Doe",), "The AP")),
    (
        "Associated Press writers Jane Doe and John Roe contributed to this report.",
        (("Jane Doe", "John Roe"), "Associated Press"),
    ),
    ("Reporting by Jane Doe in Kyiv; Editing by John Roe", (("Jane Doe", "John Roe"), None)),
    (
        "Reporting by Jane Doe; Additional reporting by John Roe; Editing by Ann Poe",
        (("Jane Doe", "John Roe", "Ann Poe"), None),
    ),
    ("Writing by Jane Doe; Editing by John Roe and Ann Poe", (("Jane Doe", "John Roe", "Ann Poe"), None)),
]


@pytest.mark.parametrize(("line", "expected"), CONTRIBUTORS, ids=[line for line, _ in CONTRIBUTORS])
def test_parse_contributors_reads_names_and_outlet(line: str, expected: tuple[tuple[str, ...], str | None]) -> None:
    assert parse_contributors(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "The mayor contributed to this report.",
        "Many residents contributed to this report.",
        "Jane Doe, Associated Press",
        "By Jane Doe and John Roe",
        "Residents contributed money to rebuild the bridge.",
        "",
    ],
)
def test_parse_contributors_refuses_what_names_no_one(line: str) -> None:
    assert parse_contributors(line) is None


@pytest.mark.parametrize(
    "text", ["Jane Doe", "Jane", "Maria de la Cruz", "Ali al-Masri", "J. R. Roe", "O’Neill", "Jean-Luc Roe"]
)
def test_looks_like_name(text: str) -> None:
    assert looks_like_name(text)


@pytest.mark.parametrize(
    "text", ["jane doe", "A B C D E F", "The council voted", "Jane Doe!", "", "Jane Doe said no", "2024"]
)
def test_does_not_look_like_a_name(text: str) -> None:
    assert not looks_like_name(text)


@pytest.mark.parametrize(
    ("text", "names", "places"),
    [
        ("Jane Doe, John Roe and Ann Poe", ("Jane Doe", "John Roe", "Ann Poe"), ()),
        ("Jane Doe in Cairo and John Roe in London", ("Jane Doe", "John Roe"), ("Cairo", "London")),
        ("Jane Doe; John Roe & Ann Poe.", ("Jane Doe", "John Roe", "Ann Poe"), ()),
    ],
)
def test_split_names_separates_names_from_places(text: str, names: tuple[str, ...], places: tuple[str, ...]) -> None:
    assert split_names(text) == (names, places)
