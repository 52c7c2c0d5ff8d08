"""Command line: ``python -m generator COMMAND``. Parses arguments, loads the
configuration, runs a stage and prints its diagnostics. Exit codes: 0 ok,
1 build failed (or warnings under --strict), 2 bad usage or configuration."""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar, Protocol, TextIO

from .. import clock
from ..config import SiteConfig, load_config
from ..diagnostics import Diagnostic, Level
from ..errors import ConfigError, GeneratorError, SeedError
from ..faults import cause, pages_kept, reported, shown_path
from ..frontmatter import has_front_matter
from ..fsio import rel_to
from ..ingest.chrome import known
from ..ingest.explain import explain
from ..ingest.report import DateFallback, strict_problems
from ..ingest.run import IngestResult, ingest
from ..ingest.seedparse import read_seed
from ..ingest.table import format_report
from ..ingest.uptodate import UpToDate, check_up_to_date
from ..lock import writer
from ..pool import default_jobs
from ..render.build import BuildResult, build
from ..render.publish import left_behind, public_path
from ..text import DecodeError, decode, plural, xml_safe
from .args import build_parser
from .progress import ProgressBar

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class Reporter:
    """Prints diagnostics as ``path:line: level: message``; colour only on a terminal."""

    COLOURS: ClassVar[dict[Level, str]] = {Level.ERROR: "\033[31m", Level.WARNING: "\033[33m", Level.INFO: "\033[2m"}

    def __init__(self, stream: TextIO, verbosity: int) -> None:
        self.stream = stream
        self.verbosity = verbosity
        self.colour = _colour(stream)

    def show(self, diagnostic: Diagnostic) -> None:
        if diagnostic.level is Level.INFO and self.verbosity < 1:
            return
        text = diagnostic.format()
        if self.colour:
            text = f"{self.COLOURS[diagnostic.level]}{text}\033[0m"
        print(text, file=self.stream)

    def say(self, text: str) -> None:
        if self.verbosity >= 0:
            print(text, file=self.stream)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if getattr(args, "explain", None) is not None and (args.check or args.report or args.force):
            parser.error("ingest --explain cannot be combined with --check, --report or --force")
        if getattr(args, "check", False) and (args.accept_seed or args.keep_edit):
            parser.error("ingest --check writes nothing: it cannot be combined with --accept-seed or --keep-edit")
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    verbose = getattr(args, "verbose", False)
    verbosity = 1 if verbose else -1 if getattr(args, "quiet", False) else 0
    reporter = Reporter(sys.stderr, verbosity)
    strict = getattr(args, "strict", False)
    try:
        config, notes = load_config(getattr(args, "config", Path("site.yaml")))
    except ConfigError as exc:
        for diagnostic in exc.diagnostics:  # its errors and warnings together, in file order
            reporter.show(diagnostic)
        return EXIT_USAGE
    for note in notes:
        reporter.show(note)
    try:
        if args.command == "serve":
            return _serve(config, args, reporter)
        result = _run(args.command, config, args, reporter)
    except GeneratorError as exc:
        reporter.show(Diagnostic(Level.ERROR, exc.message, exc.path, exc.line))
        if verbose:
            traceback.print_exc()
        return EXIT_FAILED
    except Exception as exc:  # a bug: say so in one line, details with --verbose
        if (words := cause(exc)) is not None:  # a fault of the machine, not a bug
            reporter.show(Diagnostic(Level.ERROR, words, shown_path(getattr(exc, "filename", None), config.paths.root)))
        else:
            reporter.show(
                Diagnostic(Level.ERROR, f"internal error: {exc.__class__.__name__}: {exc} (rerun with --verbose)")
            )
        if verbose:
            traceback.print_exc()
        return EXIT_FAILED
    failed = result.errors > 0 or (strict and (result.warnings > 0 or bool(notes)))
    return EXIT_FAILED if failed else EXIT_OK


def _serve(config: SiteConfig, args: argparse.Namespace, reporter: Reporter) -> int:
    from ..serve.session import serve  # imported here: only this command needs the server and watcher

    try:
        serve(
            getattr(args, "config", Path("site.yaml")),
            config,
            host=args.host,
            port=args.port,
            jobs=args.jobs,
            show=reporter.show,
            say=reporter.say,
            announce=lambda text: print(text, file=reporter.stream),  # the address, even with --quiet
            verbose=reporter.verbosity > 0,
            drafts=args.drafts,
        )
    except OSError as exc:
        if not isinstance(exc, socket.gaierror) and exc.errno not in (
            errno.EADDRINUSE,
            errno.EACCES,
            errno.EADDRNOTAVAIL,
        ):
            raise
        reporter.show(
            Diagnostic(Level.ERROR, f"cannot listen on {args.host}:{args.port}: {exc.strerror}; try another --port")
        )
        return EXIT_USAGE
    except KeyboardInterrupt:
        pass
    reporter.say("stopped")
    return EXIT_OK


class Outcome(Protocol):
    """What the exit code is decided from."""

    @property
    def warnings(self) -> int: ...

    @property
    def errors(self) -> int: ...


def _check(config: SiteConfig, args: argparse.Namespace, reporter: Reporter) -> Outcome:
    from ..check.run import check_site

    checked = check_site(config, jobs=args.jobs)
    for diagnostic in checked.diagnostics:
        reporter.show(diagnostic)
    reporter.say(f"check: {checked.summary()}")
    return checked


def _run(command: str, config: SiteConfig, args: argparse.Namespace, reporter: Reporter) -> Outcome:
    if command == "check":
        return _check(config, args, reporter)
    if getattr(args, "explain", None) is not None:
        return _explain(config, args, reporter)
    if getattr(args, "check", False):
        return _ingest_and_build(command, config, args, reporter)  # writes nothing: no lock
    with writer(config.paths.cache, config.paths.root, reporter.say):  # one build or ingest at a time
        return _ingest_and_build(command, config, args, reporter)


