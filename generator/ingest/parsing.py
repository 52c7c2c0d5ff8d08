"""A seed's bytes → what ingest builds pages from, or the reason it cannot.

A text seed goes through the seed parser, with the site's chrome rules, and
gives a Piece (and the line its headline was chosen from); a Markdown seed that
opens with front matter is taken as written and gives its validated front matter
and body. Pure, so it can run in a worker process.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Any

from .. import frontmatter
from ..errors import ContentError, SeedError
from ..schema import validate
from ..text import DecodeError, decode, xml_safe
from .chrome import ChromeRules
from .records import Piece
from .report import SeedReport, failed_report, markdown_report, piece_report
from .seedparse import read_seed

_MARKDOWN_SUFFIXES = {".md", ".markdown"}


@dataclass(frozen=True)
class Parsed:
    """Exactly one of: a piece, a Markdown seed's front matter and body, or a problem."""

    piece: Piece | None = None
    headline: tuple[int, str] | None = None
    """The piece's headline: the number of the line it was chosen from, and its text."""
    meta: dict[str, Any] | None = None
    body: str | None = None
    problem: str | None = None
    line: int | None = None
    unreadable: bool = False
    """The problem is that the bytes are no text (empty, binary, undecodable)."""


def parse(rel: str, data: bytes, zone: tzinfo, chrome: ChromeRules | None = None) -> Parsed:
    """A seed's bytes → a parsed piece (or, for a Markdown seed, its front matter
    and body), or the reason it is skipped. ``chrome``: the page chrome to drop
    (the built-in rules when None)."""
    try:
        text = xml_safe(decode(data))
        if not text.strip():
            return Parsed(problem="empty or whitespace only", unreadable=True)
        if Path(rel).suffix.lower() in _MARKDOWN_SUFFIXES and frontmatter.has_front_matter(text):
            meta, body = _markdown_seed(text, rel, zone)
            return Parsed(meta=meta, body=body)
        reading = read_seed(text, zone, rel, chrome)
        top = reading.lines[reading.headline.index if reading.headline else 0]
        return Parsed(piece=reading.piece, headline=(top.no, reading.piece.title))
    except (SeedError, ContentError) as exc:
        return Parsed(problem=exc.message, line=exc.line)
    except DecodeError as exc:
        return Parsed(problem=str(exc), unreadable=True)
    except RecursionError:
        return Parsed(problem="too deeply nested to parse")


def _markdown_seed(text: str, rel: str, zone: tzinfo) -> tuple[dict[str, Any], str]:
    raw, body, _ = frontmatter.parse(text, rel)
    meta, problems, notes = validate(raw, zone)
    if problems:
        raise ContentError("invalid front matter: " + "; ".join(problems), rel, 2)
    if notes:
        meta = {**meta, "_notes": notes}
    return meta, body


def seed_report(rel: str, parsed: Parsed, pages: int) -> SeedReport:
    """The report row of a parsed seed giving ``pages`` pages."""
    if parsed.problem is not None:
        return failed_report(rel, parsed.problem, unreadable=parsed.unreadable, line=parsed.line)
    if parsed.piece is not None:
        return piece_report(rel, parsed.piece, pages, parsed.headline)
    assert parsed.meta is not None
    return markdown_report(rel, parsed.meta, pages)
