"""The ingest report: one row per seed saying what ingest made of it.

A row says which kind of document the parser found, how many pages it gives,
and whether the byline, date, dateline and images were found. For a live blog
the fields are counted over its posts ("7/9": seven of nine posts have a
photo). A seed that could not be ingested is a row too, with the reason.

Rows are plain frozen values, built from what the parser returned (never from
what ingest filled in afterwards, such as a fallback date), so the report says
what the seed itself gave. ``seed_warnings`` gives the warnings every ingest
repeats for a seed until it is fixed (no date, no byline, a guessed headline);
``strict_problems`` turns missing bylines and dates into errors for
``--report --strict``; ``table.format_report`` lays the rows out for a terminal.
Pure: nothing here touches the disk.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from ..diagnostics import Diagnostic, error, warning
from .documents import name_date
from .records import Piece


class SeedKind(StrEnum):
    ARTICLE = "article"
    LIVE_BLOG = "live blog"
    LIVE_POST = "live post"
    """Only a ``.md`` seed whose front matter says ``kind: live-post``."""
    REJECTED = "rejected"
    """Read, but refused: editor junk, a symlink out of seeds/, invalid front matter, ..."""
    UNREADABLE = "unreadable"
    """Not readable as text: I/O error, too large, empty, binary, undecodable."""


INGESTED = frozenset({SeedKind.ARTICLE, SeedKind.LIVE_BLOG, SeedKind.LIVE_POST})

STRICT_FIELDS = frozenset({"byline", "date"})
"""The fields a seed must have under ``--strict`` (see ``strict_problems``)."""


class DateFallback(StrEnum):
    """Where the date of a seed that prints none came from (see ``fallback_moment``)."""

    FILE_NAME = "file name"
    FIRST_INGEST = "first ingest"


@dataclass(frozen=True)
class Tally:
    """How many of a seed's pieces (the article, or each post of a live blog) have a field."""

    found: int = 0
    of: int = 0

    @property
    def missing(self) -> int:
        return self.of - self.found

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.found + other.found, self.of + other.of)


NOTHING = Tally()


@dataclass(frozen=True)
class SeedReport:
    """What ingest made of one seed."""

    seed: str
    """The seed's path as messages show it: relative to the project, forward slashes."""
    kind: SeedKind
    pages: int = 0
    """Pages in content/ that come from this seed (written now, or up to date already)."""
    posts: int = 0
    """A live blog's posts; 0 otherwise."""
    byline: Tally = NOTHING
    date: Tally = NOTHING
    """Pieces whose date is printed in the seed."""
    dateline: Tally = NOTHING
    images: Tally = NOTHING
    """Pieces with at least one photo."""
    source: str | None = None
    """The outlet(s) the parser found, comma-separated."""
    date_fallback: DateFallback | None = None
    """Set when the seed prints no date: where its pages' date came from instead."""
    signed: bool = False
    """Some piece has a byline: the article, or a live blog or any of its posts."""
    guessed: tuple[int, str] | None = None
    """Set when the headline was a low-confidence choice: its line number and text."""
    problem: str | None = None
    """Why the seed was not ingested (for a rejected or unreadable seed)."""
    line: int | None = None

    @property
    def ingested(self) -> bool:
        return self.kind in INGESTED

    @property
    def fields(self) -> tuple[tuple[str, Tally], ...]:
        return (("byline", self.byline), ("date", self.date), ("dateline", self.dateline), ("images", self.images))

    def packed(self) -> Packed:
        """The row as plain values, all but its page count: cheap to keep (in
        ``content/.ingest-rows.json``) for a seed that is not parsed again (see ``unpack``)."""
        counts = (self.byline, self.date, self.dateline, self.images)
        fallback = self.date_fallback.value if self.date_fallback else None
        guessed = self.guessed or (None, None)
        return (
            self.kind.value,
            self.posts,
            *(n for t in counts for n in (t.found, t.of)),
            self.source,
            fallback,
            self.signed,
            *guessed,
        )


Packed = tuple[Any, ...]


def unpack(seed: str, packed: Packed, pages: int) -> SeedReport | None:
    """The row ``SeedReport.packed`` gave, for a seed now giving ``pages`` pages;
    None if ``packed`` is not such a value (a cache from elsewhere)."""
    try:
        kind, posts, bf, bo, df, do, lf, lo, imf, imo, source, fallback, signed, line, headline = packed
        return SeedReport(
            seed,
            SeedKind(kind),
            pages,
            posts,
            _tally(bf, bo),
            _tally(df, do),
            _tally(lf, lo),
            _tally(imf, imo),
            source,
            DateFallback(fallback) if fallback else None,
            bool(signed),
            (int(line), str(headline)) if line is not None else None,
        )
    except (TypeError, ValueError):
        return None


@cache
def _tally(found: int, of: int) -> Tally:
    return Tally(found, of)


# --- building rows ---------------------------------------------------------------------


