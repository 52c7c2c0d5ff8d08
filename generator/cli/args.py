"""The command line's arguments: commands, their options and help, checked
before anything runs (bad usage exits 2)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import __version__

EXAMPLES = """\
examples:
  python -m generator build              ingest seeds/ and render output/
  python -m generator build --drafts     the same, with pages marked draft: true put in and labelled
  python -m generator serve              build, serve on http://127.0.0.1:8000/, rebuild on save
  python -m generator check --strict     check links, feeds and HTML of output/ (for CI)
  python -m generator ingest --report    show what ingest found in each seed
  python -m generator ingest --explain seeds/x.txt   show how each line of one seed was read
  python -m generator ingest --accept-seed content/x.md   let x's changed seed replace your edit
  python -m generator ingest --force     let every changed seed replace hand-edited pages
  python -m generator --config other/site.yaml build

exit codes: 0 ok, 1 problems found (warnings too with --strict), 2 bad usage or site.yaml
"""


def _common(parser: argparse.ArgumentParser, strict: bool = True) -> None:
    parser.add_argument(
        "--config", type=Path, default=argparse.SUPPRESS, help="path to site.yaml (default: ./site.yaml)"
    )
    if strict:
        parser.add_argument(
            "--strict", action="store_true", default=argparse.SUPPRESS, help="treat warnings as failure (exit 1)"
        )
    noise = parser.add_mutually_exclusive_group()
    noise.add_argument(
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="show details and tracebacks"
    )
    noise.add_argument(
        "-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="show only warnings and errors"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Build a static news-digest site from raw news documents.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _common(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    p_ingest = sub.add_parser(
        "ingest",
        help="turn seeds/ into Markdown pages in content/",
        description="Parse every seed in seeds/ and write Markdown pages with front matter into content/. "
        "Unchanged seeds are skipped; pages edited by hand are kept.",
        epilog="examples:\n  python -m generator ingest --report\n  python -m generator ingest --report --strict"
        "    fail if a seed has no date or no byline (for CI)\n  python -m generator ingest --check"
        "              fail if content/ is out of date with seeds/ (for CI)\n"
        "  python -m generator ingest --explain seeds/x.txt   how each line of one seed was read, and what came out",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_build = sub.add_parser(
        "build",
        help="ingest, then render the site into output/",
        description="Run ingest, then render the site into output/.",
        epilog="example:\n  python -m generator build --quiet",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    for p in (p_ingest, p_build):
        _common(p)
        p.add_argument("--force", action="store_true", help="replace hand-edited pages whose seed changed")
        p.add_argument(
            "--report",
            action="store_true",
            help="print a table of what ingest found in each seed: kind, byline, date, dateline, images "
            "(with --strict, a seed missing a date or a byline fails the run)",
        )
        p.add_argument(
            "-j", "--jobs", type=_positive, default=None, help="worker processes (default: one per CPU core)"
        )
    for flag, what in (
        ("--accept-seed", "replace this hand-edited page with its changed seed's version (--force for one page)"),
        ("--keep-edit", "keep your edit of this page and stop warning about it until its seed changes again"),
    ):
        p_ingest.add_argument(flag, action="append", default=[], metavar="FILE", type=Path, help=what)
    p_ingest.add_argument(
        "--check",
        action="store_true",
        help="write nothing; name each page in content/ that is out of date with its seed or not written "
        "yet, and exit 1 if there is one (a page edited by hand is not: ingest keeps it, with a warning "
        "if its seed changed)",
    )
    p_ingest.add_argument(
        "--explain",
        type=Path,
        metavar="SEED",
        help="write nothing; print every line of SEED (any path) with the tag the parser gave it and why, then "
        "the fields that came out (kind, headline and its score, authors, dates, posts...) and the warnings "
        "ingest would give",
    )
    p_build.add_argument(
        "--no-cache", action="store_true", help="ignore .cache/ and render everything (the result is the same)"
    )
    _drafts(p_build)
    p_serve = sub.add_parser(
        "serve",
        help="build, serve output/ locally and rebuild on every save",
        description="Build the site, serve output/ on http://HOST:PORT/ (under base_url's sub-path), and watch "
        "seeds/, content/, layouts/ and site.yaml. Each save rebuilds incrementally and open pages reload "
        "by themselves; a bad edit is shown in the terminal and as a banner on the page. The reload script "
        "and local links exist only in what the server sends, never in output/.",
        epilog="examples:\n  python -m generator serve\n  python -m generator serve --port 8080 -j 2",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(p_serve, strict=False)
    p_serve.add_argument(
        "--port", type=_port, default=8000, help="port to listen on (default 8000; 0 picks a free one)"
    )
    p_serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p_serve.add_argument("-j", "--jobs", type=_positive, default=1, help="worker processes for rebuilds (default 1)")
    _drafts(p_serve)
    p_check = sub.add_parser(
        "check",
        help="check the built site: links, assets, feeds, HTML, alt text, orphan pages",
        description="Read output/ as a browser and a feed reader would, and report every broken internal link "
        "or asset, malformed feed, invalid page, image without alt text and page unreachable from the home "
        "page, as path:line: level: message. Exits 1 on an error, or on a warning with --strict.",
        epilog="examples:\n  python -m generator build && python -m generator check --strict",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(p_check)
    p_check.add_argument(
        "-j", "--jobs", type=_positive, default=None, help="worker processes (default: one per CPU core)"
    )
    return parser


def _drafts(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--drafts",
        action="store_true",
        help="a preview: put in the pages whose front matter says draft: true, each labelled Draft on its page "
        "and its cards, everywhere it would be once published (lists, stories, feeds, sitemap); embargoed "
        "pages stay out until their time",
    )


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 0 to 65535, not {text!r}")
    return int(text)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return int(text)
