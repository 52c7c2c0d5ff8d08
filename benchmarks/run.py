"""`make bench`: time ingest + render on synthetic corpora.

For each size N (BENCH_SIZES, default "1000 10000") it builds a throwaway project
and times, in fresh processes: a cold build (no .cache, output or content), a
no-change rebuild, and rebuilds after one seed changed, one content file edited
by hand, one template changed, and site.yaml changed. Sizes of LARGE or more
(100,000) skip the last two, which are cold renders again, unless BENCH_ALL=1.
Prints a table of wall time, peak memory (the largest single process, max RSS),
pages per second, the time the build spent making the search index (Pagefind;
"-" when the build kept the last index), and the output's files and size on disk.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .synth import EPOCH, write_corpus

REPO = Path(__file__).resolve().parent.parent
LARGE = 50_000
"""From this size on, only the scenarios that are not a full render again run (BENCH_ALL=1: all)."""


SEARCH_LINE = re.compile(r"search index of [\d,]+ pages? made in ([\d.]+) s")


def _run(project: Path) -> tuple[float, float, float | None]:
    """Wall seconds, peak RSS in MB, and search indexing seconds (None: not indexed) of one
    `python -m generator build`."""
    cmd = [sys.executable, "-m", "generator", "build"]
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": EPOCH}
    timer = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    start = time.perf_counter()
    if timer:
        done = subprocess.run(
            [timer, "-f", "%M", *cmd], cwd=project, env=env, capture_output=True, text=True, check=False
        )
        peak = float(done.stderr.strip().splitlines()[-1]) / 1024 if done.returncode == 0 else float("nan")
    else:
        done = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, check=False)
        peak = float("nan")
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{done.stderr[-2000:]}")
    indexed = SEARCH_LINE.search(done.stdout + done.stderr)
    return wall, peak, float(indexed.group(1)) if indexed else None


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _touch_seed(project: Path) -> None:
    seed = sorted((project / "seeds").iterdir())[len(list((project / "seeds").iterdir())) // 2]
    seed.write_text(
        seed.read_text(encoding="utf-8") + "\nA late paragraph was added to this story.\n", encoding="utf-8"
    )


def _edit_content(project: Path) -> None:
    page = sorted((project / "content" / "articles").glob("*.md"))[0]
    page.write_text(page.read_text(encoding="utf-8").replace("topics: []", "topics: [Edited]"), encoding="utf-8")


def _edit_template(project: Path) -> None:
    footer = project / "layouts/templates/partials/footer.html"
    footer.write_text(
        footer.read_text(encoding="utf-8").replace("</footer>", "<!-- edited --></footer>"), encoding="utf-8"
    )


def _edit_config(project: Path) -> None:
    config = project / "site.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("title: Benchmark digest", "title: Benchmark digest 2"),
        encoding="utf-8",
    )


def bench(n: int, workdir: Path) -> list[tuple[str, float, float, int, float | None]]:
    project = workdir / f"n{n}"
    write_corpus(project, n)
    shutil.copytree(REPO / "layouts", project / "layouts")
    (project / "content").mkdir()
    rows = []
    steps = [
        ("cold build", None),
        ("no-change rebuild", lambda p: None),
        ("one seed changed", _touch_seed),
        ("one content file edited", _edit_content),
        ("one template changed", _edit_template),
        ("site.yaml changed", _edit_config),
    ]
    if n >= LARGE and os.environ.get("BENCH_ALL") != "1":
        steps = steps[:4]
    for name, change in steps:
        if change is not None:
            change(project)
        wall, peak, index = _run(project)
        pages = sum(1 for _ in (project / "output").rglob("*.html"))
        rows.append((name, wall, peak, pages, index))
        print(
            f"  N={n:>6} {name:<26} {wall:8.2f} s {peak:8.0f} MB {pages / wall:10.0f} pages/s"
            f"  search index {_seconds(index):>6} s",
            flush=True,
        )
    files, size = _disk(project / "output")
    print(f"  N={n:>6} output: {pages:,} HTML pages, {files:,} files, {size / 2**20:,.0f} MiB", flush=True)
    return rows


def _disk(folder: Path) -> tuple[int, int]:
    """Files under ``folder`` and their total size in bytes."""
    files = size = 0
    for root, _, names in os.walk(folder):
        for name in names:
            files += 1
            size += os.stat(os.path.join(root, name)).st_size
    return files, size


def main() -> int:
    sizes = [int(x) for x in re.split(r"[ ,]+", os.environ.get("BENCH_SIZES", "1000 10000").strip()) if x]
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for n in sizes:
            print(f"N = {n}: generating and building…", flush=True)
            results[n] = bench(n, Path(tmp))
    print(
        "\n| N | scenario | wall (s) | peak RSS (MB) | pages/s | search index s |"
        "\n| ---: | --- | ---: | ---: | ---: | ---: |"
    )
    for n, rows in results.items():
        for name, wall, peak, pages, index in rows:
            print(f"| {n} | {name} | {wall:.2f} | {peak:.0f} | {pages / wall:.0f} | {_seconds(index)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
