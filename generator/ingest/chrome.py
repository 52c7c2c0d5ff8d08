"""Page chrome as data: the lines a copied page carries that are not the story.

The known phrases and patterns live in ``chrome.txt`` beside this module; a site
adds its own in site.yaml as ``ingest.drop_lines``, in the same form: an exact
line (any case), or ``/regex/`` matched against the whole line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources

from .chromeplan import Plan

_LEADING = frozenset("•·|›»«<>*-")
_TRAILING = frozenset("•·|›»«<:*")


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """The form lines are compared in: any case, no bullets or trailing colon."""
    start, end = 0, len(text)
    while start < end and (text[start] in _LEADING or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _TRAILING or text[end - 1].isspace()):
        end -= 1
    return " ".join(text[start:end].split()).casefold()


@dataclass(frozen=True)
class ChromeRules:
    exact: frozenset[str]
    patterns: tuple[re.Pattern[str], ...]
    user_exact: frozenset[str] = frozenset()
    user_patterns: tuple[re.Pattern[str], ...] = ()

    def match(self, text: str) -> str | None:
        """Why ``text`` is chrome, or None when it is not."""
        key = normalise(text)
        if not key:
            return None
        if key in self.user_exact:
            return "listed in site.yaml ingest.drop_lines"
        for pattern in self.user_patterns:
            if pattern.fullmatch(key):
                return f"matches /{pattern.pattern}/ of site.yaml ingest.drop_lines"
        if key in self.exact:
            return "known page chrome"
        found = self._plan.first(key)
        return f"known page chrome (/{found.pattern}/)" if found is not None else None

    @cached_property
    def _plan(self) -> Plan:
        return Plan(self.patterns)

    def with_lines(self, entries: Sequence[str]) -> ChromeRules:
        """These rules plus a site's own ``drop_lines``."""
        exact, patterns = _split(entries)
        return ChromeRules(self.exact, self.patterns, frozenset(exact), tuple(patterns))


def _split(entries: Iterable[str]) -> tuple[list[str], list[re.Pattern[str]]]:
    exact: list[str] = []
    patterns: list[re.Pattern[str]] = []
    for raw in entries:
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        if len(entry) > 2 and entry.startswith("/") and entry.endswith("/"):
            patterns.append(re.compile(entry[1:-1], re.I))
        else:
            exact.append(normalise(entry))
    return exact, patterns


@cache
def known() -> ChromeRules:
    """The chrome every site drops, from ``chrome.txt``."""
    text = resources.files(__package__).joinpath("chrome.txt").read_text(encoding="utf-8")
    exact, patterns = _split(text.splitlines())
    return ChromeRules(frozenset(exact), tuple(patterns))
