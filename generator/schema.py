"""The front-matter schema of content files: key order, types, and one validator used
both for ``.md`` seeds at ingest and for content files at render."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any, Literal

from .dates import iso, parse_iso
from .slugs import is_valid_slug

Kind = Literal["article", "live-blog", "live-post"]
KINDS: tuple[Kind, ...] = ("article", "live-blog", "live-post")


@dataclass(frozen=True)
class Image:
    """One entry of ``images``: a photo's caption and its credit."""

    caption: str
    credit: str


# The order keys are written in; editors see the same layout in every file.
FIELD_ORDER = (
    "id",
    "title",
    "slug",
    "kind",
    "date",
    "updated",
    "date_precision",
    "draft",
    "embargo",
    "authors",
    "contributors",
    "source",
    "dateline",
    "places",
    "label",
    "reading_time",
    "summary",
    "images",
    "topics",
    "not_topics",
    "series",
    "live_blog",
    "note",
    "seed",
    "seed_sha256",
)
REQUIRED = ("title",)
DAY_PRECISION = "day"
PRECISIONS = (DAY_PRECISION, "minute")
_DAY_ONLY = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")
"""Values of ``date_precision``: ``day`` when the source printed a date with no time."""


def _text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _text_list(value: Any) -> list[str] | None:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return None
    out = [_text(v) for v in value]
    return [v for v in out if v is not None] if all(v is not None for v in out) else None


def _images(value: Any) -> list[dict[str, str]] | None:
    if value is None:
        return []
    if not isinstance(value, list):
        return None
    out = []
    for item in value:
        if not isinstance(item, dict):
            return None
        caption, credit = _text(item.get("caption")) or "", _text(item.get("credit")) or ""
        out.append({"caption": caption, "credit": credit})
    return out


def _flag(value: Any) -> bool | None:
    """Only YAML's true and false: ``yes``, ``1`` or ``"true"`` are refused rather than guessed."""
    return value if isinstance(value, bool) else None


def _reading_time(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10_000 else None


_CHECKS: dict[str, tuple[Callable[[Any], Any], str]] = {
    "id": (_text, "a string"),
    "title": (_text, "a non-empty string"),
    "source": (_text, "a string"),
    "dateline": (_text, "a string"),
    "label": (_text, "a string"),
    "summary": (_text, "a string"),
    "series": (_text, "a string"),
    "live_blog": (lambda v: v if isinstance(v, str) and is_valid_slug(v) else None, "a slug (a-z, 0-9 and hyphens)"),
    "note": (_text, "a string"),
    "seed": (_text, "a path"),
    "seed_sha256": (_text, "a hex digest"),
    "authors": (_text_list, "a list of names"),
    "contributors": (_text_list, "a list of names"),
    "places": (_text_list, "a list of places"),
    "topics": (_text_list, "a list of topic names or slugs"),
    "not_topics": (_text_list, "a list of topic names or slugs"),
    "images": (_images, "a list of {caption, credit}"),
    "reading_time": (_reading_time, "a whole number of minutes"),
    "date_precision": (lambda v: v if v in PRECISIONS else None, "'day' (the source gave a date, no time) or 'minute'"),
    "draft": (_flag, "true or false"),
}
DATE_KEYS = ("date", "updated", "embargo")
"""Keys holding a moment: parsed alike, a time without an offset taking the site's zone."""


def validate(meta: dict[str, Any], zone: tzinfo) -> tuple[dict[str, Any], list[str], list[str]]:
    """Check and normalise front matter.

    Returns (clean mapping in FIELD_ORDER, problems, warnings). A problem means the
    page cannot be built; a warning names a key that is ignored.
    """
    problems: list[str] = []
    warnings: list[str] = []
    clean: dict[str, Any] = {}
    for key in REQUIRED:
        if _text(meta.get(key)) is None:
            problems.append(f"'{key}' is required and must be a non-empty string")
    for key, value in meta.items():
        if key in _CHECKS:
            check, what = _CHECKS[key]
            if value is None:
                continue
            result = check(value)
            if result is None:
                problems.append(f"'{key}' must be {what}, not {type(value).__name__} {value!r:.60}")
            else:
                clean[key] = result
        elif key == "kind":
            if value not in KINDS:
                problems.append(f"'kind' must be one of {', '.join(KINDS)}, not {value!r:.40}")
            else:
                clean[key] = value
        elif key == "slug":
            if not isinstance(value, str) or not is_valid_slug(value):
                problems.append(
                    f"'slug' must use only a-z, 0-9 and single hyphens (80 bytes at most), not {value!r:.60}"
                )
            else:
                clean[key] = value
        elif key in DATE_KEYS:
            if value is None:
                continue
            try:
                clean[key] = iso(parse_iso(str(value), zone))
                if key == "date" and _DAY_ONLY.match(str(value)) and "date_precision" not in meta:
                    clean["date_precision"] = DAY_PRECISION  # a bare date: no time was given
            except ValueError:
                problems.append(
                    f"'{key}' must be an ISO 8601 date such as 2023-12-02T17:51:00-05:00, not {value!r:.40}"
                )
        else:
            warnings.append(f"unknown front-matter key '{key}' is ignored")
    ordered = {k: clean[k] for k in FIELD_ORDER if k in clean}
    return ordered, problems, warnings
