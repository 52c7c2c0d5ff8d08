"""Content edge: read content/*.md into validated entries. A file that cannot be
read or validated is skipped with a message naming the file and line; every
other page is still built."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import Any

from . import frontmatter
from .diagnostics import Diagnostic, warning
from .errors import ContentError
from .fsio import rel_to, walk_files
from .schema import validate

MAX_CONTENT_BYTES = 5_000_000


@dataclass(frozen=True)
class Entry:
    meta: dict[str, Any]
    body: str
    path: str
    """Relative to the project root, for messages."""


def load_content(content_dir: Path, root: Path, zone: tzinfo) -> tuple[list[Entry], list[Diagnostic]]:
    entries: list[Entry] = []
    notes: list[Diagnostic] = []
    if not content_dir.is_dir():
        return [], [warning(f"content folder {content_dir} does not exist")]
    for path, problem in walk_files(content_dir):
        if path.name.startswith(".") or path.suffix != ".md":
            continue
        shown = rel_to(path, root)
        if problem:
            notes.append(warning(f"skipped: {problem}", shown))
            continue
        try:
            entries.append(read_entry(path, shown, zone, notes))
        except ContentError as exc:
            notes.append(warning(f"skipped: {exc.message}", shown, exc.line))
    return entries, notes


def read_entry(path: Path, shown: str, zone: tzinfo, notes: list[Diagnostic]) -> Entry:
    size = path.stat().st_size
    if size > MAX_CONTENT_BYTES:
        raise ContentError(f"too large ({size} bytes; at most {MAX_CONTENT_BYTES})", shown)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ContentError(f"not UTF-8 text (byte {exc.start})", shown) from None
    raw, body, _ = frontmatter.parse(text, shown)
    meta, problems, unknown = validate(raw, zone)
    if problems:
        raise ContentError("; ".join(problems), shown, 2)
    notes.extend(warning(u, shown) for u in unknown)
    return Entry(meta=meta, body=body, path=shown)
