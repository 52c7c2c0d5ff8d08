"""Every site.yaml key, declared once (SITE): its type, default, whether it is required, what it does.

config.py validates site.yaml by walking SITE and its dataclasses take their
defaults from it; the reference in docs/site.md is rendered from it
(``python -m generator.configdoc docs/site.md`` rewrites that section). A key has
a kind (how a value is read) and may have a check for its own rule; a section (a
mapping, or a list of them) knows its own keys and may check them together.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .slugs import is_valid_slug, slugify


class Invalid(ValueError):
    """A value a key cannot take; the message reads on from the key's name."""


REQUIRED: Any = object()  # the default of a key that has none: leaving it out is a problem

KeyCheck = Callable[[Any, Path], Any]
"""A key's special rule: (value its kind read, folder of site.yaml) -> value normalised, or raises Invalid."""

SectionCheck = Callable[[Any, str, Path, list[str]], Any]
"""A section's rule over its keys together: (values, dotted name, folder of site.yaml, problems) -> values."""


@dataclass(frozen=True)
class Kind:
    """How a YAML value becomes a Python value: ``read`` returns it or raises Invalid."""

    name: str
    read: Callable[[Any], Any]
    empty: Any  # stands in for a required value that is missing or wrong, so reading goes on


@dataclass(frozen=True)
class Key:
    name: str
    kind: Kind
    doc: str
    default: Any = REQUIRED  # or None when a section check decides it
    check: KeyCheck | None = None
    hint: str = ""  # what a good value looks like, said when it is missing or of the wrong type
    shown: str = ""  # the default as the reference shows it, when the value would not say it

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


@dataclass(frozen=True)
class Section:
    name: str
    doc: str
    entries: tuple[Key | Section, ...]
    many: bool = False  # a list of such mappings (``topics``) rather than one mapping
    check: SectionCheck | None = None

    def names(self) -> frozenset[str]:
        """The keys this section knows; any other is unknown."""
        return frozenset(e.name for e in self.entries)

    def find(self, dotted: str) -> Key | Section:
        """The entry at a dotted name below this section, e.g. ``cluster.threshold``."""
        head, _, rest = dotted.partition(".")
        for entry in self.entries:
            if entry.name == head.removesuffix("[]"):
                if not rest:
                    return entry
                if isinstance(entry, Section):
                    return entry.find(rest)
        raise KeyError(dotted)


def default_of(dotted: str) -> Any:
    """The declared default of a key of SITE, for the dataclasses in config.py."""
    entry = SITE.find(dotted)
    if not isinstance(entry, Key) or entry.required:
        raise KeyError(f"{dotted} has no default")
    return entry.default


