"""Live pages: finding the repeated mark that opens each post, and splitting there.

A live page is a page whose posts each carry a stamp of the same shape: alone on
a line (``3:41 p.m. ET, May 9, 2022``), glued before the first sentence
(``18.45 The minister said…``) or after the post's title (``… published at 08:12
British Summer Time 3 May 2022``); or a numbered list of posts (``1.``, ``2.``…).
One such stamp is a page's date, not a live page: it takes two of the same shape.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from .bylines import is_person_name
from .lines import Line, ends_sentence, is_prose, words
from .recognize import Hit, Tag, post_of
from .stamps import PostStamp

_NUMBERED = re.compile(r"^(?P<n>\d{1,3})\.\s+(?P<rest>\S.*)$")
_BREAKING = re.compile(r"^(?:Breaking|Pinned|Post)(?=[A-Z])")
MIN_POSTS = 2


@dataclass(frozen=True)
class Opening:
    """Where a post opens: the line, the stamp it carries (if any), and the text
    beside the stamp on that line (a title or a first sentence)."""

    index: int
    stamp: PostStamp | None
    title: str | None
    lead: str | None


def find_posts(lines: Sequence[Line], hits: Sequence[Hit], start: int) -> list[Opening]:
    """The openings of a live page's posts after line ``start``, or [] for an article."""
    stamped = [(i, post) for i in range(start, len(lines)) if (post := post_of(hits[i])) is not None]
    # a stamp printed twice (``published at 13:52 …`` then ``13:52 GMT``) opens one post
    stamped = [s for n, s in enumerate(stamped) if n == 0 or s[1].shape != "line" or s[0] != stamped[n - 1][0] + 1]
    # Posts share one printed form; a page's own stamp near the top often differs
    # (a full date where the posts give only the time).
    forms = Counter(_form(post) for _, post in stamped)
    if forms:
        common = max(forms, key=lambda f: (forms[f], f[0] != "lead"))
        stamped = [(i, post) for i, post in stamped if _form(post) == common or post.shape != common[0]]
    shapes = Counter(post.shape for _, post in stamped)
    numbered = _numbered(lines, start)
    best = max(shapes, key=lambda s: (shapes[s], s != "lead"), default=None)
    count = shapes[best] if best else 0
    if best == "lead" and count < 3:
        count = 0
    if len(numbered) >= max(MIN_POSTS, count + (1 if best else 0)) and best != "tail":
        return [_numbered_opening(lines[i], i) for i in numbered]
    if count < MIN_POSTS or best is None:
        return []
    chosen = [(i, p) for i, p in stamped if p.shape == best]
    if chosen and _page_stamp(lines, hits, chosen[0][0]):
        chosen = chosen[1:]  # the page's own stamp, above its posts
    if best == "line" and not _content_between(lines, hits, [i for i, _ in chosen]):
        return []
    openings = []
    for i, post in chosen:
        if best == "tail" and not post.rest and i > start and hits[i - 1].tag is Tag.TEXT:
            openings.append(Opening(i - 1, post, _strip_number(lines[i - 1].text), None))  # the title is above
        elif best == "tail":
            openings.append(Opening(i, post, _strip_number(post.rest), None))
        elif best == "lead":
            openings.append(Opening(i, post, None, post.rest))
        else:
            openings.append(Opening(i, post, None, None))
    return openings


def _form(post: PostStamp) -> tuple[str, bool]:
    """How a stamp is printed: its place on the line, and whether it gives a zone."""
    return post.shape, post.when.zone is not None


def _page_stamp(lines: Sequence[Line], hits: Sequence[Hit], i: int) -> bool:
    """A stamp followed at once by another stamp or a byline is the page's, not a post's."""
    for j in range(i + 1, min(len(lines), i + 4)):
        tag = hits[j].tag
        if tag in (Tag.CHROME, Tag.RELATIVE, Tag.LABEL):
            continue
        return tag in (Tag.STAMP, Tag.BYLINE)
    return False


def _content_between(lines: Sequence[Line], hits: Sequence[Hit], marks: list[int]) -> bool:
    """Stamps alone on their lines open posts only when text follows each of them
    (a page's published and updated lines sit together)."""
    bounds = [*marks, len(lines)]
    with_text = sum(
        1
        for a, b in itertools.pairwise(bounds)
        if any(hits[k].tag is Tag.TEXT and words(lines[k].text) >= 4 for k in range(a + 1, b))
    )
    return with_text >= MIN_POSTS


def _numbered(lines: Sequence[Line], start: int) -> list[int]:
    """Lines numbered 1, 2, 3… in order, each opening a post."""
    found: list[int] = []
    for i in range(start, len(lines)):
        m = _NUMBERED.match(lines[i].text)
        if m and int(m.group("n")) == len(found) + 1 and not ends_sentence(m.group("rest")):
            found.append(i)
    return found if len(found) >= MIN_POSTS else []


