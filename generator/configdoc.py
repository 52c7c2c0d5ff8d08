"""The site.yaml reference in docs/site.md, made from the key table in ``configkeys``.

``python -m generator.configdoc`` prints the table; with a docs page's path it
writes the table anew between the page's marker comments. A test keeps the page
and the declaration in step.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .configkeys import SITE, Key, Section, dotted_name

BEGIN = "<!-- site.yaml keys: made from generator/configkeys.py by `python -m generator.configdoc docs/site.md` -->"
END = "<!-- end of site.yaml keys -->"


def reference() -> str:
    """The Markdown table of every key in declaration order, with a blank line before and after."""
    lines = ["", "| key | type | default | what it does |", "| --- | --- | --- | --- |"]
    lines += [f"| `{name}` | {kind} | {default} | {doc} |" for name, kind, default, doc in _rows(SITE, "")]
    return "\n".join(lines) + "\n\n"


def _rows(section: Section, where: str) -> list[tuple[str, str, str, str]]:
    rows: list[tuple[str, str, str, str]] = []
    for entry in section.entries:
        name = dotted_name(where, entry.name)
        if isinstance(entry, Key):
            empty = "empty" if entry.default == "" else "`[]`" if entry.default == () else f"`{entry.default}`"
            rows.append((name, entry.kind.name, "required" if entry.required else entry.shown or empty, entry.doc))
        elif entry.many:
            rows.append((name, "list of mappings", "`[]`", f"{entry.doc}; each has the keys below"))
            rows += _rows(entry, name + "[]")
        else:
            rows.append((name, "mapping", "", entry.doc))
            rows += _rows(entry, name)
    return rows


def split_reference(text: str) -> tuple[str, str, str]:
    """A docs page in three: before the reference, the reference as it stands, after it."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the reference markers are missing: {BEGIN} ... {END}")
    start += len(BEGIN) + 1
    return text[:start], text[start:end], text[end:]


def main(argv: list[str]) -> int:
    """Print the reference, or with a docs page's path make the reference in that page anew."""
    if not argv:
        sys.stdout.write(reference())
        return 0
    page = Path(argv[0])
    before, _, after = split_reference(page.read_text(encoding="utf-8"))
    page.write_text(before + reference() + after, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
