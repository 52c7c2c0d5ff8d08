"""Ingest: seeds/ → content/.

Reads every seed, parses the changed ones, and writes one Markdown file per
article, live blog and live post. The ledger, ``content/.ingest.json``, records
what ingest last wrote, which is how ingest knows that a file was edited by
hand since: such a file is never overwritten unless the user asks with
``--force``. Unchanged seeds are not parsed again, so a no-change ingest only
hashes files. What parsing depends on besides a seed's bytes (the parser's
version, the site's zone and ``ingest.drop_lines``) is the parser fingerprint:
when it changes, every seed is parsed again.

Every run warns about each seed that printed no date, has no byline or whose
headline was a guess, unchanged seeds included (from their report rows, kept in
.cache), so a problem is said until it is fixed, not only when the seed changes.

This module runs the steps in order; each step lives in its own module:
finding seeds (``discover``), the ledger (``ledger``), parsing (``parsing``),
naming pages (``naming``), building documents (``documents``) and writing
them without losing hand edits (``writes``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from .. import frontmatter
from ..cache import Cache
from ..config import SiteConfig
from ..diagnostics import Counts, Diagnostic, warning
from ..errors import SeedError
from ..filestate import FileHashes
from ..fsio import rel_to, sha256_bytes
from ..pool import parallel_map
from ..text import plural
from .chrome import known
from .discover import SeedFile, discover_seeds, read_seed
from .documents import ContentDoc, documents_for, fallback_moment, fallback_precision, markdown_document
from .ledger import LEDGER_NAME, Ledger, LedgerEntry, by_seed, load_ledger, save_ledger, seed_unchanged
from .naming import PageNames, Previous
from .parsing import Parsed, parse, seed_report
from .records import Piece
from .report import DateFallback, Packed, SeedReport, failed_report, seed_warnings, unpack
from .rows import load_rows, save_rows
from .writes import WRITES, Outcome, PageChange, write_page

PARSER_VERSION = "1"


@dataclass(frozen=True)
class IngestResult(Counts):
    seeds: int
    pages: int
    changes: tuple[PageChange, ...] = ()
    """Pages written, and hand edits kept over a changed seed, in the order met."""
    skipped: tuple[str, ...] = ()
    undated: tuple[tuple[str, DateFallback], ...] = ()
    """Seeds that print no date, sorted, each with where its pages' date came from."""
    diagnostics: tuple[Diagnostic, ...] = ()
    report: tuple[SeedReport, ...] = ()
    """One row per file in seeds/, sorted by path, unchanged seeds included."""
    ledger_changed: bool = False
    """The ledger was rewritten (in a dry run: would have been)."""

    @property
    def created(self) -> tuple[str, ...]:
        return self._pages(Outcome.CREATED)

    @property
    def updated(self) -> tuple[str, ...]:
        return self._pages(Outcome.UPDATED)

    @property
    def kept_edits(self) -> tuple[str, ...]:
        return self._pages(Outcome.KEPT)

    def _pages(self, outcome: Outcome) -> tuple[str, ...]:
        return tuple(c.page for c in self.changes if c.outcome is outcome)

    def summary(self) -> str:
        return (
            f"{plural(self.seeds, 'seed')} → {plural(self.pages, 'page')} "
            f"({len(self.created):,} created, {len(self.updated):,} updated, {plural(len(self.kept_edits), 'edit')} kept, "
            f"{plural(len(self.skipped), 'seed')} skipped), {plural(self.warnings, 'warning')}"
        )


@dataclass
class _Run:
    """Mutable bookkeeping for one ingest run; never leaves this module."""

    config: SiteConfig
    force: bool
    dry_run: bool
    accept: frozenset[str]
    """Pages (relative to content/) whose kept edit gives way to the seed's new version."""
    keep: frozenset[str]
    """Pages whose kept edit stays, with no more warnings until the seed changes again."""
    now: datetime
    ledger: Ledger
    names: PageNames
    diagnostics: list[Diagnostic] = field(default_factory=list)
    changes: list[PageChange] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    pages: int = 0
    rows: dict[str, SeedReport] = field(default_factory=dict)
    """The ingest report, by seed path."""
    notes: dict[str, list[Diagnostic]] = field(default_factory=dict)
    """Each ingested seed's warnings (``seed_warnings``), by seed path."""
    decided: set[str] = field(default_factory=set)
    """The pages of ``accept`` and ``keep`` that were acted on (the others are warned about)."""

    def settle(self, rel: str, row: SeedReport, used: str | None = None) -> None:
        """A seed's report row, and the warnings it gives (``used``: the date its pages took, if it printed none)."""
        self.rows[rel] = row
        self.notes[rel] = seed_warnings(row, used)


