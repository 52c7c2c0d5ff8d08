"""Ingest: seeds/ → content/.

Reads every seed, parses the changed ones, and writes one Markdown file per
article, live blog and live post. A small ledger, ``content/.ingest.json``, records
what ingest last wrote (the file's hash, id, slug and seed hash), which is how
ingest knows that a file was edited by hand since: such a file is never
overwritten unless the user asks with ``--force``. Unchanged seeds are not parsed
again, so a no-change ingest only hashes files.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from .. import frontmatter
from ..cache import Cache
from ..config import SiteConfig
from ..diagnostics import Diagnostic, Level, count, error, info, warning
from ..errors import ContentError, GeneratorError, SeedError
from ..filestate import FileHashes
from ..fsio import rel_to, sha256_bytes, under, walk_files, write_atomic
from ..pool import parallel_map
from ..schema import FIELD_ORDER, validate
from ..slugs import slugify, unique_slug
from ..text import DecodeError, decode, plural, xml_safe
from .documents import ContentDoc, Identity, documents_for, fallback_moment, mint_id
from .records import Piece
from .report import Packed, SeedReport, failed_report, markdown_report, piece_report, unpack
from .seedparse import parse_seed

LEDGER_NAME = ".ingest.json"
LEDGER_FORMAT = 1
PARSER_VERSION = "1"
_JUNK_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini", ".gitkeep", ".keep"}
_MARKDOWN_SUFFIXES = {".md", ".markdown"}


@dataclass(frozen=True)
class LedgerEntry:
    seed: str
    key: str
    id: str
    slug: str
    sha256: str
    seed_sha256: str
    fallback_date: str | None = None


@dataclass(frozen=True)
class SeedFile:
    path: Path
    rel: str
    """Path relative to the project root, with forward slashes (the ``seed`` field)."""


@dataclass(frozen=True)
class IngestResult:
    seeds: int
    pages: int
    created: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    kept_edits: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    undated: tuple[str, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    report: tuple[SeedReport, ...] = ()
    """One row per file in seeds/, sorted by path, unchanged seeds included."""

    @property
    def warnings(self) -> int:
        return count(self.diagnostics, Level.WARNING)

    @property
    def errors(self) -> int:
        return count(self.diagnostics, Level.ERROR)

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
    now: datetime
    ledger: dict[str, LedgerEntry]
    taken_slugs: set[str]
    taken_paths: set[str]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)
    pages: int = 0
    known_ids: dict[str, tuple[str, str]] | None = None
    """id → (path, slug) of the pages already in content/, read only when needed."""
    rows: dict[str, SeedReport] = field(default_factory=dict)
    """The ingest report, by seed path."""


def ingest(
    config: SiteConfig,
    *,
    now: datetime,
    force: bool = False,
    jobs: int = 1,
    progress: Callable[[str, int, int], None] | None = None,
    report: bool = False,
) -> IngestResult:
    """Bring content/ up to date with seeds/. ``now`` is the first-ingest time given
    to seeds that carry no date at all.

    The result's ``report`` has a row for every file in seeds/. An unchanged seed's
    row comes from the cache; with ``report=False`` a seed whose row is not cached
    (after ``rm -rf .cache`` or a new generator) is not parsed just for it, and the
    result's report is empty."""
    paths = config.paths
    content = paths.content
    ledger, stored_fingerprint, ledger_problem = _load_ledger(content)
    ledger_before = dict(ledger)
    seeds, found = discover_seeds(paths.seeds, paths.root)
    existing = _existing_content(content)
    run = _Run(
        config=config,
        force=force,
        now=now,
        ledger=ledger,
        taken_slugs={e.slug for e in ledger.values()} | {Path(p).stem for p in existing},
        taken_paths=set(existing),
        diagnostics=list(found),
    )
    if ledger_problem:
        run.diagnostics.append(warning(ledger_problem, rel_to(content / LEDGER_NAME, paths.root)))
    fingerprint = f"{PARSER_VERSION}:{config.timezone}"
    by_seed: dict[str, list[tuple[str, LedgerEntry]]] = {}
    for path, entry in run.ledger.items():
        by_seed.setdefault(entry.seed, []).append((path, entry))

    for note in found:  # files in seeds/ that are not seeds (junk, symlinks out): rows too
        if note.path:
            run.rows[note.path] = failed_report(note.path, note.message.removeprefix("skipped: "), unreadable=False)

    cache = Cache(paths.cache)
    hashes = FileHashes.restore(cache.load("seed-files"))
    # An unchanged seed is not parsed again, so its report row is kept in the cache,
    # stamped with the seed's hash and the parser fingerprint.
    saved_rows = _restore_rows(cache.load("seed-reports"))
    kept_rows: dict[str, tuple[str, Packed]] = {}
    stamps: dict[str, str] = {}
    todo: list[tuple[SeedFile, bytes, str, list[tuple[str, LedgerEntry]]]] = []
    recount: list[tuple[SeedFile, bytes, str, list[tuple[str, LedgerEntry]]]] = []
    for seed in seeds:
        entries = by_seed.get(seed.rel, [])
        try:
            digest, data = _read_seed(seed, config.ingest.max_seed_bytes, hashes)
        except SeedError as exc:
            run.diagnostics.append(warning(f"skipped: {exc.message}", seed.rel))
            run.skipped.append(seed.rel)
            run.rows[seed.rel] = failed_report(seed.rel, exc.message, unreadable=True)
            continue
        stamps[seed.rel] = stamp = f"{fingerprint}:{digest}"
        if entries and not force and fingerprint == stored_fingerprint and _unchanged(entries, digest, content):
            run.pages += len(entries)
            cached = saved_rows.get(seed.rel)
            row = unpack(seed.rel, cached[1], len(entries)) if cached and cached[0] == stamp else None
            if cached and row:
                run.rows[seed.rel] = row
                kept_rows[seed.rel] = cached
            elif report:  # no row kept (a cold cache): parse for the report only
                recount.append((seed, data if data is not None else seed.path.read_bytes(), digest, entries))
            continue
        todo.append((seed, data if data is not None else seed.path.read_bytes(), digest, entries))

    zone = config.tz
    work = [*todo, *recount]
    parsed = parallel_map(lambda item: _parse(item[0].rel, item[1], zone), work, jobs)
    for n, ((seed, _, digest, entries), result) in enumerate(zip(work, parsed, strict=True), 1):
        if n <= len(todo):
            _ingest_one(run, seed, digest, entries, result)
        else:
            run.rows[seed.rel] = _seed_report(seed.rel, result, len(entries))
        if progress:
            progress("parse", n, len(work))

    _report_vanished(run, by_seed, {s.rel for s in seeds}, content)
    if run.ledger != ledger_before or fingerprint != stored_fingerprint:
        _save_ledger(content, run.ledger, fingerprint)
    cache.save("seed-files", hashes.snapshot())
    rows = {
        rel: kept_rows.get(rel) or (stamps[rel], row.packed())
        for rel, row in run.rows.items()
        if row.ingested and rel in stamps
    }
    if rows != saved_rows:
        cache.save("seed-reports", rows)
    return IngestResult(
        seeds=len(seeds),
        pages=run.pages,
        created=tuple(run.created),
        updated=tuple(run.updated),
        kept_edits=tuple(run.kept),
        skipped=tuple(run.skipped),
        undated=tuple(run.undated),
        diagnostics=tuple(run.diagnostics),
        report=tuple(run.rows[rel] for rel in sorted(run.rows)) if report else (),
    )


