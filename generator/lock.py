"""One writer at a time. ``build``, ``ingest`` and serve's rebuilds hold an exclusive
lock on ``.cache/build.lock`` while they write content/, .cache/ and output/; a second
one waits for the first, told the holder's process id, then runs.

On Linux and macOS the lock is ``fcntl.flock``: the kernel drops it when its process
ends, however it ends, so a lock file left by a dead process (a stale lock) is simply
taken over. The file only holds the last holder's pid, for the waiting message.
Where ``fcntl`` is missing (Windows), one byte of the file is locked with
``msvcrt.locking``, which Windows also drops when the process ends; the wait polls.
A file system that refuses locks altogether (some network mounts) gets no lock:
the command runs as it would have without one.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from .faults import reported

LOCK_NAME = "build.lock"
_UNSUPPORTED = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS}

if sys.platform == "win32":  # pragma: no cover - not run on Linux
    import msvcrt

    _BYTE = 1 << 20  # locked far past the pid, so the pid stays readable

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except PermissionError:
            return False
        return True

    def _wait_lock(fd: int) -> None:
        while not _try_lock(fd):
            time.sleep(0.1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, _BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _wait_lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        # Explicitly, not by closing: forked workers share this open file, and would keep it locked.
        fcntl.flock(fd, fcntl.LOCK_UN)


def holder(path: Path) -> int | None:
    """The pid written in the lock file, if there is one."""
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


@contextmanager
def exclusive(folder: Path, waiting: Callable[[int | None], None] | None = None) -> Iterator[None]:
    """Hold the lock in ``folder`` (created if missing) for the ``with`` block. If another
    process holds it, ``waiting`` is told its pid (None if unknown) before the wait."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    locked = False
    try:
        try:
            if not _try_lock(fd):
                if waiting is not None:
                    waiting(holder(path))
                _wait_lock(fd)
            locked = True
        except OSError as exc:
            if exc.errno not in _UNSUPPORTED:
                raise
        if locked:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        yield
    finally:
        if locked:
            _unlock(fd)
        os.close(fd)


def waiting_message(pid: int | None) -> str:
    """What a second build prints while it waits."""
    who = f"process {pid}" if pid is not None else "another process"
    return f"waiting for {who} to finish: another build or ingest is writing this project"


@contextmanager
def writer(folder: Path, root: Path, say: Callable[[str], None]) -> Iterator[None]:
    """``exclusive`` for a command that writes the project: the wait is said, and a lock
    the machine refuses (a read-only disk) is reported as such (``faults``)."""
    with ExitStack() as stack:
        with reported(root, lambda: "nothing was changed"):
            stack.enter_context(exclusive(folder, lambda pid: say(waiting_message(pid))))
        yield
