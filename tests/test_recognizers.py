"""The line recognizers of the seed parser and the assembly built on them: known
chrome, the tag of one line on its own, the headline, the posts of a live page
and the body of a story, each on small invented pages.

Date stamps are covered in test_stamps.py, bylines in test_bylines.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date

import pytest

from generator.configkeys import drop_line_problem as check_entry
from generator.ingest.body import Body, dateline_of, read_body
from generator.ingest.bylines import parse_byline
from generator.ingest.chrome import ChromeRules, known
from generator.ingest.headline import Choice, choose, clean_title
from generator.ingest.lines import Line, number
from generator.ingest.live import Opening, find_posts, resolve_times
from generator.ingest.recognize import Hit, Tag, caption_with_credit, is_credit, post_of, recognize, stamps_of
from generator.ingest.records import Byline
from generator.ingest.stamps import post_stamp
from generator.schema import Image

P1 = "The city council on Tuesday postponed a vote on the long-debated bridge project until the spring."
P2 = "Members said they wanted more time to study the costs, which have doubled since the plan was drawn up."
P3 = "Residents who packed the chamber were split, and several spoke for more than an hour."


def page(text: str, rules: ChromeRules | None = None) -> tuple[list[Line], list[Hit]]:
    lines = number(text)
    return lines, [recognize(line, rules or known()) for line in lines]


def tag(text: str, rules: ChromeRules | None = None) -> Tag:
    return recognize(Line(1, text), rules or known()).tag


def headline(text: str) -> Choice | None:
    return choose(*page(text))


def posts(text: str) -> list[Opening]:
    return find_posts(*page(text), 1)


def body(text: str, allow_headings: bool = True, dateline: bool = True) -> Body:
    return read_body(*page(text), allow_headings=allow_headings, dateline=dateline)


def texts(found: Body) -> list[tuple[bool, str]]:
    return [(block.heading, block.text) for block in found.blocks]


# ── chrome ───────────────────────────────────────────────────────────────────

CHROME = [
    "Skip to main content",
    "Skip to navigation",
    "Share this article",
    "SHARE",
    " Advertisement ",
    "• Share •",
    "Menu:",
    "Read more:",
    "Most read",
    "Newest first",
    "Cookie settings",
    "Story continues below advertisement",
    "© 2024 Example Media Group",
    "Copyright 2023 Example Press. All rights reserved.",
    "All rights reserved.",
    "12 comments",
    "14 Comments",
    "Sign up for our morning newsletter",
    "Download the Example app for breaking news alerts",
    "Example News logo",
    "Example News - Back to Home",
    "Back to Example News home",
    "Why you can trust Example News",
    "Listen to this article • 5 min",
    "3 new posts",
    "Page 2 of 5",
    "Sort by: newest",
]


@pytest.mark.parametrize("text", CHROME)
def test_known_chrome_is_matched(text: str) -> None:
    assert known().match(text) is not None
    assert tag(text) is Tag.CHROME


BODY_SENTENCES = [
    P1,
    "The share price fell sharply on Monday.",
    "Share prices fell sharply",
    "More than 200 people were evacuated from the town on Monday.",
    "Home secretary resigns",
    "Search continues for missing hiker",
    "Email the mayor",
    "Print edition sales fall",
    "Updates on the storm",
    "The 14 comments were deleted.",
    "Copyright law is changing fast",
    "Menu prices rose again this year.",
    "Subscribers will pay more from next month, the company said.",
]


@pytest.mark.parametrize("text", BODY_SENTENCES)
def test_a_body_sentence_is_never_chrome(text: str) -> None:
    assert known().match(text) is None


@pytest.fixture
def site_rules() -> ChromeRules:
    return known().with_lines(["Example Daily Briefing", "/from the archive.{0,20}/", "# a comment", "  "])


@pytest.mark.parametrize("text", ["Example Daily Briefing", "EXAMPLE daily briefing:", "From the archive: 1998"])
def test_a_site_adds_exact_lines_in_any_case_and_regexes(site_rules: ChromeRules, text: str) -> None:
    reason = site_rules.match(text)
    assert reason is not None and "site.yaml" in reason
    assert tag(text, site_rules) is Tag.CHROME


@pytest.mark.parametrize("text", ["The archive", "Read from the archive now", "Example Daily", "# a comment", P1])
def test_a_site_rule_matches_whole_lines_only(site_rules: ChromeRules, text: str) -> None:
    assert site_rules.match(text) is None


def test_a_site_keeps_the_known_chrome(site_rules: ChromeRules) -> None:
    assert site_rules.match("Skip to content") == known().match("Skip to content")
    assert known().match("Example Daily Briefing") is None


@pytest.mark.parametrize(
    ("entry", "problem"),
    [("", "empty"), ("   ", "empty"), ("/[unclosed/", "regular expression"), ("/(/", "regular expression")],
)
def test_check_entry_names_a_bad_drop_line(entry: str, problem: str) -> None:
    found = check_entry(entry)
    assert found is not None and problem in found


@pytest.mark.parametrize("entry", ["plain words", "/ok.*/", "/a/", "Share on Mastodon"])
def test_check_entry_accepts_a_good_drop_line(entry: str) -> None:
    assert check_entry(entry) is None


# ── one line, one tag ────────────────────────────────────────────────────────

TAGS: list[tuple[str, Tag]] = [
    ("Skip to main content", Tag.CHROME),
    ("9 hours ago", Tag.RELATIVE),
    ("Updated 10 minutes ago", Tag.RELATIVE),
    ("14m ago", Tag.RELATIVE),
    ("Published 9:15 AM EST, March 3, 2023", Tag.STAMP),
    ("Last updated 9 May 2019", Tag.STAMP),
    ("Published 3 May 2022 | Updated 4 May 2022", Tag.STAMP),
    ("3:41 p.m. ET, May 9, 2022", Tag.POST_STAMP),
    ("7.42am", Tag.POST_STAMP),
    ("18.45 The minister said the talks would resume on Monday.", Tag.POST_STAMP),
    ("Update 2:40 p.m. EDT July 9: The river crested overnight, officials said.", Tag.POST_STAMP),
    ("Ministers meet in the capital published at 08:12 British Summer Time 3 May 2022", Tag.POST_STAMP),
    ("By Jane Doe and John Roe, Example News", Tag.BYLINE),
    ("From CNN’s Jane Doe", Tag.BYLINE),
    ("5 min read", Tag.READ_TIME),
    ("12 min read", Tag.READ_TIME),
    ("Read time: 4 minutes", Tag.READ_TIME),
    ("4-minute read", Tag.READ_TIME),
    ("LIVE", Tag.LABEL),
    ("Live updates", Tag.LABEL),
    ("Analysis", Tag.LABEL),
    ("Key points", Tag.LABEL),
    ("What we know", Tag.LABEL),
    ("Breaking News:", Tag.LABEL),
    ("Jane Doe and John Roe contributed to this report.", Tag.CONTRIBUTORS),
    ("Reporting by Jane Doe; Editing by John Roe", Tag.CONTRIBUTORS),
    ("Editor’s note: This story has been updated with new figures.", Tag.NOTE),
    ("This story has been updated to correct a name.", Tag.NOTE),
    ("Correction: An earlier version misspelled the mayor's name.", Tag.NOTE),
    ("Jane Doe/Reuters", Tag.CREDIT),
    ("AP Photo/John Roe", Tag.CREDIT),
    ("Getty Images", Tag.CREDIT),
    ("PA Media", Tag.CREDIT),
    ("Image source, Getty Images", Tag.CREDIT),
    ("Photograph: Jane Doe/PA", Tag.CREDIT),
    ("Jane Doe/AFP via Getty Images", Tag.CREDIT),
    ("Firefighters walk past a burned house on Tuesday. (AP Photo/John Roe)", Tag.CAPTION),
    ("Voters queue outside a polling station in the rain. Photograph: Jane Doe/PA", Tag.CAPTION),
    ("A crowd gathers near the old bridge at dusk (Jane Doe/Example Agency via Getty Images)", Tag.CAPTION),
    (P1, Tag.TEXT),
    ("Weather", Tag.TEXT),
    ("River town counts the cost after record flood", Tag.TEXT),
    ("By Tuesday, the river had crested and the town began to clean up.", Tag.TEXT),
    ("The council met at 10:20 and voted to delay the plan.", Tag.TEXT),
    ("He moved to the city in 2004/2005 and never left it again.", Tag.TEXT),
    ("He said the plan was a win/win for everyone involved", Tag.TEXT),
    ("The figures (AP) were clear", Tag.TEXT),
    ("Opinion: The bridge is worth building", Tag.TEXT),
]


@pytest.mark.parametrize(("text", "expected"), TAGS, ids=[text for text, _ in TAGS])
def test_recognize_tags_each_kind_of_line(text: str, expected: Tag) -> None:
    assert tag(text) is expected


def test_recognize_carries_what_it_read() -> None:
    byline = recognize(Line(1, "By Jane Doe and John Roe, Example News"), known())
    assert byline.data == Byline(("Jane Doe", "John Roe"), "Example News")
    contributors = recognize(Line(1, "CNN’s Jane Doe and John Roe contributed to this report."), known())
    assert contributors.data == (("Jane Doe", "John Roe"), "CNN")
    caption = recognize(Line(1, "Firefighters walk past a burned house on Tuesday. (AP Photo/John Roe)"), known())
    assert caption.data == ("Firefighters walk past a burned house on Tuesday.", "AP Photo/John Roe")


def test_stamp_and_post_stamp_hits_give_their_stamps() -> None:
    stamp = recognize(Line(1, "Published 3 May 2022 | Updated 4 May 2022"), known())
    found = stamps_of(stamp)
    assert found is not None and [s.kind for s in found[0]] == ["published", "updated"]
    assert post_of(stamp) is None
    post = recognize(Line(1, "3:41 p.m. ET, May 9, 2022"), known())
    opened = post_of(post)
    assert opened is not None and opened.shape == "line"
    lead = recognize(Line(1, "18.45 The minister said the talks would resume on Monday."), known())
    assert stamps_of(lead) is None
    assert stamps_of(recognize(Line(1, P1), known())) is None


def test_recognize_reads_numeric_dates_day_first_when_told() -> None:
    line = Line(1, "Published 04/03/2024")
    us, eu = recognize(line, known()), recognize(line, known(), day_first=True)
    us_found, eu_found = stamps_of(us), stamps_of(eu)
    assert us_found is not None and eu_found is not None
    assert (us_found[0][0].when.day, eu_found[0][0].when.day) == (date(2024, 4, 3), date(2024, 3, 4))


def test_a_site_rule_turns_a_text_line_into_chrome(site_rules: ChromeRules) -> None:
    assert tag("Example Daily Briefing") is Tag.TEXT
    assert tag("Example Daily Briefing", site_rules) is Tag.CHROME


@pytest.mark.parametrize(
    "text", ["Jane Doe/Reuters", "AP Photo/John Roe", "Getty Images", "Reuters", "Image source, Getty Images"]
)
def test_is_credit(text: str) -> None:
    assert is_credit(text)


@pytest.mark.parametrize(
    "text",
    [
        "He said no.",
        "Jane Doe/Reuters.",
        P1,
        "He said the plan was a win/win for everyone involved",
        "jane doe/reuters",
        "A/B/C/D/E",
    ],
)
def test_is_not_credit(text: str) -> None:
    assert not is_credit(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Firefighters walk past a burned house on Tuesday. (AP Photo/John Roe)",
            ("Firefighters walk past a burned house on Tuesday.", "AP Photo/John Roe"),
        ),
        (
            "Voters queue outside a polling station in the rain. Photograph: Jane Doe/PA",
            ("Voters queue outside a polling station in the rain.", "Jane Doe/PA"),
        ),
        (
            "A crowd gathers near the old bridge at dusk (Jane Doe/Example Agency via Getty Images)",
            ("A crowd gathers near the old bridge at dusk", "Jane Doe/Example Agency via Getty Images"),
        ),
        (
            "Residents clear mud from a street. Photo: Jane Doe",
            ("Residents clear mud from a street.", "Jane Doe"),
        ),
        (
            "Voters queue outside a polling station (Reuters file photo)",
            ("Voters queue outside a polling station", "Reuters file photo"),
        ),
    ],
)
def test_caption_with_credit_splits_caption_and_credit(text: str, expected: tuple[str, str]) -> None:
    assert caption_with_credit(text) == expected


@pytest.mark.parametrize("text", ["Short (AP Photo/John Roe)", "Voters queue outside a polling station.", P1, ""])
def test_caption_with_credit_needs_a_caption_and_a_credit(text: str) -> None:
    assert caption_with_credit(text) is None


# ── the headline ─────────────────────────────────────────────────────────────

HEADLINE = "River town counts the cost after record flood"
MENU_PAGE = f"""Skip to main content
World
Politics
Business
Sport
Weather

