"""Bylines and contributor lines: names, outlet, places and label, outlet stripped.

Outlets print bylines in many ways: ``By A, B and C, CNN``, ``From CNN’s A``,
``ByA and B`` (glued on copying), ``By A Fox News``, ``By NAME FOR MAILONLINE``,
``A (now) and B (earlier)``, ``Edited by A, with B reporting from X``, ``Story by A
• 5h``; and a bare name on a line of its own. The outlets a byline may end in are
data (``outlets.txt``), as is what is not a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from itertools import chain

from .lines import has_digit
from .records import Byline


def _word_lists() -> tuple[frozenset[str], frozenset[str]]:
    """The role words and the words that are never part of a name, from ``bylines.txt``."""
    sections: dict[str, set[str]] = {}
    current = sections.setdefault("", set())
    for raw in resources.files(__package__).joinpath("bylines.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], set())
        elif line and not line.startswith("#"):
            current.add(line.casefold())
    return frozenset(sections.get("roles", ())), frozenset(sections.get("not names", ()))


_PREFIX = re.compile(
    r"^(?:(?P<label>Analysis|Opinion|Commentary|Review|Perspective|Explainer|Fact check|Edited|Story|Words|Written)"
    r"\s+by|By|From)\s*:?\s+(?P<rest>.+)$",
    re.I,
)
_GLUED_BY = re.compile(r"^By(?=[A-Z])")
_TRAILING = re.compile(r"\s*[•·|]\s*(?:\d+\s*[smhdw]\w*(?:\s+ago)?|\d+\s*min(?:ute)?s?\s+read|updated.*)$", re.I)
_STAMP_AFTER = re.compile(
    r"(?:\s+[-–—|·•]\s*|\s{2,}|,?\s+(?=(?:Updated|Published|Posted)\b))"
    r"(?=\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|(?:Updated|Published|Posted)\b|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}\b).*$"
)
_WHEN_NOTE = re.compile(r"\s*\((?:now|earlier|later|updates?)\)", re.I)
_FOR_OUTLET = re.compile(r"\s+for\s+(?P<outlet>[A-Z][\w&.' -]{1,40})$", re.I)
_REPORTING_FROM = re.compile(r"\s+reporting(?:\s+from\s+.+)?$", re.I)
_ROLE_WORDS, _NOT_NAMES = _word_lists()
# "CNN’s", "NPR's", "The AP's": an outlet named in the possessive before the names.
_POSSESSIVE = re.compile(
    r"^(?P<outlet>(?:The\s+)?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2})(?:['’]s|(?<=s)['’])\s+(?P<rest>.+)$"
)
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
# ``\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*;\s*``, written so the search skips ahead
# to a space or a mark: the same splits, three times faster on a long line.
_SPLIT_NAMES = re.compile(r"(?=[\s,&;])(?:\s*(?:,\s*(?:and\s+)?|&\s*|;\s*)|\s+and\s+)")
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "del",
        "della",
        "der",
        "di",
        "du",
        "la",
        "le",
        "van",
        "von",
        "bin",
        "ibn",
        "al",
        "el",
        "y",
        "e",
        "dos",
        "das",
        "ter",
        "ten",
    ]
)
_NAME_CHARS = re.compile(r"[\w.'’-]+")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w.'’-]*|[a-z]{1,3}|al-\w+|[A-Z]\.)$")
_CONTRIBUTED = re.compile(
    r"^(?P<names>.+?)\s+(?:contributed|also contributed)(?:\s+(?:to\s+)?(?:this\s+)?(?:report|reporting|story|article))?\.?$",
    re.I,
)
_ASSISTED = re.compile(
    r"^(?:[—–-]\s*)?(?:with assistance from|contributing:|additional reporting by)\s+(?P<names>.+?)\.?$", re.I
)


def looks_like_name(text: str) -> bool:
    """A person's name: one to five words, each capitalised (particles allowed)."""
    words = text.split()
    return 1 <= len(words) <= 5 and words[0][:1].isupper() and all(_name_word(w) for w in words)


def _name_word(word: str) -> bool:
    if word[:1].isupper() and _NAME_CHARS.fullmatch(word):
        return True
    return bool(_NAME_WORD.match(word))