def _restore_rows(saved: object) -> dict[str, tuple[str, Packed]]:
    """The cached report rows by seed: (stamp, packed row); unpack checks the rest."""
    if not isinstance(saved, dict):
        return {}
    return {rel: value for rel, value in saved.items() if isinstance(value, tuple) and len(value) == 2}


def _seed_report(rel: str, parsed: _Parsed, pages: int) -> SeedReport:
    """The report row of a parsed seed giving ``pages`` pages."""
    if parsed.problem is not None:
        return failed_report(rel, parsed.problem, unreadable=parsed.unreadable, line=parsed.line)
    if parsed.piece is not None:
        return piece_report(rel, parsed.piece, pages)
    assert parsed.meta is not None
    return markdown_report(rel, parsed.meta, pages)


def discover_seeds(seeds_dir: Path, root: Path) -> tuple[list[SeedFile], list[Diagnostic]]:
    """Every seed file under seeds/, sorted by path. Editor junk, hidden files and
    symlinks that leave seeds/ are skipped with a warning."""
    found: list[SeedFile] = []
    notes: list[Diagnostic] = []
    if not seeds_dir.is_dir():
        return [], [warning(f"seeds folder {seeds_dir} does not exist; nothing to ingest")]
    prefix = under(seeds_dir, root)
    for path, inner, problem in walk_files(seeds_dir):
        rel = prefix + inner
        reason = _junk_reason(path.name) or problem
        if reason is None and not path.is_file():
            reason = "not a regular file"
        if reason:
            notes.append(warning(f"skipped: {reason}", rel))
            continue
        found.append(SeedFile(path, rel))
    return sorted(found, key=lambda s: s.rel), notes


