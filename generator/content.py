"""Content edge: content/*.md → prepared entries, through the cache.

Each file is hashed (without reading it when its size and mtime are as last
seen), looked up in the cache of prepared files by hash and settings, and
prepared afresh only on a miss, in worker processes when there are many. A file
that cannot be read or validated is skipped with a message naming the file and
line; every other page is still built.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .cache import Cache
from .config import SiteConfig
from .diagnostics import Diagnostic, warning
from .filestate import FileHashes
from .fsio import rel_to, walk_files
from .pool import parallel_map
from .prepare import Prepared, Preparer, Rejected, Settings
from .topics import TopicRules


@dataclass(frozen=True)
class Entry:
    """A content file ready for the site model."""

    path: str
    """Relative to the project root, for messages."""
    digest: str
    """sha256 of the file's bytes."""
    prepared: Prepared

    @property
    def meta(self) -> dict[str, object]:
        return self.prepared.meta


Progress = Callable[[int, int], None]


def load_content(
    config: SiteConfig,
    cache: Cache | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> tuple[list[Entry], list[Diagnostic]]:
    """Every publishable content file, prepared, in path order."""
    paths = config.paths
    cache = cache or Cache(paths.cache, enabled=False)
    notes: list[Diagnostic] = []
    if not paths.content.is_dir():
        return [], [warning(f"content folder {paths.content} does not exist")]
    settings = Settings.of(config)
    hashes = FileHashes.restore(cache.load("content-files"))
    stored = cache.load(f"prepared-{settings.key}")
    known: dict[str, Prepared | Rejected] = stored if isinstance(stored, dict) else {}

    found: list[tuple[str, str]] = []  # (shown, digest)
    todo: list[tuple[str, str, bytes]] = []
    for path, problem in walk_files(paths.content):
        if path.name.startswith(".") or path.suffix != ".md":
            continue
        shown = rel_to(path, paths.root)
        if problem:
            notes.append(warning(f"skipped: {problem}", shown))
            continue
        try:
            digest, data = hashes.digest_and_data(path)
            if digest not in known:
                todo.append((shown, digest, data if data is not None else path.read_bytes()))
        except OSError as exc:
            notes.append(warning(f"skipped: cannot read ({exc.strerror or exc})", shown))
            continue
        found.append((shown, digest))

    fresh = _prepare_all(todo, Preparer(settings, TopicRules.compile(config.topics)), jobs, progress)
    results = {**{d: known[d] for _, d in found if d in known}, **fresh}
    entries: list[Entry] = []
    for shown, digest in found:
        result = results[digest]
        if isinstance(result, Rejected):
            notes.append(warning(f"skipped: {result.message}", shown, result.line))
            continue
        notes.extend(warning(note, shown) for note in result.notes)
        entries.append(Entry(shown, digest, result))
    if fresh or len(results) != len(known):
        cache.save(f"prepared-{settings.key}", results)
    cache.save("content-files", hashes.snapshot())
    return entries, notes


def _prepare_all(
    todo: Sequence[tuple[str, str, bytes]], preparer: Preparer, jobs: int, progress: Progress | None
) -> dict[str, Prepared | Rejected]:
    out: dict[str, Prepared | Rejected] = {}
    results = parallel_map(lambda item: preparer(item[2], item[0]), todo, jobs)
    for n, ((_, digest, _), result) in enumerate(zip(todo, results, strict=True), 1):
        out[digest] = result
        if progress:
            progress(n, len(todo))
    return out
