"""The date-stamp recognizers of the seed parser, one printed form at a time.

Each case is a line as a copied news page prints it, with what a reader of that
line would write down: the kind of stamp, the calendar day, the clock time and
the UTC offset the zone gives on that day. Relative times and copyright years
are never dates, and a sentence that mentions a time is not a stamp.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from generator.ingest.live import resolve_times
from generator.ingest.stamps import PostStamp, When, is_relative, page_stamps, post_stamp, read_when

NY = ZoneInfo("America/New_York")

Day = date | tuple[int, int] | None
Parts = tuple[Day, time | None, float | None]


def parts(when: When) -> Parts:
    """The day (or month and day), the clock time and the zone's offset in hours."""
    day: Day = when.day or when.month_day
    offset: float | None = None
    if when.zone is not None:
        on = datetime.combine(when.day or date(2024, 1, 15), when.clock or time(12, 0))
        delta = when.zone.utcoffset(on)
        assert delta is not None
        offset = delta / timedelta(hours=1)
    return day, when.clock, offset


# ── page stamps ──────────────────────────────────────────────────────────────

PAGE_STAMPS: list[tuple[str, list[tuple[str, Day, time | None, float | None]]]] = [
    ("Published 9:15 AM EST, March 3, 2023", [("published", date(2023, 3, 3), time(9, 15), -5)]),
    ("Updated 4:02 PM ET, Wed June 8, 2022", [("updated", date(2022, 6, 8), time(16, 2), -4)]),
    ("Friday, 11 March, 2005, 09:12 GMT", [("", date(2005, 3, 11), time(9, 12), 0)]),
    ("Last updated 9 May 2019", [("updated", date(2019, 5, 9), None, None)]),
    ("Mon 4 Mar 2024 08.05 GMT", [("", date(2024, 3, 4), time(8, 5), 0)]),
    ("First published on Mon 4 Mar 2024 08.05 GMT", [("published", date(2024, 3, 4), time(8, 5), 0)]),
    ("Thursday 11 April 2024 10:42, UK", [("", date(2024, 4, 11), time(10, 42), 1)]),
    ("Sunday 5 May 2024 14:00 BST", [("", date(2024, 5, 5), time(14, 0), 1)]),
    ("Posted: Sat 4:51 PM, Jul 20, 2019", [("published", date(2019, 7, 20), time(16, 51), None)]),
    ("Published Dec. 2, 2023 at 5:00 p.m. ET", [("published", date(2023, 12, 2), time(17, 0), -5)]),
    ("Published March 3, 2023, 9:15 AM ET", [("published", date(2023, 3, 3), time(9, 15), -5)]),
    ("Published 12:30 AM ET, March 3, 2023", [("published", date(2023, 3, 3), time(0, 30), -5)]),
    ("Published 12:00 PM ET, March 3, 2023", [("published", date(2023, 3, 3), time(12, 0), -5)]),
    ("Published 9:15 AM PST, March 3, 2023", [("published", date(2023, 3, 3), time(9, 15), -8)]),
    ("Published 9:15 AM BST, 3 May 2023", [("published", date(2023, 5, 3), time(9, 15), 1)]),
    ("Published 9:15 CET 3 May 2023", [("published", date(2023, 5, 3), time(9, 15), 1)]),
    ("Published 3 May 2023 14:00 GMT+2", [("published", date(2023, 5, 3), time(14, 0), 2)]),
    ("Published 2024-03-04", [("published", date(2024, 3, 4), None, None)]),
    ("Dec. 2, 2023", [("", date(2023, 12, 2), None, None)]),
    ("March 3", [("", (3, 3), None, None)]),
    # glued by copying: the year runs into the clock
    ("March 4, 20246:12 PM ET", [("", date(2024, 3, 4), time(18, 12), -5)]),
    ("Published March 4, 20246:12 PM ET", [("published", date(2024, 3, 4), time(18, 12), -5)]),
    # numeric: month first beside AM/PM, day first beside a 24-hour clock, a day past 12 first anyway
    ("03/04/2024 2:37 PM", [("", date(2024, 3, 4), time(14, 37), None)]),
    ("04/03/2024 2:37 PM", [("", date(2024, 4, 3), time(14, 37), None)]),
    ("04/03/2024 - 14:37", [("", date(2024, 3, 4), time(14, 37), None)]),
    ("Issued on: 04/03/2024 - 14:37", [("published", date(2024, 3, 4), time(14, 37), None)]),
    ("13/03/2024 2:37 PM", [("", date(2024, 3, 13), time(14, 37), None)]),
    ("13/04/2024", [("", date(2024, 4, 13), None, None)]),
    # several stamps on one line
    (
        "Published 9:15 AM EST, March 3, 2023 | Updated 11:20 AM EST, March 3, 2023",
        [("published", date(2023, 3, 3), time(9, 15), -5), ("updated", date(2023, 3, 3), time(11, 20), -5)],
    ),
    (
        "Published 9:15 AM EST, March 3, 2023 / Updated 11:20 AM EST, March 3, 2023",
        [("published", date(2023, 3, 3), time(9, 15), -5), ("updated", date(2023, 3, 3), time(11, 20), -5)],
    ),
    (
        "Published 3 May 2022 | Updated 4 May 2022",
        [("published", date(2022, 5, 3), None, None), ("updated", date(2022, 5, 4), None, None)],
    ),
    (
        "Published 3 May 2022, updated 4 May 2022",
        [("published", date(2022, 5, 3), None, None), ("updated", date(2022, 5, 4), None, None)],
    ),
    (
        "Published May 8, 2024, 5:00 a.m. ETUpdated May 9, 2024, 7:04 a.m. ET",
        [("published", date(2024, 5, 8), time(5, 0), -4), ("updated", date(2024, 5, 9), time(7, 4), -4)],
    ),
    (
        "Published Tue, Mar 5 20249:12 AM EST Updated Tue, Mar 5 202411:40 AM EST",
        [("published", date(2024, 3, 5), time(9, 12), -5), ("updated", date(2024, 3, 5), time(11, 40), -5)],
    ),
    (
        "Mon 4 Mar 2024 08.05 GMTLast modified on Mon 4 Mar 2024 10.10 GMT",
        [("", date(2024, 3, 4), time(8, 5), 0), ("updated", date(2024, 3, 4), time(10, 10), 0)],
    ),
    # a relative time beside a stamp is skipped, the stamp kept
    ("1 hour ago | Updated March 3, 2023", [("updated", date(2023, 3, 3), None, None)]),
]


