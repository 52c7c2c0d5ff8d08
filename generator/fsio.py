"""File-system edge: reading and writing with guards. Nothing else touches the disk
for writing, so every write is checked to stay inside the folder it belongs to."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from .errors import UnsafePathError


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
