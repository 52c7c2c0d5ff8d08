"""`make bench-compare`: our cold build next to Pelican and Hugo on the same corpus.

For each size N (BENCH_SIZES, default "10000") it writes the synthetic seeds of
benchmarks/synth.py into a throwaway project and times, in a fresh process, a cold
build of ours from the seeds alone (ingest, then render); then once more with
content/ kept and only .cache and output removed, which is how the project defines
a cold build, and which starts from the same Markdown the other two tools get.

The Markdown pages that build wrote into content/ are then turned, untimed, into a
Pelican project and a Hugo site, and each tool builds its site in a fresh process.
The sites do comparable work: one HTML page per story; a home page listing every
story, 20 to a page; a page per topic (tag), author and outlet (category), 20 to a
page; one list per day; RSS and Atom feeds of 30 full-content items for the site
and for each term.

It prints, for each tool, wall time, CPU time, peak memory, HTML pages written and
pages per second, then the ratios: ours over Hugo and Pelican over ours. Peak
memory is measured twice: the max RSS of the largest single process (what GNU time
reports), and the peak of the whole process tree's PSS, sampled ten times a second
from /proc, which counts worker processes too without counting the pages they share
with their parent twice. The memory ratios use the second where it is available.

Pelican comes from a bench-only virtual environment (PELICAN names its executable),
Hugo from the system (HUGO, else `hugo` on PATH); neither is a dependency of the
project.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from .synth import EPOCH, write_corpus

REPO = Path(__file__).resolve().parent.parent
ASSETS = Path(__file__).resolve().parent / "compare_assets"
PER_PAGE = 20
FEED_ITEMS = 30
# Run a command as this wrapper's only child, then print what GNU time's "%M %U %S" would
# (peak RSS in KiB, user and system CPU seconds): the fallback when GNU time is not installed.
USAGE_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(use.ru_maxrss, use.ru_utime, use.ru_stime, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@dataclass(frozen=True)
class Result:
    tool: str
    wall: float
    cpu: float
    peak_mb: float
    tree_mb: float
    pages: int

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.wall if self.wall else math.nan

    @property
    def memory_mb(self) -> float:
        """The whole tree's peak where it was sampled, else the largest process's."""
        return self.peak_mb if math.isnan(self.tree_mb) else self.tree_mb


@dataclass(frozen=True)
class Page:
    """One Markdown page of our content/, reduced to what Pelican and Hugo need."""

    name: str
    title: str
    slug: str
    date: str
    day: str
    summary: str
    authors: list[str]
    outlet: str
    topics: list[str]
    body: str


# Timing


def _gnu_time() -> str | None:
    found = shutil.which("time")
    if found:
        return found
    return "/usr/bin/time" if Path("/usr/bin/time").exists() else None


def timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float, float, float]:
    """Run cmd in a fresh process; return wall seconds, CPU seconds (user + system), the largest
    process's peak RSS in MB and the process tree's sampled peak PSS in MB."""
    timer = _gnu_time()
    with tempfile.NamedTemporaryFile("r", suffix=".usage") as report:
        if timer:
            wrapped = [timer, "-q", "-f", "%M %U %S", "-o", report.name, *cmd]
        else:
            wrapped = [sys.executable, "-c", USAGE_WRAPPER, *cmd]
        start = time.perf_counter()
        proc = subprocess.Popen(wrapped, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        sampler = TreeMemory(proc.pid)
        out, err = proc.communicate()
        wall = time.perf_counter() - start
        tree_mb = sampler.stop()
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed in {cwd}:\n{out[-2000:]}\n{err[-3000:]}")
        text = report.read() if timer else err
    kib, user, system = _usage(text)
    return wall, user + system, kib / 1024, tree_mb


def _usage(text: str) -> tuple[float, float, float]:
    """The last "KiB user system" line of a usage report."""
    found = re.findall(r"^\s*(\d+) ([\d.]+) ([\d.]+)\s*$", text, re.M)
    if not found:
        return math.nan, math.nan, math.nan
    kib, user, system = found[-1]
    return float(kib), float(user), float(system)


class TreeMemory:
    """Samples, on a thread, the summed PSS of every descendant of one process (the timing
    wrapper, which itself is left out) and keeps the peak. NaN where /proc cannot tell."""

    def __init__(self, root: int, interval: float = 0.1) -> None:
        self.root = root
        self.interval = interval
        self.peak_kib = 0
        self.readable = Path(f"/proc/{os.getpid()}/smaps_rollup").exists()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        if self.readable:
            self._thread.start()

    def stop(self) -> float:
        self._done.set()
        if self.readable:
            self._thread.join()
        return self.peak_kib / 1024 if self.readable and self.peak_kib else math.nan

    def _watch(self) -> None:
        while not self._done.wait(self.interval):
            total = sum(_pss_kib(pid) for pid in _descendants(self.root))
            self.peak_kib = max(self.peak_kib, total)


def _descendants(root: int) -> list[int]:
    children: defaultdict[int, list[int]] = defaultdict(list)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        children[int(fields[1])].append(int(stat.parent.name))
    found: list[int] = []
    todo = list(children[root])
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children[pid]
    return found


def _pss_kib(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    match = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
    return int(match.group(1)) if match else 0


def count_html(folder: Path) -> int:
    """HTML pages in folder, leaving out redirect stubs (Hugo writes one per list's page/1/)."""
    return sum(1 for path in folder.rglob("*.html") if not _is_redirect(path))


def _is_redirect(path: Path) -> bool:
    with path.open("rb") as page:
        return b'http-equiv="refresh"' in page.read(1024)


# Our build


def build_ours(project: Path, n: int) -> list[Result]:
    """Two cold builds: from seeds alone (ingest writes content/, then render), and, as
    the project defines a cold build (no .cache or output), with that content/ kept."""
    write_corpus(project, n)
    shutil.copytree(REPO / "layouts", project / "layouts")
    (project / "content").mkdir()
    results = []
    for tool in ("ours", "ours, content/ kept"):
        for leftover in (project / ".cache", project / "output"):
            shutil.rmtree(leftover, ignore_errors=True)
        results.append(Result(tool, *_build_ours(project), count_html(project / "output")))
        _say(n, results[-1])
    return results


def _build_ours(project: Path) -> tuple[float, float, float, float]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": EPOCH}
    return timed([sys.executable, "-m", "generator", "build", "-q"], project, env)


# Reading our content/


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    if not text.startswith("---\n"):
        return {}, text
    head, _, body = text[4:].partition("\n---\n")
    meta = yaml.safe_load(head) or {}
    return (meta if isinstance(meta, dict) else {}), body


def _topic_rules(site: dict[str, Any]) -> list[tuple[str, re.Pattern[str]]]:
    """site.yaml's topic rules as (name, pattern): any of the words, as whole words, any case."""
    rules = []
    for topic in site.get("topics") or []:
        words = sorted({str(w).strip() for w in topic.get("match") or [] if str(w).strip()}, key=len, reverse=True)
        if words:
            either = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
            rules.append((str(topic["name"]), re.compile(rf"(?<!\w)(?:{either})(?!\w)", re.I)))
    return rules


def _one_line(value: object) -> str:
    return " ".join(str(value or "").split())


def _topics(meta: dict[str, Any], body: str, rules: list[tuple[str, re.Pattern[str]]]) -> list[str]:
    """The topics our build gives a page: its own, the rules that match, a live blog's series."""
    found = [str(t) for t in meta.get("topics") or []]
    haystack = f"{meta.get('title', '')}\n{body}"
    found += [name for name, pattern in rules if pattern.search(haystack)]
    if meta.get("series"):
        found.append(str(meta["series"]))
    return list(dict.fromkeys(_one_line(t) for t in found if _one_line(t)))


def read_pages(content: Path, site: dict[str, Any]) -> list[Page]:
    zone = ZoneInfo(str(site.get("timezone") or "UTC"))
    rules = _topic_rules(site)
    pages = []
    for path in sorted(content.rglob("*.md")):
        meta, body = _split_front_matter(path.read_text(encoding="utf-8"))
        date = datetime.fromisoformat(str(meta["date"]))
        pages.append(
            Page(
                name=str(path.relative_to(content).with_suffix("")).replace(os.sep, "--"),
                title=_one_line(meta.get("title")),
                slug=str(meta["slug"]),
                date=date.isoformat(),
                day=date.astimezone(zone).date().isoformat(),
                summary=_one_line(meta.get("summary")),
                authors=[_one_line(a) for a in meta.get("authors") or [] if _one_line(a)],
                outlet=_one_line(meta.get("source")) or "Unknown",
                topics=_topics(meta, body, rules),
                body=body.lstrip("\n"),
            )
        )
    return pages


# Pelican


def pelican_conf(site: dict[str, Any]) -> str:
    settings: dict[str, object] = {
        "SITENAME": str(site.get("title", "Benchmark")),
        "SITEURL": str(site.get("base_url", "https://bench.example/")).rstrip("/"),
        "TIMEZONE": str(site.get("timezone", "UTC")),
        "DEFAULT_LANG": str(site.get("language", "en")),
        "PATH": "content",
        "DEFAULT_PAGINATION": PER_PAGE,
        "RELATIVE_URLS": False,
        "LOAD_CONTENT_CACHE": False,
        "CACHE_CONTENT": False,
        "ARTICLE_URL": "{date:%Y}/{date:%m}/{date:%d}/{slug}/",
        "ARTICLE_SAVE_AS": "{date:%Y}/{date:%m}/{date:%d}/{slug}/index.html",
        "DAY_ARCHIVE_SAVE_AS": "{date:%Y}/{date:%m}/{date:%d}/index.html",
        "FEED_MAX_ITEMS": FEED_ITEMS,
        "RSS_FEED_SUMMARY_ONLY": False,
        "FEED_ALL_ATOM": "feeds/all.atom.xml",
        "FEED_ALL_RSS": "feeds/all.rss.xml",
        "CATEGORY_FEED_ATOM": "feeds/category.{slug}.atom.xml",
        "CATEGORY_FEED_RSS": "feeds/category.{slug}.rss.xml",
        "TAG_FEED_ATOM": "feeds/tag.{slug}.atom.xml",
        "TAG_FEED_RSS": "feeds/tag.{slug}.rss.xml",
        "AUTHOR_FEED_ATOM": "feeds/author.{slug}.atom.xml",
        "AUTHOR_FEED_RSS": "feeds/author.{slug}.rss.xml",
        "TRANSLATION_FEED_ATOM": None,
        "SOCIAL": (),
        "LINKS": (),
    }
    lines = ["# Written by benchmarks/compare.py for one benchmark run; the default theme, no plugins."]
    lines += [f"{key} = {value!r}" for key, value in settings.items()]
    return "\n".join(lines) + "\n"


def pelican_page(page: Page) -> str:
    header = {
        "Title": page.title,
        "Date": page.date,
        "Slug": page.slug,
        "Authors": ", ".join(a.replace(",", " ") for a in page.authors),
        "Category": page.outlet,
        "Tags": ", ".join(t.replace(",", " ") for t in page.topics),
        "Summary": page.summary,
    }
    lines = [f"{key}: {value}" for key, value in header.items() if value]
    return "\n".join(lines) + "\n\n" + page.body


def write_pelican(root: Path, pages: list[Page], site: dict[str, Any]) -> None:
    content = root / "content"
    content.mkdir(parents=True)
    for page in pages:
        (content / f"{page.name}.md").write_text(pelican_page(page), encoding="utf-8")
    (root / "pelicanconf.py").write_text(pelican_conf(site), encoding="utf-8")


def build_pelican(root: Path, pelican: str) -> Result:
    cmd = [pelican, "content", "-o", "out", "-s", "pelicanconf.py", "-q"]
    return Result("Pelican", *timed(cmd, root), count_html(root / "out"))


# Hugo


def hugo_config(site: dict[str, Any]) -> str:
    return f"""# Written by benchmarks/compare.py for one benchmark run.
baseURL = {_toml(str(site.get("base_url", "https://bench.example/")))}
languageCode = {_toml(str(site.get("language", "en")))}
title = {_toml(str(site.get("title", "Benchmark")))}
timeZone = {_toml(str(site.get("timezone", "UTC")))}
paginate = {PER_PAGE}
disableKinds = ["section"]
enableRobotsTXT = false

[services.rss]
limit = {FEED_ITEMS}

[taxonomies]
tag = "tags"
category = "categories"
author = "authors"
day = "days"

[permalinks]
posts = "/:year/:month/:day/:slug/"

[mediaTypes."application/atom+xml"]
suffixes = ["xml"]

[outputFormats.atom]
mediaType = "application/atom+xml"
baseName = "atom"
rel = "alternate"

[outputs]
home = ["html", "rss", "atom"]
taxonomy = ["html"]
term = ["html", "rss", "atom"]
"""


def _toml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hugo_page(page: Page) -> str:
    meta = {
        "title": page.title,
        "date": page.date,
        "slug": page.slug,
        "summary": page.summary,
        "authors": page.authors,
        "categories": [page.outlet],
        "tags": page.topics,
        "days": [page.day],
    }
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + page.body


def write_hugo(root: Path, pages: list[Page], site: dict[str, Any]) -> None:
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    for page in pages:
        (posts / f"{page.name}.md").write_text(hugo_page(page), encoding="utf-8")
    (root / "hugo.toml").write_text(hugo_config(site), encoding="utf-8")
    shutil.copytree(ASSETS / "hugo" / "layouts", root / "layouts")


def build_hugo(root: Path, hugo: str) -> Result:
    cmd = [hugo, "--quiet", "--destination", "public", "--cacheDir", str(root / ".hugo-cache")]
    return Result("Hugo", *timed(cmd, root), count_html(root / "public"))


# Running and reporting


def tools() -> tuple[str, str]:
    pelican = os.environ.get("PELICAN") or str(REPO / ".cache/bench-pelican/bin/pelican")
    hugo = os.environ.get("HUGO") or shutil.which("hugo") or ""
    missing = [name for name, path in (("Pelican", pelican), ("Hugo", hugo)) if not path or not Path(path).exists()]
    if missing:
        raise SystemExit(f"not found: {', '.join(missing)} (run `make bench-compare`, or set PELICAN / HUGO)")
    return str(Path(pelican).absolute()), str(Path(hugo).absolute())  # the builds run in other folders


def version(cmd: list[str]) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 else "unknown"


def compare(n: int, workdir: Path, pelican: str, hugo: str) -> list[Result]:
    project = workdir / f"n{n}"
    results = build_ours(project, n)
    site = yaml.safe_load((project / "site.yaml").read_text(encoding="utf-8")) or {}
    pages = read_pages(project / "content", site)
    TOPICS[n] = (sum(len(p.topics) for p in pages) / max(1, len(pages)), len({t for p in pages for t in p.topics}))
    write_pelican(workdir / f"pelican{n}", pages, site)
    write_hugo(workdir / f"hugo{n}", pages, site)
    results.append(build_hugo(workdir / f"hugo{n}", hugo))
    _say(n, results[-1])
    results.append(build_pelican(workdir / f"pelican{n}", pelican))
    _say(n, results[-1])
    return results


TOPICS: dict[int, tuple[float, int]] = {}
"""Per size: topics per page on average, and topics in all, as all three tools were given them."""


def _say(n: int, r: Result) -> None:
    print(
        f"  N={n:>6} {r.tool:<20} {r.wall:8.2f} s wall {r.cpu:8.2f} s CPU {r.peak_mb:6.0f} MB RSS"
        f" {r.tree_mb:6.0f} MB tree PSS {r.pages:7} pages {r.pages_per_s:6.0f} pages/s",
        flush=True,
    )


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def table(results: dict[int, list[Result]]) -> str:
    rows = [
        "| N | tool | wall (s) | CPU user+sys (s) | peak RSS, largest process (MB) | peak PSS, process tree (MB) "
        "| HTML pages | pages/s (wall) |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n, found in results.items():
        rows += [
            f"| {n} | {r.tool} | {r.wall:.2f} | {r.cpu:.2f} | {r.peak_mb:.0f} | {r.tree_mb:.0f} "
            f"| {r.pages} | {r.pages_per_s:.0f} |"
            for r in found
        ]
    return "\n".join(rows)


def ratios(results: dict[int, list[Result]]) -> str:
    rows = [
        "| N | ours | wall ours / Hugo (target ≤ 1.0) | wall Pelican / ours (target ≥ 5) | CPU ours / Hugo "
        "| CPU Pelican / ours | memory ours / Hugo | memory ours / Pelican |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n, found in results.items():
        by_tool = {r.tool: r for r in found}
        hugo, pelican = by_tool["Hugo"], by_tool["Pelican"]
        for ours in (r for r in found if r.tool.startswith("ours")):
            rows.append(
                f"| {n} | {ours.tool} | {_ratio(ours.wall, hugo.wall)} | {_ratio(pelican.wall, ours.wall)} "
                f"| {_ratio(ours.cpu, hugo.cpu)} | {_ratio(pelican.cpu, ours.cpu)} "
                f"| {_ratio(ours.memory_mb, hugo.memory_mb)} | {_ratio(ours.memory_mb, pelican.memory_mb)} |"
            )
    return "\n".join(rows)


def main() -> int:
    sizes = [int(x) for x in re.split(r"[ ,]+", os.environ.get("BENCH_SIZES", "10000").strip()) if x]
    pelican, hugo = tools()
    print(f"Pelican: {version([pelican, '--version'])}; Hugo: {version([hugo, 'version'])}", flush=True)
    results: dict[int, list[Result]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-compare-") as tmp:
        for n in sizes:
            load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
            print(f"N = {n} (load average {load}): ours, then Hugo and Pelican on the same pages…", flush=True)
            results[n] = compare(n, Path(tmp), pelican, hugo)
    print("\n" + table(results) + "\n\n" + ratios(results))
    for n, (per_page, topics) in TOPICS.items():
        print(
            f"\nN = {n}: all three tools build the same site from the same Markdown, and each page has the same "
            f"topic set in all three (the topics our site.yaml rules give it, {per_page:.1f} per page on average, "
            f"{topics} topics in all): Hugo and Pelican get it as tags."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