{HEADLINE}

By Jane Doe, Example News
Published 9:15 AM EST, March 3, 2023

Residents of the small river town began clearing mud from their homes on Monday after the worst flood in a century.
"""


def test_the_headline_follows_the_menus() -> None:
    found = headline(MENU_PAGE)
    assert found is not None
    assert (found.index, found.title, found.confident) == (6, HEADLINE, True)


def test_a_headline_repeated_with_section_and_outlet_loses_the_suffix() -> None:
    found = headline(
        f"{HEADLINE} | World | Example News\nMenu\n{HEADLINE}\n"
        "Residents of the small river town began clearing mud from their homes on Monday.\n"
        "Officials said the damage would take months to repair.\n"
    )
    assert found is not None
    assert found.title == HEADLINE
    assert found.confident


def test_a_live_prefix_is_not_part_of_the_headline() -> None:
    found = headline(
        "LIVE: Storm makes landfall on the southern coast\n\nUpdated 3:41 p.m. ET, May 9, 2022\n\n"
        "The storm came ashore early on Tuesday with winds of more than 100 miles an hour, forecasters said.\n"
    )
    assert found is not None
    assert (found.index, found.title) == (0, "Storm makes landfall on the southern coast")


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_minimal_page_of_a_headline_and_a_paragraph(gap: str) -> None:
    found = headline(f"Council delays vote on new bridge{gap}{P1}\n")
    assert found is not None
    assert (found.index, found.title, found.confident) == (0, "Council delays vote on new bridge", True)


def test_a_label_above_the_headline_is_not_the_headline() -> None:
    found = headline(
        "Example News\nHome\nWorld\nAnalysis\nWhy the bridge vote matters more than it seems\n"
        f"By Jane Doe\n5 min read\n{P1}\n"
    )
    assert found is not None
    assert (found.index, found.title) == (4, "Why the bridge vote matters more than it seems")


def test_account_links_above_the_headline_are_not_the_headline() -> None:
    found = headline(f"Subscribe\nSign in\nCouncil delays vote on new bridge\n{P1}\n{P2}\n")
    assert found is not None
    assert (found.index, found.title) == (2, "Council delays vote on new bridge")


def test_stop_keeps_the_headline_above_the_first_post() -> None:
    lines, hits = page(f"Council delays vote on new bridge\n{P1}\nResidents split over the bridge plan tonight\n{P2}\n")
    found = choose(lines, hits, stop=2)
    assert found is not None and found.index == 0


def test_an_empty_page_has_no_headline() -> None:
    assert choose([], []) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("River town counts the cost | World | Example News", "River town counts the cost"),
        ("LIVE: Storm makes landfall", "Storm makes landfall"),
        ("Live updates: Storm makes landfall", "Live updates: Storm makes landfall"),  # part of the headline
        ("LIVE: Storm makes landfall", "Storm makes landfall"),  # a banner before it
        ("Live Updates | Storm makes landfall", "Storm makes landfall"),
        ("Watch live - Storm makes landfall", "Storm makes landfall"),
        ("Live: Storm makes landfall | World | Example News", "Storm makes landfall"),
        ("Live music returns to the park", "Live music returns to the park"),
        ("  Storm makes landfall  ", "Storm makes landfall"),
    ],
)
def test_clean_title(text: str, expected: str) -> None:
    assert clean_title(text) == expected


# ── live pages ───────────────────────────────────────────────────────────────


def openings(found: Sequence[Opening]) -> list[tuple[int, str | None, str | None, str | None]]:
    return [(o.index, o.title, o.lead, o.stamp.shape if o.stamp else None) for o in found]


def test_stamps_alone_on_their_lines_open_posts() -> None:
    found = posts(
        "Storm makes landfall on the southern coast\nBy Jane Doe\n"
        "3:41 p.m. ET, May 9, 2022\nWinds topple trees across the coast\n"
        "Forecasters said the storm had strengthened overnight before reaching the shore.\n"
        "3:05 p.m. ET, May 9, 2022\nThousands lose power\n"
        "The power company said crews would begin repairs once the winds dropped.\n"
        "2:30 p.m. ET, May 9, 2022\nOfficials urged residents to stay indoors until the evening.\n"
    )
    assert openings(found) == [(2, None, None, "line"), (5, None, None, "line"), (8, None, None, "line")]


LEADS = [
    "18.45 The minister said the talks would resume on Monday morning.",
    "18.10 Protesters gathered outside the building as the meeting began.",
    "17.30 Opposition leaders called for the talks to be held in public.",
]


def test_stamps_before_the_first_sentence_open_posts() -> None:
    found = posts("Ministers meet for crisis talks\n" + "\n".join(LEADS) + "\n")
    assert openings(found) == [(n + 1, None, lead.split(" ", 1)[1], "lead") for n, lead in enumerate(LEADS)]


def test_two_lead_stamps_are_not_yet_a_live_page() -> None:
    assert posts("Ministers meet for crisis talks\n" + "\n".join(LEADS[:2]) + "\n") == []


def test_stamps_after_the_title_open_posts() -> None:
    found = posts(
        "Ministers meet for crisis talks\n"
        "Talks to resume on Monday published at 18:45 British Summer Time 3 May 2022\n"
        "The minister said the talks would resume on Monday morning after a long night.\n"
        "1. BreakingProtesters gather outside published at 18:10 British Summer Time 3 May 2022\n"
        "Protesters gathered outside the building as the meeting began.\n"
    )
    assert openings(found) == [
        (1, "Talks to resume on Monday", None, "tail"),
        (3, "Protesters gather outside", None, "tail"),
    ]


def test_numbered_posts_open_at_each_number() -> None:
    found = posts(
        "Ministers meet for crisis talks\n"
        "1. Talks to resume on Monday\nThe minister said the talks would resume on Monday morning.\n"
        "2. Protesters gather outside\nProtesters gathered outside the building as the meeting began.\n"
        "3. Opposition calls for open talks\nOpposition leaders called for the talks to be held in public.\n"
    )
    assert openings(found) == [
        (1, "Talks to resume on Monday", None, None),
        (3, "Protesters gather outside", None, None),
        (5, "Opposition calls for open talks", None, None),
    ]


@pytest.mark.parametrize(
    "stamps",
    [
        "Published 9:15 AM EST, March 3, 2023\nUpdated 11:20 AM EST, March 3, 2023",
        "9:15 AM EST, March 3, 2023\n11:20 AM EST, March 3, 2023",
        "Published 9:15 AM EST, March 3, 2023",
    ],
)
def test_an_article_with_published_and_updated_lines_is_not_live(stamps: str) -> None:
    assert posts(f"Council delays vote on new bridge\n{stamps}\n{P1}\n{P2}\n") == []


def test_a_numbered_list_of_sentences_is_not_a_live_page() -> None:
    found = posts(
        "Council delays vote on new bridge\nPublished 9:15 AM EST, March 3, 2023\n"
        f"{P1}\n1. Costs have doubled since the plan was first drawn up.\n"
        "2. The river crossing would be the first in forty years.\n"
    )
    assert found == []


# ── the body ─────────────────────────────────────────────────────────────────

DATELINES: list[tuple[str, str | None, str | None]] = [
    (f"WASHINGTON (AP) — {P1}", "WASHINGTON", "AP"),
    (f"DENVER, March 3 - {P1}", "DENVER", None),
    (f"LONDON, March 3 (Reuters) - {P1}", "LONDON", "Reuters"),
    (f"GENEVA and BERN, Switzerland — {P1}", "GENEVA and BERN, Switzerland", None),
    (f"Tucson, Arizona (CNN) — {P1}", "Tucson, Arizona", "CNN"),
    (f"(Reuters) - {P1}", None, "Reuters"),
    (P1, None, None),
]


@pytest.mark.parametrize(("first", "place", "outlet"), DATELINES, ids=[d[0][:40] for d in DATELINES])
def test_a_dateline_on_the_first_paragraph(first: str, place: str | None, outlet: str | None) -> None:
    found = body(f"{first}\n{P2}\n")
    assert (found.dateline, found.outlet) == (place, outlet)
    assert texts(found) == [(False, first), (False, P2)]


def test_no_dateline_when_told_not_to_look() -> None:
    found = body(f"WASHINGTON (AP) — {P1}\n{P2}\n", dateline=False)
    assert (found.dateline, found.outlet) == (None, None)


@pytest.mark.parametrize(
    ("head", "place", "outlet"),
    [
        ("TUCSON, Ariz. –", "TUCSON, Ariz.", None),
        ("DENVER\n—", "DENVER", None),
        ("Denver, Colorado\nExample News —", "Denver, Colorado", "Example News"),
        ("Reporting from Kyiv", "Kyiv", None),
    ],
)
def test_a_dateline_on_lines_of_its_own_leaves_the_text(head: str, place: str, outlet: str | None) -> None:
    found = body(f"{head}\n{P1}\n{P2}\n")
    assert (found.dateline, found.outlet) == (place, outlet)
    assert texts(found) == [(False, P1), (False, P2)]


def test_a_caption_with_its_credit_becomes_an_image() -> None:
    found = body(f"{P1}\nBridge workers protest outside city hall on Tuesday. (AP Photo/John Roe)\n{P2}\n")
    assert found.images == [Image("Bridge workers protest outside city hall on Tuesday.", "AP Photo/John Roe")]
    assert texts(found) == [(False, P1), (False, P2)]


def test_a_credit_line_takes_the_caption_above_it() -> None:
    found = body(f"{P1}\n\nBridge workers protest outside city hall\nJane Doe/Reuters\n\n{P2}\n")
    assert found.images == [Image("Bridge workers protest outside city hall", "Jane Doe/Reuters")]
    assert texts(found) == [(False, P1), (False, P2)]


def test_a_caption_printed_again_with_its_credit_is_one_image() -> None:
    caption = "Bridge workers protest outside city hall on Tuesday"
    found = body(f"{P1}\n{caption}\n{caption} (Jane Doe/Reuters)\n{P2}\n")
    assert found.images == [Image(caption, "Jane Doe/Reuters")]
    assert texts(found) == [(False, P1), (False, P2)]


def test_a_short_line_between_paragraphs_is_a_subheading() -> None:
    found = body(f"{P1}\nWhat happens next\n{P2}\n{P3}\n")
    assert texts(found) == [(False, P1), (True, "What happens next"), (False, P2), (False, P3)]


def test_no_subheadings_when_told() -> None:
    found = body(f"{P1}\nWhat happens next\n{P2}\n{P3}\n", allow_headings=False)
    assert [heading for heading, _ in texts(found)] == [False] * 4


def test_a_run_of_short_link_lines_is_dropped() -> None:
    found = body(f"{P1}\nPolitics\nBridges\nCity council\nTransport\n{P2}\n{P3}\n")
    assert texts(found) == [(False, P1), (False, P2), (False, P3)]
    assert all(found.marks[no][0] is Tag.CHROME for no in (2, 3, 4, 5))


def test_short_lines_after_the_last_paragraph_are_dropped() -> None:
    found = body(f"{P1}\n{P2}\nMore from Example News\nRelated coverage\n")
    assert texts(found) == [(False, P1), (False, P2)]
    assert found.signature is None


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        ("— Jane Doe", Byline(("Jane Doe",))),
        ("– Jane Doe and John Roe", Byline(("Jane Doe", "John Roe"))),
        ("Jane Doe", Byline(("Jane Doe",))),
    ],
)
def test_a_closing_signature(last: str, expected: Byline) -> None:
    found = body(f"{P1}\n{P2}\n{last}\n")
    assert found.signature == expected
    assert texts(found) == [(False, P1), (False, P2)]


def test_contributors_and_notes_become_fields() -> None:
    found = body(
        f"{P1}\n{P2}\nJane Doe and John Roe contributed to this report.\n"
        "This story has been updated with new figures.\n"
    )
    assert found.contributors == ["Jane Doe", "John Roe"]
    assert found.note == "This story has been updated with new figures."
    assert texts(found) == [(False, P1), (False, P2)]


def test_chrome_stamps_and_labels_inside_the_body_are_dropped() -> None:
    found = body(f"{P1}\nAdvertisement\nPublished 9:15 AM EST, March 3, 2023\n9 hours ago\n{P2}\n")
    assert texts(found) == [(False, P1), (False, P2)]
    assert set(found.dropped) == {2, 4}


# -- cases that once went wrong ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    ["Airline unveils new logo for its fleet", "Sign in sheets ran out", "Yes/No", "Mayor/Council"],
)
def test_headlines_and_slashes_are_not_chrome_or_credits(line: str) -> None:
    hit = recognize(Line(1, line), known())
    assert hit.tag is Tag.TEXT


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("Image caption, Residents clear mud from a street", "Residents clear mud from a street"),
        ("Caption: A ferry waits at the quay", "A ferry waits at the quay"),
    ],
)
def test_a_labelled_caption_is_a_caption(line: str, caption: str) -> None:
    hit = recognize(Line(1, line), known())
    assert hit.tag is Tag.CAPTION and hit.data == (caption, "")


def test_a_fraction_in_brackets_is_no_credit() -> None:
    assert caption_with_credit("Turnout rose sharply this year (up from 40/100 last time)") is None


@pytest.mark.parametrize(
    ("line", "authors", "source"),
    [
        ("By Jane Doe, Politics Reporter", ("Jane Doe",), None),
        ("By Jane Doe, Example Times Staff Writer", ("Jane Doe",), "Example Times"),
        ("-Example News' Jane Doe", None, None),
    ],
)
def test_a_role_after_a_name_is_no_outlet(line: str, authors: tuple[str, ...] | None, source: str | None) -> None:
    found = parse_byline(line)
    if authors is None:
        assert found is None  # a signature, read by the body, not a byline line
    else:
        assert found is not None and found.authors == authors and found.source == source


@pytest.mark.parametrize("line", ["From Monday", "By Noon", "By Tuesday, the river had crested"])
def test_one_word_after_by_is_no_byline(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    "paragraph",
    [
        "Jane Doe (pictured) said the council would meet again next week.",
        "The World Health Organization (WHO) said on Tuesday that cases had fallen.",
        "BREAKING — The city council voted to close the bridge.",
    ],
)
def test_a_name_in_brackets_is_no_dateline(paragraph: str) -> None:
    assert dateline_of(paragraph) is None


def test_a_site_suffix_after_a_dash_is_dropped() -> None:
    assert clean_title("Council delays vote on new bridge – Example News") == "Council delays vote on new bridge"
    assert clean_title("Fire – what we know so far") == "Fire – what we know so far"


def test_times_that_cross_midnight_in_either_order_run_the_shortest_way() -> None:
    stamps = [post_stamp(t) for t in ("11:30 p.m. ET, May 9, 2022", "12:15 a.m. ET", "1:05 a.m. ET")]
    moments = resolve_times(stamps, date(2022, 5, 9), UTC)
    assert [m.date().day for m in moments if m] == [9, 10, 10]