def dotted_name(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


# Kinds


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid("must be a non-empty string")
    return value.strip()


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise Invalid(f"must be a whole number of at least 1, not {value!r}")
    return value


def _number(above: float, at_most: float, unit: str = "", allow_zero: bool = False) -> Kind:
    of = f" of {unit}" if unit else ""
    bounds = f"{'at least' if allow_zero else 'above'} {above:g} and at most {at_most:g}"

    def read(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise Invalid(f"must be a number{of} {bounds}, not {value!r}")
        if not (above <= value if allow_zero else above < value) or value > at_most:
            raise Invalid(f"must be a number{of} {bounds}, not {value!r}")
        return float(value)

    return Kind(f"number{of}, {bounds}", read, empty=float(at_most))


def _folder(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Invalid("must be a folder path")
    return value


def _strings(what: str) -> Callable[[Any], tuple[str, ...]]:
    def read(value: Any) -> tuple[str, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, (list, tuple)) or not all(isinstance(w, str) and w.strip() for w in items):
            raise Invalid(f"must be a list of {what}")
        return tuple(w.strip() for w in items)

    return read


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"must be true or false, not {value!r}")
    return value


TEXT = Kind("text", _text, empty="")
URL = Kind("absolute http(s) URL", _text, empty="")
ZONE = Kind("IANA time zone name", _text, empty="UTC")
SLUG = Kind("slug", _text, empty="")
WHOLE = Kind("whole number, at least 1", _whole, empty=1)
FOLDER = Kind("folder path", _folder, empty=".")
WORDS = Kind("list of words or phrases", _strings("words or phrases"), empty=())
FLAG = Kind("true or false", _flag, empty=False)
LINES = Kind("list of lines or `/regex/`", _strings("lines, each an exact line or a /regex/"), empty=())


# Checks of single keys


def _base_url(value: str, _: Path) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise Invalid(f"must be an absolute http(s) URL, not {value!r}")
    if parts.query or parts.fragment:
        raise Invalid("must not have a query or fragment")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def _known_zone(value: str, _: Path) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise Invalid(f"{value!r} is not a known IANA time zone name") from None
    return value


def _under_root(value: str, root: Path) -> Path:
    return Path(os.path.abspath(root / value))


def _slug_rule(value: str, _: Path) -> str:
    if not is_valid_slug(value):
        raise Invalid(f"must use only a-z, 0-9 and single hyphens, not {value!r}")
    return value


# Checks of sections


def _output_apart(values: dict[str, Any], where: str, root: Path, problems: list[str]) -> dict[str, Any]:
    """The output folder is not, does not hold and does not lie inside the root or an input."""
    # Judged on real locations, so a symlink cannot sneak the output into an input.
    output = values["output"].resolve()
    guarded = {
        "the project root": root.resolve(),
        **{dotted_name(where, k): values[k].resolve() for k in ("seeds", "content", "layouts")},
    }
    key = dotted_name(where, "output")
    for name, place in guarded.items():
        if output == place or output in place.parents:
            problems.append(f"'{key}' ({output}) would overwrite {name}; choose a folder of its own")
        elif name != "the project root" and place in output.parents:
            problems.append(f"'{key}' ({output}) lies inside {name}")
    return values


def _topic_slugs(items: list[dict[str, Any] | None], where: str, _: Path, problems: list[str]) -> list[Any]:
    """A topic without a slug takes one made from its name; no two topics share one."""
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item is None:
            continue
        if item["slug"] is None:
            item["slug"] = slugify(item["name"], fallback="topic")
        if item["slug"] in seen:
            problems.append(f"'{where}[{i}].slug' {item['slug']!r} is used by another topic")
        seen.add(item["slug"])
    return items


def drop_line_problem(entry: str) -> str | None:
    """What is wrong with one ``ingest.drop_lines`` entry (a ``/regex/`` must compile), or None."""
    entry = entry.strip()
    if not entry:
        return "is empty"
    if len(entry) > 2 and entry[0] == entry[-1] == "/":
        try:
            re.compile(entry[1:-1])
        except re.error as exc:
            return f"is not a valid regular expression ({exc})"
    return None


def _drop_lines(values: dict[str, Any], where: str, _: Path, problems: list[str]) -> dict[str, Any]:
    for i, entry in enumerate(values["drop_lines"]):
        if (problem := drop_line_problem(entry)) is not None:
            problems.append(f"'{dotted_name(where, 'drop_lines')}[{i}]' {problem}")
    return values


# The declaration


def _folder_key(name: str, doc: str) -> Key:
    """A folder of the project, by default the one of the same name beside site.yaml."""
    return Key(name, FOLDER, doc, default=name, check=_under_root)


SITE = Section(
    "",
    "site.yaml",
    (
        Key("title", TEXT, "the site's name, on every page and feed"),
        Key("description", TEXT, "one line about the site: the footer, the description tag, feeds", default=""),
        Key(
            "base_url",
            URL,
            "where the site is published: canonical links and feeds are built from it",
            check=_base_url,
            hint="an absolute URL such as https://example.org/news/",
        ),
        Key("language", TEXT, "language tag of the pages and feeds, such as `en` or `fr-CA`", default="en"),
        Key(
            "timezone",
            ZONE,
            "decides each story's edition day, and the zone of times written without one",
            default="UTC",
            check=_known_zone,
            hint="an IANA time zone name such as America/New_York",
        ),
        Key("per_page", WHOLE, "pages listed on each page of a topic, place, author or outlet", default=20),
        Key(
            "search",
            FLAG,
            "full-text search of the articles and live blogs: an index built with Pagefind into `pagefind/`, a "
            "search page at `search/` and a search box in every page's header; `false` leaves out all three",
            default=True,
            shown="`true`",
        ),
        Section(
            "paths",
            "the project's folders, relative to the folder holding site.yaml",
            (
                _folder_key("seeds", "raw news documents that ingest reads"),
                _folder_key("content", "the Markdown pages ingest writes and build renders"),
                _folder_key("layouts", "templates and static files"),
                _folder_key(
                    "output",
                    "where the built site goes; refused when it is, holds or lies inside the project root or "
                    "another folder",
                ),
            ),
            check=_output_apart,
        ),
        Section("feed", "the feeds", (Key("items", WHOLE, "entries in each feed at most, newest first", default=20),)),
        Section(
            "digest",
            "the daily digest",
            (
                Key(
                    "top_stories",
                    WHOLE,
                    "stories shown as full cards at the top of each digest; the rest of the day's stories follow as "
                    "a compact list",
                    default=8,
                ),
            ),
        ),
        Section(
            "topics",
            "rules that tag pages with topics; a page's front matter can add or remove topics",
            (
                Key("name", TEXT, "the topic's name as pages show it"),
                Key(
                    "slug",
                    SLUG,
                    "its pages' folder, `/topics/<slug>/`: a-z, 0-9 and single hyphens, unique",
                    default=None,
                    check=_slug_rule,
                    shown="made from `name`",
                ),
                Key(
                    "match",
                    WORDS,
                    "words or phrases looked for, as whole words in any case, in a page's title and text; one string "
                    "is a list of one",
                    default=(),
                ),
            ),
            many=True,
            check=_topic_slugs,
        ),
        Section(
            "ingest",
            "reading seeds",
            (
                Key("max_seed_bytes", WHOLE, "a larger seed is skipped with a warning", default=5_000_000),
                Key(
                    "drop_lines",
                    LINES,
                    "page chrome this site's seeds carry, left out of every page: each an exact line (any case) or "
                    "a `/regex/` matched against the whole line",
                    default=(),
                ),
            ),
            check=_drop_lines,
        ),
        Section(
            "cluster",
            "grouping coverage of one event into a story",
            (
                Key(
                    "threshold",
                    _number(0, 1),
                    "cosine similarity of two groups' headline centroids at which they merge into one story",
                    default=0.35,
                ),
                Key(
                    "window_hours",
                    WHOLE,
                    "the longest time, in hours, from a story's first page to its last",
                    default=48,
                ),
                Key(
                    "body_weight",
                    _number(0, 1, allow_zero=True),
                    "weight of a page's text (its first `cluster.lead_words` words) beside its title; 0: titles only",
                    default=0.0,
                ),
                Key(
                    "lead_words",
                    WHOLE,
                    "words from the start of a page's text read when `cluster.body_weight` is above 0",
                    default=60,
                ),
            ),
        ),
        Section(
            "markdown",
            "limits that keep a hostile body from hanging the build",
            (
                Key(
                    "max_bytes",
                    WHOLE,
                    "a larger body is not rendered: its page is skipped with a warning",
                    default=1_000_000,
                ),
                Key(
                    "time_limit",
                    _number(0, 600, "seconds"),
                    "seconds a body may take to render before its page is skipped with a warning",
                    default=2.0,
                ),
            ),
        ),
    ),
)
