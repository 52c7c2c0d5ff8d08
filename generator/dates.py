"""Dates and times as news pages print them, resolved to aware datetimes.

Zone abbreviations map to IANA zones (ET, PT: daylight saving decided by the date)
or to fixed offsets where the abbreviation itself says standard or daylight time.
A time with no zone takes the site's zone.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo


def _fixed(hours: float, name: str) -> timezone:
    return timezone(timedelta(minutes=round(hours * 60)), name)


ZONES: dict[str, tzinfo] = {
    "ET": ZoneInfo("America/New_York"),
    "CT": ZoneInfo("America/Chicago"),
    "MT": ZoneInfo("America/Denver"),
    "PT": ZoneInfo("America/Los_Angeles"),
    "EST": _fixed(-5, "EST"),
    "EDT": _fixed(-4, "EDT"),
    "CST": _fixed(-6, "CST"),
    "CDT": _fixed(-5, "CDT"),
    "MST": _fixed(-7, "MST"),
    "MDT": _fixed(-6, "MDT"),
    "PST": _fixed(-8, "PST"),
    "PDT": _fixed(-7, "PDT"),
    "AKST": _fixed(-9, "AKST"),
    "HST": _fixed(-10, "HST"),
    "GMT": UTC,
    "UTC": UTC,
    "Z": UTC,
    "WET": _fixed(0, "WET"),
    "BST": _fixed(1, "BST"),
    "IST": _fixed(5.5, "IST"),
    "CET": _fixed(1, "CET"),
    "CEST": _fixed(2, "CEST"),
    "EET": _fixed(2, "EET"),
    "EEST": _fixed(3, "EEST"),
    "MSK": _fixed(3, "MSK"),
    "GST": _fixed(4, "GST"),
    "PKT": _fixed(5, "PKT"),
    "HKT": _fixed(8, "HKT"),
    "SGT": _fixed(8, "SGT"),
    "AWST": _fixed(8, "AWST"),
    "JST": _fixed(9, "JST"),
    "KST": _fixed(9, "KST"),
    "AEST": _fixed(10, "AEST"),
    "AEDT": _fixed(11, "AEDT"),
    "NZST": _fixed(12, "NZST"),
    "NZDT": _fixed(13, "NZDT"),
}

MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ZONE = r"(?:" + "|".join(sorted(ZONES, key=len, reverse=True)) + r")"

# "December 2, 2023", "Dec. 2 2023", "2 December 2023", "2023-12-02"
_DATE_MDY = re.compile(rf"\b(?P<month>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I)
_DATE_DMY = re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH}),?\s+(?P<year>\d{{4}})\b", re.I)
_DATE_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
# "5:51 PM", "12:28 p.m.", "17:51", "0504" (24-hour, only when a zone follows)
_TIME_12 = re.compile(r"\b(?P<h>\d{1,2})(?::|\.)(?P<m>\d{2})\s*(?P<ap>[ap])\.?\s?m\b\.?", re.I)
_TIME_24 = re.compile(r"\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\b")
# "0504 GMT", "09.12 GMT", "14:20 CET": a 24-hour clock followed by its zone.
_TIME_HHMM_ZONE = re.compile(rf"\b(?P<h>[01]?\d|2[0-3])[.:]?(?P<m>[0-5]\d)\s+(?P<zone>{_ZONE})\b")
_ZONE_AFTER = re.compile(rf"^\s*,?\s*(?P<zone>{_ZONE})\b")
_PARENS = re.compile(r"\([^)]*\)")


def find_date(text: str) -> date | None:
    """The first calendar date written in ``text``, in any of the usual forms."""
    best: tuple[int, date] | None = None
    for pattern in (_DATE_MDY, _DATE_DMY, _DATE_ISO):
        m = pattern.search(text)
        if not m:
            continue
        month_text = m.group("month").lower().rstrip(".")
        month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text, 0)
        try:
            found = date(int(m.group("year")), month, int(m.group("day")))
        except ValueError:
            continue
        if best is None or m.start() < best[0]:
            best = (m.start(), found)
    return best[1] if best else None


def find_time(text: str) -> tuple[time, tzinfo | None] | None:
    """The first clock time in ``text`` and the zone written right after it, if any."""
    m = _TIME_HHMM_ZONE.search(text)
    if m:
        return time(int(m.group("h")), int(m.group("m"))), ZONES[m.group("zone").upper()]
    m = _TIME_12.search(text)
    if m:
        hour = int(m.group("h")) % 12 + (12 if m.group("ap").lower() == "p" else 0)
        minute = int(m.group("m"))
    else:
        m = _TIME_24.search(text)
        if not m:
            return None
        hour, minute = int(m.group("h")), int(m.group("m"))
    if hour > 23 or minute > 59:
        return None
    zone_match = _ZONE_AFTER.match(text[m.end() :])
    zone = ZONES[zone_match.group("zone").upper()] if zone_match else None
    return time(hour, minute), zone


def parse_datetime(text: str, default_zone: tzinfo) -> datetime | None:
    """Parse a printed date and time such as ``5:51 PM EST, Sat December 2, 2023``
    or ``0504 GMT (1304 HKT) December 3, 2023``. Parenthesised alternatives are
    ignored. A missing time means midnight; a missing zone means ``default_zone``.
    Returns None when no date is found."""
    plain = _PARENS.sub(" ", text)
    day = find_date(plain)
    if day is None:
        return None
    clock = find_time(_DATE_ISO.sub(" ", plain))
    at, zone = clock if clock else (time(0, 0), None)
    return datetime.combine(day, at, tzinfo=zone or default_zone)


def iso(moment: datetime) -> str:
    """ISO 8601 with an explicit UTC offset, to the second."""
    return moment.replace(microsecond=0).isoformat()


def parse_iso(text: str, default_zone: tzinfo) -> datetime:
    """Read a front-matter date back; a value without offset takes ``default_zone``.
    Raises ValueError when it is not ISO 8601."""
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=default_zone)
