"""Small recognizers, one per kind of line a copied news page holds.

Each looks at one line on its own and says what it is, and why: page chrome, a
relative time, a page stamp, a post stamp, a byline, a read time, a photo
caption or credit, a contributor line, an editor's note, a label. A line no
recognizer claims is text: a headline, a subheading or a paragraph, which the
assembly decides from its place. Recognizers never look at the lines around;
that is the assembly's job.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .bylines import parse_byline, parse_contributors
from .chrome import ChromeRules
from .lines import Line, has_digit, is_prose, words
from .stamps import PostStamp, Stamp, is_relative, page_stamps, post_stamp


class Tag(StrEnum):
    CHROME = "chrome"
    RELATIVE = "relative time"
    STAMP = "stamp"
    POST_STAMP = "post stamp"
    BYLINE = "byline"
    READ_TIME = "read time"
    CAPTION = "caption"
    CREDIT = "credit"
    CONTRIBUTORS = "contributors"
    NOTE = "note"
    LABEL = "label"
    TEXT = "text"
    # given by the assembly
    HEADLINE = "headline"
    POST_TITLE = "post title"
    HEADING = "heading"
    BODY = "body"
    DATELINE = "dateline"
    SERIES = "series"


@dataclass(frozen=True)
class Hit:
    tag: Tag
    reason: str
    data: Any = None


_CAPTION_PREFIXED = re.compile(r"^(?:image caption|photo caption|caption)\s*[,:]\s*(?P<caption>\S.{2,})$", re.I)
_DURATION = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
_VIDEO_LABEL = re.compile(r"^(?:video|watch|just watched|play video|watch video|\d{1,2}:\d{2}(?::\d{2})?)$", re.I)
CAPTION_LABEL = re.compile(r"^(?:image caption|caption|photo caption)\s*[,:]?$", re.I)
"""A label alone on its line (``Image caption,``): the photo's caption is the next line."""
_UPDATE_NOTE = re.compile(
    r"^(?:updated|last updated|edited)(?: at)?:? \d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?)?(?:\s+[A-Z]{2,4})?$", re.I
)
_MAY_BE_BYLINE = re.compile(r"^(?:\w+\s+)?(?:by|from)\b|^By[A-Z]", re.I)
_READ_TIME = re.compile(r"^(?:\d{1,3}\s*(?:-\s*)?min(?:ute)?s?\.?\s+read|read time:?\s*\d{1,3}\s*min(?:ute)?s?)$", re.I)
_EDITOR_NOTE = re.compile(r"^(?:This (?:post|story|article) has been updated|Editor['’]s note:|Correction:)", re.I)
_LABEL = re.compile(
    r"^(?:live|live updates?|live reporting|live feed|breaking|breaking news|developing story|developing|"
    r"summary|key points|key events|what we know|what to know|here's what to know|analysis|opinion|exclusive|"
    r"explainer|watch|updated|published|just in|latest|the latest|in short|top story|advertisement feature)\s*:?$",
    re.I,
)
_CREDIT_PREFIX = re.compile(
    r"^(?:image source|photograph|photo|picture|pictures|credit|credits|illustration|photographer|image)"
    r"\s*(?:[,:]|\.\.\.)\s*\S",
    re.I,
)
_AGENCIES = (
    r"Getty Images|Reuters|AP|AFP|EPA|EPA-EFE|Shutterstock|PA|PA Media|PA Wire|Alamy|Bloomberg|Xinhua|ANP|dpa|"
    r"picture alliance|Anadolu|SOPA Images|NurPhoto|Sipa|Zuma Press|UPI|The Associated Press|Associated Press"
)
_AGENCY_ONLY = re.compile(rf"^(?:[A-Z][\w.'’-]* ){{0,3}}(?:{_AGENCIES})(?:/(?:[\w.'’-]+ ?){{1,4}})*$")
_FOR_OUTLET_CREDIT = re.compile(r"^[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3} for (?:The )?[A-Z][\w&.' -]{1,40}$")
_AGENCY_WORDS = frozenset(_AGENCIES.split("|"))
_CREDIT_PART = re.compile(r"^[A-Za-z][\w.'’—–-]*(?: [\w.'’—–-]+){0,4}$")
_CREDIT_TAIL = re.compile(
    r"\((?:[A-Z][^()/]{0,60}/[A-Z][^()]{0,60}|(?:AP|AFP|Reuters|Getty Images|EPA|PA)(?: Photo| file| File)?[^()]{0,40}|"
    r"[^()]{1,40} via Getty Images)\)$"
    r"|(?:Photograph|Photo|Pic|File pic|File photo|Picture|Credit|Image|Photographer|Illustration)(?::|\.\.\.)\s*[^.]{1,80}$"
    r"|\s\|\s[^|]{1,60}/[^|]{1,40}$"  # "… | Name/AP"
    r"|(?<=[.!?”])\s+[A-Z][\w.'’ -]{1,40} / [A-Z][\w .&'-]{1,40}$"  # "…. Name / NBC News"
    r"|\[[^\[\]]{1,60}/[^\[\]]{1,40}\]$"  # "… [Name/AFP]"
    r"|(?<=[.!?”])\s+[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2}, [A-Z][\w .&'-]{1,30}$"  # "…. Name Surname, USA TODAY"
    r"|©\s*(?:Provided by )?[^.©]{1,60}$"  # "© Provided by The Associated Press", "© Name, AFP"
    r"|\s(?:REUTERS|AFP|AP Photo|EPA|Xinhua)/[\w .'/-]{1,60}$"  # "… REUTERS/Name/File Photo"
    r"|\((?:File|File photo|Representational image|Representative image)\)$"
    r"|\([^():]{1,60}:\s*[^()]{1,40}\)$"  # "… (ABC North Queensland: Name)"
    r"|(?<=\.)\s\((?:[A-Z][\w&.'’-]*)(?: [A-Z][\w&.'’-]*){0,4}\)$"  # "…. (Northumberland Ferries)"
)
_CAPTION_PREFIX = re.compile(r"^(?:image caption|caption|photo|file photo|pictured)\s*[,:]\s*", re.I)