def piece_report(seed: str, piece: Piece, pages: int, headline: tuple[int, str] | None = None) -> SeedReport:
    """The row of a seed the parser read as an article or a live blog; ``headline``
    is the line number and text of the headline the parser chose.

    A live blog's fields are counted over its posts (over the blog itself if it
    has none); its outlet is every outlet named by the blog or its posts."""
    units = piece.posts or (piece,)
    if piece.kind == "live-blog":
        kind = SeedKind.LIVE_BLOG
        sources = _unique(s for s in (piece.source, *(p.source for p in piece.posts)) if s)
    else:
        kind = SeedKind.ARTICLE if piece.kind == "article" else SeedKind.LIVE_POST
        sources = (piece.source,) if piece.source else ()
    return SeedReport(
        seed=seed,
        kind=kind,
        pages=pages,
        posts=len(piece.posts),
        byline=_count(bool(u.authors) for u in units),
        date=_count(u.date is not None for u in units),
        dateline=_count(bool(u.dateline) for u in units),
        images=_count(bool(u.images) for u in units),
        source=", ".join(sources) or None,
        date_fallback=date_fallback(seed) if piece.date is None else None,
        signed=any(u.authors for u in (piece, *piece.posts)),
        guessed=None if piece.confident else headline or (0, piece.title),
    )


def markdown_report(seed: str, meta: Mapping[str, Any], pages: int) -> SeedReport:
    """The row of a ``.md`` seed taken as written: its validated front matter."""
    kinds = {"article": SeedKind.ARTICLE, "live-blog": SeedKind.LIVE_BLOG, "live-post": SeedKind.LIVE_POST}
    source = meta.get("source")
    return SeedReport(
        seed=seed,
        kind=kinds.get(str(meta.get("kind", "article")), SeedKind.ARTICLE),
        pages=pages,
        byline=_count([bool(meta.get("authors"))]),
        date=_count(["date" in meta]),
        dateline=_count([bool(meta.get("dateline"))]),
        images=_count([bool(meta.get("images"))]),
        source=source if isinstance(source, str) and source else None,
        date_fallback=None if "date" in meta else date_fallback(seed),
        signed=bool(meta.get("authors")),
    )


def failed_report(seed: str, problem: str, *, unreadable: bool, line: int | None = None) -> SeedReport:
    """The row of a seed ingest skipped, with the reason."""
    kind = SeedKind.UNREADABLE if unreadable else SeedKind.REJECTED
    return SeedReport(seed=seed, kind=kind, problem=problem, line=line)


def date_fallback(seed: str) -> DateFallback:
    """Where ingest takes the date of a seed that prints none (``name_date`` decides,
    as it does for ``fallback_moment``): its file name, else its first ingest."""
    return DateFallback.FIRST_INGEST if name_date(os.path.basename(seed)) is None else DateFallback.FILE_NAME


def _count(flags: Iterable[bool]) -> Tally:
    values = list(flags)
    return Tally(sum(values), len(values))


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


# --- warnings --------------------------------------------------------------------------


def seed_warnings(row: SeedReport, used: str | None = None) -> list[Diagnostic]:
    """The warnings an ingested seed gives on every ingest until it is fixed: no date
    (saying which fallback its pages took, ``used`` if known), no byline anywhere
    (for a live blog: not on the blog nor on any post), a headline that was a guess."""
    if not row.ingested:
        return []
    found: list[Diagnostic] = []
    if row.date_fallback is DateFallback.FILE_NAME:
        day = f", {used[:10]}" if used else ""
        found.append(warning(f"no date found; using the date in its file name{day}", row.seed))
    elif row.date_fallback is DateFallback.FIRST_INGEST:
        when = f" ({used})" if used else ""
        found.append(warning(f"no date found; using the time of its first ingest{when}, kept from then on", row.seed))
    if not row.signed:
        where = " on the live blog or any of its posts" if row.kind is SeedKind.LIVE_BLOG else ""
        found.append(warning(f"no byline found{where}; its pages have no authors", row.seed))
    if row.guessed is not None:
        line, text = row.guessed
        found.append(
            warning(
                f"the headline is a low-confidence choice: line {line}, {_quoted(text)}; "
                f"see how each line was read with 'python -m generator ingest --explain {row.seed}'",
                row.seed,
                line or None,
            )
        )
    return found


def _quoted(text: str, most: int = 60) -> str:
    return "'" + (text if len(text) <= most else text[: most - 1] + "…") + "'"


# --- --strict --------------------------------------------------------------------------


def strict_problems(rows: Iterable[SeedReport]) -> list[Diagnostic]:
    """One error per ingested seed that lacks a byline or a date (for a live blog:
    any post that lacks one), naming the missing fields."""
    problems: list[Diagnostic] = []
    for row in rows:
        if not row.ingested:
            continue
        missing = [(name, tally) for name, tally in row.fields if name in STRICT_FIELDS and tally.missing]
        if not missing:
            continue
        if row.kind is SeedKind.LIVE_BLOG and row.posts:
            parts = [f"{name} missing in {t.missing} of {t.of} posts" for name, t in missing]
        else:
            parts = [f"no {name}" for name, _ in missing]
        message = "; ".join(parts)
        if row.date.missing and row.date_fallback is not None:
            message += f" (the date used is from its {row.date_fallback.value})"
        problems.append(error(message, row.seed))
    return problems
