"""The cache of prepared files, kept in shards.

Prepared files are cached by the sha256 of their bytes under one set of
``prepare`` settings. They are kept in ``SHARDS`` files, a file for each first
two hex digits of the hash (``.cache/prepared-<settings>/0a.pickle``), so that
one changed file rewrites one or two small shards (the one its new hash falls
in, the one its old hash leaves), never the whole cache. A shard that is
missing, unreadable or stamped by other code reads as empty: only its files are
prepared again. A shard is written again whenever the hashes it should hold
differ from those it held, so entries of files that are gone drop out at the
next build instead of piling up.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..cache import Cache
from .prepare import Prepared, Rejected

Result = Prepared | Rejected
SHARDS = 256
_NAMES = tuple(f"{n:02x}" for n in range(SHARDS))
_PREFIX = "prepared-"


def shard_of(digest: str) -> str:
    """The shard a content hash (lower-case hex) is kept in."""
    return digest[:2]


@dataclass(frozen=True)
class Stored:
    """The shards as loaded: the entries of each shard that could be read."""

    key: str
    """The settings' key: the folder of shards is ``prepared-<key>``."""
    shards: Mapping[str, dict[str, Result]]

    def entries(self) -> dict[str, Result]:
        """Every cached result, by content hash."""
        out: dict[str, Result] = {}
        for shard in self.shards.values():
            out.update(shard)
        return out


def load_prepared(cache: Cache, key: str) -> Stored:
    """Every shard of the prepared files under the settings ``key`` that can be read."""
    shards: dict[str, dict[str, Result]] = {}
    if cache.enabled:
        for name in _NAMES:
            value = cache.load(f"{_PREFIX}{key}/{name}")
            if isinstance(value, dict) and all(shard_of(d) == name for d in value):
                shards[name] = value
    return Stored(key, shards)


def save_prepared(cache: Cache, stored: Stored, results: Mapping[str, Result]) -> list[str]:
    """Write the shards whose hashes are not what ``results`` (every file of this
    build) puts in them; returns their names. The first write also drops caches
    of prepared files kept under other settings or in the unsharded form of
    earlier versions."""
    if not cache.enabled:
        return []
    wanted: dict[str, dict[str, Result]] = {}
    for digest, result in results.items():
        wanted.setdefault(shard_of(digest), {})[digest] = result
    written = []
    for name in _NAMES:
        new, old = wanted.get(name, {}), stored.shards.get(name)
        if old is not None and old.keys() == new.keys():
            continue
        if old is None and not new:
            cache.discard(f"{_PREFIX}{stored.key}/{name}")  # an unreadable shard with nothing to keep
            continue
        cache.save(f"{_PREFIX}{stored.key}/{name}", new)
        written.append(name)
    if written:
        cache.prune(_PREFIX, keep=f"{_PREFIX}{stored.key}")
    return written
