"""How faithfully the seed parser reads pages of many outlets: each fixture in
tests/fixtures/outlets/ is a page's text with the fields a careful reader would
find in it (a YAML file beside it), and each field is scored on its own.

A live page's ``date`` is when its coverage began: its published stamp, else its
earliest post. ``python -m benchmarks.fidelity`` (``make bench-ingest``) prints the share of
fixtures that get each field right and the time per seed; ``--failures`` lists
what each failing field got instead.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from generator.ingest.records import Piece
from generator.ingest.seedparse import parse_seed

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "outlets"
FIELDS = ("kind", "headline", "authors", "source", "date", "dateline", "posts", "post titles", "chrome", "paragraphs")
"""Scored fields, in table order. A field the fixture does not state is not scored."""


@dataclass(frozen=True)
class Fixture:
    name: str
    """``layout/file`` without the suffix."""
    text: str
    expected: dict[str, Any]

    @property
    def layout(self) -> str:
        return self.name.split("/", 1)[0]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.expected.get("zone") or "UTC")


def load_fixtures(root: Path = FIXTURES) -> list[Fixture]:
    found = []
    for text_path in sorted(root.glob("*/*.txt")):
        expected = yaml.safe_load(text_path.with_suffix(".yaml").read_text(encoding="utf-8"))
        name = f"{text_path.parent.name}/{text_path.stem}"
        found.append(Fixture(name, text_path.read_text(encoding="utf-8"), expected))
    return found


def _norm(text: str | None) -> str:
    return " ".join((text or "").replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').split())


def _same(a: str | None, b: str | None) -> bool:
    return _norm(a).casefold() == _norm(b).casefold()


def _moment(value: Any, zone: ZoneInfo) -> datetime | date | None:
    """An expected date: an aware moment, a calendar day (the page gave no time), or None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, date):
        return value
    text = str(value)
    if len(text) == 10:
        return date.fromisoformat(text)
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def _date_ok(got: datetime | None, want: datetime | date | None) -> bool:
    if want is None or got is None:
        return want is None and got is None
    if isinstance(want, datetime):
        return got == want
    return got.date() == want


def _texts(piece: Piece) -> Iterator[str]:
    """Every text a reader sees as the piece: its title, blocks, and those of its posts."""
    yield piece.title
    for block in piece.blocks:
        yield block.text
    for post in piece.posts:
        yield from _texts(post)


def chrome_leaks(piece: Piece, chrome: Sequence[str]) -> list[str]:
    """The chrome lines that reached the headline or the body: short ones as a whole
    block, long ones anywhere in a block."""
    texts = [_norm(t) for t in _texts(piece)]
    leaks = []
    for line in chrome:
        line = _norm(str(line))
        if line and (any(t == line for t in texts) if len(line) < 30 else any(line in t for t in texts)):
            leaks.append(line)
    return leaks


def _last_blocks(piece: Piece) -> list[str]:
    """The last blocks in page order: of the last post as printed, or of the article."""
    if piece.posts:
        return [b.text for p in piece.posts for b in p.blocks]
    return [b.text for b in piece.blocks]