@pytest.mark.parametrize(("text", "expected"), PAGE_STAMPS, ids=[t for t, _ in PAGE_STAMPS])
def test_page_stamps_read_kind_day_clock_and_zone(
    text: str, expected: list[tuple[str, Day, time | None, float | None]]
) -> None:
    found = page_stamps(text)
    assert found is not None
    stamps, _ = found
    assert [(s.kind, *parts(s.when)) for s in stamps] == expected


@pytest.mark.parametrize(
    ("text", "extras"),
    [
        ("Published 9:15 AM EST, March 3, 2023 | Politics", ["Politics"]),
        ("Published 9:15 AM EST, March 3, 2023 · 5 min read", ["5 min read"]),
        ("By Jane Doe Updated 4:02 PM ET, Wed June 8, 2022", ["By Jane Doe"]),
        ("Published 9:15 AM EST, March 3, 2023", []),
    ],
)
def test_page_stamps_keep_the_short_extras_beside_them(text: str, extras: list[str]) -> None:
    found = page_stamps(text)
    assert found is not None
    assert found[1] == extras


NOT_PAGE_STAMPS = [
    # relative times are never dates
    "9 hours ago",
    "Updated 10 minutes ago",
    "14m ago",
    "Posted 3 days ago",
    "Just now",
    # a copyright year is not a date
    "© 2024 Example Media Group",
    "Copyright 2023 The Example Times",
    "Copyright 2021 Example Press. All rights reserved.",
    "2024 © Example Media",
    "2023",
    # sentences with a time in them
    "The meeting began at 9:15 AM on March 3, 2023 and ran late into the night.",
    "He said the vote at 10:30 a.m. on May 3 would be delayed.",
    "By 10:30 a.m. the crowd had grown to thousands of people.",
    # a clock with no day is not a page's date; nor is a day that does not exist
    "Published 9:15 AM EST",
    "Updated 9:15 AM",
    "Published 30 February 2023",
    "",
]


