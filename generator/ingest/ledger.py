"""The ingest ledger, ``content/.ingest.json``: what ingest last wrote.

One entry per page: the seed it came from, its part of that seed, its id and
slug, the hash of the bytes written and the hash of the seed they were made
from (and, for a seed that prints no date, the date it was given). Comparing a
page with its entry is how ingest tells a page edited by hand from one it may
replace, and comparing a seed with it is how an unchanged seed is skipped.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from ..fsio import write_atomic

LEDGER_NAME = ".ingest.json"
LEDGER_FORMAT = 1


@dataclass(frozen=True)
class LedgerEntry:
    seed: str
    key: str
    id: str
    slug: str
    sha256: str
    seed_sha256: str
    fallback_date: str | None = None


_FIELDS = tuple(f.name for f in fields(LedgerEntry))
_ESCAPED = re.compile(r'[\x00-\x1f"\\]')
"""What ``json.dumps`` escapes in a string when it may write any character as itself."""

Ledger = dict[str, LedgerEntry]
"""Entries by page path (relative to content/, forward slashes)."""


def load_ledger(content: Path) -> tuple[Ledger, str | None, str | None]:
    """The ledger, the parser fingerprint it was written with, and a problem if unreadable.

    Without a readable ledger every existing file counts as hand-edited, so
    nothing is overwritten by mistake."""
    path = content / LEDGER_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        pages = {str(p): LedgerEntry(**e) for p, e in raw["pages"].items()}
        return pages, str(raw.get("parser")), None
    except FileNotFoundError:
        return {}, None, None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return {}, None, f"ingest ledger unreadable ({exc.__class__.__name__}); existing pages are treated as edited"


def save_ledger(content: Path, ledger: Ledger, fingerprint: str) -> None:
    content.mkdir(parents=True, exist_ok=True)
    write_atomic(content / LEDGER_NAME, ledger_bytes(ledger, fingerprint), content)


def ledger_bytes(ledger: Ledger, fingerprint: str) -> bytes:
    """The ledger file: ``json.dumps(doc, indent=1, ensure_ascii=False)`` byte for byte,
    but with each entry written once per process and kept (a run that changed one
    seed writes the others as they were), and no pure-Python encoder walking them."""
    head = f'{{\n "format": {LEDGER_FORMAT},\n "parser": {_string(fingerprint)},\n "pages": '
    if not ledger:
        return (head + "{}\n}\n").encode("utf-8")
    pages = ",\n".join(f"  {_string(p)}: {_entry_text(ledger[p])}" for p in sorted(ledger))
    return (head + "{\n" + pages + "\n }\n}\n").encode("utf-8")


def _string(value: str) -> str:
    """``json.dumps(value, ensure_ascii=False)``; most values need no escape at all."""
    return json.dumps(value, ensure_ascii=False) if _ESCAPED.search(value) else f'"{value}"'


@lru_cache(maxsize=1 << 16)
def _entry_text(entry: LedgerEntry) -> str:
    values = ((name, getattr(entry, name)) for name in _FIELDS)
    return "{\n" + ",\n".join(f'   "{name}": {_string(v)}' for name, v in values if v is not None) + "\n  }"


def by_seed(ledger: Ledger) -> dict[str, list[tuple[str, LedgerEntry]]]:
    """The ledger's (page, entry) pairs grouped by the seed they came from."""
    grouped: dict[str, list[tuple[str, LedgerEntry]]] = {}
    for path, entry in ledger.items():
        grouped.setdefault(entry.seed, []).append((path, entry))
    return grouped


def seed_unchanged(entries: list[tuple[str, LedgerEntry]], digest: str, content: Path) -> bool:
    """The seed is as last ingested and every page it gave still exists."""
    return all(e.seed_sha256 == digest and os.path.isfile(os.path.join(content, p)) for p, e in entries)
