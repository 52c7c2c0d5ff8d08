"""A progress bar for long builds, on a terminal only.

It shows the stage, how many items of it are done, and an estimate of the time
left, redrawn at most ten times a second on one line of standard error. When
standard error is not a terminal (CI, a pipe, a log file), or with --quiet, it
stays silent, so logs hold only the messages that matter.
"""

from __future__ import annotations

import os
import time
from typing import TextIO

_LABELS = {
    "parse": "parsing seeds",
    "prepare": "reading content",
    "render": "rendering",
    "search": "indexing for search",
}


class ProgressBar:
    WIDTH = 24

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.stage = ""
        self.started = 0.0
        self.drawn = 0.0

    @staticmethod
    def wanted(stream: TextIO, quiet: bool) -> bool:
        return not quiet and stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage != self.stage:
            self.close()
            self.stage, self.started = stage, now
        if done < total and now - self.drawn < 0.1:
            return
        self.drawn = now
        filled = self.WIDTH * done // max(total, 1)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        elapsed = now - self.started
        left = elapsed / done * (total - done) if done else 0.0
        eta = f"  about {left:.0f} s left" if done < total and elapsed > 1 else ""
        label = _LABELS.get(stage, stage)
        self.stream.write(f"\r{label:<16} [{bar}] {done}/{total}{eta}\033[K")
        self.stream.flush()

    def close(self) -> None:
        if self.stage:
            self.stream.write("\n")
            self.stream.flush()
            self.stage = ""
