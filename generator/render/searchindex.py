"""The search index of one build, bundle by bundle: keep each bundle whose pages are
unchanged, index again only the ones that changed.

The indexed pages are grouped into bundles by period (bundles.py). Each bundle has
its own key (search.search_key: its pages' fingerprints and the Pagefind binary),
recorded against each of its files: a bundle whose key is the same and whose files
are as the last build left them is kept without running Pagefind, its files not
touched. A changed or new bundle is indexed on its own (search.build_index) and
only its files whose bytes changed are staged. A bundle with no pages left is not
listed, so publishing removes its files (they drop out of the manifest).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..pool import StageProgress
from . import search
from .bundles import group
from .publish import Publisher
from .search import WORK, binary, build_index, index_files

IndexedPage = tuple[str, str, date]
"""An indexed page: its output file, its fingerprint and its edition day."""


@dataclass(frozen=True)
class SearchIndex:
    """The search index of one build: its files (output path → its bundle's key), and how it was had."""

    keys: dict[str, str] = field(default_factory=dict)
    reused: frozenset[str] = frozenset()
    """The files of the bundles kept from the last build (Pagefind did not run for them)."""
    indexed: tuple[str, ...] = ()
    """The bundles Pagefind indexed this build, newest first."""
    pages: int = 0
    """How many pages were given to Pagefind."""
    seconds: float = 0.0

    @property
    def files(self) -> list[str]:
        return sorted(self.keys)


def update_index(
    pages: Sequence[IndexedPage],
    publisher: Publisher,
    previous: Sequence[str],
    kept: Callable[[str, str], bool],
    progress: StageProgress | None = None,
) -> SearchIndex:
    """Bring the index's bundles up to date with ``pages``: ``previous`` is every output file
    the last build recorded, ``kept(path, key)`` whether that file is still as it left it,
    made from ``key``."""
    if not pages:
        return SearchIndex()
    engine = binary()
    made_by = search.engine_identity(engine)  # stat the binary once, not once per bundle
    fingerprints = {path: fingerprint for path, fingerprint, _ in pages}
    bundles = group({path: day for path, _, day in pages})
    had = index_files(previous)
    keys: dict[str, str] = {}
    reused: set[str] = set()
    stale: list[tuple[str, str]] = []
    for name, members in bundles.items():
        key = search.search_key(name, ((path, fingerprints[path]) for path in members), made_by)
        files = had.get(name, [])
        if files and all(kept(path, key) for path in files):
            keys.update(dict.fromkeys(files, key))
            reused.update(files)
        else:
            stale.append((name, key))
    started = time.perf_counter()
    for n, (name, key) in enumerate(stale):
        if progress:
            progress("search", n, len(stale))
        members = bundles[name]
        made = build_index(publisher.current(members), publisher.root / WORK, engine, name)
        for path, data in made.items():
            if not publisher.same(path, data):
                publisher.write(path, data)
        keys.update(dict.fromkeys(made, key))
    if progress and stale:
        progress("search", len(stale), len(stale))
    return SearchIndex(
        keys,
        reused=frozenset(reused),
        indexed=tuple(name for name, _ in stale),
        pages=sum(len(bundles[name]) for name, _ in stale),
        seconds=time.perf_counter() - started if stale else 0.0,
    )
