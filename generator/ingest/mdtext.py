"""Plain seed text to Markdown that renders back to exactly that text.

Seeds are prose, not Markdown: a line starting with ``#`` or ``1.``, or any ``<``,
``[`` or ``*`` in a seed, must be shown as written, never become markup.
"""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]])")
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_BLOCK_START = re.compile(r"^(#|>|[-+](?=\s|$|--)|\d+(?=[.)](?:\s|$)))")


def escape(text: str) -> str:
    """Escape one paragraph of plain text for Python-Markdown. White space is
    folded, so the paragraph is one line and no indentation can make it code."""
    text = " ".join(text.split())
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY_LIKE.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    m = _BLOCK_START.match(text)
    if m:
        marker = m.group(1)
        # "1." needs its dot escaped; "#", ">", "-", "+" are escaped themselves.
        text = marker + "\\" + text[len(marker) :] if marker[0].isdigit() else "\\" + text
    return text


def heading(text: str, level: int = 2) -> str:
    text = " ".join(text.split())
    # Trailing hashes would close the ATX heading and vanish: escape them.
    rest = text.rstrip("#")
    hashes = "\\#" * (len(text) - len(rest))
    space = " " if rest.endswith(" ") else ""
    return "#" * level + " " + escape(rest) + space + hashes
