"""Curly quotes: straight ``"`` and ``'`` turned into “ ” ‘ ’ the way SmartyPants does it.

Seeds mix both kinds, often in one headline. Titles, summaries, captions and bodies are
curled with the same rules here, when the site model is made; ``content/`` keeps what
its writer typed. In HTML, only text is curled: tags and their attributes are left as
they are, and so is everything inside ``<code>``, ``<pre>``, ``<kbd>``, ``<samp>``,
``<script>`` and ``<style>``."""

from __future__ import annotations

import re

OPENERS = frozenset("([{<‘“—–-/\u00a0")
"""A quote after one of these (or a space, or nothing) opens."""
KEEP_INSIDE = frozenset({"code", "pre", "kbd", "samp", "script", "style", "math", "var"})
BLOCKS = frozenset(
    {
        "p",
        "li",
        "ul",
        "ol",
        "br",
        "td",
        "th",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "figcaption",
        "div",
    }
)

_QUOTES = re.compile(r"[\"']")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>|<!--.*?-->", re.S)


def curl(text: str, before: str = "", after: str = "") -> str:
    """``text`` with its straight quotes curled. ``before`` and ``after`` are the text just
    around it (the runs beside it in an HTML paragraph, ``before`` already curled), which
    decide a quote at either end. A quote reads the character before it as curled, so a
    quote just inside another one opens too (“‘Hi,’ she said”)."""
    if '"' not in text and "'" not in text:
        return text
    out: list[str] = []
    last = 0
    end = len(text) - 1
    prev = before[-1:]
    for m in _QUOTES.finditer(text):
        i = m.start()
        if i > last:  # text since the last quote: its last character; else that quote, curled
            prev = text[i - 1]
        following = text[i + 1] if i < end else after[:1]
        out.append(text[last:i])
        quote = _double(prev, following) if m.group() == '"' else _single(prev, following)
        out.append(quote)
        prev = quote
        last = i + 1
    out.append(text[last:])
    return "".join(out)


def _opens(prev: str) -> bool:
    return not prev or prev.isspace() or prev in OPENERS


def _double(prev: str, following: str) -> str:
    return "“" if _opens(prev) and following and not following.isspace() else "”"


def _single(prev: str, following: str) -> str:
    if prev.isalnum():
        return "’"  # it's, the editors' desk
    if _opens(prev) and following.isdigit():
        return "’"  # the ’90s
    return "‘" if _opens(prev) and following and not following.isspace() else "’"


def curl_html(html: str) -> str:
    """Curl the quotes of the text in an HTML fragment, leaving markup and code as they are."""
    if '"' not in html and "'" not in html:
        return html
    # (text, kept as it is) runs, with "" standing for a tag that ends a block.
    runs: list[tuple[str, bool]] = []
    tags: list[str] = []
    last = 0
    inside = 0  # how deep we are in elements whose text is kept
    for m in _TAG.finditer(html):
        runs.append((html[last : m.start()], inside > 0))
        tags.append(m.group())
        name = (m.group(2) or "").lower()
        if name in KEEP_INSIDE:
            inside = max(0, inside - 1) if m.group(1) else inside + 1
        elif name in BLOCKS:
            runs.append(("", True))  # nothing reads a quote across a block's edge
            tags.append("")
        last = m.end()
    runs.append((html[last:], inside > 0))
    # The nearest run after each that is text or a block's edge ("" then).
    after = [""] * len(runs)
    seen = ""
    for n in range(len(runs) - 1, -1, -1):
        after[n] = seen
        text, kept = runs[n]
        if text or kept:
            seen = text
    out: list[str] = []
    before = ""  # the nearest run before, as curled
    for n, (text, kept) in enumerate(runs):
        if text and not kept:
            text = curl(text, before, after[n])
        if text or kept:
            before = text
        out.append(text)
        if n < len(tags):
            out.append(tags[n])
    return "".join(out)
