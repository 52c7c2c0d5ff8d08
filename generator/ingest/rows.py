"""Report rows kept beside the ledger, in ``content/.ingest-rows.json``.

An unchanged seed is not parsed again, but its report row (what the summary
counts, and the warnings that repeat until the seed is fixed) is still needed.
Each row is kept with a stamp of the parser and the seed's bytes it was made
from. They live in content/, beside the ledger, rather than in .cache, so a
build with content/ kept and .cache gone (a fresh clone, a CI run) does not
parse every seed again only to recount its warnings. A file that is missing,
unreadable or of another format only costs those parses.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..fsio import write_atomic
from .report import Packed

ROWS_NAME = ".ingest-rows.json"
ROWS_FORMAT = 1

Rows = dict[str, tuple[str, Packed]]
"""(stamp, packed row) by seed path."""


def load_rows(content: Path) -> Rows:
    """The rows kept by the last ingest; anything that is not such a row is dropped
    (``report.unpack`` checks each row's values)."""
    try:
        raw = json.loads((content / ROWS_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    rows = raw.get("rows") if isinstance(raw, dict) and raw.get("format") == ROWS_FORMAT else None
    if not isinstance(rows, dict):
        return {}
    return {
        seed: (value[0], tuple(value[1]))
        for seed, value in rows.items()
        if isinstance(value, list) and len(value) == 2 and isinstance(value[0], str) and isinstance(value[1], list)
    }


def save_rows(content: Path, rows: Rows) -> None:
    """One line per seed, in seed order, so the file diffs well."""
    body = ",\n".join(
        f" {json.dumps(seed, ensure_ascii=False)}: {json.dumps([stamp, list(packed)], ensure_ascii=False)}"
        for seed, (stamp, packed) in sorted(rows.items())
    )
    text = (
        f'{{"format": {ROWS_FORMAT}, "rows": {{\n{body}\n}}}}\n'
        if rows
        else f'{{"format": {ROWS_FORMAT}, "rows": {{}}}}\n'
    )
    content.mkdir(parents=True, exist_ok=True)
    write_atomic(content / ROWS_NAME, text.encode("utf-8"), content)
