"""The build cache in ``.cache/``: named values, pickled, each stamped with the
version of the code that made it, so a new generator never reads an old cache.

Everything here is an optimisation. A missing, stale or unreadable cache file is
simply ignored, and ``rm -rf .cache`` gives a cold build.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

_PACKAGES = ("Jinja2", "Markdown", "PyYAML", "feedgen", "nh3", "lxml", "MarkupSafe")


# Subpackages that never shape what ingest or build write (the command line, the
# preview server, the site checker): editing them keeps the caches.
_NOT_IN_OUTPUT = frozenset({"cli", "serve", "check"})


@cache
def code_version() -> str:
    """A hash of the source that shapes output and of the libraries that do."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        if rel.parts[0] not in _NOT_IN_OUTPUT:
            digest.update(rel.as_posix().encode() + b"\0" + path.read_bytes())
    for name in _PACKAGES:
        try:
            digest.update(f"{name}={metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none\n".encode())
    return digest.hexdigest()[:20]


class Cache:
    """Named values in ``folder``. A name may hold a ``/``: ``prepared-x/0a`` is the
    file ``0a.pickle`` in the folder ``prepared-x`` (a value kept in shards)."""

    def __init__(self, folder: Path, enabled: bool = True) -> None:
        self.folder = folder
        self.enabled = enabled

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.pickle"

    def load(self, name: str) -> Any | None:
        if not self.enabled:
            return None
        try:
            with open(self.path(name), "rb") as handle:
                version, value = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
            return None
        return value if version == code_version() else None

    def save(self, name: str, value: Any) -> None:
        if not self.enabled:
            return
        path = self.path(name)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", dir=path.parent)
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((code_version(), value), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs time next build

    def discard(self, name: str) -> None:
        """Remove a named value, if there is one."""
        if self.enabled:
            _remove(self.path(name))

    def prune(self, prefix: str, keep: str) -> None:
        """Remove every value and folder of shards whose name starts with ``prefix``,
        except the folder ``keep``."""
        if not self.enabled:
            return
        try:
            found = [p for p in self.folder.iterdir() if p.name.startswith(prefix) and p.name != keep]
        except OSError:
            return
        for path in found:
            _remove(path)


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass  # left behind: it is never read, and costs only disk
