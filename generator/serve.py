"""``python -m generator serve``: build, serve output/, watch the inputs, rebuild on save.

The loop runs in the main thread (the Markdown time limit needs SIGALRM there);
the HTTP server answers from a background thread. Each save runs the same
incremental ingest + build as ``build``, so output/ is always what ``build``
would leave; a rebuild that changed files moves the site's generation on, and
open pages reload themselves. A failing rebuild keeps the last good site, prints
the problem and shows it in a banner on every open page.
"""

from __future__ import annotations

import secrets
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from . import clock
from .build import build
from .config import SiteConfig, load_config
from .diagnostics import Diagnostic, Level, error
from .errors import ConfigError, GeneratorError
from .httpserve import LiveState, Mount, SiteServer
from .ingest import ingest

Show = Callable[[Diagnostic], None]
Say = Callable[[str], None]

_IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".part")


@dataclass(frozen=True)
class Rebuild:
    changed: int
    problems: tuple[str, ...]
    """Errors and warnings, formatted as on the terminal, for the page banner."""


def watched(config: SiteConfig) -> tuple[Path, ...]:
    """What a save in should rebuild the site: seeds/, content/, layouts/ and site.yaml."""
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


def rebuild(config: SiteConfig, jobs: int, show: Show, say: Say, verbose: bool) -> Rebuild:
    """Ingest and build once; never raises."""
    started = time.perf_counter()
    try:
        ingested = ingest(config, now=clock.now(), jobs=jobs)
        built = build(config, jobs=jobs)
    except GeneratorError as exc:
        problem = error(exc.message, exc.path, exc.line)
        show(problem)
        return Rebuild(0, (problem.format(),))
    except Exception as exc:  # a bug must not take the server down
        problem = error(f"internal error: {exc.__class__.__name__}: {exc} (rerun with --verbose)")
        show(problem)
        if verbose:
            traceback.print_exc()
        return Rebuild(0, (problem.format(),))
    notes = ingested.diagnostics + built.diagnostics
    for note in notes:
        show(note)
    took = time.perf_counter() - started
    say(f"rebuilt in {took:.2f} s: {built.changed} files changed, {built.warnings + ingested.warnings} warnings")
    return Rebuild(built.changed, tuple(n.format() for n in notes if n.level is not Level.INFO))


def serve(
    config_path: Path,
    config: SiteConfig,
    *,
    host: str,
    port: int,
    jobs: int,
    show: Show,
    say: Say,
    verbose: bool = False,
    changes: Callable[[tuple[Path, ...]], Iterable[set[str]]] | None = None,
) -> None:
    """Serve until interrupted. ``changes`` yields sets of changed paths (watchfiles by default)."""
    wait_for_changes = changes or _watchfiles
    state = LiveState(secrets.token_hex(4))
    server = SiteServer(host, port, state, verbose)
    try:
        first = rebuild(config, jobs, show, say, verbose)
        state.publish(changed=True, problems=first.problems)
        mount = Mount.of(config.paths.output, config.base_url, host, server.port)
        server.mount = mount
        server.start()
        say(f"serving {mount.local_url} (Ctrl+C to stop); watching for changes")
        while True:
            folders = watched(config)
            for batch in wait_for_changes(folders):
                if not any(relevant(p) for p in batch):
                    continue
                yaml_saved = config.source is not None and str(Path(config.source).resolve()) in batch
                reloaded = _reload_config(config_path, config, show)
                if isinstance(reloaded, tuple):
                    state.publish(changed=False, problems=reloaded)
                    continue
                config = reloaded
                result = rebuild(config, jobs, show, say, verbose)
                server.mount = Mount.of(config.paths.output, config.base_url, host, server.port)
                state.publish(changed=result.changed > 0, problems=result.problems)
                if yaml_saved or watched(config) != folders:
                    break  # watch again: a folder moved, or an editor replaced site.yaml's file
            else:
                return
    finally:
        server.stop()


def _reload_config(path: Path, current: SiteConfig, show: Show) -> SiteConfig | tuple[str, ...]:
    """site.yaml again (it may have been the file saved); its problems if it is now bad."""
    try:
        config, notes = load_config(path)
    except ConfigError as exc:
        problems = [error(problem, exc.path, exc.line) for problem in exc.problems]
        for problem in problems:
            show(problem)
        return tuple(p.format() for p in problems)
    for note in notes:
        show(note)
    return config if config != current else current


def _watchfiles(folders: tuple[Path, ...]) -> Iterable[set[str]]:
    from watchfiles import watch  # imported here: only serve needs it

    for batch in watch(*folders, debounce=200, step=50, raise_interrupt=False):
        yield {path for _, path in batch}
