"""The seed parser's fast paths answer exactly as the plain forms they replace.

Each cheap test before a costly regex must never turn away a line the regex would
take, and each rewritten regex must split and match as the original did.
"""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest import bylines, headline, lines, recognize
from generator.ingest.chrome import known, normalise
from generator.ingest.chromeplan import Plan

_OLD_TRIM = re.compile(r"^[\s•·|›»«<>*-]+|[\s•·|›»«<:*]+$")
_OLD_SPLIT_NAMES = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*;\s*")
_PIECES = st.sampled_from(
    [
        " ",
        "  ",
        "\t",
        "\n",
        "\u00a0",
        "\u2003",
        "\u1680",
        ",",
        ", ",
        " and ",
        "and",
        "&",
        ";",
        "•",
        "·",
        "|",
        "›",
        "»",
        "«",
        "<",
        ">",
        "*",
        "-",
        ":",
        "(",
        ")",
        "[",
        "]",
        "/",
        "©",
        "...",
        ".",
        "’",
        "2",
        "²",
        "٣",
        "x",
        "A",
        "ı",
        "İ",
        "K",
        "ſ",
        "Updated",
        "Published",
        "Posted",
        "Jan",
        "reporting",
        "REPORTING",
        "Photo",
        "AP",
        "Reuters",
        "Getty Images",
        "subscribe",
        "sign up",
        "newsletter",
        "you",
        "said",
        "logo",
        "comments",
        "privacy notice",
        "follow us on",
        "Jane Doe",
        "by",
        "in",
        "for",
        "(now)",
        "Sıgn up",
        "SUBSCRİBE",
        "contributed",
        "CONTRİBUTED to this report",
        "–",
        "—",
        " | ",
        " for The Times",
        "Reporting from Kyiv",
    ]
)
TEXT = st.one_of(st.lists(_PIECES, max_size=40).map("".join), st.text(max_size=200))
LONG_TEXT = st.lists(_PIECES, min_size=20, max_size=120).map("".join)


@given(TEXT)
@settings(max_examples=400, deadline=None)
def test_has_digit_is_isdigit(text: str) -> None:
    assert lines.has_digit(text) == any(c.isdigit() for c in text)


def test_has_digit_on_every_digit() -> None:
    digits = [chr(i) for i in range(sys.maxunicode + 1) if chr(i).isdigit()]
    assert all(lines.has_digit(f"’{d}’") for d in digits)


@given(TEXT)
@settings(max_examples=400, deadline=None)
def test_normalise_as_the_regex_did(text: str) -> None:
    assert normalise(text) == " ".join(_OLD_TRIM.sub("", text).split()).casefold()


@given(TEXT)
@settings(max_examples=400, deadline=None)
def test_split_names_splits_as_before(text: str) -> None:
    assert bylines._SPLIT_NAMES.split(text) == _OLD_SPLIT_NAMES.split(text)


@given(st.one_of(TEXT, LONG_TEXT))
@settings(max_examples=400, deadline=None)
def test_cheap_tests_never_turn_away_a_match(text: str) -> None:
    if not recognize._may_end_in_credit(text):
        assert recognize._CREDIT_TAIL.search(text) is None
    if not bylines._may_hold_stamp(text):
        assert bylines._STAMP_AFTER.search(text) is None
    lowered = text.lower()
    guarded = [
        ("contr" in lowered, bylines._CONTRIBUTED.match(text)),
        ("for" in lowered, bylines._FOR_OUTLET.search(text)),
        ("eport" in lowered, bylines._REPORTING_FROM.search(text)),
        ("(" in text, bylines._WHEN_NOTE.search(text)),
        ("•" in text or "·" in text or "|" in text, bylines._TRAILING.search(text)),
        (headline._has_dash(text), headline._DASHED.match(text)),
        ("|" in text or headline._has_dash(text), headline._SUFFIXED.match(text)),
    ]
    assert all(allowed or found is None for allowed, found in guarded)


@given(st.one_of(TEXT, LONG_TEXT))
@settings(max_examples=600, deadline=None)
def test_chrome_plan_finds_the_first_matching_pattern(text: str) -> None:
    patterns = known().patterns
    key = normalise(text)
    combined = re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.I)
    expected = next(p for p in patterns if p.fullmatch(key)) if combined.fullmatch(key) else None
    assert Plan(patterns).first(key) is expected


def test_chrome_plan_on_long_chrome_lines() -> None:
    plan = Plan(known().patterns)
    filler = "word " * 30
    for line in (
        f"Sign up to our newsletter for {filler}now",
        f"Sıgn up to our newsletter for {filler}now",
        f"privacy notice {filler}",
        f"You have 45% of this article left {filler}"[:150],
    ):
        key = normalise(line)
        assert len(key) > 100
        assert plan.first(key) is next((p for p in plan.patterns if p.fullmatch(key)), None)


def test_only_dotless_i_matches_a_letter_in_any_case_once_casefolded() -> None:
    """Why the plan reads ``ı`` as ``i`` and nothing else: of all characters a
    casefolded line can hold, only these match an ASCII letter in any case."""
    odd = set()
    for letter in "abcdefghijklmnopqrstuvwxyz":
        pattern = re.compile(letter, re.I)
        for i in range(128, sys.maxunicode + 1):
            c = chr(i)
            if pattern.fullmatch(c) and c.casefold() == c:
                odd.add(c)
    assert odd == {"ı"}


def test_long_lines_parse_as_before() -> None:
    prose = "The council said on Tuesday that the river had risen, and residents were moved. " * 5
    assert bylines.parse_byline(f"By {prose}") is None
    assert bylines.parse_byline("By Jane Doe and John Roe, Reuters | Updated 5h ago") is not None
