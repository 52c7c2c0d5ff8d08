"""``python -m generator serve``: build, serve output/, watch the inputs, rebuild on save.

The loop runs in the main thread (the Markdown time limit needs SIGALRM there);
the HTTP server answers from a background thread. Each save runs the same
incremental ingest + build as ``build``, so output/ is always what ``build``
would leave; a rebuild that changed files moves the site's generation on, and
open pages reload themselves. Problems are printed and shown on every open
page, errors in a red banner and warnings alone in a note: a bad site.yaml
(or a crash) keeps the last good site; a bad page is left out, as ``build``
leaves it out, until it is fixed. With ``--drafts`` every rebuild puts the
drafts in, labelled; an embargo that ends while serving rebuilds the site by
itself, no save needed.
"""

from __future__ import annotations

import secrets
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .. import clock
from ..config import SiteConfig, load_config
from ..diagnostics import Diagnostic, Level, error
from ..errors import ConfigError, GeneratorError
from ..faults import pages_kept, reported
from ..fsio import rel_to
from ..ingest.run import ingest
from ..lock import writer
from ..render.build import build
from ..render.publish import left_behind, public_path
from ..text import plural
from .server import LiveState, Mount, SiteServer

Show = Callable[[Diagnostic], None]
Say = Callable[[str], None]

_IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".part")


@dataclass(frozen=True)
class Rebuild:
    changed: int
    problems: tuple[str, ...]
    """Errors and warnings, formatted as on the terminal, for the page banner."""
    written: frozenset[str] = frozenset()
    """Content files ingest wrote (absolute paths): their change events are our own."""
    warnings: tuple[str, ...] = ()
    """Those of ``problems`` that are only warnings: the page shows them as a note it can close."""
    release: datetime | None = None
    """When the next held-back page's time comes: the site must be built again then."""

    def due(self, now: datetime) -> bool:
        return self.release is not None and now >= self.release


def watched(config: SiteConfig) -> tuple[Path, ...]:
    """The inputs whose saves rebuild the site: seeds/, content/, layouts/ and site.yaml."""
    paths = config.paths
    folders = [paths.seeds, paths.content, paths.layouts]
    found = [p for p in folders if p.is_dir()]
    if config.source is not None:
        found.append(Path(config.source).resolve())
    return tuple(found)


def relevant(path: str) -> bool:
    """Editor droppings and hidden files (ingest's own ledger among them) never trigger a rebuild."""
    name = Path(path).name
    return not (name.startswith((".", "#")) or name.endswith(_IGNORED_SUFFIXES))


def rebuild(
    config: SiteConfig,
    jobs: int,
    show: Show,
    say: Say,
    verbose: bool,
    drafts: bool = False,
    pending: datetime | None = None,
) -> Rebuild:
    """Ingest and build once; never raises. ``pending`` is the next release time known before:
    a build that fails keeps it, so an embargo that ends later is still built for."""
    started = time.perf_counter()
    try:
        root, content, output = config.paths.root, config.paths.content, config.paths.output
        with writer(config.paths.cache, root, say):  # one writer at a time: a build in another terminal waits
            now = clock.now()
            with reported(root, lambda: pages_kept(content, root)):
                ingested = ingest(config, now=now, jobs=jobs)
            with reported(root, lambda: left_behind(output, rel_to(output, root)), tidy=public_path):
                built = build(config, jobs=jobs, now=now, drafts=drafts)
    except GeneratorError as exc:
        problem = error(exc.message, exc.path, exc.line)
        show(problem)
        return Rebuild(0, (problem.format(),), release=pending)
    except Exception as exc:  # a bug must not take the server down
        problem = error(f"internal error: {exc.__class__.__name__}: {exc} (rerun with --verbose)")
        show(problem)
        if verbose:
            traceback.print_exc()
        return Rebuild(0, (problem.format(),), release=pending)
    notes = ingested.diagnostics + built.diagnostics
    for note in notes:
        show(note)
    took = time.perf_counter() - started
    say(
        f"rebuilt in {took:.2f} s: {plural(built.changed, 'file')} changed, {plural(built.warnings + ingested.warnings, 'warning')}"
    )
    content = config.paths.content
    written = frozenset(str(content / rel) for rel in ingested.created + ingested.updated)
    problems = tuple(n.format() for n in notes if n.level is not Level.INFO)
    warnings = tuple(n.format() for n in notes if n.level is Level.WARNING)
    return Rebuild(built.changed, problems, written, warnings, built.steady[1])


def serve(
    config_path: Path,
    config: SiteConfig,
    *,
    host: str,
    port: int,
    jobs: int,
    show: Show,
    say: Say,
    announce: Say | None = None,
    verbose: bool = False,
    changes: Callable[[tuple[Path, ...]], Iterable[set[str]]] | None = None,
    drafts: bool = False,
) -> None:
    """Serve until interrupted. ``changes`` yields sets of changed paths (watchfiles by
    default; an empty set now and then, so an embargo's end is noticed); ``announce``
    prints the address (``say`` if not given)."""
    wait_for_changes = changes or _watchfiles
    state = LiveState(secrets.token_hex(4))
    server = SiteServer(host, port, state, verbose)
    mount = Mount.of(config.paths.output, config.base_url, host, server.port)
    server.mount = mount
    server.start()  # pages of the last build are served while the first rebuild runs
    try:
        last = rebuild(config, jobs, show, say, verbose, drafts)
        state.publish(changed=True, problems=last.problems, warnings=last.warnings)
        (announce or say)(f"serving {mount.local_url} (Ctrl+C to stop); watching for changes")
        config_bad = False
        while True:
            folders = watched(config)
            config_file = str(Path(config.source).resolve()) if config.source is not None else None
            for batch in wait_for_changes(folders):
                due = last.due(clock.now())  # a held-back page's time has come
                ours, last = last.written, Rebuild(0, (), release=last.release)
                if not due and not any(relevant(p) for p in batch - ours):
                    continue  # only ingest's own writes, or editor droppings
                yaml_saved = config_file in batch
                if yaml_saved or config_bad:
                    reloaded = _reload_config(config_path, show)
                    config_bad = isinstance(reloaded, tuple)
                    if isinstance(reloaded, tuple):
                        state.publish(changed=False, problems=reloaded)
                        continue
                    config = reloaded
                last = rebuild(config, jobs, show, say, verbose, drafts, None if due else last.release)
                server.mount = Mount.of(config.paths.output, config.base_url, host, server.port)
                state.publish(changed=last.changed > 0, problems=last.problems, warnings=last.warnings)
                if yaml_saved or watched(config) != folders:
                    break  # watch again: a folder moved, or an editor replaced site.yaml's file
            else:
                return
    finally:
        server.stop()


def _reload_config(path: Path, show: Show) -> SiteConfig | tuple[str, ...]:
    """site.yaml again, after it was saved; its problems if it is now bad."""
    try:
        config, notes = load_config(path)
    except ConfigError as exc:
        for diagnostic in exc.diagnostics:  # errors and warnings, each at its line
            show(diagnostic)
        return tuple(d.format() for d in exc.diagnostics if d.level is Level.ERROR)
    for note in notes:
        show(note)
    return config


def _watchfiles(folders: tuple[Path, ...]) -> Iterable[set[str]]:
    from watchfiles import watch  # imported here: only serve needs it

    # an empty batch every few seconds with no change, for the embargo check
    for batch in watch(
        *folders, debounce=200, step=50, raise_interrupt=False, rust_timeout=5000, yield_on_timeout=True
    ):
        yield {path for _, path in batch}
