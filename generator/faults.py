"""Faults of the machine, not of the generator: a full disk, a file the user may not
write, a read-only file system, too many open files. They are reported like any
other problem (``output/x.html: error: no space left on device; output/ was left as
it was``), naming the file, the cause and what was kept, never as an internal error."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import GeneratorError
from .fsio import rel_to

CAUSES: dict[int, str] = {
    errno.ENOSPC: "no space left on device",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "read-only file system",
    errno.EMFILE: "too many open files (raise the limit with `ulimit -n`, or use fewer --jobs)",
    errno.ENFILE: "too many open files on this system",
}
if hasattr(errno, "EDQUOT"):
    CAUSES[errno.EDQUOT] = "disk quota exceeded"


class MachineError(GeneratorError):
    """The operating system refused a read or a write."""


def cause(exc: BaseException) -> str | None:
    """The fault in words, if ``exc`` is one of the machine's; None for anything else."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return CAUSES.get(exc.errno)
    return None


def shown_path(filename: object, root: Path, tidy: Callable[[str], str] = lambda s: s) -> str | None:
    """The file an OSError names, relative to the project when inside it; ``tidy``
    turns a temporary path into the file it stands for."""
    if isinstance(filename, bytes):
        filename = os.fsdecode(filename)
    if not isinstance(filename, str) or not filename:
        return None
    try:
        rel = rel_to(Path(filename), root)
    except ValueError:  # another drive, on Windows
        return tidy(filename)
    return tidy(filename if rel == ".." or rel.startswith("../") else rel)


@contextmanager
def reported(root: Path, kept: Callable[[], str], tidy: Callable[[str], str] = lambda s: s) -> Iterator[None]:
    """Turn a machine fault raised in the block into a MachineError naming the file and
    saying what was kept (``kept()`` is asked after the failure)."""
    try:
        yield
    except OSError as exc:
        words = cause(exc)
        if words is None:
            raise
        raise MachineError(f"{words}; {kept()}", shown_path(exc.filename, root, tidy)) from exc


def pages_kept(content: Path, root: Path) -> str:
    """What a failed ingest kept."""
    return f"the pages already written to {rel_to(content, root)}/ are whole (each write is atomic)"
