"""What the last build left in ``output/``: a record per file (the fingerprint it was made
from, its size, modification time and inode), and whether a file is still exactly so.

A build keeps a file, and does not make it again, only when its record says it was made
from the same inputs and the file on disk is untouched since."""

from __future__ import annotations

import os
from pathlib import Path

from .publish import MANIFEST

FileRecord = tuple[str, int, int, int]
"""(fingerprint, size, mtime in ns, inode) of one output file."""


def untouched(output: Path, records: dict[str, FileRecord]) -> bool:
    """Every file the last build left in output/ is still exactly there."""
    if not records or not (output / MANIFEST).is_file():
        return False
    return all(as_left(output, path, record) for path, record in records.items())


def kept_as_left(output: Path, path: str, fingerprint: str, records: dict[str, FileRecord], ours: set[str]) -> bool:
    """The file of the last build is still there, untouched, and made from the same inputs."""
    record = records.get(path)
    return record is not None and record[0] == fingerprint and path in ours and as_left(output, path, record)


def as_left(output: Path, path: str, record: FileRecord) -> bool:
    try:
        st = os.stat(os.path.join(output, path))  # a string join: this runs for every output file
    except OSError:
        return False
    return record[1:] == (st.st_size, st.st_mtime_ns, st.st_ino)


def record_of(output: Path, path: str, fingerprint: str) -> FileRecord:
    try:
        st = os.stat(output / path)
    except OSError:
        return ("", -1, -1, -1)
    return (fingerprint, st.st_size, st.st_mtime_ns, st.st_ino)
