"""Seed parser: the plain-text dump of a news page → a Piece.

Understands the four shapes seeds come in (a full article, a live blog of
timestamped posts, a minimal headline-and-paragraphs page, wire copy) by the shape of
lines, not by outlet: bylines, read times, "Updated …" lines, photo
captions with credit lines, datelines, subheadings, contributor lines, live-blog
post timestamps and the page chrome around them. Pure: text in, value out. The
only exception it raises is SeedError.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from ..dates import find_date, parse_datetime
from ..errors import SeedError
from ..schema import Image
from ..text import reading_minutes, split_lines, word_count
from .bylines import looks_like_name, parse_byline, parse_contributors
from .records import Block, Byline, Piece

_READ_TIME = re.compile(r"^(?P<n>\d{1,3})\s*(?:-\s*)?min(?:ute)?s?\.?\s+read$", re.I)
_STAMP_LINE = re.compile(
    r"^(?P<kind>Updated|Published|Posted|Last updated|Last modified|Modified|First published)(?: on)?\b:?\s*"
    r"(?P<when>(?:\d|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b).{0,60})$",
    re.I,
)
# A live-blog post opens with a line that is only a time and a date.
_POST_STAMP = re.compile(
    r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?\s*[A-Z]{0,5}\s*,?\s*"
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}$"
)
# "December 2, 2023 Israel-Hamas war": the date a live blog covers, then its series.
_SERIES_LINE = re.compile(r"^(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})\s+(?P<series>\S.*)$")
_DASH_ONLY = re.compile(r"^[—–-]{1,3}$")
_OUTLET_DASH = re.compile(r"^(?P<outlet>[A-Z][\w&.' ]{0,40}?)\s+[—–]$")
# "LONDON, Dec 2 (Reuters) - ", "WASHINGTON (AP) — ", "Tel Aviv, Israel (CNN) — "
_WIRE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,3}(?:, [A-Z][A-Za-z.'’ -]{1,30}?)?)"
    r"(?:, (?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}))?"
    r" \((?P<outlet>[A-Za-z][\w .&-]{0,30})\) ?[—–-]{1,2} (?=\S)"
)
# Photo credits: "Name/Agency", "Name/Agency/Getty Images", "AP Photo/Name", "Getty Images".
_AGENCY_ONLY = re.compile(r"^(?:[A-Z][\w.'’-]* ){0,3}(?:Getty Images|Reuters|AP|AFP|EPA|Shutterstock)$")
_CREDIT_PART = re.compile(r"^[A-Za-z][\w.'’-]*(?: [\w.'’-]+){0,4}$")


def _is_credit(text: str) -> bool:
    """A credit line: a few slash-separated names ending in no punctuation, or an agency alone."""
    if len(text) > 90 or text.endswith((".", "!", "?", ",", ";", ":", '"', "”")):
        return False
    if _AGENCY_ONLY.match(text):
        return True
    parts = [p.strip() for p in text.split("/")]
    return 2 <= len(parts) <= 4 and text[:1].isupper() and all(_CREDIT_PART.match(p) for p in parts)


_CHROME = re.compile(
    r"^(?:\d+ (?:new )?posts?|sort by.*|.*dropdown arrow|link copied!?|copy link|share(?: this)?|"
    r"advertisement|ad feedback|see all updates|live updates|pinned|skip to content|"
    r"listen to (?:this )?article.*|show all|read more|watch:?|video)$",
    re.I,
)
_DANGLING_LABEL = re.compile(r"^(?:Read more|Related|See more|Watch|More):$", re.I)
_EDITOR_NOTE = re.compile(r"^(?:This (?:post|story|article) has been updated|Editor['’]s note:|Correction:)", re.I)
_SENTENCE_END = re.compile(r"[.!?:;,\"”’'…)\]]$")


@dataclass(frozen=True)
class _Line:
    no: int
    text: str
    after_blank: bool


@dataclass
class _Header:
    """What the lines above the body said (mutable only while parsing one seed)."""

    byline: Byline | None = None
    published: datetime | None = None
    updated: datetime | None = None
    reading_time: int | None = None
    series: str | None = None
    day: date | None = None
    lead: list[_Line] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def parse_seed(text: str, zone: tzinfo, name: str = "seed") -> Piece:
    """Parse a whole seed document. ``zone`` is the site's zone for times without one."""
    lines = _number(text)
    if not lines:
        raise SeedError("empty or whitespace only", name)
    if any(_is_post_stamp(line.text, zone) for line in lines[1:]):
        return _parse_live_blog(lines, zone)
    return _parse_article(lines, zone)


def _number(text: str) -> list[_Line]:
    out: list[_Line] = []
    blank = True
    for no, raw in enumerate(split_lines(text), start=1):
        if not raw:
            blank = True
            continue
        out.append(_Line(no, raw, blank))
        blank = False
    return out


