"""`make bench-stories`: how well the digest groups real headlines into stories.

The data is ``../shared/data/uci-news-dev.csv`` beside the repository: 2,989 real
headlines over three days, each labelled with the story it belongs to. Each row
becomes a seed in a throwaway project (the headline, a ``Published … GMT`` line,
the headline again as the body); the real pipeline ingests them and builds the
site model, and the stories of each edition day (America/New_York, as the digest
shows them) are scored against the labels: BCubed precision, recall and F1 over
the day's items (Amigó et al. 2009), pairwise precision and recall, and the
number of groups. The "all" row pools the days, item-weighted.

``--scale N`` times the clustering alone on N items (the dev set replicated,
each copy three days later) and reports its peak memory.
"""

from __future__ import annotations

import argparse
import csv
import math
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from generator import clock, frontmatter
from generator.config import ClusterConfig, load_config
from generator.ingest.run import ingest
from generator.site.cluster import Doc, cluster
from generator.site.load import load_site

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "uci-news-dev.csv"
ZONE = "America/New_York"


@dataclass(frozen=True)
class Row:
    id: int
    title: str
    publisher: str
    story: str
    published: datetime


def load_rows(path: Path = DATA) -> list[Row]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [
            Row(
                int(r["id"]),
                r["title"],
                r["publisher"],
                r["story"],
                datetime.fromisoformat(r["published_utc"].replace("Z", "+00:00")).astimezone(UTC),
            )
            for r in csv.DictReader(fh)
        ]


@dataclass(frozen=True)
class Score:
    items: int
    groups: int
    precision: float
    recall: float
    pair_precision: float
    pair_recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _pairs(groups: Sequence[Sequence[str]]) -> tuple[int, int, int]:
    """Pairs of items grouped together rightly, grouped together, and labelled alike."""
    right = sum(k * (k - 1) // 2 for g in groups for k in Counter(g).values())
    found = sum(len(g) * (len(g) - 1) // 2 for g in groups)
    labelled = sum(k * (k - 1) // 2 for k in Counter(x for g in groups for x in g).values())
    return right, found, labelled


def score(groups: Sequence[Sequence[str]]) -> Score:
    """BCubed and pairwise scores of ``groups``, each given as its items' true labels."""
    labels = Counter(label for g in groups for label in g)
    n = sum(labels.values())
    precision = sum(k * k / len(g) for g in groups for k in Counter(g).values())
    recall = sum(k * k / labels[label] for g in groups for label, k in Counter(g).items())
    right, found, labelled = _pairs(groups)
    return Score(
        n,
        len(groups),
        precision / n if n else 1.0,
        recall / n if n else 1.0,
        right / found if found else 1.0,
        right / labelled if labelled else 1.0,
    )


def pooled(days: Sequence[Sequence[Sequence[str]]]) -> Score:
    """The days together, item-weighted; each day is scored against its own items
    (a story on two days counts on each)."""
    scores = [score(groups) for groups in days]
    n = sum(s.items for s in scores)
    right, found, labelled = (sum(x) for x in zip(*(_pairs(groups) for groups in days), strict=True))
    return Score(
        n,
        sum(s.groups for s in scores),
        sum(s.precision * s.items for s in scores) / n,
        sum(s.recall * s.items for s in scores) / n,
        right / found if found else 1.0,
        right / labelled if labelled else 1.0,
    )


def seed_text(row: Row) -> str:
    when = row.published
    return f"{row.title}\nPublished {when:%H:%M} GMT, {when.day} {when:%B %Y}\n\n{row.title}\n"


def digest_days(rows: Sequence[Row], folder: Path, jobs: int = 1) -> dict[str, list[list[str]]]:
    """Ingest the rows as seeds into a project in ``folder``, build the site model,
    and return each edition day's stories as lists of the rows' story labels."""
    seeds = folder / "seeds"
    seeds.mkdir(parents=True)
    for row in rows:
        (seeds / f"{row.id:06d}.txt").write_text(seed_text(row), encoding="utf-8")
    (folder / "site.yaml").write_text(
        f"title: Stories bench\nbase_url: https://bench.example/\ntimezone: {ZONE}\n", encoding="utf-8"
    )
    config = load_config(folder / "site.yaml")[0]
    ingest(config, now=datetime(2014, 3, 13, tzinfo=UTC), jobs=jobs)
    site = load_site(config, jobs=jobs, now=clock.now())[0]
    label = {f"{row.id:06d}.txt": row.story for row in rows}
    story_of_page = {}
    for page in site.pages:
        meta = frontmatter.parse((config.paths.root / page.source_path).read_text(encoding="utf-8"), "")[0]
        story_of_page[page.slug] = label[Path(str(meta["seed"])).name]
    return {str(day.day): [[story_of_page[p.slug] for p in s.pages] for s in day.stories] for day in site.days}


def evaluate(rows: Sequence[Row], jobs: int = 1) -> dict[str, Score]:
    with tempfile.TemporaryDirectory(prefix="bench-stories-") as tmp:
        days = digest_days(rows, Path(tmp) / "project", jobs)
    scores = {day: score(groups) for day, groups in sorted(days.items())}
    scores["all"] = pooled([days[d] for d in sorted(days)])
    return scores


def table(scores: dict[str, Score]) -> str:
    lines = [
        "| day | items | groups | BCubed P | BCubed R | BCubed F1 | pair P | pair R |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for day, s in scores.items():
        lines.append(
            f"| {day} | {s.items} | {s.groups} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} "
            f"| {s.pair_precision:.3f} | {s.pair_recall:.3f} |"
        )
    return "\n".join(lines)


def scale(rows: Sequence[Row], n: int) -> str:
    """Time the clustering alone on ``n`` items: the rows again and again, each copy
    three days after the last, as a digest that runs for weeks."""
    copies = math.ceil(n / len(rows))
    docs = [
        Doc(f"{c}-{row.id}", row.published + timedelta(days=3 * c), row.title) for c in range(copies) for row in rows
    ][:n]
    settings = ClusterConfig()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    groups = cluster(docs, settings.threshold, timedelta(hours=settings.window_hours))
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return (
        f"{n} items: {took:.1f} s, {len(groups)} groups, peak RSS {peak / 1024:.0f} MB "
        f"({(peak - before) / 1024:.0f} MB over the loaded items)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the labelled headlines (CSV)")
    parser.add_argument("--scale", type=int, metavar="N", help="time the clustering alone on N synthetic items")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"bench-stories: no data at {args.data}; nothing to score (see the benchmark's docstring)")
        return 0
    rows = load_rows(args.data)
    if args.scale:
        print(scale(rows, args.scale))
        return 0
    start = time.perf_counter()
    scores = evaluate(rows, args.jobs)
    took = time.perf_counter() - start
    print(f"Stories on {len(rows)} labelled headlines, per edition day ({ZONE}):\n")
    print(table(scores))
    print(f"\ningest and site model: {took:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
