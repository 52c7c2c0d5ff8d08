"""Helpers that read a built site the way a browser or a feed reader would."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import ClassVar
from urllib.parse import urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                self.links.append(value)
            if name == "id":
                self.ids.add(value)


def scan(html: str) -> tuple[list[str], set[str]]:
    collector = _Collector()
    collector.feed(html)
    return collector.links, collector.ids


class _Danger(HTMLParser):
    BAD_TAGS: ClassVar[set[str]] = {
        "script",
        "iframe",
        "object",
        "embed",
        "frame",
        "frameset",
        "base",
        "form",
        "style",
        "svg",
        "math",
    }

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.search_page = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.search_page = self.search_page or attributes.get("id") == "search-results"
        if tag in self.BAD_TAGS and not self._site_own(tag, attributes):
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value:
                scheme = "".join(value.split()).lower().split(":", 1)[0]
                if ":" in value and scheme in ("javascript", "vbscript", "data"):
                    self.found.append(f"{tag} {name}={value!r}")

    def _site_own(self, tag: str, attributes: dict[str, str | None]) -> bool:
        """The templates' own markup: JSON-LD, the search box (a form to the search page), and the
        search page's script after its results list. Content never makes these (its HTML is sanitised)."""
        if tag == "script":
            kind = attributes.get("type")
            return kind == "application/ld+json" or (kind == "module" and self.search_page and "src" not in attributes)
        if tag == "form":
            action = attributes.get("action") or ""
            where = urlsplit(action)
            return (
                attributes.get("role") == "search"
                and where.scheme in ("", "http", "https")
                and where.path.endswith(("search/", "./"))
            )
        return False


def dangerous(html: str) -> list[str]:
    """Script, frames, event handlers and script URLs in real markup (escaped text is fine)."""
    checker = _Danger()
    checker.feed(html)
    return checker.found


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.problems.append(f"self-closed <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.problems.append(f"end tag for void <{tag}>")
        elif not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else 'nothing'}>")
        else:
            self.stack.pop()


def malformed(html: str) -> list[str]:
    """Every element closed, in order (our pages never rely on implied end tags)."""
    checker = _Balance()
    checker.feed(html)
    checker.close()
    return checker.problems + [f"<{t}> never closed" for t in checker.stack]