def is_person_name(text: str) -> bool:
    """Stricter than ``looks_like_name``, for a name standing alone on a line: two to
    four words, no word that is a menu item, a section or a role, and not an outlet."""
    words = text.split()
    if not 2 <= len(words) <= 5 or not looks_like_name(text) or outlet_name(text):
        return False
    if any(w[:1].islower() and w.lower() not in _PARTICLES for w in words):
        return False
    lowered = [w.lower().strip(".,") for w in words]
    return not any(w in _NOT_NAMES or w in _ROLE_WORDS for w in lowered)


def is_role(text: str) -> bool:
    """``Health Editor``, ``Scotland reporters``, ``BBC News, Plymouth``: what an author
    is or writes for, on the line under the name."""
    if not 1 <= len(text.split()) <= 6:
        return False
    head = text.split(",")[0].strip()
    last = head.split()[-1].lower().strip(".") if head else ""
    return last in _ROLE_WORDS or outlet_name(head) is not None


@cache
def _outlets() -> dict[str, str]:
    text = resources.files(__package__).joinpath("outlets.txt").read_text(encoding="utf-8")
    found: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            names = [n.strip() for n in line.split("|")]  # the name to show first, then how else it is printed
            found.update({n.casefold(): names[0] for n in names})
    return found


def outlet_name(text: str) -> str | None:
    """``text`` if it is the name of a known outlet or agency (as printed), else None."""
    return _outlets().get(text.strip().strip(".,").casefold())


def _outlet_suffix(name: str) -> tuple[str, str | None]:
    """``Brock Delaney Fox News`` → (``Brock Delaney``, ``Fox News``)."""
    words = name.split()
    for n in range(min(4, len(words) - 1), 0, -1):
        tail = " ".join(words[-n:])
        if outlet_name(tail):
            return " ".join(words[:-n]), tail
    return name, None


def _as_written(name: str) -> str:
    """An all-capitals name in ordinary case: ``DANA WHITCOMB`` → ``Dana Whitcomb``."""
    if name.isupper() and len(name) > 3:
        return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in name.split())
    return name


def _strip_possessive(text: str) -> tuple[str, str | None]:
    m = _POSSESSIVE.match(text)
    if m and m.group("rest")[:1].isupper():
        return m.group("rest"), m.group("outlet")
    return text, None


