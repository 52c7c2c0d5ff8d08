"""Reading the body of an article or a live post from its tagged lines.

Running text becomes paragraphs; a short line between paragraphs becomes a
subheading; photo captions and credits become images; contributor lines, notes
and a closing signature become fields. What is left is chrome the recognizers
could not know by its words but the reader knows by its place: a run of short
lines (a list of links or topics), and everything short after the story's last
paragraph (related stories, footers).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..schema import Image
from .bylines import is_person_name, outlet_name, parse_byline
from .chrome import normalise
from .lines import Line, ends_sentence, is_prose, is_short, words
from .recognize import CAPTION_LABEL, Hit, Tag, video_title
from .records import Block, Byline

_WIRE = re.compile(
    r"^(?:\()?(?P<place>[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*){0,3}(?:, [A-Z][A-Za-z.'’ -]{1,30}?)?)\)?"
    r"(?:, (?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}))?"
    r" ?\((?P<outlet>[A-Z][\w .&-]{0,30})\) ?(?:[—–-]{1,2} ?(?=\S)|(?=[A-Z]))"
)
_NOT_PLACES = frozenset(
    {"breaking", "update", "updated", "exclusive", "analysis", "watch", "opinion", "live", "editor's note"}
)
_CAPS_PLACE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:,? [A-Z][a-z.]+(?: [A-Z][a-z.]+)?)?"
    r"(?: and [A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}(?:, [A-Z][a-z.]+)?)?)"
    r"(?:, (?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}))?\s+(?:\((?P<outlet>[\w .&-]{1,30})\)\s*)?[—–-]{1,2}\s*(?=\S)"
)
_PAREN_PLACE = re.compile(r"^.{0,60}?\((?P<place>[A-Z][A-Z .,'’-]{1,40})\)\s*[—–-]{1,2}\s*(?=\S)")
_PLACE_DASH = re.compile(
    r"^(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}, [A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\s+[–—]\s+(?=\S)"
)
_PLACE_COLON = re.compile(r"^(?P<place>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}):$")
_AGENCY_TAG = re.compile(r"^\((?P<outlet>[A-Z][\w .&-]{0,30})\)\s*[—–-]{1,2}\s*(?=\S)")
_DATELINE_ALONE = re.compile(r"^(?P<place>[A-Z][\w.'’ -]{1,40}?(?:, [A-Z][\w.' -]{1,30})?)\s*[—–-]{1,2}$")
_SPEECH = re.compile(r"\b(?:said|says|told|tells|added|adds|according to|asked|warned)\b", re.I)
_ENDS_CLAUSE = re.compile(r"[.!?…:;,\"”’'»)\]-]$")
_DASH_ONLY = re.compile(r"^[—–-]{1,3}$")
_OUTLET_DASH = re.compile(r"^(?P<outlet>[A-Z][\w&.' ]{0,40}?)\s+[—–]$")
_REPORTING_FROM = re.compile(r"^Reporting from (?P<place>.{2,60})$")
_END = re.compile(
    r"_{3,}|related topics|more on this story|explore more on these topics|most (?:read|viewed|popular)|"
    r"more from .{1,30}|you may also like|about the author|comments?|view comments|"
    r"top headlines|editor'?s picks|around the web|sponsored stories|trending(?: now)?"
)
_WIRE_CREDITS = re.compile(r"^(?:reporting|writing|editing)(?: and \w+)? by\b", re.I)
_RELATED = re.compile(
    r"(?:read more|related|also read|see also|more|watch|listen|recommended(?: stories| for you)?|read next|"
    r"more stories|top stories|latest stories|related (?:stories|coverage|articles|content)|more in .{1,30}|"
    r"see also|links to more .{1,40}|related internet links|top .{1,20} stories|just watched|key points|key events)"
    r"(?: (?:from|on|about) .{1,40})?"
)
_SIGNATURE = re.compile(r"^[—–-]\s*(?P<rest>.{2,80})$")


@dataclass
class Body:
    blocks: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    dateline: str | None = None
    outlet: str | None = None
    note: str | None = None
    signature: Byline | None = None
    marks: dict[int, tuple[Tag, str]] = field(default_factory=dict)
    """Line number → what the line became and why (for --explain)."""

    @property
    def dropped(self) -> list[int]:
        return [no for no, (tag, _) in self.marks.items() if tag in (Tag.CHROME, Tag.RELATIVE, Tag.LABEL)]


def read_body(
    lines: Sequence[Line], hits: Sequence[Hit], allow_headings: bool = True, dateline: bool = True, ends: bool = False
) -> Body:
    """The body of one piece from its lines (and their recognizers' hits). With
    ``ends``, a line that closes the story (``Related Topics``, ``___``) makes the
    text after it chrome."""
    out = Body()
    ended = False
    related = False
    told = False
    text_idx: list[int] = []
    last_blank = 0
    skip = -1
    for k, (line, hit) in enumerate(zip(lines, hits, strict=True)):
        if line.after_blank:
            last_blank = k
        tag = hit.tag
        if k == skip:
            continue
        key = normalise(line.text)
        told = told or sum(1 for i in text_idx[-3:] if is_prose(lines[i].text)) >= 2  # a button at the top ends nothing
        if ends and told and (_END.fullmatch(key) or (tag is Tag.CONTRIBUTORS and _WIRE_CREDITS.match(line.text))):
            ended = True  # past the story's end: what follows is the page around it
        if _RELATED.fullmatch(key):
            related = True  # links follow, until the story's sentences resume
        elif tag is Tag.TEXT and ends_sentence(line.text):
            related = False
        if video_title(lines, hits, k):
            out.marks[line.no] = (Tag.CHROME, "a video's title, under its label")
            continue
        if (ended or related) and tag is Tag.TEXT:
            why = "after the end of the story" if ended else "a link under a 'Read more' label"
            out.marks[line.no] = (Tag.CHROME, why)
            continue
        repeated = _caption_repeated(lines, k)
        if repeated is not None:
            out.images.append(Image(caption=line.text, credit=repeated))
            out.marks[line.no] = (Tag.CAPTION, "a photo caption, printed again with its credit below")
            out.marks[lines[k + 1].no] = (Tag.CREDIT, "the caption again, with the photo's credit")
            skip = k + 1
        elif tag in (Tag.CHROME, Tag.RELATIVE, Tag.LABEL, Tag.STAMP, Tag.READ_TIME, Tag.POST_STAMP):
            out.marks[line.no] = (tag, hit.reason)
        elif tag is Tag.CONTRIBUTORS:
            out.contributors.extend(n for n in hit.data[0] if n not in out.contributors)
            out.marks[line.no] = (tag, hit.reason)
        elif tag is Tag.NOTE:
            out.note = line.text if out.note is None else f"{out.note} {line.text}"
            out.marks[line.no] = (tag, hit.reason)
        elif tag is Tag.CAPTION:
            caption, credit = hit.data
            out.images.append(Image(caption=caption, credit=credit))
            out.marks[line.no] = (tag, hit.reason)
        elif tag is Tag.CREDIT and _caption_below(lines, hits, k):
            out.images.append(Image(caption=lines[k + 1].text, credit=_credit_text(line.text)))
            out.marks[line.no] = (tag, "a photo credit, its caption below")
            out.marks[lines[k + 1].no] = (Tag.CAPTION, "a photo caption under its credit")
            skip = k + 1
        elif tag is Tag.CREDIT:
            _credit(out, lines, text_idx, k, last_blank)
            out.marks[line.no] = (tag, hit.reason)
        elif k > 0 and CAPTION_LABEL.match(lines[k - 1].text) and tag is Tag.TEXT:
            out.images.append(Image(caption=line.text, credit=""))
            out.marks[line.no] = (Tag.CAPTION, "under an 'Image caption' label")
        elif tag is Tag.BYLINE:
            out.signature = out.signature or hit.data
            out.marks[line.no] = (tag, "a byline inside the text")
        elif outlet_name(line.text) and not dateline_near(lines, k):
            out.outlet = out.outlet or outlet_name(line.text)
            out.marks[line.no] = (Tag.CHROME, "the outlet's name on a line of its own")
        else:
            text_idx.append(k)
    text_idx = [k for k in text_idx if lines[k].no not in out.marks]
    if dateline:
        text_idx = _dateline(out, lines, text_idx)
    _signature(out, lines, text_idx)
    keep = _drop_by_place(out, lines, text_idx)
    for n, k in enumerate(keep):
        line = lines[k]
        between = 0 < n < len(keep) - 1 and is_prose(lines[keep[n + 1]].text)
        if allow_headings and between and is_short(line.text) and line.text[:1].isupper():
            out.blocks.append(Block(line.text, heading=True, line=line.no))
            out.marks[line.no] = (Tag.HEADING, "a short line between paragraphs")
        elif 0 < n < len(keep) - 1 and _describes_a_photo(line.text):
            out.images.append(Image(caption=line.text, credit=""))
            out.marks[line.no] = (Tag.CAPTION, "describes a photo: no full stop, between paragraphs")
        else:
            out.blocks.append(Block(line.text, line=line.no))
            out.marks[line.no] = (Tag.BODY, "running text" if is_prose(line.text) else "text among the paragraphs")
    return out


def _describes_a_photo(text: str) -> bool:
    """A photo's caption printed without its picture or credit: a line of several words
    with no closing punctuation that reports no speech (``He said … away`` is a
    paragraph that lost its full stop)."""
    return 7 <= words(text) <= 30 and not _ENDS_CLAUSE.search(text) and not _SPEECH.search(text)


def dateline_near(lines: Sequence[Line], k: int) -> bool:
    """The outlet's name is part of a dateline set on lines of their own (place, outlet, dash)."""
    return any(_DASH_ONLY.match(lines[j].text) for j in range(k + 1, min(len(lines), k + 2)))


def _caption_below(lines: Sequence[Line], hits: Sequence[Hit], k: int) -> bool:
    """A credit printed above its caption (``Getty Images`` / ``The ferry at Millbay``):
    nothing captionable above it, a short line without a full stop below."""
    if k + 1 >= len(lines) or hits[k + 1].tag is not Tag.TEXT:
        return False
    below = lines[k + 1].text
    if k > 0 and hits[k - 1].tag is Tag.TEXT:
        # a paragraph above, a photo's description below (the BBC prints credit, then caption)
        return ends_sentence(lines[k - 1].text) and 4 <= words(below) <= 25 and not _ENDS_CLAUSE.search(below)
    return words(below) <= 25 and not ends_sentence(below)


def _credit_text(text: str) -> str:
    for prefix in ("Image source, ", "Image source: ", "Credit: ", "Photo: ", "Photograph: ", "Photographer: "):
        text = text.removeprefix(prefix)
    return text


def _caption_repeated(lines: Sequence[Line], k: int) -> str | None:
    """The credit, when line ``k`` is a caption printed again just below with its credit appended."""
    if k + 1 >= len(lines):
        return None
    text, below = lines[k].text, lines[k + 1].text
    if words(text) < 3 or not below.startswith(text) or len(below) == len(text):
        return None
    credit = below[len(text) :].strip().strip("()").strip()
    return credit if 0 < len(credit) <= 80 else None


def _credit(out: Body, lines: Sequence[Line], text_idx: list[int], k: int, last_blank: int) -> None:
    """A credit line: the caption is the text just above it (the lines since the last
    blank line, when they are few; else the one line above)."""
    credit = _credit_text(lines[k].text)
    taken: list[int] = []
    if text_idx and text_idx[-1] == k - 1:
        run = [text_idx[-1]]  # the lines right above, with nothing between them
        for i in reversed(text_idx[:-1]):
            if i != run[0] - 1 or i < last_blank:
                break
            run.insert(0, i)
        taken = run if 1 <= len(run) <= 3 and lines[k].after_blank is False else [text_idx[-1]]
        if len(taken) == 1 and words(lines[taken[0]].text) > 60:
            taken = []
    if taken:
        caption = " ".join(lines[i].text for i in taken)
        for i in taken:
            out.marks[lines[i].no] = (Tag.CAPTION, "the text above a photo credit")
        del text_idx[len(text_idx) - len(taken) :]
    else:
        caption = ""
    out.images.append(Image(caption=caption, credit=credit))


def _dateline(out: Body, lines: Sequence[Line], idx: list[int]) -> list[int]:
    """The dateline on the first paragraph (``WASHINGTON (AP) —``), or on lines of its own."""
    prose_seen = 0
    for n, k in enumerate(idx[:12]):
        text = lines[k].text
        if _DASH_ONLY.match(text) and n >= 1:
            place_k = idx[n - 1]
            outlet_k = None
            if n >= 2 and words(lines[place_k].text) <= 3 and not lines[place_k].text.endswith((",", ".")):
                outlet_k, place_k = place_k, idx[n - 2]
            out.dateline = lines[place_k].text
            if outlet_k is not None:
                out.outlet = lines[outlet_k].text
            for i in (place_k, outlet_k, k):
                if i is not None:
                    out.marks[lines[i].no] = (Tag.DATELINE, "the dateline, on lines of its own")
            return [i for i in idx if lines[i].no not in out.marks]
        outlet = _OUTLET_DASH.match(text)
        if outlet and n >= 1 and words(lines[idx[n - 1]].text) <= 5 and not is_prose(lines[idx[n - 1]].text):
            out.dateline, out.outlet = lines[idx[n - 1]].text, outlet.group("outlet")
            for i in (idx[n - 1], k):
                out.marks[lines[i].no] = (Tag.DATELINE, "the dateline and the outlet, on lines of their own")
            return [i for i in idx if lines[i].no not in out.marks]
        m = _DATELINE_ALONE.match(text)
        if m and words(text) <= 6:
            out.dateline = m.group("place").strip()
            out.marks[lines[k].no] = (Tag.DATELINE, "a dateline alone on its line")
            return [i for i in idx if i != k]
        colon = _PLACE_COLON.match(text)
        if colon and n + 1 < len(idx) and is_prose(lines[idx[n + 1]].text):
            out.dateline = colon.group("place").strip()
            out.marks[lines[k].no] = (Tag.DATELINE, "a dateline alone on its line")
            return [i for i in idx if i != k]
        rep = _REPORTING_FROM.match(text)
        if rep:
            out.dateline = rep.group("place")
            out.marks[lines[k].no] = (Tag.DATELINE, "'Reporting from' names the place")
            return [i for i in idx if i != k]
        if is_prose(text):
            found = dateline_of(text)
            if found is not None:
                out.dateline = out.dateline or found[0]
                out.outlet = out.outlet or found[1]
                return idx
            prose_seen += 1
            if prose_seen >= 4:
                return idx
    return idx


def dateline_of(text: str) -> tuple[str | None, str | None] | None:
    """The dateline and the outlet a paragraph opens with (``WASHINGTON (AP) —``,
    ``DENVER, March 3 -``, ``(Reuters) -``), or None."""
    wire = _WIRE.match(text)
    if wire and not wire.group("place").startswith("The "):
        return _place_name(wire.group("place")), wire.group("outlet").strip()
    paren = _PAREN_PLACE.search(text)
    if paren:
        return paren.group("place").strip(), None
    place_dash = _PLACE_DASH.match(text)
    if place_dash:
        return place_dash.group("place"), None
    caps = _CAPS_PLACE.match(text)
    if caps and caps.group("place").strip().lower() not in _NOT_PLACES:
        return caps.group("place").strip(), (caps.group("outlet") or "").strip() or None
    agency = _AGENCY_TAG.match(text)
    if agency:
        return None, agency.group("outlet").strip()
    return None


def _signature(out: Body, lines: Sequence[Line], idx: list[int]) -> None:
    """A closing signature: ``— Name``, ``-ABC News' Name``, or a bare name as the last line."""
    if not idx:
        return
    k = idx[-1]
    text = lines[k].text
    m = _SIGNATURE.match(text)
    candidate = m.group("rest") if m else text if len(idx) > 1 and is_person_name(text) else None
    if candidate is None:
        return
    byline = parse_byline(f"By {candidate}") or parse_byline(f"From {candidate}")
    if byline is not None and byline.authors:
        out.signature = out.signature or byline
        out.marks[lines[k].no] = (Tag.BYLINE, "a closing signature")
        idx.pop()


def _drop_by_place(out: Body, lines: Sequence[Line], idx: list[int]) -> list[int]:
    """Chrome known by its place: runs of three or more short lines, and the short
    lines after the last paragraph."""
    keep: list[int] = []
    run: list[int] = []

    def close_run() -> None:
        if len(run) >= 3:
            for i in run:
                out.marks[lines[i].no] = (Tag.CHROME, "one of a run of short lines (links, topics, menus)")
        else:
            keep.extend(run)
        run.clear()

    for k in idx:
        if is_short(lines[k].text) and not lines[k].text.endswith(":"):
            run.append(k)
        else:
            close_run()
            keep.append(k)
    close_run()
    last_prose = max((n for n, k in enumerate(keep) if is_prose(lines[k].text)), default=-1)
    if last_prose >= 0:
        for k in keep[last_prose + 1 :]:
            cut_off = k == len(lines) - 1 and words(lines[k].text) >= 8  # the copy stopped mid-sentence
            if not ends_sentence(lines[k].text) and not cut_off:
                out.marks[lines[k].no] = (Tag.CHROME, "after the last paragraph")
        keep = [k for k in keep if lines[k].no not in out.marks]
    return keep


def _place_name(place: str) -> str:
    return place.strip()