def parser_fingerprint(config: SiteConfig) -> str:
    """What a seed's parse depends on besides its bytes; the ledger and the cached report rows are
    stamped with it, so a change (a new parser, another zone, other drop_lines) parses every seed again."""
    fingerprint = f"{PARSER_VERSION}:{config.timezone}"
    if config.ingest.drop_lines:
        fingerprint += ":" + sha256_bytes(json.dumps(config.ingest.drop_lines).encode("utf-8"))[:16]
    return fingerprint


_Work = tuple[SeedFile, bytes, str, list[tuple[str, LedgerEntry]]]
"""A seed to parse: the file, its bytes, their hash and its pages in the ledger."""


def ingest(
    config: SiteConfig,
    *,
    now: datetime,
    force: bool = False,
    jobs: int = 1,
    progress: Callable[[str, int, int], None] | None = None,
    report: bool = False,
    dry_run: bool = False,
    accept: frozenset[str] = frozenset(),
    keep: frozenset[str] = frozenset(),
) -> IngestResult:
    """Bring content/ up to date with seeds/. ``now`` is the first-ingest time given
    to seeds that carry no date at all; the site's ``ingest.drop_lines`` are dropped
    as page chrome.

    With ``dry_run`` every decision is made as usual but nothing is written (no
    page, no ledger, nothing in .cache): the result says what a real run would do.

    ``accept`` and ``keep`` name pages (relative to content/) whose hand edit was
    kept while their seed changed: ``accept`` takes the seed's version for those
    pages alone (``--force`` for one page), ``keep`` keeps the edit and stops the
    warning until the seed changes again.

    The result's ``report`` has a row for every file in seeds/ (empty with
    ``report=False``). An unchanged seed's row, and so its warnings, comes from
    ``content/.ingest-rows.json`` (see ``rows``); a seed whose row is not kept there
    (a new generator, a lost file) is parsed again for it, once, writing no page."""
    paths = config.paths
    content = paths.content
    ledger, stored_fingerprint, ledger_problem = load_ledger(content)
    ledger_before = dict(ledger)
    seeds, found = discover_seeds(paths.seeds, paths.root)
    run = _Run(
        config=config,
        force=force,
        dry_run=dry_run,
        accept=accept,
        keep=keep,
        now=now,
        ledger=ledger,
        names=PageNames.start(content, ledger),
        diagnostics=list(found),
    )
    if ledger_problem:
        run.diagnostics.append(warning(ledger_problem, rel_to(content / LEDGER_NAME, paths.root)))
    fingerprint = parser_fingerprint(config)
    pages_by_seed = by_seed(run.ledger)

    for note in found:  # files in seeds/ that are not seeds (junk, symlinks out): rows too
        if note.path:
            run.rows[note.path] = failed_report(note.path, note.message.removeprefix("skipped: "), unreadable=False)

    cache = Cache(paths.cache)
    hashes = FileHashes.restore(cache.load("seed-files"))
    # An unchanged seed is not parsed again, so its report row is kept beside the
    # ledger, stamped with the seed's hash and the parser fingerprint.
    saved_rows = load_rows(content)
    kept_rows: dict[str, tuple[str, Packed]] = {}
    stamps: dict[str, str] = {}
    todo: list[_Work] = []
    recount: list[_Work] = []
    for seed in seeds:
        entries = pages_by_seed.get(seed.rel, [])
        try:
            digest, data = read_seed(seed, config.ingest.max_seed_bytes, hashes)
        except SeedError as exc:
            run.diagnostics.append(warning(f"skipped: {exc.message}", seed.rel))
            run.skipped.append(seed.rel)
            run.rows[seed.rel] = failed_report(seed.rel, exc.message, unreadable=True)
            continue
        stamps[seed.rel] = stamp = f"{fingerprint}:{digest}"
        if entries and not force and fingerprint == stored_fingerprint and seed_unchanged(entries, digest, content):
            run.pages += len(entries)
            cached = saved_rows.get(seed.rel)
            row = unpack(seed.rel, cached[1], len(entries)) if cached and cached[0] == stamp else None
            if cached and row:
                run.settle(seed.rel, row, _used_date(entries))
                kept_rows[seed.rel] = cached
            else:  # no row kept (a cold cache): parse for the report and the warnings only
                recount.append((seed, data if data is not None else seed.path.read_bytes(), digest, entries))
            continue
        todo.append((seed, data if data is not None else seed.path.read_bytes(), digest, entries))

    zone, chrome = config.tz, known().with_lines(config.ingest.drop_lines)
    work = [*todo, *recount]
    parsed = parallel_map(lambda item: parse(item[0].rel, item[1], zone, chrome), work, jobs)
    for n, ((seed, _, digest, entries), result) in enumerate(zip(work, parsed, strict=True), 1):
        if n <= len(todo):
            _ingest_one(run, seed, digest, entries, result)
        else:
            run.settle(seed.rel, seed_report(seed.rel, result, len(entries)), _used_date(entries))
        if progress:
            progress("parse", n, len(work))

    for rel in sorted(run.notes):
        run.diagnostics.extend(run.notes[rel])
    _report_vanished(run, pages_by_seed, {s.rel for s in seeds}, content)
    _report_undecided(run, content)
    ledger_changed = run.ledger != ledger_before or fingerprint != stored_fingerprint
    if not dry_run:
        if ledger_changed:
            save_ledger(content, run.ledger, fingerprint)
        cache.save("seed-files", hashes.snapshot())
        rows = {
            rel: kept_rows.get(rel) or (stamps[rel], row.packed())
            for rel, row in run.rows.items()
            if row.ingested and rel in stamps
        }
        if rows != saved_rows:
            save_rows(content, rows)
    return IngestResult(
        seeds=len(seeds),
        pages=run.pages,
        changes=tuple(run.changes),
        skipped=tuple(run.skipped),
        undated=tuple((rel, row.date_fallback) for rel, row in sorted(run.rows.items()) if row.date_fallback),
        diagnostics=tuple(run.diagnostics),
        report=tuple(run.rows[rel] for rel in sorted(run.rows)) if report else (),
        ledger_changed=ledger_changed,
    )


