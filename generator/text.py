"""Text hygiene shared by every stage: decoding seeds and removing characters
that are invalid in XML 1.0 or that only look like spaces."""

from __future__ import annotations

import math
import re

SUMMARY_WORDS = 60
"""A summary made from the first paragraph is cut to this many words."""
WORDS_PER_MINUTE = 230

# Characters XML 1.0 forbids: C0 controls but tab/newline/CR, lone surrogates, U+FFFE/U+FFFF.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Space-like characters folded to a plain space; zero-width ones dropped.
_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we accept."""


def decode(data: bytes) -> str:
    """Decode UTF-8 (with or without a BOM), falling back to Windows-1252.

    Raises DecodeError for binary data (NUL bytes) or bytes undefined in both.
    """
    if b"\x00" in data:
        raise DecodeError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"neither UTF-8 nor Windows-1252 text (byte 0x{data[exc.start]:02x} at {exc.start})"
        ) from None


def xml_safe(text: str) -> str:
    """Drop every character XML 1.0 cannot carry."""
    return _XML_INVALID.sub("", text)


def clean_line(line: str) -> str:
    """Normalise one line of seed text: odd spaces to spaces, no zero-width marks,
    no XML-invalid characters, runs of spaces folded, ends trimmed."""
    line = _ZERO_WIDTH.sub("", xml_safe(line))
    line = _SPACES.sub(" ", line).replace("\t", " ")
    return re.sub(r" {2,}", " ", line).strip()


def split_lines(text: str) -> list[str]:
    """Split on any newline convention (LF, CRLF, CR) and clean each line."""
    return [clean_line(line) for line in re.split(r"\r\n|\r|\n|\u2028|\u2029|\x85", text)]


def word_count(text: str) -> int:
    return len(text.split())


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """``1 story``, ``2 stories``: a count and its noun, in the right number."""
    return f"{n:,} {noun if n == 1 else nouns or noun + 's'}"


def reading_minutes(words: int) -> int:
    """Minutes to read ``words`` words, rounded up, at least one."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def truncate_words(text: str, limit: int) -> str:
    """At most ``limit`` words; an ellipsis marks a cut."""
    words = text.split()
    if len(words) <= limit:
        return " ".join(words)
    return " ".join(words[:limit]).rstrip(",;:—–-") + "…"
