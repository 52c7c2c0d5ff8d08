"""Seed parser: the text of a copied news page → a Piece.

It works on evidence, not on one outlet's line order. First every line is
classified on its own by the recognizers (chrome, stamps, bylines, captions and
credits, labels, text). Then the live-post stamps are counted: a repeated shape
makes a live page, split at each stamp. Then the headline is chosen by score
among the lines before the story; what comes before it is the page's chrome.
Last, the lines between the headline and the story give the byline, the dates and
the read time, and the rest is read as the body (or as the posts). Pure: text in,
value out. The only exception it raises is SeedError.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time, tzinfo

from ..errors import SeedError
from ..schema import DAY_PRECISION
from ..text import reading_minutes, truncate_words, word_count
from .body import Body, dateline_of, read_body
from .chrome import ChromeRules, known
from .header import (
    Header,
    authors_of,
    before_headline,
    dates_of,
    day_only,
    is_role_line,
    merge,
    name_line,
    names_of,
    read_header,
)
from .headline import Choice, choose, clean_title
from .lines import Line, number, words
from .live import Opening, find_posts, live_banner, resolve_times, title_after, untimed_posts
from .recognize import Hit, Tag, post_of, recognize, stamps_of
from .records import Block, Byline, Piece
from .stamps import Stamp

_DROPPED = (Tag.CHROME, Tag.RELATIVE, Tag.LABEL)


@dataclass(frozen=True)
class Reading:
    """A parsed seed with the story of how each line was read (for ``--explain``)."""

    piece: Piece
    lines: tuple[Line, ...]
    marks: dict[int, tuple[Tag, str]]
    """Line number → what the line became, and why."""
    headline: Choice | None


def parse_seed(text: str, zone: tzinfo, name: str = "seed", chrome: ChromeRules | None = None) -> Piece:
    """Parse a whole seed document. ``zone`` is the site's zone for times without one."""
    return read_seed(text, zone, name, chrome).piece


def read_seed(text: str, zone: tzinfo, name: str = "seed", chrome: ChromeRules | None = None) -> Reading:
    lines = number(text)
    if not lines:
        raise SeedError("empty or whitespace only", name)
    rules = chrome or known()
    hits = [recognize(line, rules) for line in lines]
    marks: dict[int, tuple[Tag, str]] = {}
    openings = find_posts(lines, hits, 1)
    # The headline sits before the posts; the first "post" stamp may be the page's own
    # (above the headline), so the search runs up to the second.
    choice = choose(lines, hits, openings[0].index if openings else None)
    if openings and len(openings) > 1 and (choice is None or not choice.confident):
        wider = choose(lines, hits, openings[1].index)
        if wider is not None and (choice is None or wider.score > choice.score):
            choice = wider
    top = choice.index if choice else 0
    if openings and openings[0].index <= top:
        openings = [o for o in openings if o.index > top]
    marks[lines[top].no] = (Tag.HEADLINE, "; ".join(choice.reasons) if choice else "the first line")
    head = Header()
    if (titled := stamps_of(hits[top])) is not None:  # "Politics live blog – Tuesday 13 March 2012"
        head.stamps.extend(titled[0])
    for k in range(top):
        before_headline(lines[k], hits[k], head, marks, lines[k - 1].text if k else "")
    start = read_header(lines, hits, top + 1, openings[0].index if openings else len(lines), head, marks)
    if openings:  # a post with no stamp above the first stamped one (the newest, or pinned)
        openings = untimed_posts(lines, hits, start, openings[0].index) + openings
    elif live_banner(lines, hits, top):  # a live page that prints no stamps: its posts open with titles
        openings = untimed_posts(lines, hits, start, len(lines))
        openings = openings if len(openings) >= 2 else []
    title = choice.title if choice else clean_title(lines[0].text)
    if openings:
        piece = _live_blog(lines, hits, start, openings, head, title, zone, marks)
    else:
        piece = _article(lines, hits, start, head, title, zone, marks)
    dropped = tuple(lines_text(lines, marks, _DROPPED))
    piece = replace(piece, dropped=dropped, confident=choice is not None and choice.confident)
    return Reading(piece, tuple(lines), marks, choice)


def lines_text(lines: Sequence[Line], marks: dict[int, tuple[Tag, str]], tags: Sequence[Tag]) -> list[str]:
    return [line.text for line in lines if line.no in marks and marks[line.no][0] in tags]


