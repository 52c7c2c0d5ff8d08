"""File-system helpers with guards: hashing, walking a folder without following
links out of it, and atomic writes that refuse any path leaving the folder they
belong to. Ingest writes content/ through ``write_atomic``; the build's output/
goes through ``render.publish``, and the cache writes its own files in .cache/."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import UnsafePathError


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def rel_to(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with forward slashes, for messages and provenance."""
    return Path(os.path.relpath(path.absolute(), root)).as_posix()


def walk_files(folder: Path) -> Iterator[tuple[Path, str, str | None]]:
    """Every file under ``folder`` in sorted order, hidden folders skipped: its path,
    its path relative to ``folder`` (forward slashes), and a reason to skip it
    when it is a symlink leading out of ``folder``."""
    base = folder.resolve()

    def walk(directory: str, prefix: str) -> Iterator[tuple[Path, str, str | None]]:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda e: e.name)
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                if not entry.name.startswith("."):
                    yield from walk(entry.path, rel + "/")
                continue
            path = Path(entry.path)
            outside = entry.is_symlink() and base not in path.resolve().parents
            if entry.is_symlink() and not outside and path.is_dir():
                continue
            yield path, rel, f"symlink pointing outside {folder.name}/" if outside else None

    if folder.is_dir():
        yield from walk(str(folder), "")


def under(folder: Path, root: Path) -> str:
    """The prefix that turns a path relative to ``folder`` into one relative to ``root``."""
    rel = rel_to(folder, root)
    return "" if rel == "." else rel + "/"


def inside(path: Path, root: Path) -> Path:
    """Return ``path`` resolved, or raise UnsafePathError if it leaves ``root``."""
    resolved_root = root.resolve()
    resolved = (resolved_root / path).resolve() if not path.is_absolute() else path.resolve()
    if resolved != resolved_root and resolved_root not in resolved.parents:
        raise UnsafePathError(f"refusing to write outside {resolved_root}: {path}", str(path))
    return resolved


def write_atomic(path: Path, data: bytes, root: Path) -> bool:
    """Write ``data`` to ``path`` (inside ``root``) unless it already holds exactly
    those bytes. The write goes to a temporary file first, then replaces the
    target, so a crash never leaves a half-written file. Returns True if written."""
    target = inside(path, root)
    try:
        if target.read_bytes() == data:
            return False
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # mkstemp makes files private; content/ files are ordinary files
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