@pytest.mark.parametrize("text", NOT_PAGE_STAMPS)
def test_page_stamps_refuse_what_is_not_a_date_stamp(text: str) -> None:
    assert page_stamps(text) is None


# ── relative times ───────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "text",
    [
        "9 hours ago",
        "Updated 10 minutes ago",
        "14m ago",
        "2h ago",
        "45 seconds ago",
        "5 mins ago",
        "Posted 3 days ago",
        "Published 1 day ago",
        "Just now",
        "just now",
        "5h",
        "• 3 hours ago",
    ],
)
def test_relative_times_are_recognised(text: str) -> None:
    assert is_relative(text)


@pytest.mark.parametrize(
    "text",
    [
        "March 3, 2023",
        "9:15 AM",
        "Published 9:15 AM EST, March 3, 2023",
        "The vote was held 9 hours ago in the capital.",
        "Ten years ago today the bridge opened",
        "2024",
        "5 min read",
    ],
)
def test_dates_and_sentences_are_not_relative_times(text: str) -> None:
    assert not is_relative(text)


# ── post stamps ──────────────────────────────────────────────────────────────

POST_STAMPS: list[tuple[str, str, Day, time, float | None, str]] = [
    ("3:41 p.m. ET, May 9, 2022", "line", date(2022, 5, 9), time(15, 41), -4, ""),
    ("9:07 AM ET, March 14, 2024", "line", date(2024, 3, 14), time(9, 7), -4, ""),
    ("Mar 14, 9:07 AM", "line", (3, 14), time(9, 7), None, ""),
    ("7.42am", "line", None, time(7, 42), None, ""),
    ("3.15pm BST", "line", None, time(15, 15), 1, ""),
    ("11.05am GMT", "line", None, time(11, 5), 0, ""),
    ("5:07 pm", "line", None, time(17, 7), None, ""),
    ("12:05 a.m. ET", "line", None, time(0, 5), -5, ""),
    ("14:05 GMT", "line", None, time(14, 5), 0, ""),
    ("Posted July 2, 2021 at 10:20 AM EDT", "line", date(2021, 7, 2), time(10, 20), -4, ""),
    ("Posted: 4:51 PM", "line", None, time(16, 51), None, ""),
    ("Thursday 11 April 2024 10:42", "line", date(2024, 4, 11), time(10, 42), None, ""),
    ("Friday, 11 March, 2005, 09:12 GMT", "line", date(2005, 3, 11), time(9, 12), 0, ""),
    ("2 hours ago / 3:41 p.m. ET", "line", None, time(15, 41), -5, ""),
    (
        "18.45 The minister said the talks would resume on Monday.",
        "lead",
        None,
        time(18, 45),
        None,
        "The minister said the talks would resume on Monday.",
    ),
    (
        "10:20 BST The council voted to delay the plan.",
        "lead",
        None,
        time(10, 20),
        1,
        "The council voted to delay the plan.",
    ),
    (
        "10:20 – The council voted to delay the plan.",
        "lead",
        None,
        time(10, 20),
        None,
        "The council voted to delay the plan.",
    ),
    (
        "10:20: The council voted to delay the plan.",
        "lead",
        None,
        time(10, 20),
        None,
        "The council voted to delay the plan.",
    ),
    (
        "10:20 am – The council voted to delay the plan.",
        "lead",
        None,
        time(10, 20),
        None,
        "The council voted to delay the plan.",
    ),
    (
        "Update 2:40 p.m. EDT July 9: The river crested overnight, officials said.",
        "lead",
        (7, 9),
        time(14, 40),
        -4,
        "The river crested overnight, officials said.",
    ),
    (
        "Ministers meet in the capital published at 08:12 British Summer Time 3 May 2022",
        "tail",
        date(2022, 5, 3),
        time(8, 12),
        1,
        "Ministers meet in the capital",
    ),
    (
        "Ministers meet in the capital published at 08:12 British Summer Time",
        "tail",
        None,
        time(8, 12),
        1,
        "Ministers meet in the capital",
    ),
]