def _article(
    lines: Sequence[Line],
    hits: Sequence[Hit],
    start: int,
    head: Header,
    title: str,
    zone: tzinfo,
    marks: dict[int, tuple[Tag, str]],
) -> Piece:
    body = read_body(lines[start:], hits[start:], ends=True)
    marks.update(body.marks)
    _stamps_near_the_top(lines, hits, start, head, marks)
    for dek in head.deks if body.dateline is None else ():
        found = dateline_of(dek.text)
        if found is not None:
            body.dateline, body.outlet = found[0], body.outlet or found[1]
            break
    published, updated = dates_of(head, zone)
    published, updated = published or updated, updated or published  # a lone updated stamp is both
    byline = head.byline or body.signature or Byline()
    authors = authors_of(head) or (body.signature.authors if body.signature else ())
    _drop_bios(body, authors, marks)
    source = body.outlet or byline.source or (head.outlets[0] if head.outlets else None)
    return Piece(
        kind="article",
        title=title,
        authors=authors,
        contributors=tuple(body.contributors),
        source=source,
        date=published,
        updated=updated,
        date_precision=DAY_PRECISION if published and day_only(head) else None,
        dateline=body.dateline,
        places=_unique((*((body.dateline,) if body.dateline else ()), *byline.places)),
        reading_time=head.reading_time or _reading_time(body.blocks),
        label=byline.label,
        images=(*head.images, *body.images),
        blocks=(*_dek_blocks(head), *body.blocks),
        note=body.note,
    )


def _stamps_near_the_top(
    lines: Sequence[Line], hits: Sequence[Hit], start: int, head: Header, marks: dict[int, tuple[Tag, str]]
) -> None:
    """Stamps printed among the first paragraphs (under a photo, after a dek) are the
    page's too, when the lines above the story gave none."""
    paragraphs = 0
    for k in range(start, len(lines)):
        if paragraphs >= 3:
            return
        tag = marks.get(lines[k].no, (None, ""))[0]
        if tag is Tag.BODY:
            paragraphs += 1
        found = stamps_of(hits[k])
        if found:
            head.stamps.extend(found[0])
        elif (post := post_of(hits[k])) is not None and post.shape == "line":
            head.stamps.append(Stamp("", post.when))


def _live_blog(
    lines: Sequence[Line],
    hits: Sequence[Hit],
    start: int,
    openings: list[Opening],
    head: Header,
    title: str,
    zone: tzinfo,
    marks: dict[int, tuple[Tag, str]],
) -> Piece:
    intro = read_body(lines[start : openings[0].index], hits[start : openings[0].index], allow_headings=False)
    marks.update(intro.marks)
    _stamps_near_the_top(lines[: openings[0].index], hits, start, head, marks)
    if not authors_of(head) and intro.signature:
        head.names.extend(intro.signature.authors)
    published, updated = dates_of(head, zone)
    page_moment = published or updated
    day = page_moment.date() if page_moment else head.series_day
    page_zone = page_moment.tzinfo if page_moment and page_moment.tzinfo else zone  # a post's stamp without a zone
    times = resolve_times([o.stamp for o in openings], day, page_zone)
    blog = head.byline or Byline()
    posts: list[Piece] = []
    bounds = [o.index for o in openings] + [len(lines)]
    for n, opening in enumerate(openings):
        post = _post(lines, hits, opening, bounds[n + 1], times[n], blog, marks)
        if post is not None:
            posts.append(post)
    titles = {" ".join(p.title.casefold().split()) for p in posts if p.title}
    blocks = []
    for block in (*_dek_blocks(head), *intro.blocks):
        if " ".join(block.text.casefold().split()) in titles:
            marks[block.line] = (Tag.CHROME, "repeats a post's title (a list of key events)")
        else:
            blocks.append(block)
    dates = [p.date for p in posts if p.date]
    series_start = datetime.combine(head.series_day, time(0, 0), tzinfo=zone) if head.series_day else None
    # The page's own stamp, else its earliest post, else the series' day (a day, no time).
    start_at: datetime | None
    precision: str | None
    if published:
        start_at, precision = published, DAY_PRECISION if day_only(head) else None
    elif dates:
        start_at, precision = min(dates), None
    else:
        start_at, precision = series_start, DAY_PRECISION if series_start else None
    latest = max(dates) if dates else None
    return Piece(
        kind="live-blog",
        title=title,
        authors=authors_of(head),
        source=blog.source or (head.outlets[0] if head.outlets else None),
        date=start_at,
        date_precision=precision,
        updated=updated if updated and updated != published else latest or start_at,
        day=head.series_day,
        dateline=intro.dateline,
        places=(intro.dateline,) if intro.dateline else (),
        series=head.series,
        blocks=tuple(blocks),
        images=(*head.images, *intro.images),
        posts=tuple(posts),
    )


