"""The ingest report: one row per seed saying what ingest made of it.

A row says which kind of document the parser found, how many pages it gives,
and whether the byline, date, dateline and images were found. For a live blog
the fields are counted over its posts ("7/9": seven of nine posts have a
photo). A seed that could not be ingested is a row too, with the reason.

Rows are plain frozen values, built from what the parser returned (never from
what ingest filled in afterwards, such as a fallback date), so the report says
what the seed itself gave. ``format_report`` lays them out as a table for a
terminal; ``strict_problems`` turns missing bylines and dates into errors for
``--strict``. Pure: nothing here touches the disk.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from typing import Any

from ..diagnostics import Diagnostic, error
from .documents import fallback_moment
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
        """The row as plain values, all but its page count: cheap to keep in the
        build cache for a seed that is not parsed again (see ``unpack``)."""
        counts = (self.byline, self.date, self.dateline, self.images)
        fallback = self.date_fallback.value if self.date_fallback else None
        return (self.kind.value, self.posts, *(n for t in counts for n in (t.found, t.of)), self.source, fallback)


Packed = tuple[Any, ...]


def unpack(seed: str, packed: Packed, pages: int) -> SeedReport | None:
    """The row ``SeedReport.packed`` gave, for a seed now giving ``pages`` pages;
    None if ``packed`` is not such a value (a cache from elsewhere)."""
    try:
        kind, posts, bf, bo, df, do, lf, lo, imf, imo, source, fallback = packed
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
        )
    except (TypeError, ValueError):
        return None


def restore_rows(saved: object) -> dict[str, tuple[str, Packed]]:
    """Report rows as the build cache kept them, by seed: (stamp, packed row).
    Anything else in the cache is dropped; ``unpack`` checks the rows themselves."""
    if not isinstance(saved, dict):
        return {}
    return {rel: value for rel, value in saved.items() if isinstance(value, tuple) and len(value) == 2}


@cache
def _tally(found: int, of: int) -> Tally:
    return Tally(found, of)


# --- building rows ---------------------------------------------------------------------


def piece_report(seed: str, piece: Piece, pages: int) -> SeedReport:
    """The row of a seed the parser read as an article or a live blog.

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
    )


def failed_report(seed: str, problem: str, *, unreadable: bool, line: int | None = None) -> SeedReport:
    """The row of a seed ingest skipped, with the reason."""
    kind = SeedKind.UNREADABLE if unreadable else SeedKind.REJECTED
    return SeedReport(seed=seed, kind=kind, problem=problem, line=line)


_NO_NAME_DATE = datetime(1, 1, 1, tzinfo=UTC)


def date_fallback(seed: str) -> DateFallback:
    """Where ingest takes the date of a seed that prints none: its file name, if
    that holds a valid ``YYYY-MM-DD``, else the time of its first ingest."""
    found = fallback_moment(os.path.basename(seed), _NO_NAME_DATE, UTC)
    return DateFallback.FIRST_INGEST if found is _NO_NAME_DATE else DateFallback.FILE_NAME


def _count(flags: Iterable[bool]) -> Tally:
    values = list(flags)
    return Tally(sum(values), len(values))


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


# --- --strict --------------------------------------------------------------------------


def strict_problems(rows: Iterable[SeedReport]) -> list[Diagnostic]:
    """One error per ingested seed that lacks a byline or a date (for a live blog:
    any post that lacks one), naming the missing fields."""
    problems: list[Diagnostic] = []
    for row in rows:
        if not row.ingested:
            continue
        missing = [(name, tally) for name, tally in row.fields[:2] if tally.missing]
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


# --- the table -------------------------------------------------------------------------

_HEAD = ("kind", "pages", "byline", "date", "dateline", "images", "source")
_GAPS = (2, 2, 2, 1, 1, 1, 2)
"""Spaces before each column after the first: the four field columns sit closer together."""
_MIN_SEED = 12
_MIN_SOURCE = 6
_RED, _YELLOW, _BOLD, _RESET = "\x1b[31m", "\x1b[33m", "\x1b[1m", "\x1b[0m"