_TAIL_MARKS = ("/", ":", "...", "©")


def _may_end_in_credit(text: str) -> bool:
    """Cheap and never wrong in the one direction that matters: False only when
    ``_CREDIT_TAIL`` cannot match ``text`` (each of its forms needs one of these marks)."""
    end = text[-2:]
    return ")" in end or "]" in end or ", " in text[-40:] or any(mark in text for mark in _TAIL_MARKS)


def is_credit(text: str) -> bool:
    """A photo credit alone on its line: ``Name/Agency``, ``AP Photo/Name``, an agency."""
    if len(text) > 90 or text.endswith((".", "!", "?", ",", ";", ":", '"', "”")):
        return False
    if _AGENCY_ONLY.match(text) or _CREDIT_PREFIX.match(text) or _FOR_OUTLET_CREDIT.match(text):
        return True
    parts = [p.strip() for p in text.split("/")]
    named = any(len(p.split()) >= 2 or p in _AGENCY_WORDS for p in parts)  # "Yes/No" credits no one
    return 2 <= len(parts) <= 4 and text[:1].isupper() and named and all(_CREDIT_PART.match(p) for p in parts)


def caption_with_credit(text: str) -> tuple[str, str] | None:
    """A caption that ends in its credit: ``… (AP Photo/Name)``, ``… Photograph: Name/PA``."""
    m = _CREDIT_TAIL.search(text) if _may_end_in_credit(text) else None
    if not m or m.start() < 12:
        return None
    caption = _CAPTION_PREFIX.sub("", text[: m.start()]).strip()
    credit = m.group(0).strip().strip("()[]| ")
    credit = re.sub(
        r"^(?:(?:Photograph|Photo|Pic|File pic|File photo|Picture|Credit|Image|Photographer|Illustration)(?::|\.\.\.)"
        r"|©\s*Provided by)\s*",
        "",
        credit,
    )
    return caption, credit


def recognize(line: Line, chrome: ChromeRules, day_first: bool = False) -> Hit:
    """What one line is, judged on its own."""
    text = line.text
    reason = chrome.match(text)
    if reason:
        return Hit(Tag.CHROME, reason)
    if is_relative(text):
        return Hit(Tag.RELATIVE, "a time relative to the reading is no date")
    digits = has_digit(text)  # every stamp has one; most lines need no date parsing
    post = post_stamp(text, day_first) if digits else None
    stamps = page_stamps(text, day_first) if digits else None
    if post is not None and post.shape != "lead":
        return Hit(Tag.POST_STAMP, f"a live post's stamp ({post.shape})", (post, stamps))
    if stamps is not None:
        return Hit(Tag.STAMP, "a date stamp", stamps)
    if _DURATION.match(text):
        return Hit(Tag.LABEL, "a video's running time")
    if CAPTION_LABEL.match(text):
        return Hit(Tag.LABEL, "a label: the photo's caption follows")
    if (labelled := _CAPTION_PREFIXED.match(text)) is not None:
        return Hit(Tag.CAPTION, "a photo caption after its label", (labelled.group("caption"), ""))
    if _UPDATE_NOTE.match(text):
        return Hit(Tag.LABEL, "an update time with no date")
    if _READ_TIME.match(text):
        return Hit(Tag.READ_TIME, "a reading-time line")
    if _LABEL.match(text):
        return Hit(Tag.LABEL, "a page label")
    contributed = parse_contributors(text)
    if contributed:
        return Hit(Tag.CONTRIBUTORS, "a contributors' credit", contributed)
    if _EDITOR_NOTE.match(text):
        return Hit(Tag.NOTE, "an editor's note")
    byline = parse_byline(text) if _MAY_BE_BYLINE.match(text) else None
    if byline is not None:
        return Hit(Tag.BYLINE, "a byline", byline)
    if is_credit(text):
        return Hit(Tag.CREDIT, "a photo credit")
    captioned = caption_with_credit(text)
    if captioned is not None and (words(captioned[0]) >= 3):
        return Hit(Tag.CAPTION, "a photo caption ending in its credit", captioned)
    if post is not None:
        return Hit(Tag.POST_STAMP, "a live post's stamp before its first sentence", (post, None))
    return Hit(Tag.TEXT, "running text" if is_prose(text) else "a short line")


def video_title(lines: Sequence[Line], hits: Sequence[Hit], k: int) -> bool:
    """A title under a "Video" label or a running time: a video's, not the story's."""
    if k == 0 or hits[k].tag is not Tag.TEXT or not _VIDEO_LABEL.match(lines[k - 1].text):
        return False
    return words(lines[k].text) <= 16 and not lines[k].text.endswith((".", "?", "!"))


def stamps_of(hit: Hit) -> tuple[list[Stamp], list[str]] | None:
    """The page stamps a STAMP or POST_STAMP hit carries."""
    if hit.tag is Tag.STAMP:
        found: tuple[list[Stamp], list[str]] = hit.data
        return found
    if hit.tag is Tag.POST_STAMP:
        stamps: tuple[list[Stamp], list[str]] | None = hit.data[1]
        return stamps
    return None


def post_of(hit: Hit) -> PostStamp | None:
    if hit.tag is Tag.POST_STAMP:
        post: PostStamp = hit.data[0]
        return post
    return None
