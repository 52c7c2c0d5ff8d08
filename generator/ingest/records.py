"""What the seed parser finds in a document: plain frozen values, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Day
from datetime import datetime

from ..schema import Image, Kind


@dataclass(frozen=True)
class Block:
    """One block of body text: a paragraph or a subheading, as plain text."""

    text: str
    heading: bool = False
    line: int = 0


@dataclass(frozen=True)
class Byline:
    authors: tuple[str, ...] = ()
    source: str | None = None
    places: tuple[str, ...] = ()
    label: str | None = None


@dataclass(frozen=True)
class Piece:
    """An article, a live blog, or one post of a live blog, as found in a seed."""

    kind: Kind
    title: str
    authors: tuple[str, ...] = ()
    contributors: tuple[str, ...] = ()
    source: str | None = None
    date: datetime | None = None
    updated: datetime | None = None
    date_precision: str | None = None
    """``day`` when the page printed a date without a time of day."""
    day: Day | None = None
    dateline: str | None = None
    places: tuple[str, ...] = ()
    reading_time: int | None = None
    label: str | None = None
    series: str | None = None
    images: tuple[Image, ...] = ()
    blocks: tuple[Block, ...] = ()
    note: str | None = None
    posts: tuple[Piece, ...] = ()
    dropped: tuple[str, ...] = ()
    """Lines recognised as page chrome and left out (kept for the ingest report)."""
    confident: bool = True
    """The headline was a clear choice among the page's lines (not a guess)."""
    titled: bool = True
    """The page printed this title; a live post printed without one gets its first words."""
