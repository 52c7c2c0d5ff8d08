"""Page chrome as data: the lines a copied page carries that are not the story.

The known phrases and patterns live in ``chrome.txt`` beside this module; a site
adds its own in site.yaml as ``ingest.drop_lines``, in the same form: an exact
line (any case), or ``/regex/`` matched against the whole line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

_TRIM = re.compile(r"^[\s•·|›»«<>*-]+|[\s•·|›»«<:*]+$")


def normalise(text: str) -> str:
    """The form lines are compared in: any case, no bullets or trailing colon."""
    return " ".join(_TRIM.sub("", text).split()).casefold()


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
        if self.patterns and _combined(self.patterns).fullmatch(key):
            found = next(p for p in self.patterns if p.fullmatch(key))
            return f"known page chrome (/{found.pattern}/)"
        return None

    def with_lines(self, entries: Sequence[str]) -> ChromeRules:
        """These rules plus a site's own ``drop_lines``."""
        exact, patterns = _split(entries)
        return ChromeRules(self.exact, self.patterns, frozenset(exact), tuple(patterns))


@cache
def _combined(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """All the patterns as one, so a line that is not chrome costs one match."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.I)


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
