"""The build cache in ``.cache/``: named values, pickled, each stamped with the
version of the code that made it, so a new generator never reads an old cache.

Everything here is an optimisation. A missing, stale or unreadable cache file is
simply ignored, and ``rm -rf .cache`` gives a cold build.
"""

from __future__ import annotations

import hashlib
import os
import pickle
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
    def __init__(self, folder: Path, enabled: bool = True) -> None:
        self.folder = folder
        self.enabled = enabled

    def load(self, name: str) -> Any | None:
        if not self.enabled:
            return None
        try:
            with open(self.folder / f"{name}.pickle", "rb") as handle:
                version, value = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
            return None
        return value if version == code_version() else None

    def save(self, name: str, value: Any) -> None:
        if not self.enabled:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{name}-", dir=self.folder)
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((code_version(), value), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.folder / f"{name}.pickle")
        except OSError:
            pass  # a cache that cannot be written only costs time next build
