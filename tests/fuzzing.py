"""Fuzzing the seed parser and the whole ingest → render path.

`make fuzz` runs this module for FUZZ_MINUTES minutes (default 10): Hypothesis
generates seed documents (lines shaped like real seeds mixed with arbitrary
text) and hand-edited content files (front matter and Markdown with hostile
pieces), runs ingest and render in a throwaway project, and fails on any
exception other than the generator's own, on any page or feed that is not
well-formed, and on anything dangerous in the output. tests/test_fuzz_short.py
runs the same checks briefly inside `make test`.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.config import load_config
from generator.errors import SeedError
from generator.ingest.run import ingest
from generator.ingest.seedparse import parse_seed
from generator.render.build import render_site

from .conftest import LAYOUTS, SAMPLE_CONFIG
from .sitecheck import dangerous, malformed

SEED_LINES = st.sampled_from(
    [
        "By Jane Doe, John Roe and Ann Lee, Reuters",
        "From CNN’s MJ Lee",
        "Analysis by Nadeen Ebrahim in Abu Dhabi, UAE",
        "Updated 5:51 PM EST, Sat December 2, 2023",
        "Published Thu 14 Mar 2024 09.12 GMT",
        "12:28 p.m. ET, December 2, 2023",
        "December 2, 2023 Israel-Hamas war",
        "4 minute read",
        "18 Posts",
        "Jane Doe/Reuters",
        "Tel Aviv, Israel",
        "CNN",
        " — ",
        "LONDON, Dec 2 (Reuters) - Text follows.",
        "Read more:",
        "This post has been updated.",
        "CNN’s A, B and C contributed to this report",
        "<script>alert(1)</script>",
        "[x](javascript:alert(1)) ![",
        "{{ config }} {% raw %} ]]> </title>",
        "# heading? > quote? 1. list?",
        "",
        "",
    ]
)
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
SEED = st.lists(st.one_of(SEED_LINES, ANY_TEXT), min_size=1, max_size=30).map("\n".join)
MD_PIECES = st.sampled_from(
    [
        "*",
        "_",
        "[",
        "](",
        "![",
        ">",
        "- ",
        "1. ",
        "#",
        "`",
        "<b>",
        "<script>",
        "</p>",
        "&amp;",
        "&#0;",
        "\n",
        "\n\n",
        "    ",
        "|",
        "---",
        "http://x",
        "javascript:",
        "\x00",
        "\x0b",
        "\ufffe",
    ]
)
BODY = st.lists(st.one_of(MD_PIECES, ANY_TEXT), max_size=40).map("".join)
TITLE = st.one_of(ANY_TEXT.filter(lambda s: s.strip()), st.sampled_from(["no", "2024-01-01", "~", "]]>", "<b>x</b>"]))


def check_seed(text: str) -> None:
    with contextlib.suppress(SeedError):  # our own error is an allowed outcome
        parse_seed(text, ZoneInfo("America/New_York"), "fuzz.txt")


def check_pipeline(seeds: list[str], titles: list[str], bodies: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copy(SAMPLE_CONFIG, project / "site.yaml")
        shutil.copytree(LAYOUTS, project / "layouts")
        (project / "seeds").mkdir()
        (project / "content").mkdir()
        for i, text in enumerate(seeds):
            (project / "seeds" / f"s{i}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
        for i, (title, body) in enumerate(zip(titles, bodies, strict=False)):
            title_yaml = title.replace("\\", "\\\\").replace('"', '\\"')
            page = f'---\ntitle: "{title_yaml}"\ndate: "2023-12-0{1 + i % 9}T10:00:00Z"\n---\n\n{body}\n'
            (project / "content" / f"c{i}.md").write_bytes(page.encode("utf-8", "surrogatepass"))
        config = load_config(project / "site.yaml")[0]
        ingest(config, now=datetime(2024, 1, 1, tzinfo=UTC))
        _, files, _ = render_site(config)
        for name, data in files.items():
            if name.endswith(".html"):
                html = data.decode("utf-8")
                assert malformed(html) == [], (name, malformed(html)[:3])
                assert dangerous(html) == [], (name, dangerous(html)[:3])
            elif name.endswith(".xml"):
                etree.fromstring(data)


def short_settings(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)


def run(minutes: float) -> int:
    """Run batches until the time is up; returns how many examples ran."""
    stop = time.monotonic() + minutes * 60
    total = 0
    batch = 0
    while time.monotonic() < stop:
        batch += 1
        seed_test = short_settings(500)(given(SEED)(check_seed))
        pipe_test = short_settings(20)(
            given(st.lists(SEED, max_size=3), st.lists(TITLE, max_size=3), st.lists(BODY, max_size=3))(check_pipeline)
        )
        seed_test()
        pipe_test()
        total += 520
        print(f"batch {batch}: {total} examples, {max(0.0, stop - time.monotonic()) / 60:.1f} min left", flush=True)
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    start = time.monotonic()
    total = run(args.minutes)
    print(f"fuzz: {total} examples in {(time.monotonic() - start) / 60:.1f} min, no failure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