def _is_post_stamp(text: str, zone: tzinfo) -> bool:
    return bool(_POST_STAMP.match(text)) and parse_datetime(text, zone) is not None


def _read_header(lines: Sequence[_Line], start: int, zone: tzinfo, stop_at_post: bool) -> tuple[_Header, int]:
    """Consume byline, date, read-time, series and chrome lines; return where the body starts."""
    head = _Header()
    pending: list[_Line] = []
    i = start
    while i < len(lines):
        line = lines[i]
        text = line.text
        if stop_at_post and _is_post_stamp(text, zone):
            break
        byline = parse_byline(text) if head.byline is None else None
        stamp = _STAMP_LINE.match(text)
        series = _SERIES_LINE.match(text)
        read = _READ_TIME.match(text)
        if byline:
            head.byline = byline
            known = {a.casefold() for a in byline.authors}
            for extra in pending:
                if extra.text.casefold() in known:
                    head.dropped.append(extra.text)  # a stray author name above the byline
                else:
                    head.lead.append(extra)
            pending = []
        elif stamp and (when := parse_datetime(stamp.group("when"), zone)) is not None:
            if stamp.group("kind").lower() in ("published", "first published", "posted"):
                head.published = when
            else:
                head.updated = when
        elif read:
            head.reading_time = int(read.group("n"))
        elif series and (day := find_date(series.group("date"))) is not None:
            head.day = day
            head.series = series.group("series").strip()
        elif _CHROME.match(text):
            head.dropped.append(text)
        elif head.byline is None and looks_like_name(text) and _byline_follows(lines, i + 1):
            pending.append(line)
        else:
            break
        i += 1
    head.lead.extend(pending)
    return head, i


def _byline_follows(lines: Sequence[_Line], i: int) -> bool:
    return any(parse_byline(line.text) for line in lines[i : i + 3])


def _parse_article(lines: list[_Line], zone: tzinfo) -> Piece:
    title = lines[0].text
    head, i = _read_header(lines, 1, zone, stop_at_post=False)
    body = _Body(zone)
    for line in head.lead:
        body.blocks.append(Block(line.text, line=line.no))
    body.dropped.extend(head.dropped)
    body.read(lines[i:], allow_headings=True)
    byline = head.byline or Byline()
    published = head.published or head.updated
    return Piece(
        kind="article",
        title=title,
        authors=byline.authors,
        contributors=body.contributors,
        source=body.outlet or byline.source,
        date=published,
        updated=head.updated if head.updated and head.updated != published else published,
        dateline=body.dateline,
        places=_unique((*((body.dateline,) if body.dateline else ()), *byline.places)),
        reading_time=head.reading_time or _reading_time(body.blocks),
        label=byline.label,
        images=tuple(body.images),
        blocks=tuple(body.blocks),
        note=body.note,
        dropped=tuple(body.dropped),
    )


def _parse_live_blog(lines: list[_Line], zone: tzinfo) -> Piece:
    title = lines[0].text
    head, i = _read_header(lines, 1, zone, stop_at_post=True)
    intro = _Body(zone)
    intro.read([*head.lead, *lines[i : _next_stamp(lines, i, zone)]], allow_headings=False)
    i = _next_stamp(lines, i, zone)
    blog_byline = head.byline or Byline()
    posts: list[Piece] = []
    while i < len(lines):
        end = _next_stamp(lines, i + 1, zone)
        post = _parse_post(lines[i:end], zone, blog_byline)
        if post is not None:
            posts.append(post)
        i = end
    dates = [p.date for p in posts if p.date]
    start = min(dates) if dates else None
    if start is None and head.day is not None:
        start = datetime.combine(head.day, datetime.min.time(), tzinfo=zone)
    latest = max(dates) if dates else None
    return Piece(
        kind="live-blog",
        title=title,
        authors=blog_byline.authors,
        source=blog_byline.source,
        date=start,
        updated=head.updated or latest or start,
        day=head.day,
        series=head.series,
        blocks=tuple(intro.blocks),
        images=tuple(intro.images),
        reading_time=None,
        posts=tuple(posts),
        dropped=tuple([*head.dropped, *intro.dropped]),
    )


def _next_stamp(lines: Sequence[_Line], i: int, zone: tzinfo) -> int:
    while i < len(lines) and not _is_post_stamp(lines[i].text, zone):
        i += 1
    return i


