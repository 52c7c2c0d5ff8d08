"""Choosing the headline of a copied page by score.

Before the headline a page prints its chrome (menus, banners, promotions); after
it, the byline, the stamps and the story. So the headline is the line of text,
headline-shaped, that the page's metadata follows, that the page may repeat with
its site's name added, and that comes early. Each candidate gets a score from
that evidence; the best wins, and a narrow win is reported as a low-confidence
choice.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .bylines import is_person_name, is_role, outlet_name, parse_byline
from .chrome import normalise
from .lines import Line, ends_sentence, words
from .recognize import CAPTION_LABEL, Hit, Tag, is_credit

_SUFFIXED = re.compile(r"^(.{8,}?)\s+(?:\||[-–—])\s+[^|]{1,60}$")
_DASHED = re.compile(r"^(?P<title>.{12,}?)\s+[-–—]\s+(?P<site>[^-–—]{2,40})$")
_BANNER = re.compile(r"(?:live|live updates?|breaking(?: news)?|latest|watch live)", re.I)
_LIVE_PREFIX = re.compile(r"^(?:live|watch live)\s*[:|–—-]\s+", re.I)
_META = frozenset({Tag.BYLINE, Tag.STAMP, Tag.READ_TIME, Tag.RELATIVE})
_SILENT = frozenset({Tag.CHROME, Tag.LABEL})
_ASIDE = re.compile(
    r"related(?: stories| topics| coverage)?|more from .{1,30}|more on this story|recommended(?: stories)?|"
    r"read more(?: from .{1,30})?:?|most (?:read|viewed|popular)|top stories|more stories|you may also like|"
    r"see also|links to more .{1,40}|related internet links|top .{1,20} stories|key events|key points"
)
LOOK_AHEAD = 8
"""How many lines after a candidate may hold the metadata that vouches for it."""
CONFIDENT = 3.0
"""A headline scoring below this, or winning by less than one point, is a guess."""


@dataclass(frozen=True)
class Choice:
    index: int
    """Index of the headline in the line list."""
    title: str
    score: float
    confident: bool
    reasons: tuple[str, ...]


def clean_title(text: str) -> str:
    """A headline without a site suffix (``… | Politics | Outlet``) or a live prefix."""
    text = _LIVE_PREFIX.sub("", text)
    dashed = _DASHED.match(text) if _has_dash(text) else None
    if dashed and (outlet_name(dashed.group("site")) or dashed.group("site").endswith(" News")):
        text = dashed.group("title")  # "Headline – Example News"
    if " | " in text:
        parts = [p.strip() for p in text.split(" | ")]
        text = next((p for p in parts if not _BANNER.fullmatch(p) and not outlet_name(p)), parts[0])
    return text.strip()


def _has_dash(text: str) -> bool:
    """What ``_DASHED`` and a dashed ``_SUFFIXED`` need: a cheap test before them."""
    return "-" in text or "–" in text or "—" in text


def choose(lines: Sequence[Line], hits: Sequence[Hit], stop: int | None = None) -> Choice | None:
    """The headline among the lines before ``stop`` (the first live post, if any)."""
    end = len(lines) if stop is None else stop
    scored: list[tuple[float, int, tuple[str, ...]]] = []
    texts = [_key(line.text) for line in lines]
    page = _Page.of(lines, texts)
    leader: tuple[int, float] | None = None
    aside = False
    for i in range(end):
        if _ASIDE.fullmatch(normalise(lines[i].text)):
            aside = True  # what follows are links to other stories
        minimal = i == 0 and len(lines) > 1 and lines[1].after_blank  # a headline, a blank line, the text
        titled_stamp = hits[i].tag is Tag.STAMP and sum(words(x) for x in hits[i].data[1]) >= 3
        if (hits[i].tag is not Tag.TEXT and not minimal and not titled_stamp) or (
            i > 0 and CAPTION_LABEL.match(lines[i - 1].text)
        ):
            continue
        score, reasons = _score(i, lines, hits, texts, page)
        if aside:
            score -= 3
            reasons = (*reasons, "among links to other stories")
        if leader is not None and i - leader[0] <= 6 and 0 < score < leader[1] + 1.5:
            score -= 2.5  # a dek, a caption or a name under a headline already found
            reasons = (*reasons, "under a headline-shaped line")
        elif score >= CONFIDENT and words(lines[i].text) >= 5:
            leader = (i, score)
        if score > -5:
            scored.append((score, i, reasons))
        if len(scored) >= 60:
            break
    if not scored:
        return None
    scored.sort(key=lambda s: (-s[0], s[1]))
    best, index, reasons = scored[0]
    margin = best - scored[1][0] if len(scored) > 1 else CONFIDENT
    title = clean_title(lines[index].text)
    return Choice(index, title, best, best >= CONFIDENT and margin >= 1.0, reasons)


def _key(text: str) -> str:
    return " ".join(clean_title(text).casefold().split())


@dataclass(frozen=True)
class _Page:
    """What every candidate's score looks up: how often each line is printed, and
    the lines printed again with a site's suffix (``Headline | Outlet``)."""

    counts: Counter[str]
    suffixed: frozenset[str]

    @classmethod
    def of(cls, lines: Sequence[Line], texts: Sequence[str]) -> _Page:
        suffixed = {
            m.group(1).casefold()
            for line in lines
            if ("|" in line.text or _has_dash(line.text)) and (m := _SUFFIXED.match(line.text))
        }
        return cls(Counter(texts), frozenset(suffixed))


