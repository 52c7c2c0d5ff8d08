"""Content edge: content/*.md → prepared entries, through the cache.

Each file is hashed (without reading it when its size and mtime are as last
seen), looked up in the cache of prepared files by hash and settings (kept in
shards by ``shards``), and prepared afresh only on a miss, in worker processes
when there are many. A file that cannot be read or validated is skipped with a
message naming the file and line; every other page is still built.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import Cache
from ..config import SiteConfig
from ..diagnostics import Diagnostic, Level, warning
from ..filestate import FileHashes
from ..fsio import under, walk_files
from ..pool import StepProgress, parallel_map
from .prepare import Prepared, Preparer, Rejected, Settings
from .shards import load_prepared, save_prepared
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


@dataclass(frozen=True)
class Scan:
    """The content files found, each with the hash of its bytes."""

    files: tuple[tuple[str, str, Path], ...]
    """(path shown in messages, sha256, path)"""
    notes: tuple[Diagnostic, ...]
    read: dict[str, bytes] = field(default_factory=dict)
    """The bytes of the files hashing had to read (changed ones), by sha256, so
    they are not read again if they must be prepared."""

    def key(self) -> str:
        listing = "\n".join(f"{shown}\0{digest}" for shown, digest, _ in self.files)
        return hashlib.sha256(listing.encode("utf-8", "surrogatepass")).hexdigest()


def scan_content(config: SiteConfig, cache: Cache | None = None) -> Scan:
    """Find and hash every content file (reading only those whose stat changed)."""
    paths = config.paths
    cache = cache or Cache(paths.cache, enabled=False)
    if not paths.content.is_dir():
        return Scan((), (warning(f"content folder {paths.content} does not exist"),))
    hashes = FileHashes.restore(cache.load("content-files"))
    notes: list[Diagnostic] = []
    files: list[tuple[str, str, Path]] = []
    read: dict[str, bytes] = {}
    prefix = under(paths.content, paths.root)
    for path, rel, problem in walk_files(paths.content):
        if path.name.startswith(".") or path.suffix != ".md":
            continue
        shown = prefix + rel
        if problem:
            notes.append(warning(f"skipped: {problem}", shown))
            continue
        try:
            digest, data = hashes.digest_and_data(path)
        except OSError as exc:
            notes.append(warning(f"skipped: cannot read ({exc.strerror or exc})", shown))
            continue
        files.append((shown, digest, path))
        if data is not None:
            read[digest] = data
    cache.save("content-files", hashes.snapshot())
    return Scan(tuple(files), tuple(notes), read)


def load_content(
    config: SiteConfig,
    rules: TopicRules,
    cache: Cache | None = None,
    jobs: int = 1,
    progress: StepProgress | None = None,
    scan: Scan | None = None,
) -> tuple[list[Entry], list[Diagnostic]]:
    """Every publishable content file, prepared, in path order."""
    cache = cache or Cache(config.paths.cache, enabled=False)
    scan = scan or scan_content(config, cache)
    notes = list(scan.notes)
    settings = Settings.of(config)
    stored = load_prepared(cache, settings.key)
    known = stored.entries()

    todo: list[tuple[str, str, bytes]] = []
    found: list[tuple[str, str]] = []
    for shown, digest, path in scan.files:
        if digest not in known:
            data = scan.read.get(digest)
            if data is None:  # hashed from its unchanged stat, but not prepared under these settings
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    notes.append(warning(f"skipped: cannot read ({exc.strerror or exc})", shown))
                    continue
                if hashlib.sha256(data).hexdigest() != digest:
                    notes.append(warning("skipped: the file changed while the build was reading it", shown))
                    continue
            todo.append((shown, digest, data))
        found.append((shown, digest))

    fresh = _prepare_all(todo, Preparer(settings, rules), jobs, progress)
    results = {**{d: known[d] for _, d in found if d in known}, **fresh}
    entries: list[Entry] = []
    for shown, digest in found:
        result = results[digest]
        if isinstance(result, Rejected):
            notes.append(warning(f"skipped: {result.message}", shown, result.line))
            continue
        notes.extend(warning(note, shown) for note in result.notes)
        entries.append(Entry(shown, digest, result))
    save_prepared(cache, stored, results)
    return entries, notes


def _prepare_all(
    todo: Sequence[tuple[str, str, bytes]], preparer: Preparer, jobs: int, progress: StepProgress | None
) -> dict[str, Prepared | Rejected]:
    out: dict[str, Prepared | Rejected] = {}
    results = parallel_map(lambda item: preparer(item[2], item[0]), todo, jobs)
    for n, ((_, digest, _), result) in enumerate(zip(todo, results, strict=True), 1):
        out[digest] = result
        if progress:
            progress(n, len(todo))
    return out


def left_out(notes: Sequence[Diagnostic]) -> list[tuple[str, str]]:
    """The content files skipped, each with why in a few words, in the order of ``notes``.

    A file skipped for its front matter is named with the line of the problem (the
    front matter, or a key in it); the other skips (unreadable, too large, a body
    that will not render) carry no line.
    """
    return [
        (d.path, "broken front matter" if d.line else "unreadable or not renderable")
        for d in notes
        if d.path and d.level is Level.WARNING and d.message.startswith("skipped: ")
    ]