def _post(
    lines: Sequence[Line],
    hits: Sequence[Hit],
    opening: Opening,
    end: int,
    when: datetime | None,
    blog: Byline,
    marks: dict[int, tuple[Tag, str]],
) -> Piece | None:
    """One post: its stamp, title, byline and photo, then paragraphs."""
    k = opening.index
    title_line = opening.title is not None and opening.title == lines[k].text
    marks[lines[k].no] = (Tag.POST_STAMP if opening.stamp and not title_line else Tag.POST_TITLE, "opens a live post")
    title = opening.title
    first: list[Block] = []
    body_from = k + 1
    if opening.lead:
        first.append(Block(opening.lead, line=lines[k].no))
    elif title is None:
        t = title_after(lines, hits, k + 1, end)
        if t is not None:
            title = lines[t].text
            marks[lines[t].no] = (Tag.POST_TITLE, "the line after a post's stamp, shaped as a title")
            for j in range(k + 1, t):
                marks[lines[j].no] = (hits[j].tag, hits[j].reason)
            body_from = t + 1
    byline: Byline | None = None
    names: list[str] = []
    while body_from < end:
        hit, text = hits[body_from], lines[body_from].text
        if hit.tag is Tag.BYLINE:
            byline = merge(byline, hit.data)
        elif hit.tag in (Tag.POST_STAMP, Tag.STAMP, Tag.RELATIVE, Tag.CHROME):
            pass
        elif hit.tag is Tag.TEXT and name_line(text) and (names or byline is None) and words(text) <= 8:
            names.extend(names_of(text))
        elif hit.tag is Tag.TEXT and (names or byline) and is_role_line(text):
            pass
        else:
            break
        marks[lines[body_from].no] = (Tag.BYLINE if hit.tag is Tag.TEXT else hit.tag, hit.reason)
        body_from += 1
    body = read_body(lines[body_from:end], hits[body_from:end], allow_headings=False, dateline=False)
    marks.update(body.marks)
    blocks = (*first, *body.blocks)
    if not blocks and not title:
        return None
    signed = byline or body.signature or (Byline(tuple(names)) if names else None)
    byline = signed or Byline()
    return Piece(
        kind="live-post",
        title=title or _first_words(blocks[0].text),
        titled=bool(title),
        authors=byline.authors,
        source=byline.source or blog.source,
        date=when,
        updated=when,
        places=byline.places,
        label=byline.label,
        reading_time=_reading_time(blocks),
        images=tuple(body.images),
        blocks=blocks,
        note=body.note,
        contributors=tuple(body.contributors),
        dropped=tuple(lines_text(lines[k:end], marks, _DROPPED)),
    )


_BIO = re.compile(r"^(?:is|covers|reports|writes|has|was|joined|leads)\b|^$")


def _drop_bios(body: Body, authors: Sequence[str], marks: dict[int, tuple[Tag, str]]) -> None:
    """An author's bio after the story (a name line, then ``Name covers …``) is not the story."""
    if not authors:
        return
    names = {a.casefold() for a in authors} | {a.split()[-1].casefold() for a in authors}
    keep = list(body.blocks)
    while keep:
        text = keep[-1].text
        lowered = text.casefold()
        subject = next((n for n in sorted(names, key=len, reverse=True) if lowered.startswith(n)), None)
        if subject is None and not lowered.startswith("more about "):
            break
        rest = lowered[len(subject) :].strip() if subject else ""
        if subject and not _BIO.match(rest):
            break
        marks[keep[-1].line] = (Tag.CHROME, "an author's bio after the story")
        keep.pop()
    body.blocks = keep


def _first_words(text: str, limit: int = 12) -> str:
    """A title for a post the page printed without one: its first sentence, or its
    first words."""
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return truncate_words(sentence, limit)


def _dek_blocks(head: Header) -> list[Block]:
    return [Block(line.text, line=line.no) for line in head.deks]


def _reading_time(blocks: Sequence[Block]) -> int:
    return reading_minutes(sum(word_count(b.text) for b in blocks))


def _unique(items: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.casefold(), item)
    return tuple(seen.values())
