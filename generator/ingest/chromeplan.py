"""Matching a line against every pattern of page chrome, fast.

A line is chrome when any pattern of ``chrome.txt`` matches it whole, and the
reason names the first that does. Most lines are not chrome, and a long paragraph
tried against every pattern costs dozens of microseconds, so a long line is only
tried against the patterns that could match it: those whose length bounds admit
it, and whose required words (a literal every match must contain) it holds. Both
bounds are read from the compiled patterns; where the module cannot read them, the
pattern is simply always tried. The answer is the same as trying all of them.
"""

from __future__ import annotations

import importlib
import math
import re
from functools import cache
from typing import Any

LONG = 100
"""Lines longer than this are matched pattern by pattern, after the cheap tests."""
_BACKREF = re.compile(r"\\[1-9]|\(\?P=")


class Plan:
    """The patterns, in order, with what each needs of a line before it is tried."""

    def __init__(self, patterns: tuple[re.Pattern[str], ...]) -> None:
        self.patterns = patterns
        self.combined = re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.I) if patterns else None
        self.split = not any(_BACKREF.search(p.pattern) for p in patterns)  # one by one matches as the whole does
        self.tests = [(p, *_bounds(p)) for p in patterns]

    def first(self, key: str) -> re.Pattern[str] | None:
        """The first pattern matching the whole of ``key`` (a casefolded line), or None."""
        if self.combined is None:
            return None
        if len(key) <= LONG or not self.split:
            if not self.combined.fullmatch(key):
                return None  # a line that is not chrome costs one match
            return next(p for p in self.patterns if p.fullmatch(key))
        length = len(key)
        plain = key.replace("ı", "i")  # the one letter a casefolded line may hold that matches "i" in any case
        for pattern, low, high, needs in self.tests:
            if (
                low <= length <= high
                and (needs is None or any(map(plain.__contains__, needs)))
                and pattern.fullmatch(key)
            ):
                return pattern
        return None


@cache  # one parse per pattern, however many rule sets share it
def _bounds(pattern: re.Pattern[str]) -> tuple[float, float, frozenset[str] | None]:
    """The least and most characters ``pattern`` matches, and the words one of which
    every match contains (None when it need not contain any)."""
    try:  # the parser is an internal of the re module: without it, every pattern is always tried
        parser: Any = importlib.import_module("re._parser")
        tree = parser.parse(pattern.pattern, pattern.flags)
        low, high = tree.getwidth()
        needs = _needs(tree, parser)
        return low, (math.inf if high >= parser.MAXREPEAT - 1 else high), needs
    except Exception:
        return 0, math.inf, None


def _needs(seq: Any, parser: Any) -> frozenset[str] | None:
    """Lowercase ASCII strings one of which every match of ``seq`` contains, or None."""
    options: list[frozenset[str] | None] = []
    run: list[str] = []
    for op, av in [*seq, (None, None)]:
        if op is parser.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            options.append(frozenset({"".join(run)}))
            run = []
        if op is parser.SUBPATTERN:
            options.append(_needs(av[-1], parser))
        elif op is parser.BRANCH:
            alternatives = [_needs(a, parser) for a in av[1]]
            options.append(None if any(not a for a in alternatives) else frozenset().union(*alternatives))  # type: ignore[arg-type]
        elif op in (parser.MAX_REPEAT, parser.MIN_REPEAT, parser.POSSESSIVE_REPEAT) and av[0] >= 1:
            options.append(_needs(av[2], parser))
        elif op in (parser.ASSERT, parser.ATOMIC_GROUP):
            options.append(_needs(av[-1], parser))
    found = [o for o in options if o]
    return max(found, key=lambda o: min(len(n) for n in o)) if found else None
