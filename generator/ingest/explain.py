"""``ingest --explain SEED``: how the parser read one seed, as lines of text.

First every line of the seed (blank lines aside) with its number, the tag it
got and why (a line the parser left unmarked says so); then the fields that came
out of it, as ingest would write them, and the warnings ingest would give. Pure:
a ``seedparse.Reading`` in, text out; the command line reads the file.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..dates import iso
from .records import Piece
from .report import DateFallback, date_fallback, piece_report, seed_warnings
from .seedparse import Reading

TEXT_WIDTH = 56
"""Characters of a line's text shown before it is cut with an ellipsis."""
_UNMARKED = "(no tag)"
_FIELD = 12
"""Width of the field names in the second part."""


def explain(reading: Reading, seed: str) -> list[str]:
    """What the parser made of ``seed`` (its path as messages name it), line by line."""
    piece = reading.piece
    out = [f"{seed}: how each line was read (line, tag, text, why)", ""]
    tags = [reading.marks[line.no][0].value if line.no in reading.marks else _UNMARKED for line in reading.lines]
    tag_width = max((len(t) for t in tags), default=0)
    number_width = len(str(reading.lines[-1].no)) if reading.lines else 1
    for line, tag in zip(reading.lines, tags, strict=True):
        why = reading.marks[line.no][1] if line.no in reading.marks else "no recognizer or reading step marked it"
        text = _cut(line.text, TEXT_WIDTH).ljust(TEXT_WIDTH)
        out.append(f"{line.no:>{number_width}}  {tag:<{tag_width}}  {text}  {why}".rstrip())
    out += ["", "what came out:"]
    out += _fields(reading, seed)
    if piece.posts:
        out += _posts(piece.posts)
    headline = reading.lines[reading.headline.index] if reading.headline else reading.lines[0]
    notes = seed_warnings(piece_report(seed, piece, 0, (headline.no, piece.title)))
    out += ["", "ingest would warn:" if notes else "ingest would give no warning"]
    out += [f"  {note.format()}" for note in notes]
    return out


def _fields(reading: Reading, seed: str) -> list[str]:
    piece = reading.piece
    choice = reading.headline
    if choice is None:
        headline = f"'{piece.title}' (no line scored as a headline; the first line is taken)"
    else:
        sure = "confident" if choice.confident else "low confidence"
        why = "; ".join(choice.reasons) or "no evidence"
        line = reading.lines[choice.index].no
        headline = f"'{piece.title}' (line {line}; score {choice.score:.1f}, {sure}: {why})"
    kind = {"live-blog": "live blog", "live-post": "live post"}.get(piece.kind, piece.kind)
    paragraphs = sum(1 for b in piece.blocks if not b.heading)
    headings = len(piece.blocks) - paragraphs
    body = f"{paragraphs}" + (f" (and {headings} subheading{'s' if headings != 1 else ''})" if headings else "")
    rows = [
        ("kind", kind),
        ("headline", headline),
        ("authors", ", ".join(piece.authors) or "none found"),
        ("source", piece.source or "none found"),
        ("date", iso(piece.date) if piece.date else f"none found; {_fallback(seed)}"),
        ("updated", iso(piece.updated) if piece.updated and piece.updated != piece.date else "-"),
        ("dateline", piece.dateline or "none found"),
        ("places", ", ".join(piece.places) or "-"),
        ("images", str(len(piece.images))),
        ("paragraphs", body),
    ]
    if piece.series:
        rows.insert(1, ("series", piece.series))
    if piece.posts:
        rows.append(("live posts", str(len(piece.posts))))
    return [f"  {name:<{_FIELD}}{value}" for name, value in rows]


def _posts(posts: Sequence[Piece]) -> list[str]:
    """One line per live post: its moment (from its stamp), title and authors."""
    width = len(str(len(posts)))
    out = []
    for n, post in enumerate(posts, 1):
        when = iso(post.date) if post.date else "no time found"
        title = f"'{post.title}'" if post.title else "(no title)"
        authors = f", by {', '.join(post.authors)}" if post.authors else ", no byline"
        out.append(f"    {n:>{width}}. {when}  {title}{authors}")
    return out


def _fallback(seed: str) -> str:
    if date_fallback(seed) is DateFallback.FILE_NAME:
        return "ingest uses the date in its file name"
    return "ingest uses the time of its first ingest, kept from then on"


def _cut(text: str, most: int) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"
