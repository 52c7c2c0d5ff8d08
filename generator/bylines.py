"""Bylines and contributor lines: names, outlet, places and label, outlet stripped."""

from __future__ import annotations

import re

from .records import Byline

_PREFIX = re.compile(
    r"^(?:(?P<label>Analysis|Opinion|Commentary|Review|Perspective|Explainer|Fact check)\s+by|By|From)\s+(?P<rest>.+)$",
    re.I,
)
# "CNN’s", "NPR's", "The AP's": an outlet named in the possessive before the names.
_POSSESSIVE = re.compile(r"^(?P<outlet>(?:The\s+)?[A-Z][A-Za-z&.]*[A-Z][A-Za-z&.]*)['’]s\s+(?P<rest>.+)$")
_SPLIT_NAMES = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*;\s*")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w.'’-]*|[a-z]{1,3}|al-\w+|[A-Z]\.)$")
_CONTRIBUTED = re.compile(
    r"^(?P<names>.+?)\s+(?:contributed|also contributed)\s+(?:to\s+)?(?:this\s+)?(?:report|reporting|story|article)\.?$",
    re.I,
)


def looks_like_name(text: str) -> bool:
    """A person's name: one to five words, each capitalised (particles allowed)."""
    words = text.split()
    return 1 <= len(words) <= 5 and words[0][:1].isupper() and all(_NAME_WORD.match(w) for w in words)


def _strip_possessive(text: str) -> tuple[str, str | None]:
    m = _POSSESSIVE.match(text)
    if m and m.group("rest")[:1].isupper():
        return m.group("rest"), m.group("outlet")
    return text, None


def split_names(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split ``A, B and C in Cairo`` into names and the places they write from."""
    names: list[str] = []
    places: list[str] = []
    for segment in _SPLIT_NAMES.split(text.strip().rstrip(".")):
        segment = segment.strip()
        if not segment:
            continue
        name, sep, place = segment.partition(" in ")
        name = _POSSESSIVE.sub(r"\g<rest>", name.strip())
        if name:
            names.append(name)
        if sep and place.strip():
            places.append(place.strip())
    return tuple(names), tuple(places)


def parse_byline(line: str) -> Byline | None:
    """Parse a byline such as ``By A, B and C, CNN``, ``From CNN’s A and B``,
    ``From A in Tel Aviv and B in London`` or ``Analysis by A in Abu Dhabi, UAE``.
    Returns None when the line is not a byline."""
    m = _PREFIX.match(line.strip())
    if not m:
        return None
    label = m.group("label").lower() if m.group("label") else None
    rest = m.group("rest").strip().rstrip(".")
    rest, outlet = _strip_possessive(rest)
    place_tail: str | None = None
    if " | " in rest:
        rest, _, tail = rest.rpartition(" | ")
        outlet = outlet or tail.strip()
    head, comma, tail = rest.rpartition(",")
    tail = tail.strip()
    if comma and tail and " and " not in f" {tail} " and " in " not in f" {tail} ":
        if " in " in f" {head.rsplit(',', 1)[-1]} " and " and " not in f" {head.rsplit(',', 1)[-1]} ":
            place_tail = tail  # "in Abu Dhabi, UAE": the tail continues a place
        elif " and " in f" {head} " or "," not in head:
            outlet = outlet or tail
        else:
            head = rest
        rest = head
    names, places = split_names(rest)
    names = tuple(n for n in names if looks_like_name(n))
    if not names:
        return None
    if place_tail and places:
        places = (*places[:-1], f"{places[-1]}, {place_tail}")
    return Byline(authors=names, source=outlet, places=places, label=label)


def parse_contributors(line: str) -> tuple[tuple[str, ...], str | None] | None:
    """``CNN’s A, B and C contributed to this report`` → names and outlet."""
    m = _CONTRIBUTED.match(line.strip())
    if not m:
        return None
    text, outlet = _strip_possessive(m.group("names").strip())
    if text.lower().startswith(("additional reporting by ", "reporting by ")):
        text = text.split(" by ", 1)[1]
    names, _ = split_names(text)
    names = tuple(n for n in names if looks_like_name(n))
    return (names, outlet) if names else None