def _score(
    i: int, lines: Sequence[Line], hits: Sequence[Hit], texts: Sequence[str], page: _Page
) -> tuple[float, tuple[str, ...]]:
    text = lines[i].text
    n = words(text)
    score = 0.0
    why: list[str] = []
    minimal = i == 0 and len(lines) > 1 and lines[1].after_blank
    if n < 3 and not minimal:
        return -10, ("fewer than three words",)
    if (i > 0 and lines[i - 1].text.lower() == "by") or name_line(text):
        return -10, ("a name",)
    if not minimal and (text[:1] in "—–-" or text.lower().startswith("by ")):
        return -10, ("a signature or a byline",)
    if is_role(text) or text.lower().startswith("reporting from "):
        return -10, ("an author's role",)
    if 5 <= n <= 22:
        score += 1.5
        why.append("headline length")
    elif n > 30:
        score -= 3
        why.append("too long for a headline")
    if ends_sentence(text) and not text.endswith(("?", "!", "’", "'", '"', "”")):
        score -= 2.5
        why.append("ends like a sentence")
    else:
        score += 0.5
    if text.endswith(":"):
        score -= 3
    if page.counts[texts[i]] > 1 or text.casefold() in page.suffixed:
        score += 2
        why.append("repeated on the page")
    # the next lines that say something (chrome such as "Share" skipped)
    following = [j for j in range(i + 1, min(len(lines), i + 1 + 2 * LOOK_AHEAD)) if hits[j].tag not in _SILENT]
    following = following[:LOOK_AHEAD]
    meta = [k for k, j in enumerate(following) if hits[j].tag in _META or (hits[j].tag is Tag.POST_STAMP and k <= 2)]
    if meta:
        score += (3.5, 2.5, 2, 2)[meta[0]] if meta[0] <= 3 else 1
        why.append(f"{hits[following[meta[0]]].tag.value} follows")
    if not meta and following and hits[following[0]].tag is Tag.TEXT and outlet_name(lines[following[0]].text):
        score += 2
        why.append("the outlet's name follows")
    named = next((j for j in following[:3] if hits[j].tag is Tag.TEXT and name_line(lines[j].text)), None)
    if named is not None:
        score += 1.5
        why.append("an author's name follows")
    prose_after = next((k for k in range(i + 1, min(len(lines), i + 4)) if hits[k].tag is Tag.TEXT), None)
    if prose_after is not None and words(lines[prose_after].text) >= 8:
        score += 1
        why.append("text follows")
    above = next((j for j in range(i - 1, max(-1, i - 4), -1) if hits[j].tag not in _SILENT), None)
    if (
        above is not None
        and _headline_shaped(lines[above].text, hits[above])
        and words(text) > words(lines[above].text)
    ):
        score -= 2
        why.append("a longer line under a headline-shaped one (a standfirst)")
    before = [j for j in range(max(0, i - 6), i) if hits[j].tag not in (Tag.CHROME,)][-3:]
    if any(hits[j].tag in (Tag.LABEL, Tag.STAMP, Tag.RELATIVE) for j in before):
        score += 1.5
        why.append("after the page's label or stamp")
    if i == 0:
        score += 3 if minimal else 1
        why.append("first line")
    short_before = sum(1 for k in range(max(0, i - 6), i) if words(lines[k].text) <= 3)
    if short_before >= 4:
        score += 0.5
        why.append("after a menu")
    score -= 2.5 * i / len(lines)
    return score, tuple(why)


def _headline_shaped(text: str, hit: Hit) -> bool:
    return hit.tag in (Tag.TEXT, Tag.STAMP) and 4 <= words(text) <= 20 and not ends_sentence(text)


@lru_cache(maxsize=4096)
def name_line(text: str) -> bool:
    """A line that is only a person's name or names (``A and B``)."""
    if is_credit(text):
        return False
    byline = parse_byline(f"By {text}")
    return (
        byline is not None
        and bool(byline.authors)
        and not byline.source
        and words(text) <= 8 + 2 * len(byline.places)  # "A in Stockholm and B in Warsaw"
        and all(is_person_name(a) for a in byline.authors)
    )
