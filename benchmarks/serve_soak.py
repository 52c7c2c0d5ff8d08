"""`make bench-serve`: a long-running `serve`, edited and rebuilt again and again.

It copies the sample project (tests/fixtures/sample/ with the shipped layouts/) to
a temporary folder, starts `python -m generator serve --port 0` there, and then,
CYCLES times (500 unless SOAK_CYCLES says otherwise), edits one content file and
waits until the served page shows the edit. It prints the serve process's
resident memory and open file descriptors (from /proc) at a few cycles, so that
a leak shows as a number that keeps growing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "tests" / "fixtures" / "sample"
PAGE = "content/articles/israel-recalls-negotiators-after-reaching-dead-end-in-qatar.md"
SHOWN_AT = (1, 10, 100, 250, 500)


def _project(folder: Path) -> Path:
    project = folder / "site"
    shutil.copytree(SAMPLE, project)
    shutil.copytree(REPO / "layouts", project / "layouts")
    return project


def _status(pid: int) -> tuple[float, int]:
    """Resident memory in MB and the number of open file descriptors of ``pid``."""
    rss = 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1]) / 1024
    return rss, len(os.listdir(f"/proc/{pid}/fd"))


def _wait_for(url: str, marker: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as reply:  # the local server only
                if marker in reply.read().decode("utf-8"):
                    return
        except (urllib.error.URLError, ConnectionError):
            pass  # between two builds: ask again
        time.sleep(0.05)
    raise TimeoutError(f"the page never showed {marker!r}")


def main() -> int:
    if not Path("/proc/self/status").exists():
        print("bench-serve reads /proc for memory and file handles; this system has none")
        return 0
    cycles = int(os.environ.get("SOAK_CYCLES", "500"))
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        project = _project(Path(tmp))
        env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--port", "0"],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            assert proc.stdout is not None
            url = None
            while url is None:
                line = proc.stdout.readline()
                if not line:
                    raise RuntimeError("serve stopped before it served")
                if found := re.search(r"serving (http://\S+)", line):
                    url = found.group(1)
            _drain(proc)
            page = url + "2023/12/02/israel-recalls-negotiators-after-reaching-dead-end-in-qatar/"
            _wait_for(page, "recalled their team", timeout=120)  # the first build is done
            time.sleep(1.0)  # and the watcher is set up
            source = project / PAGE
            original = source.read_text(encoding="utf-8")
            rows = []
            start = time.perf_counter()
            for n in range(1, cycles + 1):
                marker = f"soak-edit-{n}"
                source.write_text(original.replace("recalled their team", f"recalled their team ({marker})"), "utf-8")
                _wait_for(page, marker)
                if n in SHOWN_AT or n == cycles:
                    rss, fds = _status(proc.pid)
                    rows.append((n, rss, fds, time.perf_counter() - start))
            print(f"serve soak: {cycles} edit-and-rebuild cycles on the sample site\n")
            print("| cycle | resident memory (MB) | open file descriptors | elapsed (s) |")
            print("| ---: | ---: | ---: | ---: |")
            for n, rss, fds, took in rows:
                print(f"| {n} | {rss:.1f} | {fds} | {took:.1f} |")
            print(f"\nmean time from save to the page showing it: {rows[-1][3] / cycles:.2f} s")
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    return 0


def _drain(proc: subprocess.Popen[str]) -> None:
    """Keep reading serve's output so a full pipe never blocks it."""

    def drain() -> None:
        assert proc.stdout is not None
        for _ in proc.stdout:
            pass

    threading.Thread(target=drain, daemon=True).start()


if __name__ == "__main__":
    raise SystemExit(main())