def _ingest_and_build(command: str, config: SiteConfig, args: argparse.Namespace, reporter: Reporter) -> Outcome:
    root = config.paths.root
    jobs = args.jobs or default_jobs()
    bar = ProgressBar(sys.stderr) if ProgressBar.wanted(sys.stderr, reporter.verbosity < 0) else None
    strict = getattr(args, "strict", False)
    checked: UpToDate | None = None
    now = clock.now()  # one time for the whole run: ingest dates undated seeds by it, build ends embargoes by it
    try:
        if getattr(args, "check", False):
            checked = check_up_to_date(config, now=now, force=args.force, jobs=jobs, progress=bar, report=args.report)
            result = checked.ingested
        else:
            with reported(root, lambda: pages_kept(config.paths.content, root)):
                result = ingest(
                    config,
                    now=now,
                    force=args.force,
                    jobs=jobs,
                    progress=bar,
                    report=args.report,
                    accept=_pages_named(config, getattr(args, "accept_seed", [])),
                    keep=_pages_named(config, getattr(args, "keep_edit", [])),
                )
    finally:
        if bar:
            bar.close()
    for diagnostic in checked.diagnostics if checked else result.diagnostics:
        reporter.show(diagnostic)
    if args.report:
        print(format_report(result.report, colour=_colour(sys.stdout)).rstrip("\n"), file=sys.stdout)
    # With --report --strict, a seed without a date or a byline fails the run.
    missing = strict_problems(result.report) if strict else []
    for diagnostic in missing:
        reporter.show(diagnostic)
    if checked:
        reporter.say(checked.summary())
        return _Combined(checked, extra_errors=len(missing))
    reporter.say(f"ingest: {result.summary()}")
    if result.undated:
        reporter.say(_undated(result))
    if command != "build":
        return _Combined(result, extra_errors=len(missing))
    output = config.paths.output
    try:
        with reported(root, lambda: left_behind(output, rel_to(output, root)), tidy=public_path):
            built = build(config, use_cache=not args.no_cache, jobs=jobs, progress=bar, now=now, drafts=args.drafts)
    finally:
        if bar:
            bar.close()
    for diagnostic in built.diagnostics:
        reporter.show(diagnostic)
    reporter.say(f"build: {built.summary()} → {config.paths.output}")
    if built.indexed:
        bundles = f"{'bundle' if len(built.bundles_indexed) == 1 else 'bundles'} {', '.join(built.bundles_indexed)}"
        reporter.say(
            f"build: search index of {plural(built.indexed, 'page')} made in {built.index_seconds:.2f} s ({bundles})"
        )
    for line in built.left_out_lines():  # their warnings count, so --strict fails on them
        reporter.say(f"build: {line}")
    for held in (built.held_line(), built.drafts_line()):  # on purpose: neither is a warning
        if held:
            reporter.say(f"build: {held}")
    return _Combined(result, built, extra_errors=len(missing))


def _explain(config: SiteConfig, args: argparse.Namespace, reporter: Reporter) -> Outcome:
    """``ingest --explain SEED``: how the parser reads one seed, with this site's zone and drop_lines."""
    path: Path = args.explain
    root = config.paths.root
    shown = rel_to(path, root) if root in path.absolute().parents else str(path)
    try:
        text = xml_safe(decode(path.read_bytes()))
    except OSError as exc:
        raise GeneratorError(f"cannot read: {exc.strerror or exc}", shown) from None
    except DecodeError as exc:
        raise GeneratorError(f"not a seed: {exc}", shown) from None
    if path.suffix.lower() in (".md", ".markdown") and has_front_matter(text):
        reporter.say(f"{shown}: a Markdown seed with front matter, taken as written; there is nothing to explain")
        return _Combined()
    chrome = known().with_lines(config.ingest.drop_lines)
    try:
        reading = read_seed(text, config.tz, shown, chrome)
    except SeedError as exc:
        raise GeneratorError(f"not a seed: {exc.message}", shown) from None
    try:
        print("\n".join(explain(reading, shown)), file=sys.stdout, flush=True)
    except BrokenPipeError:  # piped into head or less, which stopped reading: not a problem
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return _Combined()


def _undated(result: IngestResult) -> str:
    """One line naming the seeds with no date, grouped by where their pages' date came from."""
    used = {DateFallback.FILE_NAME: "the date in the file name", DateFallback.FIRST_INGEST: "the first-ingest time"}
    groups = [
        f"{shown} used for " + ", ".join(rel for rel, f in result.undated if f is fallback)
        for fallback, shown in used.items()
        if any(f is fallback for _, f in result.undated)
    ]
    return "seeds with no date: " + "; ".join(groups)


class _Combined:
    """Warnings and errors of ingest and render together, for the exit code."""

    def __init__(self, *results: IngestResult | UpToDate | BuildResult, extra_errors: int = 0) -> None:
        self.warnings = sum(r.warnings for r in results)
        self.errors = sum(r.errors for r in results) + extra_errors


def _colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


def _pages_named(config: SiteConfig, files: list[Path]) -> frozenset[str]:
    """Pages given on the command line, as paths inside content/ (how the ledger names them)."""
    content = config.paths.content.resolve()
    pages = set()
    for file in files:
        # as the warning shows it (from the project's folder), or from where the command runs
        for path in (config.paths.root / file, file):
            if path.resolve().is_relative_to(content):
                pages.add(path.resolve().relative_to(content).as_posix())
                break
        else:
            raise GeneratorError(f"not a page in {config.paths.content.name}/", str(file))
    return frozenset(pages)
