"""The lines between a page's headline and its story: bylines (with bare name
lines, ``By`` alone on a line, roles and outlets beside them), published and
updated stamps, the read time, a live page's series line, and chrome. Also the
lines above the headline, which are chrome except for a stamp or a photo there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, tzinfo

from ..schema import Image
from .bylines import byline_tail, is_person_name, is_role, looks_like_name, outlet_name, parse_byline
from .lines import Line, ends_sentence, is_short, words
from .recognize import CAPTION_LABEL, Hit, Tag, post_of, stamps_of, video_title
from .records import Byline
from .stamps import Stamp, page_stamps, read_when

_SERIES_LINE = re.compile(r"^(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})\s+(?P<series>[A-Z].{2,60})$")
_DATELINE_MARK = re.compile(r"^(?:[—–-]{1,3}|[A-Z][\w&.' ]{0,40}?\s+[—–])$")
_BY_ALONE = re.compile(r"^(?:By|Words by|Written by)$", re.I)
_HANDLE = re.compile(r"\s*@\w{2,30}$")
_LABEL_KINDS = {"updated": "updated", "last updated": "updated", "published": "published", "posted": "published"}
_REPORTING_FROM = re.compile(r"^Reporting from .{2,40}$")


def is_role_line(text: str) -> bool:
    """An author's role or desk under the name: ``Health Editor``, ``BBC News, Plymouth``,
    ``Reporting from Minneapolis``."""
    return is_role(text) or bool(_REPORTING_FROM.match(text))


@dataclass
class Header:
    """What the lines between the headline and the story said."""

    byline: Byline | None = None
    names: list[str] = field(default_factory=list)
    stamps: list[Stamp] = field(default_factory=list)
    top_stamps: list[Stamp] = field(default_factory=list)
    """Stamps above the headline (a masthead's date, a live page's "Updated" line)."""
    outlets: list[str] = field(default_factory=list)
    reading_time: int | None = None
    series: str | None = None
    series_day: date | None = None
    images: list[Image] = field(default_factory=list)
    deks: list[Line] = field(default_factory=list)
    """Standfirsts printed above the byline: the first paragraphs of the body."""


def before_headline(line: Line, hit: Hit, head: Header, marks: dict[int, tuple[Tag, str]], label: str = "") -> None:
    """Lines above the headline are the page's chrome, but a stamp or a photo there still
    counts (a stamp there dates the page only when none follows the headline)."""
    found = stamps_of(hit)
    if found:
        kind = _LABEL_KINDS.get(label.lower().rstrip(":"), "")
        head.top_stamps.extend(replace(s, kind=s.kind or kind) for s in found[0])
        marks[line.no] = (Tag.STAMP, hit.reason)
    elif hit.tag is Tag.CAPTION:
        head.images.append(Image(*hit.data))
        marks[line.no] = (Tag.CAPTION, hit.reason)
    elif hit.tag is Tag.RELATIVE:
        marks[line.no] = (Tag.RELATIVE, hit.reason)
    else:
        marks[line.no] = (Tag.CHROME, hit.reason if hit.tag is Tag.CHROME else "above the headline")


def read_header(
    lines: Sequence[Line], hits: Sequence[Hit], start: int, stop: int, head: Header, marks: dict[int, tuple[Tag, str]]
) -> int:
    """Consume the lines between the headline and the story: bylines, stamps, read
    time, labels, chrome. Returns where the story starts."""
    k = start
    by_alone = False
    name_lines: list[Line] = []
    while k < stop:
        line, hit = lines[k], hits[k]
        text = _HANDLE.sub("", line.text)  # "Name@Handle": a social handle glued on copying
        found = stamps_of(hit)
        by_alone = by_alone and k > start and marks.get(lines[k - 1].no, (None, ""))[0] is Tag.BYLINE
        series = _SERIES_LINE.match(text)
        if _dateline_ahead(lines, hits, k, stop):
            break
        if video_title(lines, hits, k):
            marks[line.no] = (Tag.CHROME, "a video's title, under its label")
        elif series and hit.tag in (Tag.TEXT, Tag.STAMP) and (series_when := read_when(series.group("date"))):
            head.series = series.group("series").strip()
            head.series_day = series_when[0].day
            marks[line.no] = (Tag.SERIES, "the date a live page covers and its series")
        elif hit.tag in (Tag.CHROME, Tag.RELATIVE, Tag.LABEL):
            marks[line.no] = (hit.tag, hit.reason)
        elif found is not None:
            kind = _LABEL_KINDS.get(lines[k - 1].text.lower().rstrip(":"), "") if k > start else ""
            head.stamps.extend(replace(s, kind=s.kind or kind) for s in found[0])
            for extra in found[1]:
                _extra(extra, head)
            marks[line.no] = (Tag.STAMP, hit.reason)
        elif hit.tag is Tag.BYLINE:
            byline: Byline = hit.data
            head.byline = merge(head.byline, byline)
            if (tail := byline_tail(text)) and (stamped := page_stamps(tail)) is not None:
                head.stamps.extend(stamped[0])  # the stamp printed on the byline's line
            marks[line.no] = (Tag.BYLINE, hit.reason)
        elif hit.tag is Tag.READ_TIME:
            head.reading_time = int(re.findall(r"\d+", text)[0])
            marks[line.no] = (Tag.READ_TIME, hit.reason)
        elif hit.tag is Tag.POST_STAMP and (post := post_of(hit)) and post.shape == "line":
            head.stamps.append(Stamp("", post.when))
            marks[line.no] = (Tag.STAMP, "a date stamp")
        elif hit.tag is Tag.TEXT and _BY_ALONE.match(text):
            by_alone = True
            marks[line.no] = (Tag.BYLINE, "'By' on its own line: names follow")
        elif hit.tag is Tag.CAPTION:
            head.images.append(Image(*hit.data))
            marks[line.no] = (Tag.CAPTION, hit.reason)
        elif (
            hit.tag is Tag.TEXT
            and is_short(text)
            and k + 1 < len(hits)
            and hits[k + 1].tag in (Tag.CAPTION, Tag.CREDIT)
        ):
            marks[line.no] = (Tag.CAPTION, "a photo's title, above its caption")
        elif hit.tag is Tag.TEXT and (
            is_person_name(text)
            or ((by_alone or _names_here(lines, hits, k, stop)) and name_line(text))
            or (k > start and lines[k - 1].text.lower() == "and" and looks_like_name(text))
        ):
            head.names.extend(names_of(text))
            name_lines.append(line)
            marks[line.no] = (Tag.BYLINE, "a name line beside the byline")
        elif hit.tag is Tag.TEXT and (head.byline or head.names) and is_role_line(text):
            _extra(text, head)
            marks[line.no] = (Tag.BYLINE, "an author's role or outlet")
        elif hit.tag is Tag.TEXT and (split := split_role(text)) is not None:
            head.names.append(split[0])
            head.outlets.append(split[1])
            marks[line.no] = (Tag.BYLINE, "a name with its role glued on")
        elif hit.tag is Tag.TEXT and text.lower() == "and" and (by_alone or head.byline):
            marks[line.no] = (Tag.BYLINE, "joins the names of a byline")
        elif hit.tag is Tag.TEXT and k > start and CAPTION_LABEL.match(lines[k - 1].text):
            head.images.append(Image(caption=text, credit=""))
            marks[line.no] = (Tag.CAPTION, "under an 'Image caption' label")
        elif hit.tag is Tag.TEXT and k > start and _uncredited_caption(text, marks, lines[k - 1]):
            head.images.append(Image(caption=text, credit=""))
            marks[line.no] = (Tag.CAPTION, "describes a photo: no full stop, among the byline and stamps")
        elif hit.tag is Tag.CREDIT and (credited := _credit_byline(text)) is not None:
            head.byline = merge(head.byline, credited)
            marks[line.no] = (Tag.BYLINE, "a name and an outlet under the headline")
        elif hit.tag is Tag.TEXT and is_short(text) and words(text) <= 3 and k + 1 < stop and not text.endswith(":"):
            marks[line.no] = (Tag.CHROME, "a short line above the story")
        elif hit.tag is Tag.TEXT and words(text) >= 6 and not head.deks and _metadata_ahead(lines, hits, k, stop):
            head.deks.append(line)
            marks[line.no] = (Tag.BODY, "the standfirst, above the byline and stamps")
        else:
            break
        k += 1
    if head.byline and head.byline.authors:
        known = {a.casefold() for a in head.byline.authors}
        for line in name_lines:
            if all(n.casefold() in known for n in names_of(line.text)):
                marks[line.no] = (Tag.CHROME, "repeats a name of the byline")
        head.names = [n for n in head.names if n.casefold() not in known]
    return k


def _dateline_ahead(lines: Sequence[Line], hits: Sequence[Hit], k: int, stop: int) -> bool:
    """Line ``k`` starts a dateline set on lines of its own (``Denver, Colorado`` /
    ``CNN`` / ``—``): the header ends before it."""
    for j in range(k, min(stop, k + 3)):
        if _DATELINE_MARK.match(lines[j].text):
            return True
        if hits[j].tag is not Tag.TEXT or words(lines[j].text) > 5:
            return False
    return False


def _uncredited_caption(text: str, marks: dict[int, tuple[Tag, str]], above: Line) -> bool:
    """A line of a photo's description (several words, no closing full stop) under a
    stamp or a byline, where no standfirst can be any more."""
    return (
        7 <= words(text) <= 30
        and not ends_sentence(text)
        and marks.get(above.no, (None, ""))[0]
        in (
            Tag.STAMP,
            Tag.BYLINE,
            Tag.READ_TIME,
        )
    )


def _credit_byline(text: str) -> Byline | None:
    """``SERGIO VALENZUELA Associated Press`` under a headline: an author and an outlet,
    though the same shape under a photo would be its credit."""
    byline = parse_byline(f"By {text}")
    if byline is None or not byline.authors or not byline.source:
        return None
    return byline if all(is_person_name(a) for a in byline.authors) else None


def split_role(text: str) -> tuple[str, str] | None:
    """``Helena Marchbank Environment correspondent`` → the name and the role, glued on copying."""
    name, comma, role = text.partition(", ")
    if comma and is_person_name(name) and is_role(role):
        return name, role  # "Rosalind Crane, Education Editor"
    words_ = text.split()
    for n in (2, 3):
        name, role = " ".join(words_[:n]), " ".join(words_[n:])
        if role and is_person_name(name) and is_role(role):
            return name, role
    return None


def _metadata_ahead(lines: Sequence[Line], hits: Sequence[Hit], k: int, stop: int) -> bool:
    """A byline, a stamp, a name or a photo within the next few lines: the line at
    ``k`` is a standfirst, and the story has not begun."""
    for j in range(k + 1, min(stop, k + 5)):
        tag = hits[j].tag
        if tag in (Tag.BYLINE, Tag.STAMP, Tag.READ_TIME, Tag.CAPTION, Tag.RELATIVE):
            return True
        if tag is Tag.POST_STAMP and (post := post_of(hits[j])) is not None and post.shape == "line":
            return True
        if tag is Tag.TEXT and is_person_name(lines[j].text):
            return True
    return False


def _names_here(lines: Sequence[Line], hits: Sequence[Hit], k: int, stop: int) -> bool:
    """A bare name is an author when a byline, stamp or role sits right beside it."""
    near = [hits[j].tag for j in (k - 1, k + 1, k + 2) if 0 <= j < stop]
    return any(tag in (Tag.BYLINE, Tag.STAMP, Tag.READ_TIME) for tag in near) or (
        k + 1 < stop and is_role_line(lines[k + 1].text)
    )


def name_line(text: str) -> bool:
    """A line of names only (``A and B``), each a person's name."""
    names = names_of(text)
    return bool(names) and all(is_person_name(n) for n in names)


