"""Markdown bodies → sanitised HTML. Python-Markdown renders; nh3 then keeps only
an allowlist of tags, attributes and URL schemes, so nothing in a content file
can run script, whatever an editor or a seed put there.

Python-Markdown is quadratic on some inputs (thousands of ``[`` or ``![``) and
recursive on deep nesting, so a body is capped in size and rendered under a time
limit; a body that still fails raises ContentError and its page is skipped.

Most bodies a seed gives are plain paragraphs with no Markdown syntax at all, and
Python-Markdown spends about a millisecond on each. Those take a fast path that
writes the same HTML directly (``plain_paragraphs``); anything it is not sure of
goes to Python-Markdown. A property test holds the two equal.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import markdown
import nh3

from ..errors import ContentError

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "em", "strong", "b", "i", "u", "s", "sub", "sup",
    "blockquote", "q", "cite", "code", "pre", "ul", "ol", "li", "dl", "dt", "dd", "a", "abbr",
    "figure", "figcaption", "img", "table", "thead", "tbody", "tr", "th", "td", "caption", "small", "mark",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "th": {"scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}


_PLAIN_LINE = re.compile(
    r"""(?:[^\W\d_]|["“‘'(])"""
    r"""(?:[^\x00-\x1f\x7f\x85\u2028\u2029*_\[\]<>&`\\]*[^\s\x00-\x1f\x7f\x85\u2028\u2029*_\[\]<>&`\\])?"""
)
"""A line Markdown leaves as text: it opens with a letter or a quote (no list,
heading, quote, code or rule can start so), ends in no space (no hard break),
and holds no character of inline syntax, entity or HTML."""
_HEADING = re.compile(r"#{1,6} (?!.*#)" + _PLAIN_LINE.pattern)
"""A heading: one to six ``#``, a space, and a plain line with no ``#`` in it."""


class _TooSlow(Exception):
    pass


def plain_paragraphs(text: str) -> str | None:
    """The HTML Python-Markdown gives ``text``, when ``text`` is only plain
    paragraphs and headings (``## …``) alone in their blocks; None when it holds
    anything else."""
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        if not line:
            if blocks[-1]:
                blocks.append([])
        elif _PLAIN_LINE.fullmatch(line) or _HEADING.fullmatch(line):
            blocks[-1].append(line)
        else:
            return None
    html = []
    for lines in blocks:
        if not lines:
            continue
        if lines[0][0] == "#":
            if len(lines) > 1:
                return None  # a heading with text under it, not yet a block of its own
            marks, _, title = lines[0].partition(" ")
            html.append(f"<h{len(marks)}>{title}</h{len(marks)}>")
        elif any(line[0] == "#" for line in lines):
            return None
        else:
            html.append("<p>" + "\n".join(lines) + "</p>")
    return "\n".join(html)


def sanitize(html: str) -> str:
    """Keep only allowlisted markup; links get rel="noopener noreferrer"."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (main thread on POSIX; elsewhere no limit)."""
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render_markdown(text: str, max_bytes: int, time_limit: float) -> str:
    """Render a page body, or raise ContentError if it is too large, too slow or too deep."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise ContentError(f"body is {size} bytes, over the limit of {max_bytes} (markdown.max_bytes)")
    plain = plain_paragraphs(text)
    if plain is not None:
        return sanitize(plain)
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    try:
        with _deadline(time_limit):
            html = md.convert(text)
    except _TooSlow:
        raise ContentError(f"Markdown took longer than {time_limit:g} s to render (markdown.time_limit)") from None
    except RecursionError:
        raise ContentError("Markdown is nested too deeply to render") from None
    return sanitize(html)
