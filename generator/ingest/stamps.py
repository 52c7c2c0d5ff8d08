"""Date stamps as news pages print them: a page's published and updated lines, the
stamps that open (or close) each post of a live page, and relative times.

Outlets print the same moment in dozens of ways: ``Published 9:15 AM EST, March
3, 2023``, ``Mon 4 Mar 2024 08.05 GMT``, ``Issued on: 04/03/2024 - 14:37``,
``Posted: Sat 4:51 PM, Jul 20, 2019``, ``Thursday 11 April 2024 10:42, UK``, and,
once copied, often glued together (``March 4, 20246:12 PM ET``). A stamp is read
into a ``When``: the calendar day, the clock time and the zone it gives, each of
which may be missing; the page's own date and zone fill the gaps later.
Relative times (``2 hours ago``) are recognised so they can be dropped: they are
never a date. Nor is a copyright year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from ..dates import MONTHS, ZONES

_LONDON = ZoneInfo("Europe/London")
_SPELLED = {
    "british summer time": timezone(timedelta(hours=1), "BST"),
    "greenwich mean time": UTC,
    "central european summer time": timezone(timedelta(hours=2), "CEST"),
    "central european time": timezone(timedelta(hours=1), "CET"),
    "eastern time": ZoneInfo("America/New_York"),
    "pacific time": ZoneInfo("America/Los_Angeles"),
}
_EXTRA_ZONES: dict[str, tzinfo] = {
    "ADT": timezone(timedelta(hours=-3), "ADT"),
    "AST": timezone(timedelta(hours=-4), "AST"),
    "NDT": timezone(timedelta(hours=-2.5), "NDT"),
    "NST": timezone(timedelta(hours=-3.5), "NST"),
    "AKDT": timezone(timedelta(hours=-8), "AKDT"),
    "ACST": timezone(timedelta(hours=9.5), "ACST"),
    "ACDT": timezone(timedelta(hours=10.5), "ACDT"),
    "AWST": timezone(timedelta(hours=8), "AWST"),
    "EAT": timezone(timedelta(hours=3), "EAT"),
    "WAT": timezone(timedelta(hours=1), "WAT"),
    "CAT": timezone(timedelta(hours=2), "CAT"),
    "SAST": timezone(timedelta(hours=2), "SAST"),
}
_ALL_ZONES = {**ZONES, **_EXTRA_ZONES}
_ZONE_NAMES = "|".join(sorted([*_ALL_ZONES, *(s.replace(" ", r"\s") for s in _SPELLED)], key=len, reverse=True))
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|urday|rsday)?\.?,?"

_DE_GLUE = [
    (re.compile(r"\b((?:19|20)\d{2})(?=\d|[A-Z]{2})"), r"\1 "),  # "20246:12 PM", "202414 May 2024", "2024ETUpdated"
    # a second stamp glued on or run on: "…ETUpdated …", "… EST Updated …", "…, updated …", "… / Updated …"
    (
        re.compile(r"(?<=\S)(?<!last)(?:\s*[,/]\s*|\s+)?(?=(?:Updated|Modified|Last updated|Last modified)\b)", re.I),
        " | ",
    ),
    (re.compile(r"(?<=[a-z0-9.)])(?=Published\b)"), " | "),
    (re.compile(r"\s*[|•·]\s*"), " | "),
]
_MDY = re.compile(
    rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d{{2}}))?\b", re.I
)
_DMY = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month>{_MONTH}),?(?:\s+(?P<year>(?:19|20)\d{{2}}))?\b", re.I
)
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>(?:19|20)\d{2}|\d{2})\b")
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_CLOCK_12 = re.compile(r"\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ap>[ap])\.?\s?m\b\.?", re.I)
_CLOCK_24 = re.compile(r"(?<![\d/.,])(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)(?![\d/])")
_CLOCK_4 = re.compile(rf"\b(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s+(?=(?:{_ZONE_NAMES})\b)")
_ZONE = re.compile(
    rf"^[\s,]*(?P<zone>{_ZONE_NAMES})\b(?:\s*(?P<sign>[+-])\s*(?P<off>\d{{1,2}})(?::?(?P<offm>\d{{2}}))?)?", re.I
)
_UK = re.compile(r"^\s*,?\s*UK\b")
_PARENS = re.compile(r"\([^)]*\)")
_RELATIVE = re.compile(
    r"^(?:(?:updated|published|posted|last updated|modified)\s*:?\s*)?"
    r"(?:\d[\d,]*\s*(?:s|m|h|d|w|secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|weeks?)\s+ago|just now|"
    r"\d{1,3}\s*[mhd])$",
    re.I,
)
_KEYWORD = re.compile(
    r"^\s*(?P<kind>first published|last updated|last modified|published|updated|modified|posted|issued|"
    r"created|update)(?:\s+(?:on|at))?\s*:?\s*",
    re.I,
)
_FILLER = {"at", "on", "/", "-", "–", "—", "|", ",", "the", "local", "time", "uk", "et", "and", "by"}
_WORDS = re.compile(r"[\w'’]+|[^\w\s]")


@dataclass(frozen=True)
class When:
    """A moment as printed: any of its parts may be missing."""

    day: date | None = None
    month_day: tuple[int, int] | None = None
    """A day printed without its year (``Mar 14``)."""
    clock: time | None = None
    zone: tzinfo | None = None

    def resolve(self, page_day: date | None, zone: tzinfo) -> datetime | None:
        """The moment, with the page's day and zone standing in for missing parts."""
        day = self.day
        if day is None and self.month_day is not None and page_day is not None:
            try:
                day = date(page_day.year, *self.month_day)
            except ValueError:
                day = None
        day = day or page_day
        if day is None:
            return None
        return datetime.combine(day, self.clock or time(0, 0), tzinfo=self.zone or zone)