def _junk_reason(name: str) -> str | None:
    if name in _JUNK_NAMES or name.startswith("._"):
        return "editor or system junk file"
    if name.endswith(("~", ".swp", ".swo", ".tmp", ".bak")) or (name.startswith("#") and name.endswith("#")):
        return "editor backup or swap file"
    if name.startswith("."):
        return "hidden file"
    return None


def _read_seed(seed: SeedFile, cap: int, hashes: FileHashes) -> tuple[str, bytes | None]:
    """The seed's hash, and its bytes if they had to be read."""
    try:
        size = seed.path.stat().st_size
        if size > cap:
            raise SeedError(f"too large ({size} bytes; the cap is ingest.max_seed_bytes = {cap})", seed.rel)
        digest, data = hashes.digest_and_data(seed.path)
    except OSError as exc:
        raise SeedError(f"cannot read ({exc.strerror or exc})", seed.rel) from None
    if data is not None and not data.strip():
        raise SeedError("empty or whitespace only", seed.rel)
    return digest, data


def _unchanged(entries: list[tuple[str, LedgerEntry]], digest: str, content: Path) -> bool:
    """The seed is as last ingested and every page it gave still exists."""
    return all(e.seed_sha256 == digest and os.path.isfile(os.path.join(content, p)) for p, e in entries)


@dataclass(frozen=True)
class _Parsed:
    piece: Piece | None = None
    meta: dict[str, Any] | None = None
    body: str | None = None
    problem: str | None = None
    line: int | None = None
    unreadable: bool = False
    """The problem is that the bytes are no text (empty, binary, undecodable)."""


def _parse(rel: str, data: bytes, zone: tzinfo) -> _Parsed:
    """A seed's bytes → a parsed piece (or, for a Markdown seed, its front matter
    and body), or the reason it is skipped. Pure, so it can run in a worker."""
    try:
        text = xml_safe(decode(data))
        if not text.strip():
            return _Parsed(problem="empty or whitespace only", unreadable=True)
        if Path(rel).suffix.lower() in _MARKDOWN_SUFFIXES and frontmatter.has_front_matter(text):
            meta, body = _markdown_seed(text, rel, zone)
            return _Parsed(meta=meta, body=body)
        return _Parsed(piece=parse_seed(text, zone, rel))
    except (SeedError, ContentError) as exc:
        return _Parsed(problem=exc.message, line=exc.line)
    except DecodeError as exc:
        return _Parsed(problem=str(exc), unreadable=True)
    except RecursionError:
        return _Parsed(problem="too deeply nested to parse")


