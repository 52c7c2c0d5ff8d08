"""Cards: a page as it appears in a list, rendered once and placed in many lists.

A page is listed on its day's digest and on the page of each of its topics,
authors, places and outlet: ten lists or more. Rendering ``partials/card.html``
for each of them was most of a cold build. So a card is rendered once per
process with every link written as a marker around its site-relative path,
and each list page only swaps the markers for links from its own folder. The
bytes are the same as rendering the card in place.

``card.html`` therefore sees only what a card needs: ``p`` (the page),
``level`` (the heading level), ``link``, ``page_link``, ``urls`` and ``site``;
never the list page's own ``here``.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Sequence
from html import unescape
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..pool import parallel_map
from ..site.model import Page

TEMPLATE = "partials/card.html"
_OPEN = f"\x02{secrets.token_hex(8)}:"
"""Opens a link marker: a control character no page text keeps, and a nonce no
page text can hold, so nothing a content file says is ever read as a link."""
_CLOSE = "\x03"
_MARK = re.compile(f"{re.escape(_OPEN)}([^{_CLOSE}]*){_CLOSE}")


def _mark(path: str) -> str:
    return f"{_OPEN}{path}{_CLOSE}"


class Cards:
    """Each card's HTML with links as markers, made on first use."""

    def __init__(self, env: jinja2.Environment, page_path: Callable[[Page], str], shared: dict[str, Any]) -> None:
        self.env = env
        self.page_path = page_path
        self.shared = shared
        """What every card may read besides its page: ``urls``, ``site``."""
        self._made: dict[tuple[str, int], str] = {}

    def marked(self, page: Page, level: int) -> str:
        key = (page.slug, level)
        html = self._made.get(key)
        if html is None:
            context = {
                **self.shared,
                "p": page,
                "level": level,
                "link": _mark,
                "page_link": lambda p: _mark(self.page_path(p)),
            }
            html = self.env.get_template(TEMPLATE).render(context)
            self._made[key] = html
        return html

    def prepare(self, pages: Sequence[Page], jobs: int) -> None:
        """Make the cards of ``pages`` now, shared out over ``jobs`` processes, so the
        render workers forked afterwards all start with them (each would otherwise
        make most of them again for itself)."""
        made = parallel_map(lambda page: self.marked(page, 2), pages, jobs)
        for page, html in zip(pages, made, strict=True):
            self._made[(page.slug, 2)] = html

    def placed(self, page: Page, link: Callable[[str], str], level: int = 2) -> Markup:
        """The card with its links made for the page it is placed on."""
        links: dict[str, str] = {}

        def resolve(match: re.Match[str]) -> str:
            path = match.group(1)  # as escaped into the card
            found = links.get(path)
            if found is None:
                found = links[path] = str(escape(link(unescape(path))))
            return found

        return Markup(_MARK.sub(resolve, self.marked(page, level)))