@pytest.mark.parametrize(
    ("text", "shape", "day", "clock", "offset", "rest"), POST_STAMPS, ids=[case[0] for case in POST_STAMPS]
)
def test_post_stamps_read_shape_moment_and_the_text_beside(
    text: str, shape: str, day: Day, clock: time, offset: float | None, rest: str
) -> None:
    post = post_stamp(text)
    assert post is not None
    assert (post.shape, *parts(post.when), post.rest) == (shape, day, clock, offset, rest)


@pytest.mark.parametrize(
    "text",
    [
        # a date alone is a page's date, not a post's
        "March 14, 2024",
        "Mar 14",
        "Last updated 9 May 2019",
        # sentences with a time in them
        "The council met at 10:20 and voted to delay the plan.",
        "At 10:20 the council voted to delay the plan.",
        "By 10:30 a.m. the crowd had grown to thousands of people.",
        "He said the vote at 10:30 a.m. on May 3 would be delayed.",
        # a lead stamp needs a first sentence of more than one word
        "10:20 Seven",
        "9 hours ago",
        "© 2024 Example Media Group",
    ],
)
def test_post_stamps_need_a_clock_and_a_line_of_their_own(text: str) -> None:
    assert post_stamp(text) is None


# ── read_when and When.resolve ───────────────────────────────────────────────


@pytest.mark.parametrize(
    ("text", "expected", "rest"),
    [
        ("Council meets March 3", ((3, 3), None, None), "Council meets"),
        ("at 9:15", (None, time(9, 15), None), "at"),
        ("Sunday 5 May 2024 14:00 BST", (date(2024, 5, 5), time(14, 0), 1), ""),
        ("4 Mar 2024 (local time) 08.05", (date(2024, 3, 4), time(8, 5), None), ""),
    ],
)
def test_read_when_gives_the_moment_and_the_words_around_it(text: str, expected: Parts, rest: str) -> None:
    found = read_when(text)
    assert found is not None
    assert parts(found[0]) == expected
    assert found[1] == rest


@pytest.mark.parametrize("text", ["The plan", "", "Chapter 11", "Room 2024"])
def test_read_when_finds_nothing_without_a_day_or_a_clock(text: str) -> None:
    assert read_when(text) is None


def test_read_when_day_first_flag_turns_a_numeric_date() -> None:
    month_first = read_when("04/03/2024")
    day_first = read_when("04/03/2024", numeric_day_first=True)
    assert month_first is not None and day_first is not None
    assert month_first[0].day == date(2024, 4, 3)
    assert day_first[0].day == date(2024, 3, 4)


@pytest.mark.parametrize(
    ("when", "page_day", "expected"),
    [
        # a clock alone takes the page's day and zone
        (When(clock=time(9, 15)), date(2024, 3, 4), datetime(2024, 3, 4, 9, 15, tzinfo=NY)),
        # its own zone wins over the page's
        (When(clock=time(9, 15), zone=UTC), date(2024, 3, 4), datetime(2024, 3, 4, 9, 15, tzinfo=UTC)),
        # a month and day take the page's year
        (When(month_day=(3, 14), clock=time(8, 0)), date(2024, 1, 2), datetime(2024, 3, 14, 8, 0, tzinfo=NY)),
        # a full date ignores the page's day; no clock means midnight
        (When(day=date(2022, 5, 9)), date(2024, 1, 2), datetime(2022, 5, 9, 0, 0, tzinfo=NY)),
        (When(day=date(2022, 5, 9)), None, datetime(2022, 5, 9, 0, 0, tzinfo=NY)),
        # no day anywhere: no moment
        (When(clock=time(9, 15)), None, None),
        (When(month_day=(3, 14)), None, None),
    ],
)
def test_when_resolve_fills_gaps_from_the_page(when: When, page_day: date | None, expected: datetime | None) -> None:
    moment = when.resolve(page_day, NY)
    assert moment == expected
    if expected is not None:
        assert moment is not None and moment.utcoffset() == expected.utcoffset()