def split_names(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split ``A, B and C in Cairo`` into names and the places they write from."""
    names: list[str] = []
    places: list[str] = []
    for name, place in _name_segments(text):
        if name:
            names.append(name)
        if place:
            places.append(place)
    return tuple(names), tuple(places)


def _name_segments(text: str) -> Iterator[tuple[str, str]]:
    """Each name of ``split_names`` with its place (either may be empty), one at a
    time, so a line that is no list of names is given up at its first piece."""
    text = text.strip().rstrip(".")
    at = 0
    for m in chain(_SPLIT_NAMES.finditer(text), (None,)):  # as _SPLIT_NAMES.split(text) cuts it
        segment = text[at : m.start()] if m else text[at:]
        if m:
            at = m.end()
        segment = segment.strip()
        if not segment:
            continue
        name, sep, place = segment.partition(" in ")
        yield _POSSESSIVE.sub(r"\g<rest>", name.strip()), place.strip() if sep else ""


def byline_tail(line: str) -> str:
    """What a byline line carries after the names: a stamp printed on the same line
    (``By A  Jul 19, 2022, 8:00am EDT``, ``By A, AP | Posted - Nov. 8, 2023 …``)."""
    m = _STAMP_AFTER.search(line)
    return m.group(0).strip(" -–—|·•,") if m else ""


def parse_byline(line: str) -> Byline | None:
    """Parse a byline such as ``By A, B and C, CNN``, ``From CNN’s A and B``,
    ``From A in Tel Aviv and B in London`` or ``Analysis by A in Abu Dhabi, UAE``.
    Returns None when the line is not a byline."""
    line = _GLUED_BY.sub("By ", line.strip())
    if "•" in line or "·" in line or "|" in line:  # what _TRAILING needs (a cheap test first)
        line = _TRAILING.sub("", line)
    if _may_hold_stamp(line):
        line = _STAMP_AFTER.sub("", line)  # "by Name - 05/09/23 3:41 PM ET": the stamp is read on its own
    m = _PREFIX.match(line)
    if not m:
        return None
    label = m.group("label").lower() if m.group("label") else None
    if label in ("edited", "story", "words", "written"):
        label = None
    rest = m.group("rest").strip().rstrip(".")
    if "(" in rest:
        rest = _WHEN_NOTE.sub("", rest)
    rest = rest.replace(", with ", " and ").replace(" with ", " and ")
    if "eport" in rest.lower():  # what _REPORTING_FROM needs, in any case
        rest = _REPORTING_FROM.sub("", rest)
    if not rest:
        return None
    staff = outlet_name(rest)
    if staff:
        return Byline(authors=(), source=staff, label=label)
    rest, outlet = _strip_possessive(rest)
    if "for" in rest.lower() and (for_outlet := _FOR_OUTLET.search(rest)) is not None:
        outlet = outlet or for_outlet.group("outlet").strip()
        rest = rest[: for_outlet.start()]
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
    if outlet is not None and is_role(outlet):
        outlet = _without_role(outlet)  # "…, Politics Reporter"; "…, Example Times Staff Writer"
    if outlet is not None and not _plausible_outlet(outlet):
        return None  # "By Tuesday, the river had crested…" is a sentence, not a byline
    names: list[str] = []
    found: list[str] = []  # the places
    for name, place in _name_segments(rest):
        if place:
            found.append(place)
        if not name:
            continue
        name, suffix = _outlet_suffix(name)
        outlet = outlet or suffix
        if (is_role(name) and not looks_like_name(name.split(",")[0])) or name.lower().split()[-1] in _ROLE_WORDS:
            continue  # "By A, Rural Affairs Correspondent and B": a role between names
        name = _as_written(name)
        if not (looks_like_name(name) and (len(name.split()) > 1 or name.isupper())):
            return None  # "From Monday", "By Noon": one word is no one's name
        names.append(name)
    if not names:
        return None
    places = tuple(found)
    if place_tail and places:
        places = (*places[:-1], f"{places[-1]}, {place_tail}")
    return Byline(authors=tuple(names), source=outlet and _as_outlet(outlet), places=places, label=label)


def _may_hold_stamp(line: str) -> bool:
    """False only when ``_STAMP_AFTER`` cannot match: each stamp it looks for has a digit or a keyword."""
    return "Updated" in line or "Published" in line or "Posted" in line or has_digit(line)


def _without_role(text: str) -> str | None:
    """The outlet before a role (``Example Times Staff Writer`` → ``Example Times``), or None."""
    words = text.split()
    while words and (words[-1].lower().strip(".") in _ROLE_WORDS or words[-1].lower() in ("staff", "senior", "chief")):
        words.pop()
    rest = " ".join(words)
    return rest if outlet_name(rest) or len(words) >= 2 else None  # "Politics Reporter" names a desk, not an outlet


def _as_outlet(text: str) -> str:
    return outlet_name(text) or text


def _plausible_outlet(text: str) -> bool:
    """An outlet's name: one to five words, the first capitalised."""
    words = text.split()
    return 1 <= len(words) <= 5 and text[:1].isupper()


def parse_contributors(line: str) -> tuple[tuple[str, ...], str | None] | None:
    """``CNN’s A, B and C contributed to this report``, ``Associated Press writers A
    and B contributed…`` or ``Reporting by A; Editing by B`` → names and outlet."""
    line = line.strip()
    assisted = _ASSISTED.match(line)
    if assisted:
        names = tuple(n for n in split_names(assisted.group("names"))[0] if looks_like_name(n))
        return (names, None) if names else None
    if _CREDITS.match(line):
        found: list[str] = []
        for part in _CREDIT_PART.finditer(line):
            found.extend(split_names(part.group("names"))[0])
        names = tuple(n for n in found if looks_like_name(n))
        return (names, None) if names else None
    m = _CONTRIBUTED.match(line) if "contr" in line.lower() else None  # a cheap test first: it needs the word
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
