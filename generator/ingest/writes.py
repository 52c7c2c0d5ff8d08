"""Protected writes: putting a page into content/ without losing an editor's work.

A page that was changed by hand since ingest wrote it (its bytes no longer hash
to what the ledger recorded, or the ledger does not know it) is never
overwritten unless the user asks with ``--force``. If its seed did not change
either, there is nothing to say; if the seed changed, the edit is kept with a
warning that names the seed and the way to take the seed's version.

``decide`` is the whole decision and touches nothing; ``write_page`` carries it
out, or with ``dry_run`` (``ingest --check``) only says what it would do.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from ..diagnostics import Diagnostic, error, warning
from ..errors import GeneratorError
from ..fsio import inside, rel_to, sha256_bytes, write_atomic
from .ledger import LedgerEntry


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    SAME = "same"
    """The page already holds exactly these bytes."""
    EDITED = "edited"
    """Changed by hand, and its seed did not change: left as it is, silently."""
    KEPT = "kept"
    """Changed by hand, and its seed changed too: left as it is, with a warning."""
    FAILED = "failed"
    """The page could not be written."""


WRITES = frozenset({Outcome.CREATED, Outcome.UPDATED})
"""Outcomes that change a file in content/."""


@dataclass(frozen=True)
class PageChange:
    """A page ingest wrote (in a dry run: would write), or whose edit it kept."""

    page: str
    """Path relative to content/, forward slashes."""
    seed: str
    outcome: Outcome


def decide(on_disk: bytes | None, data: bytes, previous: LedgerEntry | None, seed_sha256: str, force: bool) -> Outcome:
    """What happens to a page that should hold ``data``, made from a seed hashing
    to ``seed_sha256``, given what the file holds now and its ledger entry."""
    if on_disk is None:
        return Outcome.CREATED
    if on_disk == data:
        return Outcome.SAME
    edited = previous is None or sha256_bytes(on_disk) != previous.sha256
    seed_changed = previous is None or previous.seed_sha256 != seed_sha256
    if edited and not seed_changed:
        return Outcome.EDITED
    if edited and not force:
        return Outcome.KEPT
    return Outcome.UPDATED


def write_page(
    target: Path,
    data: bytes,
    *,
    content: Path,
    root: Path,
    previous: LedgerEntry | None,
    seed: str,
    seed_sha256: str,
    force: bool,
    dry_run: bool = False,
) -> tuple[Outcome, Diagnostic | None]:
    """Write ``data`` to ``target`` (a page in ``content``) unless ``decide`` says
    to keep what is there; the outcome and a message for the user, if any.

    With ``dry_run`` nothing is written, and the outcome is what writing would
    have been. A kept edit keeps its ledger entry (the caller does not replace
    it), so the change stays pending until ``--force``."""
    shown = rel_to(target, root)
    try:
        on_disk: bytes | None = target.read_bytes()
    except FileNotFoundError:
        on_disk = None
    outcome = decide(on_disk, data, previous, seed_sha256, force)
    if outcome is Outcome.KEPT:
        return outcome, warning(
            f"kept your edit: this file was changed by hand since ingest wrote it, and its seed {seed} "
            f"has changed too; 'python -m generator ingest --accept-seed {shown}' takes the seed's version, "
            f"'--keep-edit {shown}' keeps yours and stops this warning",
            shown,
        )
    if outcome is Outcome.EDITED:
        return outcome, None
    try:
        if dry_run:
            inside(target, content)  # the one check writing makes before it compares bytes
            written = outcome is not Outcome.SAME
        else:
            written = write_atomic(target, data, content)
    except (OSError, GeneratorError) as exc:
        return Outcome.FAILED, error(f"cannot write: {exc}", shown)
    if not written:
        return Outcome.SAME, None
    return (Outcome.UPDATED if on_disk is not None else Outcome.CREATED), None