def names_of(text: str) -> list[str]:
    byline = parse_byline(f"By {text}")
    return list(byline.authors) if byline else []


def _extra(text: str, head: Header) -> None:
    """A short piece beside a stamp or a name: an author's name, or an outlet."""
    if is_person_name(text) and head.byline is None:
        head.names.append(text)
    elif (outlet := outlet_name(text.split(",")[0])) is not None:
        head.outlets.append(outlet)  # "BBC News, Lincolnshire"; a role ("Health Editor") names no outlet


def merge(a: Byline | None, b: Byline) -> Byline:
    if a is None:
        return b
    return Byline(tuple(dict.fromkeys([*a.authors, *b.authors])), a.source or b.source, a.places or b.places, a.label)


def authors_of(head: Header) -> tuple[str, ...]:
    """The byline's authors, then any named on lines of their own beside it."""
    authors = list(head.byline.authors) if head.byline else []
    known = {a.casefold() for a in authors}
    authors.extend(n for n in dict.fromkeys(head.names) if n.casefold() not in known)
    return tuple(authors)


def _first_stamp(stamps: list[Stamp]) -> Stamp | None:
    """The stamp that says when the piece was published: the one labelled so, else the first plain one."""
    published = next((s for s in stamps if s.kind == "published"), None)
    return published or next((s for s in stamps if s.kind == ""), None)


def day_only(head: Header) -> bool:
    """Whether the header dates the piece with a day but no time of day."""
    first = _first_stamp(head.stamps or head.top_stamps)
    return first is not None and first.when.clock is None and bool(first.when.day or first.when.month_day)


def dates_of(head: Header, zone: tzinfo) -> tuple[datetime | None, datetime | None]:
    """(published, updated) as the header's stamps say them, either possibly None."""
    stamps = head.stamps or head.top_stamps
    plain = [s for s in stamps if s.kind == ""]
    updated = next((s for s in stamps if s.kind == "updated"), None)
    first = _first_stamp(stamps)
    if updated is None and len(plain) > 1:
        updated = plain[-1]
    day = next((s.when.day for s in stamps if s.when.day), None)
    pub = first.when.resolve(day, zone) if first and (first.when.day or first.when.month_day) else None
    upd = updated.when.resolve(day, zone) if updated else None
    return pub, upd