def _ingest_one(run: _Run, seed: SeedFile, digest: str, entries: list[tuple[str, LedgerEntry]], parsed: Parsed) -> None:
    zone = run.config.tz
    if parsed.problem is not None:
        run.diagnostics.append(warning(f"skipped: {parsed.problem}", seed.rel, parsed.line))
        run.skipped.append(seed.rel)
        run.rows[seed.rel] = seed_report(seed.rel, parsed, 0)
        return
    piece, meta, body = parsed.piece, parsed.meta, parsed.body

    previous = {e.key: (p, e) for p, e in entries}
    fallback = _fallback_date(run, seed, previous, zone)
    if piece is not None:
        undated = piece.date is None
        if undated:
            piece = replace(
                piece, date=fallback, updated=piece.updated or fallback, date_precision=fallback_precision(seed.rel)
            )
        docs = documents_for(
            piece, seed.rel, digest, lambda key, p, parent: run.names.identify(seed.rel, previous, key, p, parent)
        )
    else:
        assert meta is not None and body is not None
        undated = "date" not in meta
        docs = [_markdown_doc(run, seed, previous, meta, body, digest, fallback)]
    run.settle(seed.rel, seed_report(seed.rel, parsed, len(docs)), fallback.isoformat() if undated else None)
    for doc in docs:
        _write_doc(run, seed, doc, digest, fallback.isoformat() if undated else None)