# ── the moments of a live page's posts ───────────────────────────────────────


def stamps(*texts: str | None) -> list[PostStamp | None]:
    out: list[PostStamp | None] = []
    for text in texts:
        post = post_stamp(text) if text else None
        assert text is None or post is not None, text
        out.append(post)
    return out


def test_a_stamp_without_a_date_takes_the_page_date() -> None:
    got = resolve_times(stamps("3:41 p.m. ET", "3:05 p.m. ET"), date(2024, 3, 4), UTC)
    assert got == [datetime(2024, 3, 4, 15, 41, tzinfo=NY), datetime(2024, 3, 4, 15, 5, tzinfo=NY)]


def test_a_stamp_without_a_date_takes_the_date_of_the_post_before() -> None:
    got = resolve_times(stamps("3:41 p.m. ET, May 9, 2022", "3:05 p.m. ET", "2:30 p.m. ET"), None, NY)
    assert got == [
        datetime(2022, 5, 9, 15, 41, tzinfo=NY),
        datetime(2022, 5, 9, 15, 5, tzinfo=NY),
        datetime(2022, 5, 9, 14, 30, tzinfo=NY),
    ]


def test_a_post_without_a_stamp_has_no_moment_and_breaks_nothing() -> None:
    got = resolve_times(stamps("3:41 p.m. ET", None, "3:05 p.m. ET"), date(2024, 3, 4), NY)
    assert got == [datetime(2024, 3, 4, 15, 41, tzinfo=NY), None, datetime(2024, 3, 4, 15, 5, tzinfo=NY)]


def test_no_date_anywhere_gives_no_moments() -> None:
    assert resolve_times(stamps("3:41 p.m. ET", "3:05 p.m. ET"), None, NY) == [None, None]


def test_newest_first_posts_crossing_midnight_step_back_a_day() -> None:
    got = resolve_times(stamps("1:05 a.m. ET", "12:15 a.m. ET", "11:30 p.m. ET", "10:05 p.m. ET"), date(2024, 3, 5), NY)
    assert got == [
        datetime(2024, 3, 5, 1, 5, tzinfo=NY),
        datetime(2024, 3, 5, 0, 15, tzinfo=NY),
        datetime(2024, 3, 4, 23, 30, tzinfo=NY),
        datetime(2024, 3, 4, 22, 5, tzinfo=NY),
    ]


def test_oldest_first_posts_crossing_midnight_step_forward_a_day() -> None:
    got = resolve_times(stamps("10:05 p.m. ET", "11:30 p.m. ET", "12:15 a.m. ET", "1:05 a.m. ET"), date(2024, 3, 4), NY)
    assert got == [
        datetime(2024, 3, 4, 22, 5, tzinfo=NY),
        datetime(2024, 3, 4, 23, 30, tzinfo=NY),
        datetime(2024, 3, 5, 0, 15, tzinfo=NY),
        datetime(2024, 3, 5, 1, 5, tzinfo=NY),
    ]


def test_a_dated_post_after_midnight_anchors_the_undated_ones_before_it() -> None:
    got = resolve_times(stamps("1:15 a.m. ET, May 10, 2022", "11:30 p.m. ET", "10:05 p.m. ET"), date(2022, 5, 9), NY)
    assert got == [
        datetime(2022, 5, 10, 1, 15, tzinfo=NY),
        datetime(2022, 5, 9, 23, 30, tzinfo=NY),
        datetime(2022, 5, 9, 22, 5, tzinfo=NY),
    ]


def test_posts_within_one_day_keep_their_day() -> None:
    got = resolve_times(stamps("09:00 GMT", "10:00 GMT", "11:30 GMT"), date(2024, 3, 4), NY)
    assert [m.date() if m else None for m in got] == [date(2024, 3, 4)] * 3