@dataclass(frozen=True)
class Stamp:
    kind: str
    """``published``, ``updated``, or ``""`` when the line does not say."""
    when: When


def de_glue(text: str) -> str:
    """Separate what copying glued together, and mark separators with `` | ``."""
    for pattern, replacement in _DE_GLUE:
        text = pattern.sub(replacement, text)
    return text


def is_relative(text: str) -> bool:
    """``2 hours ago``, ``Updated 14m ago``, ``5h``: a time relative to the reading, never a date."""
    return bool(_RELATIVE.match(text.strip().strip("·•|").strip()))


@lru_cache(maxsize=4096)  # a line's segments are read more than once (a value: frozen, and a tuple)
def read_when(text: str, numeric_day_first: bool = False) -> tuple[When, str] | None:
    """The moment printed in ``text`` and what is left of the text around it; None
    when it holds neither a date nor a clock time."""
    plain = _PARENS.sub(" ", text)
    day, month_day, spans = _find_day(plain, numeric_day_first or _day_first(plain))
    clock, zone, clock_spans = _find_clock(plain, spans)
    if day is None and month_day is None and clock is None:
        return None
    rest = plain
    for start, end in sorted([*spans, *clock_spans], reverse=True):
        rest = rest[:start] + " " + rest[end:]
    rest = re.sub(rf"\b{_WEEKDAY}", " ", rest, flags=re.I)
    return When(day, month_day, clock, zone), " ".join(rest.split())


def _day_first(text: str) -> bool:
    """``04/03/2024 - 14:37``: a numeric date beside a 24-hour clock puts the day first;
    beside ``PM`` (or with no clock at all) the month comes first, as in the US."""
    return not re.search(r"\d\s*[ap]\.?\s?m\b", text, re.I) and bool(_CLOCK_24.search(text))


def _find_day(text: str, day_first: bool) -> tuple[date | None, tuple[int, int] | None, list[tuple[int, int]]]:
    found: list[tuple[int, date | None, tuple[int, int] | None, tuple[int, int]]] = []
    for pattern in (_MDY, _DMY, _ISO):
        for m in pattern.finditer(text):
            month_text = m.group("month").lower().rstrip(".")
            month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text, 0)
            day_no = int(m.group("day"))
            year = m.group("year")
            try:
                if year:
                    found.append((m.start(), date(int(year), month, day_no), None, m.span()))
                elif 1 <= month <= 12 and 1 <= day_no <= 31:
                    found.append((m.start(), None, (month, day_no), m.span()))
            except ValueError:
                continue
            break
    for m in _NUMERIC.finditer(text):
        a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("year"))
        year = year + 2000 if year < 100 else year  # "05/09/23"
        month, day_no = (b, a) if (day_first or a > 12) and b <= 12 else (a, b)
        try:
            found.append((m.start(), date(year, month, day_no), None, m.span()))
        except ValueError:
            continue
        break
    if not found:
        return None, None, []
    full = [f for f in found if f[1] is not None]
    first = min(full or found, key=lambda f: f[0])
    return first[1], first[2], [first[3]]


def _find_clock(text: str, taken: list[tuple[int, int]]) -> tuple[time | None, tzinfo | None, list[tuple[int, int]]]:
    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= s or span[0] >= e for s, e in taken)

    for pattern in (_CLOCK_4, _CLOCK_12, _CLOCK_24):
        for m in pattern.finditer(text):
            if not free(m.span()):
                continue
            hour, minute = int(m.group("h")), int(m.group("m") or 0)
            if "ap" in m.groupdict() and m.group("ap"):
                if not 1 <= hour <= 12:
                    continue
                hour = hour % 12 + (12 if m.group("ap").lower() == "p" else 0)
            if hour > 23 or minute > 59:
                continue
            zone, end = _zone_after(text, m.end())
            return time(hour, minute), zone, [(m.start(), end)]
    return None, None, []


def _zone_after(text: str, at: int) -> tuple[tzinfo | None, int]:
    m = _ZONE.match(text[at:])
    if m:
        name = m.group("zone")
        zone = _SPELLED.get(" ".join(name.lower().split())) or _ALL_ZONES.get(name.upper())
        if m.group("sign"):
            minutes = int(m.group("off")) * 60 + int(m.group("offm") or 0)
            zone = timezone(timedelta(minutes=minutes if m.group("sign") == "+" else -minutes))
        return zone, at + m.end()
    m = _UK.match(text[at:])
    if m:
        return _LONDON, at + m.end()
    return None, at


