"""URL-safe slugs: ``[a-z0-9-]``, at most 80 bytes, never empty, unique on request."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

MAX_SLUG_BYTES = 80
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Letters that NFKD does not decompose into ASCII but have an obvious spelling.
_FOLD = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "þ": "th", "ı": "i", "œ": "oe"})


@lru_cache(maxsize=65536)
def slugify(text: str, fallback: str = "page", limit: int = 60) -> str:
    """Turn a headline or name into a slug.

    Accents are folded to ASCII and everything else becomes a hyphen. The slug is
    cut at a hyphen so words stay whole. Text with no ASCII letters or digits
    (emoji, CJK) gets ``fallback`` plus a short hash of the text, so different
    headlines still get different slugs.
    """
    limit = max(8, min(limit, MAX_SLUG_BYTES))
    folded = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii")
    ascii_text = ascii_text.replace("'", "").replace("’", "")
    slug = _NON_ALNUM.sub("-", ascii_text).strip("-")
    if len(slug) > limit:
        cut = slug[:limit]
        slug = cut.rsplit("-", 1)[0] if "-" in cut[limit // 2 :] else cut
        slug = slug.strip("-")
    if not slug:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        slug = f"{fallback}-{digest}" if text.strip() else fallback
    return slug


def unique_slug(base: str, taken: Iterable[str] | set[str]) -> str:
    """Return ``base`` or ``base-2``, ``base-3``... whichever is not taken yet."""
    taken_set = taken if isinstance(taken, set) else set(taken)
    if base not in taken_set:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = base[: MAX_SLUG_BYTES - len(suffix)].rstrip("-") + suffix
        if candidate not in taken_set:
            return candidate
        n += 1


def is_valid_slug(slug: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug)) and len(slug) <= MAX_SLUG_BYTES


def author_slug(name: str) -> str:
    """The slug of an author's page; names differing only in case or accents share one."""
    return slugify(name, fallback="author")
