"""Bylines and contributor lines: names, outlet, places and label, outlet stripped."""

from __future__ import annotations

import re

from .records import Byline

_PREFIX = re.compile(
    r"^(?:(?P<label>Analysis|Opinion|Commentary|Review|Perspective|Explainer|Fact check)\s+by|By|From)\s+(?P<rest>.+)$",
    re.I,
)
# "CNN’s", "NPR's", "The AP's": an outlet named in the possessive before the names.
_POSSESSIVE = re.compile(r"^(?P<outlet>(?:The\s+)?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2})['’]s\s+(?P<rest>.+)$")
# "Associated Press writers A and B": an outlet and a role word before the names.
_OUTLET_ROLE = re.compile(
    r"^(?P<outlet>(?:The\s+)?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})\s+(?:staff\s+)?"
    r"(?:writers?|reporters?|correspondents?|journalists?|staff)\s+(?P<rest>[A-Z].+)$"
)
# "Reporting by A and B; Editing by C": the closing credits of wire copy.
_CREDITS = re.compile(
    r"^(?:(?:Additional\s+)?(?:reporting|writing|editing|research)(?:\s+and\s+\w+)?\s+by\s+[^;]+;?\s*)+\.?$", re.I
)
_CREDIT_PART = re.compile(r"by\s+(?P<names>[^;]+)", re.I)
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
    if outlet is not None and not _plausible_outlet(outlet):
        return None  # "By Tuesday, the river had crested…" is a sentence, not a byline
    names, places = split_names(rest)
    if not names or not all(looks_like_name(n) for n in names):
        return None
    if place_tail and places:
        places = (*places[:-1], f"{places[-1]}, {place_tail}")
    return Byline(authors=names, source=outlet, places=places, label=label)


def _plausible_outlet(text: str) -> bool:
    """An outlet's name: one to five words, the first capitalised."""
    words = text.split()
    return 1 <= len(words) <= 5 and text[:1].isupper()


def parse_contributors(line: str) -> tuple[tuple[str, ...], str | None] | None:
    """``CNN’s A, B and C contributed to this report``, ``Associated Press writers A
    and B contributed…`` or ``Reporting by A; Editing by B`` → names and outlet."""
    line = line.strip()
    if _CREDITS.match(line):
        found: list[str] = []
        for part in _CREDIT_PART.finditer(line):
            found.extend(split_names(part.group("names"))[0])
        names = tuple(n for n in found if looks_like_name(n))
        return (names, None) if names else None
    m = _CONTRIBUTED.match(line)
    if not m:
        return None
    text, outlet = _strip_possessive(m.group("names").strip())
    role = _OUTLET_ROLE.match(text)
    if role:
        text, outlet = role.group("rest"), outlet or role.group("outlet")
    if text.lower().startswith(("additional reporting by ", "reporting by ")):
        text = text.split(" by ", 1)[1]
    names, _ = split_names(text)
    if not names or not all(looks_like_name(n) for n in names):
        return None
    return names, outlet
