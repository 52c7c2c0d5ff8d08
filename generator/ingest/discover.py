"""Finding the seeds: which files under seeds/ ingest reads, and reading one.

Editor junk (``.DS_Store``, swap and backup files), hidden files and symlinks
that lead out of seeds/ are not seeds; each is skipped with a warning naming
the reason. A seed that is too large, unreadable or empty is refused when read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, warning
from ..errors import SeedError
from ..filestate import FileHashes
from ..fsio import under, walk_files

_JUNK_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini", ".gitkeep", ".keep"}


@dataclass(frozen=True)
class SeedFile:
    path: Path
    rel: str
    """Path relative to the project root, with forward slashes (the ``seed`` field)."""


def discover_seeds(seeds_dir: Path, root: Path) -> tuple[list[SeedFile], list[Diagnostic]]:
    """Every seed file under seeds/, sorted by path. Editor junk, hidden files and
    symlinks that leave seeds/ are skipped with a warning."""
    found: list[SeedFile] = []
    notes: list[Diagnostic] = []
    if not seeds_dir.is_dir():
        return [], [warning(f"seeds folder {seeds_dir} does not exist; nothing to ingest")]
    prefix = under(seeds_dir, root)
    for path, inner, problem in walk_files(seeds_dir):
        rel = prefix + inner
        reason = _junk_reason(path.name) or problem
        if reason is None and not path.is_file():
            reason = "not a regular file"
        if reason:
            notes.append(warning(f"skipped: {reason}", rel))
            continue
        found.append(SeedFile(path, rel))
    return sorted(found, key=lambda s: s.rel), notes


def _junk_reason(name: str) -> str | None:
    if name in _JUNK_NAMES or name.startswith("._"):
        return "editor or system junk file"
    if name.endswith(("~", ".swp", ".swo", ".tmp", ".bak")) or (name.startswith("#") and name.endswith("#")):
        return "editor backup or swap file"
    if name.startswith("."):
        return "hidden file"
    return None


def read_seed(seed: SeedFile, cap: int, hashes: FileHashes) -> tuple[str, bytes | None]:
    """The seed's hash, and its bytes if they had to be read. Raises SeedError for a
    seed over ``cap`` bytes, one that cannot be read, and one with no text."""
    try:
        size = seed.path.stat().st_size
        if size > cap:
            raise SeedError(f"too large ({size} bytes; the cap is ingest.max_seed_bytes = {cap})", seed.rel)
        digest, data = hashes.digest_and_data(seed.path)
    except OSError as exc:
        raise SeedError(f"cannot read ({exc.strerror or exc})", seed.rel) from None
    if data is not None and not data.strip():
        raise SeedError("empty or whitespace only", seed.rel)
    return digest, data