def _ingest_one(
    run: _Run, seed: SeedFile, digest: str, entries: list[tuple[str, LedgerEntry]], parsed: _Parsed
) -> None:
    zone = run.config.tz
    if parsed.problem is not None:
        run.diagnostics.append(warning(f"skipped: {parsed.problem}", seed.rel, parsed.line))
        run.skipped.append(seed.rel)
        run.rows[seed.rel] = _seed_report(seed.rel, parsed, 0)
        return
    piece, meta, body = parsed.piece, parsed.meta, parsed.body

    previous = {e.key: (p, e) for p, e in entries}
    fallback = _fallback_date(run, seed, previous, zone)
    if piece is not None:
        undated = piece.date is None
        if undated:
            piece = replace(piece, date=fallback, updated=piece.updated or fallback)
        docs = documents_for(
            piece, seed.rel, digest, lambda key, p, parent: _identify(run, seed, previous, key, p, parent)
        )
    else:
        assert meta is not None and body is not None
        undated = "date" not in meta
        docs = [_markdown_doc(run, seed, previous, meta, body, digest, fallback)]
    run.rows[seed.rel] = _seed_report(seed.rel, parsed, len(docs))
    if undated:
        run.undated.append(seed.rel)
        run.diagnostics.append(info(f"no date found; using {fallback.isoformat()}", seed.rel))
    for doc in docs:
        _write_doc(run, seed, doc, digest, fallback.isoformat() if undated else None)


def _fallback_date(run: _Run, seed: SeedFile, previous: dict[str, tuple[str, LedgerEntry]], zone: tzinfo) -> datetime:
    for _, entry in previous.values():
        if entry.fallback_date:
            return datetime.fromisoformat(entry.fallback_date)
    return fallback_moment(Path(seed.rel).name, run.now.astimezone(zone).replace(microsecond=0), zone)


def _identify(
    run: _Run, seed: SeedFile, previous: dict[str, tuple[str, LedgerEntry]], key: str, piece: Piece, parent: str | None
) -> Identity:
    """Reuse the id, slug and path a page had; mint them for a new page."""
    if key in previous:
        path, entry = previous[key]
        return Identity(entry.id, entry.slug, path)
    page_id = mint_id(seed.rel, key)
    adopted = _known_ids(run).get(page_id)
    if adopted is not None:  # in content/ already, but missing from the ledger: adopt it
        return Identity(page_id, adopted[1], adopted[0])
    slug = unique_slug(slugify(piece.title, fallback="story"), run.taken_slugs)
    folder = "articles" if piece.kind == "article" else f"live/{parent}" if parent else "live"
    while f"{folder}/{slug}.md" in run.taken_paths:
        slug = unique_slug(slug, run.taken_slugs | {slug})
    run.taken_slugs.add(slug)
    path = f"{folder}/{slug}.md"
    run.taken_paths.add(path)
    return Identity(page_id, slug, path)


def _known_ids(run: _Run) -> dict[str, tuple[str, str]]:
    """Ids of the content files the ledger does not know, so a lost ledger never
    duplicates pages. Read once, and only when a page is new to the ledger."""
    if run.known_ids is None:
        content = run.config.paths.content
        listed = set(run.ledger)
        run.known_ids = {}
        for rel in sorted(run.taken_paths - listed):
            try:
                meta = frontmatter.parse((content / rel).read_text(encoding="utf-8"), rel)[0]
            except (OSError, UnicodeDecodeError, ContentError):
                continue
            if isinstance(meta.get("id"), str) and isinstance(meta.get("slug"), str):
                run.known_ids.setdefault(meta["id"], (rel, meta["slug"]))
    return run.known_ids


def _markdown_seed(text: str, rel: str, zone: tzinfo) -> tuple[dict[str, Any], str]:
    raw, body, _ = frontmatter.parse(text, rel)
    meta, problems, notes = validate(raw, zone)
    if problems:
        raise ContentError("invalid front matter: " + "; ".join(problems), rel, 2)
    if notes:
        meta = {**meta, "_notes": notes}
    return meta, body


