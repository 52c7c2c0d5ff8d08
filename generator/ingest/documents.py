"""Parsed pieces → content documents (front matter + Markdown body). Pure.

Identity (id, slug, file path) is decided by the caller and handed in through
``Identity``, so this module never looks at the disk.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, tzinfo
from pathlib import PurePosixPath
from typing import Any

from ..dates import iso
from ..schema import DAY_PRECISION, FIELD_ORDER
from ..text import SUMMARY_WORDS, truncate_words
from . import mdtext
from .records import Block, Piece

_ID_NAMESPACE = uuid.UUID("6f1c2f4e-4a52-5b8e-9d7c-2f1a0c9e5d31")


@dataclass(frozen=True)
class Identity:
    id: str
    slug: str
    path: str
    """Path of the content file, relative to content/, with forward slashes."""


@dataclass(frozen=True)
class ContentDoc:
    key: str
    """Which part of its seed this is: ``""`` for the article or live blog, ``post:…`` for a post."""
    identity: Identity
    meta: dict[str, Any]
    body: str


def mint_id(seed: str, key: str) -> str:
    """A UUID URN derived from the seed's path and the piece's key; minted once at
    first ingest and kept in the front matter ever after."""
    return "urn:uuid:" + str(uuid.uuid5(_ID_NAMESPACE, f"{seed}#{key}"))


def post_keys(piece: Piece) -> list[str]:
    """Stable keys for a live blog's posts: their timestamp, numbered on a tie."""
    keys: list[str] = []
    seen: dict[str, int] = {}
    for n, post in enumerate(piece.posts, start=1):
        base = f"post:{iso(post.date)}" if post.date else f"post:{n}"
        seen[base] = seen.get(base, 0) + 1
        keys.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return keys


def body_markdown(blocks: tuple[Block, ...]) -> str:
    parts = [mdtext.heading(b.text) if b.heading else mdtext.escape(b.text) for b in blocks]
    return "\n\n".join(parts)


def summary_of(blocks: tuple[Block, ...]) -> str | None:
    for block in blocks:
        if not block.heading:
            return truncate_words(block.text, SUMMARY_WORDS)
    return None


def _meta(piece: Piece, identity: Identity, seed: str, seed_sha256: str, **extra: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": identity.id,
        "title": piece.title,
        "slug": identity.slug,
        "kind": piece.kind,
        "date": iso(piece.date) if piece.date else None,
        "updated": iso(piece.updated) if piece.updated and piece.updated != piece.date else None,
        "date_precision": piece.date_precision,
        "authors": list(piece.authors),
        "contributors": list(piece.contributors) or None,
        "source": piece.source,
        "dateline": piece.dateline,
        "places": list(piece.places) or None,
        "label": piece.label,
        "reading_time": piece.reading_time,
        "summary": summary_of(piece.blocks),
        "images": [{"caption": i.caption, "credit": i.credit} for i in piece.images] or None,
        "topics": [],
        "series": piece.series,
        "note": piece.note,
        "seed": seed,
        "seed_sha256": seed_sha256,
        **extra,
    }
    return {k: values[k] for k in FIELD_ORDER if values.get(k) is not None}


def documents_for(
    piece: Piece,
    seed: str,
    seed_sha256: str,
    identify: Callable[[str, Piece, str | None], Identity],
) -> list[ContentDoc]:
    """One document for an article; for a live blog, one for the blog and one per post.

    ``identify(key, piece, parent_slug)`` returns the id, slug and path to use.
    """
    main = identify("", piece, None)
    docs = [ContentDoc("", main, _meta(piece, main, seed, seed_sha256), body_markdown(piece.blocks))]
    for key, post in zip(post_keys(piece), piece.posts, strict=True):
        if post.date is None:  # a post printed without a stamp is dated with its live page
            post = replace(post, date=piece.date, updated=piece.date, date_precision=piece.date_precision)
        ident = identify(key, post, main.slug)
        meta = _meta(post, ident, seed, seed_sha256, live_blog=main.slug)
        docs.append(ContentDoc(key, ident, meta, body_markdown(post.blocks)))
    return docs


def markdown_document(
    meta: dict[str, Any], body: str, ident: Identity, seed: str, seed_sha256: str, fallback: datetime
) -> ContentDoc:
    """The document of a ``.md`` seed, taken as written: only the fields it lacks
    are filled in (kind, id, date, empty authors and topics), and its slug, seed
    and seed hash are set."""
    filled = {
        "kind": "article",
        "date": fallback.isoformat(),
        **({"date_precision": precision} if "date" not in meta and (precision := fallback_precision(seed)) else {}),
        "authors": [],
        "topics": [],
        **meta,
        "id": meta.get("id", ident.id),
        "slug": ident.slug,
        "seed": seed,
        "seed_sha256": seed_sha256,
    }
    ordered = {k: filled[k] for k in FIELD_ORDER if k in filled}
    return ContentDoc("", Identity(ordered["id"], ident.slug, ident.path), ordered, body)


def name_date(name: str) -> date | None:
    """The day a seed's file name gives, the first ``YYYY-MM-DD`` in it, if that is
    a valid date; None otherwise."""
    m = re.search(r"(\d{4})-(\d{2})-(\d{2})", name)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    return None


def fallback_precision(seed: str) -> str | None:
    """``day`` when an undated seed is dated from its file name: a day, and no time of day."""
    return DAY_PRECISION if name_date(PurePosixPath(seed).name) else None


def fallback_moment(name: str, first_ingest: datetime, zone: tzinfo) -> datetime:
    """The date of a seed that prints none: the start of the day its file name
    gives (``name_date``), else the moment of its first ingest."""
    day = name_date(name)
    return first_ingest if day is None else datetime.combine(day, time(), tzinfo=zone)
