"""Naming pages: the id, slug and file path each page of a run gets.

A page ingest wrote before keeps its id, slug and path (the ledger has them).
A new page gets an id minted from its seed and its part of the seed; if a page
with that id is already in content/ but missing from the ledger (the ledger was
lost), that page is adopted rather than duplicated. Otherwise its slug comes
from its title, made unique among the slugs and paths already taken.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import frontmatter
from ..errors import ContentError
from ..fsio import walk_files
from ..slugs import slugify, unique_slug
from .documents import Identity, mint_id
from .ledger import Ledger, LedgerEntry
from .records import Piece

Previous = dict[str, tuple[str, LedgerEntry]]
"""A seed's pages as the ledger has them, by their part of the seed: (path, entry)."""


@dataclass
class PageNames:
    """The slugs and paths taken so far in one run (mutable only during it)."""

    content: Path
    ledger: Ledger
    """The run's ledger, as it is updated page by page."""
    ledger_slugs: frozenset[str] = frozenset()
    """The ledger's slugs at the start of the run."""
    _taken: tuple[set[str], set[str]] | None = field(default=None, repr=False)
    """(slugs, paths) taken: ``ledger_slugs`` and every page's in content/, read on first
    need (a run that names no new page never walks content/)."""
    _known_ids: dict[str, tuple[str, str]] | None = field(default=None, repr=False)
    """id → (path, slug) of the pages already in content/, read only when needed."""

    @classmethod
    def start(cls, content: Path, ledger: Ledger) -> PageNames:
        """Names at the start of a run: the ledger's slugs and every page in content/ are taken."""
        return cls(content, ledger, frozenset(e.slug for e in ledger.values()))

    @property
    def taken_slugs(self) -> set[str]:
        return self._taken_now()[0]

    @property
    def taken_paths(self) -> set[str]:
        return self._taken_now()[1]

    def _taken_now(self) -> tuple[set[str], set[str]]:
        if self._taken is None:
            existing = [
                rel
                for path, rel, _ in walk_files(self.content)
                if rel.endswith(".md") and not path.name.startswith(".")
            ]
            self._taken = (set(self.ledger_slugs) | {Path(p).stem for p in existing}, set(existing))
        return self._taken

    def identify(self, seed: str, previous: Previous, key: str, piece: Piece, parent: str | None) -> Identity:
        """Reuse the id, slug and path a page had; mint them for a new page."""
        if key in previous:
            path, entry = previous[key]
            return Identity(entry.id, entry.slug, path)
        page_id = mint_id(seed, key)
        adopted = self.known_ids().get(page_id)
        if adopted is not None:  # in content/ already, but missing from the ledger: adopt it
            return Identity(page_id, adopted[1], adopted[0])
        slug = unique_slug(slugify(piece.title, fallback="story"), self.taken_slugs)
        folder = "articles" if piece.kind == "article" else f"live/{parent}" if parent else "live"
        while f"{folder}/{slug}.md" in self.taken_paths:
            slug = unique_slug(slug, self.taken_slugs | {slug})
        self.taken_slugs.add(slug)
        path = f"{folder}/{slug}.md"
        self.taken_paths.add(path)
        return Identity(page_id, slug, path)

    def rename(self, ident: Identity, wanted: str) -> Identity | None:
        """``ident`` with the slug a Markdown seed asks for, or None if another page has it."""
        if wanted in self.taken_slugs - {ident.slug}:
            return None
        self.taken_slugs.discard(ident.slug)
        self.taken_slugs.add(wanted)
        return Identity(ident.id, wanted, ident.path)

    def known_ids(self) -> dict[str, tuple[str, str]]:
        """Ids of the content files the ledger does not know, so a lost ledger never
        duplicates pages. Read once, and only when a page is new to the ledger."""
        if self._known_ids is None:
            listed = set(self.ledger)
            self._known_ids = {}
            for rel in sorted(self.taken_paths - listed):
                try:
                    meta = frontmatter.parse((self.content / rel).read_text(encoding="utf-8"), rel)[0]
                except (OSError, UnicodeDecodeError, ContentError):
                    continue
                if isinstance(meta.get("id"), str) and isinstance(meta.get("slug"), str):
                    self._known_ids.setdefault(meta["id"], (rel, meta["slug"]))
        return self._known_ids
