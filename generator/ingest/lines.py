"""A seed's text as numbered lines, and the measures the recognizers share.

Blank lines are not kept, but the line after one knows it (``after_blank``), and
each line keeps its indent: copied pages often show list items and live posts as
indented runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text import clean_line

_NEWLINES = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x85")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
_WORD = re.compile(r"[^\W\d_]", re.UNICODE)
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True)
class Line:
    no: int
    """1-based line number in the seed."""
    text: str
    """The line cleaned: odd spaces folded, ends trimmed."""
    indent: int = 0
    after_blank: bool = False


def number(text: str) -> list[Line]:
    """The non-blank lines of ``text``, numbered as an editor shows them."""
    out: list[Line] = []
    blank = True
    for no, raw in enumerate(_NEWLINES.split(text), start=1):
        line = clean_line(raw)
        if not line:
            blank = True
            continue
        expanded = raw.replace("\t", "    ")
        out.append(Line(no, line, len(expanded) - len(expanded.lstrip(" \u00a0")), blank))
        blank = False
    return out


@lru_cache(maxsize=8192)
def words(text: str) -> int:
    """How many words: asked of the same line many times while a seed is read, so kept."""
    return len(text.split())


def has_digit(text: str) -> bool:
    """Any character of ``text`` is a digit (``str.isdigit``: ASCII and other decimal
    digits, and superscripts and the like). Also true of every line a ``\\d`` finds."""
    if any(d in text for d in "0123456789"):
        return True
    return not text.isascii() and any(c.isdigit() for c in _NOT_ASCII.findall(text))


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def is_prose(text: str) -> bool:
    """Running text rather than a label, a menu item or a headline: a long line, or
    a sentence of a few words."""
    n = words(text)
    return n >= 12 or (n >= 4 and ends_sentence(text) and bool(_WORD.search(text)))


def is_short(text: str) -> bool:
    """A line of at most a few words with no closing punctuation: a label, a menu
    item, a subheading, a name."""
    return words(text) <= 6 and not ends_sentence(text)