def _markdown_doc(
    run: _Run,
    seed: SeedFile,
    previous: dict[str, tuple[str, LedgerEntry]],
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
    ident = _identify(run, seed, previous, "", stand_in, meta.get("live_blog"))
    if "slug" in meta and meta["slug"] != ident.slug and "" not in previous:
        if meta["slug"] in run.taken_slugs - {ident.slug}:
            run.diagnostics.append(warning(f"slug '{meta['slug']}' is taken; using '{ident.slug}'", seed.rel))
        else:
            run.taken_slugs.discard(ident.slug)
            run.taken_slugs.add(meta["slug"])
            ident = Identity(ident.id, meta["slug"], ident.path)
    filled = {
        "kind": kind,
        "date": fallback.isoformat(),
        "authors": [],
        "topics": [],
        **meta,
        "id": meta.get("id", ident.id),
        "slug": ident.slug,
        "seed": seed.rel,
        "seed_sha256": digest,
    }
    ordered = {k: filled[k] for k in FIELD_ORDER if k in filled}
    return ContentDoc("", Identity(ordered["id"], ident.slug, ident.path), ordered, body)


def _write_doc(run: _Run, seed: SeedFile, doc: ContentDoc, digest: str, fallback: str | None) -> None:
    content = run.config.paths.content
    rel = doc.identity.path
    target = content / rel
    data = frontmatter.render(doc.meta, doc.body).encode("utf-8")
    new_hash = sha256_bytes(data)
    entry = LedgerEntry(seed.rel, doc.key, doc.identity.id, doc.identity.slug, new_hash, digest, fallback)
    run.pages += 1
    try:
        on_disk = target.read_bytes()
    except FileNotFoundError:
        on_disk = None
    previous = run.ledger.get(rel)
    if on_disk is not None and on_disk != data:
        edited = previous is None or sha256_bytes(on_disk) != previous.sha256
        seed_changed = previous is None or previous.seed_sha256 != digest
        if edited and not seed_changed:
            return  # an editor's change to a page whose seed did not change: nothing to do
        if edited and not run.force:
            run.kept.append(rel)
            run.diagnostics.append(
                warning(
                    f"kept your edit: this file was changed by hand since ingest wrote it, and its seed {seed.rel} "
                    "has changed too; run 'python -m generator ingest --force' to replace it with the seed's version",
                    rel_to(target, run.config.paths.root),
                )
            )
            return  # the ledger keeps the old seed hash, so the change stays pending until --force
    try:
        written = write_atomic(target, data, content)
    except (OSError, GeneratorError) as exc:
        run.diagnostics.append(error(f"cannot write: {exc}", rel_to(target, run.config.paths.root)))
        return
    if written:
        (run.updated if on_disk is not None else run.created).append(rel)
    run.ledger[rel] = entry


def _report_vanished(
    run: _Run, by_seed: dict[str, list[tuple[str, LedgerEntry]]], present: set[str], content: Path
) -> None:
    for seed_rel in sorted(set(by_seed) - present):
        for path, _entry in by_seed[seed_rel]:
            if (content / path).is_file():
                run.diagnostics.append(
                    warning(
                        f"its seed {seed_rel} is gone; the page is kept. Delete this file to unpublish it",
                        rel_to(content / path, run.config.paths.root),
                    )
                )
            else:
                run.ledger.pop(path, None)


def _existing_content(content: Path) -> list[str]:
    return [rel for path, rel, _ in walk_files(content) if rel.endswith(".md") and not path.name.startswith(".")]


def _load_ledger(content: Path) -> tuple[dict[str, LedgerEntry], str | None, str | None]:
    """The ledger, the parser fingerprint it was written with, and a problem if unreadable.

    Without a readable ledger every existing file counts as hand-edited, so
    nothing is overwritten by mistake."""
    path = content / LEDGER_NAME
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        pages = {str(p): LedgerEntry(**e) for p, e in raw["pages"].items()}
        return pages, str(raw.get("parser")), None
    except FileNotFoundError:
        return {}, None, None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return {}, None, f"ingest ledger unreadable ({exc.__class__.__name__}); existing pages are treated as edited"


def _save_ledger(content: Path, ledger: dict[str, LedgerEntry], fingerprint: str) -> None:
    doc = {
        "format": LEDGER_FORMAT,
        "parser": fingerprint,
        "pages": {p: _entry_json(ledger[p]) for p in sorted(ledger)},
    }
    data = (json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")
    content.mkdir(parents=True, exist_ok=True)
    write_atomic(content / LEDGER_NAME, data, content)


def _entry_json(entry: LedgerEntry) -> dict[str, Any]:
    return {k: v for k, v in asdict(entry).items() if v is not None}