def score(piece: Piece | None, fx: Fixture) -> dict[str, tuple[bool, str]]:
    """Each scored field: (right?, what the parser got)."""
    want = fx.expected
    out: dict[str, tuple[bool, str]] = {}
    if piece is None:
        return {f: (False, "parse failed") for f in FIELDS if _applies(f, want)}
    out["kind"] = (piece.kind == want["kind"], piece.kind)
    out["headline"] = (_same(piece.title, want["headline"]), piece.title)
    got_authors = [_norm(a).casefold() for a in piece.authors]
    out["authors"] = (got_authors == [_norm(a).casefold() for a in want.get("authors") or []], repr(piece.authors))
    if "source" in want:
        out["source"] = (_same(piece.source, want["source"]), repr(piece.source))
    out["date"] = (_date_ok(piece.date, _moment(want.get("date"), fx.zone)), repr(piece.date))
    out["dateline"] = (_same(piece.dateline, want.get("dateline")), repr(piece.dateline))
    if want["kind"] == "live-blog":
        out["posts"] = (len(piece.posts) == want.get("posts"), str(len(piece.posts)))
        titles = [p.title if p.titled else None for p in piece.posts[: len(want.get("post_titles") or [])]]
        expected_titles = want.get("post_titles") or []
        ok = len(titles) == len(expected_titles) and all(
            (t is None and e is None) or (t is not None and e is not None and _same(t, e))
            for t, e in zip(titles, expected_titles, strict=False)
        )
        out["post titles"] = (ok, repr(titles))
    leaks = chrome_leaks(piece, want.get("chrome") or [])
    out["chrome"] = (not leaks, f"chrome in the body: {leaks}")
    first, last = _norm(want.get("body_first")), _norm(want.get("body_last"))
    texts = [_norm(t) for t in _texts(piece)]
    kept_first = not first or any(first in t for t in texts)
    kept_last = not last or any(last in _norm(t) for t in _last_blocks(piece))
    out["paragraphs"] = (kept_first and kept_last, f"first kept: {kept_first}, last kept: {kept_last}")
    return out


def _applies(name: str, want: dict[str, Any]) -> bool:
    if name in ("posts", "post titles"):
        return bool(want.get("kind") == "live-blog")
    return name != "source" or "source" in want


@dataclass(frozen=True)
class Run:
    scores: dict[str, dict[str, tuple[bool, str]]]
    """By fixture name."""
    seconds: list[float]
    """Parse time of each fixture."""

    def accuracy(self, name: str) -> tuple[int, int]:
        marks = [s[name][0] for s in self.scores.values() if name in s]
        return sum(marks), len(marks)


def run(fixtures: Sequence[Fixture], parse: Callable[[str, ZoneInfo, str], Piece] = parse_seed) -> Run:
    scores: dict[str, dict[str, tuple[bool, str]]] = {}
    seconds: list[float] = []
    for fx in fixtures[:3]:  # warm up: patterns compiled and data files read once per process
        with contextlib.suppress(Exception):
            parse(fx.text, fx.zone, fx.name)
    for fx in fixtures:
        start = time.perf_counter()
        try:
            piece: Piece | None = parse(fx.text, fx.zone, fx.name)
        except Exception:  # a parser failure is scored as such
            piece = None
        seconds.append(time.perf_counter() - start)
        scores[fx.name] = score(piece, fx)
    return Run(scores, seconds)


def table(result: Run, fixtures: Sequence[Fixture]) -> str:
    layouts = {fx.layout for fx in fixtures}
    lines = [
        f"{len(fixtures)} fixtures over {len(layouts)} layouts",
        "",
        "| field | right | of | accuracy |",
        "| --- | ---: | ---: | ---: |",
    ]
    total_right = total = 0
    for name in FIELDS:
        right, n = result.accuracy(name)
        if n:
            lines.append(f"| {name} | {right} | {n} | {100 * right / n:.1f}% |")
            total_right, total = total_right + right, total + n
    lines.append(f"| all field checks | {total_right} | {total} | {100 * total_right / max(total, 1):.1f}% |")
    ms = [s * 1000 for s in result.seconds]
    lines += ["", f"parse time per seed: median {statistics.median(ms):.2f} ms, worst {max(ms):.2f} ms"]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--failures", action="store_true", help="list each failing field and what was found")
    parser.add_argument(
        "--fixtures",
        type=Path,
        default=FIXTURES,
        help="a folder of fixtures (default: tests/fixtures/outlets; tests/fixtures/outlets-heldout is the held-out set)",
    )
    args = parser.parse_args(argv)
    fixtures = load_fixtures(args.fixtures)
    result = run(fixtures)
    print(table(result, fixtures))
    if args.failures:
        for name, fields in result.scores.items():
            for field_name, (ok, got) in fields.items():
                if not ok:
                    print(f"{name}: {field_name}: got {got}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