def _parse_post(chunk: Sequence[_Line], zone: tzinfo, blog: Byline) -> Piece | None:
    """One post: timestamp, headline, optional byline and photo, then paragraphs."""
    when = parse_datetime(chunk[0].text, zone)
    rest = list(chunk[1:])
    if not rest:
        return None
    title = rest.pop(0).text
    byline = parse_byline(rest[0].text) if rest else None
    if byline:
        rest.pop(0)
    images: list[Image] = []
    # A photo: the caption, then the same caption with the credit appended.
    if len(rest) >= 2 and rest[1].text.startswith(rest[0].text) and len(rest[1].text) > len(rest[0].text):
        credit = rest[1].text[len(rest[0].text) :].strip().strip("()").strip()
        images.append(Image(caption=rest[0].text, credit=credit))
        rest = rest[2:]
    body = _Body(zone)
    body.images.extend(images)
    body.read(rest, allow_headings=False)
    byline = byline or Byline()
    return Piece(
        kind="live-post",
        title=title,
        authors=byline.authors,
        source=byline.source or blog.source,
        date=when,
        updated=when,
        places=byline.places,
        label=byline.label,
        reading_time=_reading_time(body.blocks),
        images=tuple(body.images),
        blocks=tuple(body.blocks),
        note=body.note,
        contributors=body.contributors,
        dropped=tuple(body.dropped),
    )


class _Body:
    """Reads body lines into blocks, picking out photos, dateline, contributors and notes."""

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        self.blocks: list[Block] = []
        self.images: list[Image] = []
        self.dropped: list[str] = []
        self.contributors: tuple[str, ...] = ()
        self.dateline: str | None = None
        self.outlet: str | None = None
        self.note: str | None = None

    def read(self, lines: Sequence[_Line], allow_headings: bool) -> None:
        held: list[_Line] = []  # lines of the current run not yet placed
        for k, line in enumerate(lines):
            if line.after_blank:
                self._flush(held, allow_headings, lines, k)
                held = []
            text = line.text
            if _is_credit(text) and held:
                self.images.append(Image(caption=" ".join(h.text for h in held), credit=text))
                held = []
            elif _DASH_ONLY.match(text) and self.dateline is None and held:
                self._take_dateline(held)
                held = []
            elif (m := _OUTLET_DASH.match(text)) and self.dateline is None and not self.blocks:
                self.outlet = m.group("outlet")
                if held:
                    self.dateline = held.pop().text
                self._flush(held, allow_headings, lines, k)
                held = []
            else:
                held.append(line)
        self._flush(held, allow_headings, lines, len(lines))
        if self.blocks and _DANGLING_LABEL.match(self.blocks[-1].text):
            self.dropped.append(self.blocks.pop().text)

    def _take_dateline(self, held: list[_Line]) -> None:
        """``Tel Aviv, Israel`` / ``CNN`` / ``—``: the place, then the outlet."""
        if len(held) >= 2 and len(held[-1].text.split()) <= 4:
            self.outlet = held[-1].text
            self.dateline = held[-2].text
            rest = held[:-2]
        else:
            self.dateline = held[-1].text
            rest = held[:-1]
        for line in rest:
            self.blocks.append(Block(line.text, line=line.no))

    def _flush(self, held: list[_Line], allow_headings: bool, lines: Sequence[_Line], k: int) -> None:
        for j, line in enumerate(held):
            self._place(line, allow_headings, has_next=j + 1 < len(held) or k < len(lines))

    def _place(self, line: _Line, allow_headings: bool, has_next: bool) -> None:
        text = line.text
        contributed = parse_contributors(text)
        if contributed:
            self.contributors = _unique((*self.contributors, *contributed[0]))
            return
        if _CHROME.match(text):
            self.dropped.append(text)
            return
        if _EDITOR_NOTE.match(text):
            self.note = text if self.note is None else f"{self.note} {text}"
            return
        if _DANGLING_LABEL.match(text) and not has_next:
            self.dropped.append(text)
            return
        if not self.blocks and self.dateline is None:
            wire = _WIRE.match(text)
            if wire:
                self.dateline = _place_name(wire.group("place"))
                self.outlet = self.outlet or wire.group("outlet").strip()
        if allow_headings and has_next and _is_subheading(text):
            self.blocks.append(Block(text, heading=True, line=line.no))
        else:
            self.blocks.append(Block(text, line=line.no))


def _is_subheading(text: str) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= 8
        and len(text) <= 70
        and text[:1].isupper()
        and not _SENTENCE_END.search(text)
        and not _is_credit(text)
    )


def _place_name(place: str) -> str:
    """``LONDON`` → ``London``; mixed case is kept as written."""
    if place.isupper():
        return " ".join(w.capitalize() if len(w) > 2 else w for w in place.split())
    return place


def _reading_time(blocks: Sequence[Block]) -> int:
    return reading_minutes(sum(word_count(b.text) for b in blocks))


def _unique(items: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.casefold(), item)
    return tuple(seen.values())
