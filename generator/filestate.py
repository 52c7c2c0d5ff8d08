"""Content hashes of input files without reading unchanged ones.

A file whose size, modification and change times and inode match what was
recorded keeps its recorded hash; any other file is read and hashed again. The
change time (ctime) matters: tools such as ``touch -r`` or ``cp -p`` can set a
modification time back, but nothing sets ctime back. As in git, a file
modified within two seconds of the moment the record was saved is always hashed
again, because a coarse clock could hide a second edit in the same tick.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

_RACY_NS = 2_000_000_000

Record = tuple[int, int, int, int, str]
"""(size, mtime_ns, ctime_ns, inode, sha256)"""


@dataclass
class FileHashes:
    known: dict[str, Record] = field(default_factory=dict)
    saved_ns: int = 0
    seen: dict[str, Record] = field(default_factory=dict)

    def digest_and_data(self, path: Path) -> tuple[str, bytes | None]:
        """The sha256, and the bytes when they had to be read."""
        key = str(path)
        st = os.stat(path)
        record = self.known.get(key)
        if (
            record is not None
            and record[:4] == (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
            and max(st.st_mtime_ns, st.st_ctime_ns) + _RACY_NS < self.saved_ns
        ):
            self.seen[key] = record
            return record[4], None
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        self.seen[key] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, sha)
        return sha, data

    def snapshot(self) -> tuple[dict[str, Record], int]:
        """What to save: the files looked at in this run, and the time."""
        return dict(self.seen), time.time_ns()

    @classmethod
    def restore(cls, saved: object) -> FileHashes:
        if isinstance(saved, tuple) and len(saved) == 2 and isinstance(saved[0], dict) and isinstance(saved[1], int):
            return cls(known=saved[0], saved_ns=saved[1])
        return cls()