def leftover_words(rest: str) -> list[str]:
    """The words of ``rest`` that say something besides the stamp."""
    return [w for w in _WORDS.findall(rest) if w.lower() not in _FILLER and not w.isdigit() and w not in ",.;:"]


def page_stamps(text: str, day_first: bool = False) -> tuple[list[Stamp], list[str]] | None:
    """A line that is only stamps (``Published … | Updated …``): each stamp, and the
    short extras beside them (an outlet, a section). None when the line says more."""
    stamps: list[Stamp] = []
    extras: list[str] = []
    day_first = day_first or _day_first(text)
    for segment in _join_day_and_clock(de_glue(text).split(" | ")):
        segment = segment.strip(" /-–—,")
        if not segment or is_relative(segment):
            continue
        kind = ""
        keyword = _KEYWORD.match(segment)
        if keyword:
            kind = _kind(keyword.group("kind"))
            segment = segment[keyword.end() :]
        pieces = [p.strip() for p in re.split(r"\s+/\s+|\s+[-–—]\s+", segment) if p.strip()]
        whens = [(p, read_when(p, day_first)) for p in pieces]
        moment: When | None = None
        for piece, found in whens:
            if found is None or (moment is not None and found[0].day is not None and moment.day is not None):
                if is_relative(piece):
                    continue
                if len(leftover_words(piece)) <= 4:
                    extras.append(piece)
                    continue
                return None
            when, rest = found
            moment = _merge(moment, when)
            if len(leftover_words(rest)) > 2:
                return None
        if moment is not None:
            stamps.append(Stamp(kind, moment))
        elif kind and not segment:
            continue
    if not any(s.when.day or s.when.month_day for s in stamps):
        return None
    return stamps, extras


def _join_day_and_clock(segments: list[str]) -> list[str]:
    """``4 March 2024 • 8:05pm``: a day and its clock split by a bullet are one stamp."""
    out: list[str] = []
    for segment in segments:
        found = read_when(segment)
        previous = read_when(out[-1]) if out else None
        if (
            found is not None
            and previous is not None
            and found[0].clock is not None
            and found[0].day is None
            and previous[0].clock is None
            and (previous[0].day is not None or previous[0].month_day is not None)
            and not _KEYWORD.match(segment)
        ):
            out[-1] = f"{out[-1]} {segment}"
        else:
            out.append(segment)
    return out


def _merge(a: When | None, b: When) -> When:
    if a is None:
        return b
    return When(a.day or b.day, a.month_day or b.month_day, a.clock or b.clock, a.zone or b.zone)


def _kind(word: str) -> str:
    word = word.lower()
    if word in ("published", "first published", "posted", "issued", "created"):
        return "published"
    return "updated"


@dataclass(frozen=True)
class PostStamp:
    """A stamp that opens or closes one post of a live page."""

    when: When
    rest: str
    """The text on the line besides the stamp: the post's title (``tail``) or its
    first sentence (``lead``); empty for a stamp alone on its line (``line``)."""
    shape: str


_PUBLISHED_AT = re.compile(r"^(?P<title>.*?)\s*published at\s+(?P<when>\d.*)$", re.I)
_RELATIVE_LEAD = re.compile(r"^\d[\d,]*\s*[smhdw]\w*\s+ago\s*/\s*", re.I)
_LEAD = re.compile(
    rf"^(?:update\s+)?(?P<stamp>\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?\s?m\.?)?(?:\s+(?:{_ZONE_NAMES}))?"
    rf"(?:,?\s+{_MONTH}\s+\d{{1,2}})?)\s*(?::|\s[—–-])?\s+(?P<rest>[\"“‘'A-Z].*)$",
    re.I,
)
_POSTED = re.compile(r"^posted\s*:?\s*", re.I)


def post_stamp(text: str, day_first: bool = False) -> PostStamp | None:
    """The stamp of a live post on this line, if the line has one: alone on the
    line (``3:41 p.m. ET, May 9, 2022``, ``Thursday 11 April 2024 10:42``), before
    the post's first sentence (``18.45 The minister said…``), or after its title
    (``… published at 08:12 British Summer Time 3 May 2022``). A stamp must carry
    a clock time: a date alone is a page's date, not a post's."""
    m = _PUBLISHED_AT.match(text)
    if m:
        found = read_when(m.group("when"), day_first)
        if found and found[0].clock and not leftover_words(found[1]):
            return PostStamp(found[0], m.group("title").strip(), "tail")
    line = _POSTED.sub("", _RELATIVE_LEAD.sub("", de_glue(text.strip()).replace(" | ", " ")))
    found = read_when(line, day_first)
    if found and found[0].clock and not leftover_words(found[1]) and len(line) <= 60:
        return PostStamp(found[0], "", "line")
    m = _LEAD.match(text.strip())
    if m and len(m.group("rest").split()) >= 2:
        found = read_when(m.group("stamp"), day_first)
        if found and found[0].clock:
            return PostStamp(found[0], m.group("rest").strip(), "lead")
    return None
