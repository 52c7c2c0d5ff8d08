"""Markdown bodies → sanitised HTML. Python-Markdown renders; nh3 then keeps only
an allowlist of tags, attributes and URL schemes, so nothing in a content file
can run script, whatever an editor or a seed put there."""

from __future__ import annotations

import markdown
import nh3

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


def render_markdown(text: str) -> str:
    """Render a page body. A fresh Markdown instance each time keeps calls independent."""
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    return sanitize(md.convert(text))
