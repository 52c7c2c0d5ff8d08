"""Which search bundle a story page belongs to: its edition day's period, relative to the newest day.

The search index is split into bundles (each its own Pagefind index, merged in the
reader's browser) so that a build that changes a story re-indexes only that story's
bundle. The rule, with N the newest edition day of the indexed pages:

- a day in N's month belongs to its *week of the month*: days 1–7 are week 1, 8–14
  week 2, 15–21 week 3, 22–28 week 4 and 29–31 week 5 (the calendar's weekdays
  play no part, so a week never spans two months): bundle ``2026-11-w3``;
- a day in an earlier month of N's year belongs to its month: ``2026-10``;
- a day in an earlier year belongs to its year: ``2025``.

So a site has at most 5 + 11 + one per earlier year bundles, and new stories on the
newest days only touch the current week's bundle. When N moves into a new month
(or year), the weeks of the month before become one month bundle (the months of the
year before one year bundle): those are indexed once more, then kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

WEEK_DAYS = 7
INDEXED_KINDS = frozenset({"article", "live-blog"})
"""The pages search indexes: a live post is found through its live blog, which holds its text."""


@dataclass(frozen=True, order=True)
class Bundle:
    """One period of the index: the first day it covers, and its name (a folder under ``pagefind/``)."""

    start: date
    name: str


def bundle_for(day: date, newest: date) -> Bundle:
    """The bundle of a page whose edition day is ``day``, on a site whose newest edition day is ``newest``."""
    if day.year != newest.year:
        return Bundle(date(day.year, 1, 1), f"{day.year:04d}")
    if day.month != newest.month:
        return Bundle(date(day.year, day.month, 1), f"{day.year:04d}-{day.month:02d}")
    week = (day.day - 1) // WEEK_DAYS + 1
    return Bundle(date(day.year, day.month, (week - 1) * WEEK_DAYS + 1), f"{day.year:04d}-{day.month:02d}-w{week}")


def group(days: Mapping[str, date]) -> dict[str, list[str]]:
    """The keys of ``days`` (page → edition day) by bundle name, newest bundle first, keys sorted."""
    if not days:
        return {}
    newest = max(days.values())
    found: dict[Bundle, list[str]] = {}
    for key, day in days.items():
        found.setdefault(bundle_for(day, newest), []).append(key)
    return {bundle.name: sorted(found[bundle]) for bundle in sorted(found, reverse=True)}


def names(days: Iterable[date]) -> list[str]:
    """The bundles a site with pages on ``days`` has, newest first."""
    return list(group({str(n): day for n, day in enumerate(days)}))