def format_report(rows: Sequence[SeedReport], colour: bool = False, width: int = 80) -> str:
    """A plain-text table, one line per seed and a totals line, fitted to ``width``
    columns where it can be: the seed column drops the folder all seeds share
    (it becomes the header) and shortens long paths, keeping the file name's end.

    A field is ``yes`` or ``no``; for a live blog, how many posts have it
    (``7/9``); a date taken from the seed's file name shows as ``name``. A seed
    that was not ingested shows its reason across the field columns. The totals
    line counts pieces: articles, plus each live blog's posts. With ``colour``,
    a missing byline or date is red, a missing dateline or photo and a file-name
    date yellow. A legend line follows the totals."""
    folder = _common_folder([r.seed for r in rows])
    head = folder or "seed"
    names = [r.seed[len(folder) :] for r in rows]
    total = _totals(rows)
    total_name = f"total: {len(rows)} seed{'' if len(rows) == 1 else 's'}"
    lines = [(row, _cells(row)) for row in rows]
    total_cells = _total_cells(total)

    # Natural widths; a skipped seed's reason spans the field columns and never widens them.
    widths = [len(h) for h in _HEAD]
    for values in [c for _, c in lines if len(c) == len(_HEAD)] + [total_cells]:
        widths = [max(w, len(v)) for w, v in zip(widths, values, strict=True)]
    for _, values in lines:
        widths[0] = max(widths[0], len(values[0]))
    seed_width = max(len(head), len(total_name), *(len(n) for n in names))
    # Too wide: the source column gives way first, then the seed column.
    fixed = sum(widths[:-1]) + sum(_GAPS)
    widths[-1] = max(min(widths[-1], width - fixed - seed_width), min(widths[-1], _MIN_SOURCE))
    seed_width = max(_MIN_SEED, min(seed_width, width - fixed - widths[-1]))

    def paint(text: str, code: str | None) -> str:
        return f"{code}{text}{_RESET}" if colour and code else text

    def render(name: str, values: Sequence[str], codes: Sequence[str | None]) -> str:
        out = _fit(name, seed_width).ljust(seed_width)
        for i, value in enumerate(values):
            out += " " * _GAPS[i]
            if i == 2 and len(values) == 3:  # a skipped seed's reason: the rest of the line, wrapped
                indent = len(out)
                pieces = textwrap.wrap(value, max(width - indent, 20), break_on_hyphens=False) or [""]
                out += ("\n" + " " * indent).join(paint(piece, codes[i]) for piece in pieces)
                break
            cell = _fit(value, widths[i], path=False)
            pad = " " * (widths[i] - len(cell))
            out += pad + paint(cell, codes[i]) if i == 1 else paint(cell, codes[i]) + pad
        return out.rstrip()

    header = render(head, _HEAD, [None] * len(_HEAD))
    out = [paint(header, _BOLD)]
    for (row, values), name in zip(lines, names, strict=True):
        out.append(render(name, values, _codes(row, values)))
    out.append(render(total_name, total_cells, _total_codes(total)))
    out.extend(_legend(rows))
    return "\n".join(out) + "\n"


def _cells(row: SeedReport) -> list[str]:
    if not row.ingested:
        reason = (f"line {row.line}: " if row.line else "") + (row.problem or "")
        return [row.kind.value, str(row.pages), reason]
    values = [row.kind.value, str(row.pages)]
    values.extend(_shown(tally, row, name) for name, tally in row.fields)
    values.append(row.source or "-")
    return values


def _shown(tally: Tally, row: SeedReport, name: str) -> str:
    if row.kind is SeedKind.LIVE_BLOG and row.posts:
        return f"{tally.found}/{tally.of}"
    if name == "date" and tally.missing and row.date_fallback is DateFallback.FILE_NAME:
        return "name"
    return "yes" if not tally.missing else "no"


def _codes(row: SeedReport, values: Sequence[str]) -> list[str | None]:
    if not row.ingested:
        return [_RED, None, _RED]
    codes: list[str | None] = [None, None]
    for i, (_, tally) in enumerate(row.fields, start=2):
        codes.append(_missing_code(i, tally) if values[i] != "name" else _YELLOW)
    codes.append(None)
    return codes


def _missing_code(column: int, tally: Tally) -> str | None:
    """Red for a missing byline or date (what --strict fails on), yellow for the rest."""
    if not tally.missing:
        return None
    return _RED if column in (2, 3) else _YELLOW


@dataclass(frozen=True)
class _Totals:
    ingested: int
    skipped: int
    pages: int
    fields: tuple[Tally, ...]


def _totals(rows: Sequence[SeedReport]) -> _Totals:
    fields = [NOTHING] * 4
    for row in rows:
        fields = [a + b for a, (_, b) in zip(fields, row.fields, strict=True)]
    ingested = sum(1 for r in rows if r.ingested)
    return _Totals(ingested, len(rows) - ingested, sum(r.pages for r in rows), tuple(fields))


def _total_cells(total: _Totals) -> list[str]:
    kind = f"{total.skipped} skipped" if total.skipped else "all ok"
    return [kind, str(total.pages), *(f"{t.found}/{t.of}" for t in total.fields), ""]


def _total_codes(total: _Totals) -> list[str | None]:
    fields = [_missing_code(i, t) for i, t in enumerate(total.fields, start=2)]
    return [_RED if total.skipped else None, None, *fields, None]


def _legend(rows: Sequence[SeedReport]) -> list[str]:
    notes = ["n/m: n of m pieces (articles, live-blog posts) have the field"]
    if any(r.ingested and r.date_fallback is DateFallback.FILE_NAME for r in rows):
        notes.append("date 'name': none in the text; the date in the file name is used")
    if any(r.ingested and r.date_fallback is DateFallback.FIRST_INGEST for r in rows):
        notes.append("date 'no': none in the text or file name; the first-ingest time is used")
    return notes


def _common_folder(paths: Sequence[str]) -> str:
    """The folder every path is in, with its trailing slash (``seeds/``), or ``""``."""
    if not paths:
        return ""
    folders = [p.split("/")[:-1] for p in paths]
    shared: list[str] = []
    for parts in zip(*folders, strict=False):
        if len(set(parts)) != 1:
            break
        shared.append(parts[0])
    return "/".join(shared) + "/" if shared else ""


def _fit(text: str, room: int, path: bool = True) -> str:
    """``text`` cut to ``room`` characters with an ellipsis. A path loses its
    folders first, then the middle of its name, so the name's end (and suffix) stays."""
    if len(text) <= room:
        return text
    if not path:
        return text[: room - 1] + "…"
    name = text.rsplit("/", 1)[-1]
    if name != text and len(name) + 2 <= room:
        return "…/" + name
    head = (room - 1) // 2
    return name[:head] + "…" + name[len(name) - (room - 1 - head) :]