def _numbered_opening(line: Line, index: int) -> Opening:
    m = _NUMBERED.match(line.text)
    assert m is not None
    return Opening(index, None, _strip_number(m.group("rest")), None)


def _strip_number(text: str) -> str:
    m = _NUMBERED.match(text)
    text = m.group("rest") if m else text
    return _BREAKING.sub("", text).strip()


def title_after(lines: Sequence[Line], hits: Sequence[Hit], k: int, end: int) -> int | None:
    """The post title after a stamp alone on its line: the next line of text, when it
    reads as a title (short, no closing full stop) rather than a paragraph."""
    for j in range(k, min(end, k + 3)):
        if hits[j].tag in (Tag.CHROME, Tag.RELATIVE, Tag.LABEL, Tag.STAMP, Tag.POST_STAMP):
            continue  # the stamp printed again, a share button
        if hits[j].tag is not Tag.TEXT:
            return None
        text = lines[j].text
        signed = any(
            hits[x].tag is Tag.BYLINE or (hits[x].tag is Tag.TEXT and is_person_name(lines[x].text))
            for x in range(j + 1, min(end, j + 3))
        )
        if words(text) > 25 or (ends_sentence(text) and not text.endswith(("?", "’", "'", "”", '"')) and not signed):
            return None
        following = next((x for x in range(j + 1, end) if hits[x].tag is Tag.TEXT), None)
        if following is None and words(text) > 6 and is_prose(text):
            return None
        return j
    return None


_LIVE_BANNER = re.compile(r"^(?:live|live updates?|live reporting|live feed|live coverage)$", re.I)


def live_banner(lines: Sequence[Line], hits: Sequence[Hit], top: int) -> bool:
    """A "Live" banner right above the headline marks a live page, stamps or none."""
    return any(_LIVE_BANNER.match(lines[k].text) for k in range(max(0, top - 3), top))


def untimed_posts(lines: Sequence[Line], hits: Sequence[Hit], start: int, end: int) -> list[Opening]:
    """Posts that open with a title and no stamp, between ``start`` and ``end``: a line
    shaped as a title (a few words, no closing stop) with the post's text right under it."""
    found = []
    for k in range(start, end):
        if hits[k].tag is not Tag.TEXT or not _title_shaped(lines[k].text):
            continue
        below = next((j for j in range(k + 1, end) if hits[j].tag not in (Tag.CHROME, Tag.LABEL)), None)
        text_below = lines[below].text if below is not None and hits[below].tag is Tag.TEXT else ""
        if is_prose(text_below) and ends_sentence(text_below):  # a summary's bullets have no full stops
            found.append(Opening(k, None, lines[k].text, None))
    return found


def _span(moments: list[datetime | None]) -> timedelta:
    known = [m for m in moments if m is not None]
    return max(known) - min(known) if known else timedelta(0)


def _title_shaped(text: str) -> bool:
    return 2 <= words(text) <= 14 and text[:1].isupper() and not re.search(r"[.!?:;,]$", text)


def resolve_times(stamps: Sequence[PostStamp | None], page_day: date | None, zone: tzinfo) -> list[datetime | None]:
    """Each post's moment. A stamp without a date takes the date of the post before
    it (or the page's); a run of clock times that turns back on itself has crossed
    midnight, in whichever order the page lists its posts."""
    out: list[datetime | None] = []
    day = page_day
    for stamp in stamps:
        if stamp is None:
            out.append(None)
            continue
        when = stamp.when
        moment = when.resolve(day, zone)
        if moment is not None and when.day is not None:
            day = when.day
        out.append(moment)
    clocks = [(n, m) for n, m in enumerate(out) if m is not None]
    newest_first = _crossing_midnight(stamps, out, clocks, timedelta(days=-1))
    oldest_first = _crossing_midnight(stamps, out, clocks, timedelta(days=1))
    return min(newest_first, oldest_first, key=_span)  # the order in which the times run most closely


def _crossing_midnight(
    stamps: Sequence[PostStamp | None],
    found: list[datetime | None],
    clocks: list[tuple[int, datetime]],
    step: timedelta,
) -> list[datetime | None]:
    """The moments read in one order: a clock time that turns back by more than an
    hour has crossed midnight (a day back, newest first; a day on, oldest first)."""
    out = list(found)
    shift = timedelta(0)
    previous: datetime | None = None
    for n, moment in clocks:
        stamp = stamps[n]
        assert stamp is not None
        if stamp.when.day is None and stamp.when.month_day is None and previous is not None:
            candidate = moment + shift
            if (step.days < 0 and candidate > previous + timedelta(hours=1)) or (
                step.days > 0 and candidate < previous - timedelta(hours=1)
            ):
                shift += step
            out[n] = moment + shift
        previous = out[n]
    return out
