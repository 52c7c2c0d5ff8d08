"""The ingest report as a table for a terminal: one line per seed, a totals line
and a legend.

The columns are declared once, in ``COLUMNS``: each says its header, how to get
its cell (text and colour) from a row and from all rows for the totals line,
how it is aligned, the spaces before it, and whether it is the one that gives
way when the table is too wide. Laying out reads only that declaration, so a
column is added, moved or dropped there and nowhere else. Pure.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .report import NOTHING, STRICT_FIELDS, DateFallback, SeedKind, SeedReport, Tally

_MIN_SEED = 12
"""The fewest characters the seed column keeps when the table is too wide."""
_RED, _YELLOW, _BOLD, _RESET = "\x1b[31m", "\x1b[33m", "\x1b[1m", "\x1b[0m"

Cell = tuple[str, str | None]
"""A cell's text and its colour (a terminal escape code), if it has one."""


@dataclass(frozen=True)
class Column:
    head: str
    cell: Callable[[SeedReport], Cell]
    total: Callable[[Sequence[SeedReport]], Cell]
    """The cell of the totals line, from every row."""
    gap: int = 2
    """Spaces before the column."""
    right: bool = False
    """Aligned right (a number) rather than left."""
    found: bool = True
    """The column says what was found in the seed. A seed that was not ingested
    has nothing found: its reason runs across these columns instead, which come
    after the others."""
    least: int | None = None
    """Set on the column that gives way first when the table is too wide (before
    the seed column): the fewest characters it keeps."""


def _kind(row: SeedReport) -> Cell:
    return row.kind.value, None if row.ingested else _RED


def _total_kind(rows: Sequence[SeedReport]) -> Cell:
    skipped = sum(1 for r in rows if not r.ingested)
    return (f"{skipped} skipped", _RED) if skipped else ("all ok", None)


def _field(name: str, tally: Callable[[SeedReport], Tally], gap: int, shows_name_date: bool = False) -> Column:
    """A column for one field of the seed: ``yes`` or ``no``, for a live blog how
    many posts have it (``7/9``), and with ``shows_name_date`` a date taken from
    the file name as ``name``. Missing, it is red if ``--strict`` requires the
    field, yellow otherwise."""
    missing = _RED if name in STRICT_FIELDS else _YELLOW

    def cell(row: SeedReport) -> Cell:
        t = tally(row)
        if row.kind is SeedKind.LIVE_BLOG and row.posts:
            return f"{t.found}/{t.of}", missing if t.missing else None
        if shows_name_date and t.missing and row.date_fallback is DateFallback.FILE_NAME:
            return "name", _YELLOW
        return ("no", missing) if t.missing else ("yes", None)

    def total(rows: Sequence[SeedReport]) -> Cell:
        t = sum((tally(r) for r in rows), NOTHING)
        return f"{t.found}/{t.of}", missing if t.missing else None

    return Column(name, cell, total, gap=gap)


COLUMNS: tuple[Column, ...] = (
    Column("kind", _kind, _total_kind, found=False),
    Column(
        "pages",
        lambda row: (str(row.pages), None),
        lambda rows: (str(sum(r.pages for r in rows)), None),
        right=True,
        found=False,
    ),
    _field("byline", lambda row: row.byline, gap=2),
    _field("date", lambda row: row.date, gap=1, shows_name_date=True),
    _field("dateline", lambda row: row.dateline, gap=1),
    _field("images", lambda row: row.images, gap=1),
    Column("source", lambda row: (row.source or "-", None), lambda rows: ("", None), least=6),
)
_ALWAYS = tuple(itertools.takewhile(lambda c: not c.found, COLUMNS))
"""The columns a seed that was not ingested shows before its reason."""
assert all(c.found for c in COLUMNS[len(_ALWAYS) :]), "the columns of what was found come last"


def format_report(rows: Sequence[SeedReport], colour: bool = False, width: int = 80) -> str:
    """A plain-text table, one line per seed and a totals line, fitted to ``width``
    columns where it can be: the seed column drops the folder all seeds share
    (it becomes the header) and shortens long paths, keeping the file name's end.

    A seed that was not ingested shows its reason across the columns of what
    was found, wrapped to fit. The totals line counts pieces: articles, plus
    each live blog's posts. With ``colour``, a missing byline or date is red, a
    missing dateline or photo and a file-name date yellow. A legend follows."""
    folder = _common_folder([r.seed for r in rows])
    head = folder or "seed"
    names = [r.seed[len(folder) :] for r in rows]
    total_name = f"total: {len(rows)} seed{'' if len(rows) == 1 else 's'}"
    lines = [_cells(row) for row in rows]
    totals = [column.total(rows) for column in COLUMNS]

    # Natural widths; a skipped seed's reason spans the columns of what was found and never widens them.
    widths = [len(column.head) for column in COLUMNS]
    for cells in [*(cells for cells, _ in lines), totals]:
        for i, (text, _) in enumerate(cells):
            widths[i] = max(widths[i], len(text))
    seed_width = max(len(head), len(total_name), *(len(n) for n in names))
    # Too wide: the column that gives way does so first, then the seed column.
    fixed = sum(w for column, w in zip(COLUMNS, widths, strict=True) if column.least is None)
    fixed += sum(column.gap for column in COLUMNS)
    flexible = 0
    for i, column in enumerate(COLUMNS):
        if column.least is not None:
            widths[i] = max(min(widths[i], width - fixed - seed_width - flexible), min(widths[i], column.least))
            flexible += widths[i]
    seed_width = max(_MIN_SEED, min(seed_width, width - fixed - flexible))

    def paint(text: str, code: str | None) -> str:
        return f"{code}{text}{_RESET}" if colour and code else text

    def render(name: str, cells: Sequence[Cell], reason: Cell | None = None) -> str:
        out = _fit(name, seed_width).ljust(seed_width)
        used = seed_width  # printed width so far; colour codes take none
        for column, room, (text, code) in zip(COLUMNS, widths, cells, strict=False):
            shown = _fit(text, room, path=False)
            pad = " " * (room - len(shown))
            out += " " * column.gap + (pad + paint(shown, code) if column.right else paint(shown, code) + pad)
            used += column.gap + room
        if reason is not None:  # the rest of the line, wrapped under itself
            gap = COLUMNS[len(cells)].gap
            indent = used + gap
            pieces = textwrap.wrap(reason[0], max(width - indent, 20), break_on_hyphens=False) or [""]
            out += " " * gap + ("\n" + " " * indent).join(paint(piece, reason[1]) for piece in pieces)
        return out.rstrip()

    out = [paint(render(head, [(column.head, None) for column in COLUMNS]), _BOLD)]
    for (cells, reason), name in zip(lines, names, strict=True):
        out.append(render(name, cells, reason))
    out.append(render(total_name, totals))
    out.extend(_legend(rows))
    return "\n".join(out) + "\n"


def _cells(row: SeedReport) -> tuple[list[Cell], Cell | None]:
    """A row's cells, and for a seed that was not ingested the reason that takes
    the place of the columns of what was found."""
    if row.ingested:
        return [column.cell(row) for column in COLUMNS], None
    reason = (f"line {row.line}: " if row.line else "") + (row.problem or "")
    return [column.cell(row) for column in _ALWAYS], (reason, _RED)


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