def _used_date(entries: list[tuple[str, LedgerEntry]]) -> str | None:
    """The date an unchanged seed that prints none gave its pages, as the ledger kept it."""
    return next((e.fallback_date for _, e in entries if e.fallback_date), None)


def _fallback_date(run: _Run, seed: SeedFile, previous: Previous, zone: tzinfo) -> datetime:
    for _, entry in previous.values():
        if entry.fallback_date:
            return datetime.fromisoformat(entry.fallback_date)
    return fallback_moment(Path(seed.rel).name, run.now.astimezone(zone).replace(microsecond=0), zone)


def _markdown_doc(
    run: _Run,
    seed: SeedFile,
    previous: Previous,
    meta: dict[str, Any],
    body: str,
    digest: str,
    fallback: datetime,
) -> ContentDoc:
    """A ``.md`` seed is taken as written; ingest adds only what is missing."""
    for note in meta.pop("_notes", []):
        run.diagnostics.append(warning(note, seed.rel))
    kind = meta.get("kind", "article")
    stand_in = Piece(kind=kind, title=meta["title"])
    ident = run.names.identify(seed.rel, previous, "", stand_in, meta.get("live_blog"))
    if "slug" in meta and meta["slug"] != ident.slug and "" not in previous:
        renamed = run.names.rename(ident, meta["slug"])
        if renamed is None:
            run.diagnostics.append(warning(f"slug '{meta['slug']}' is taken; using '{ident.slug}'", seed.rel))
        else:
            ident = renamed
    return markdown_document(meta, body, ident, seed.rel, digest, fallback)


def _report_undecided(run: _Run, content: Path) -> None:
    """A page named by --accept-seed or --keep-edit that was no kept edit: said, not ignored."""
    for flag, names in (("--accept-seed", run.accept), ("--keep-edit", run.keep)):
        for rel in sorted(names - run.decided):
            run.diagnostics.append(
                warning(
                    f"{flag}: nothing to do: this page is not a hand edit kept over a changed seed",
                    rel_to(content / rel, run.config.paths.root),
                )
            )


def _write_doc(run: _Run, seed: SeedFile, doc: ContentDoc, digest: str, fallback: str | None) -> None:
    paths = run.config.paths
    rel = doc.identity.path
    data = frontmatter.render(doc.meta, doc.body).encode("utf-8")
    run.pages += 1
    outcome, note = write_page(
        paths.content / rel,
        data,
        content=paths.content,
        root=paths.root,
        previous=run.ledger.get(rel),
        seed=seed.rel,
        seed_sha256=digest,
        force=run.force or rel in run.accept,
        dry_run=run.dry_run,
    )
    previous = run.ledger.get(rel)
    if rel in run.accept and outcome in WRITES:
        run.decided.add(rel)
    if outcome is Outcome.KEPT and rel in run.keep and previous is not None:
        run.decided.add(rel)
        # the edit stays; the seed's new hash is acknowledged, so it warns again only on the next change
        run.ledger[rel] = replace(previous, seed_sha256=digest)
        run.changes.append(PageChange(rel, seed.rel, Outcome.EDITED))
        return
    if note is not None:
        run.diagnostics.append(note)
    if outcome in WRITES or outcome is Outcome.KEPT:
        run.changes.append(PageChange(rel, seed.rel, outcome))
    if outcome in WRITES or outcome is Outcome.SAME:
        entry = LedgerEntry(seed.rel, doc.key, doc.identity.id, doc.identity.slug, sha256_bytes(data), digest, fallback)
        run.ledger[rel] = entry


def _report_vanished(
    run: _Run, pages_by_seed: dict[str, list[tuple[str, LedgerEntry]]], present: set[str], content: Path
) -> None:
    for seed_rel in sorted(set(pages_by_seed) - present):
        for path, _entry in pages_by_seed[seed_rel]:
            if (content / path).is_file():
                run.diagnostics.append(
                    warning(
                        f"its seed {seed_rel} is gone; the page is kept. Delete this file to unpublish it",
                        rel_to(content / path, run.config.paths.root),
                    )
                )
            else:
                run.ledger.pop(path, None)
