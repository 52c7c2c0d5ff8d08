"""``ingest --check``: is content/ what ingest would make of seeds/?

The answer comes from a dry run of ingest itself (``ingest(dry_run=True)``), so
it follows every decision a real run makes, and writes nothing: no page, no
ledger, nothing in .cache. A page ingest would create or rewrite is an error
naming the page and its seed. A page edited by hand whose seed did not change
is not out of date (ingest keeps it on purpose); one whose seed changed keeps
the edit, and the dry run's "kept your edit" warning says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from ..config import SiteConfig
from ..diagnostics import Counts, Diagnostic, error
from ..fsio import rel_to
from ..text import plural
from .ledger import LEDGER_NAME
from .run import IngestResult, ingest
from .writes import Outcome


@dataclass(frozen=True)
class UpToDate(Counts):
    ingested: IngestResult
    """What the dry run found (its report rows included, when asked for)."""
    diagnostics: tuple[Diagnostic, ...]
    """The dry run's own, then one error per page out of date."""
    stale: int
    """Pages (or the ledger alone) that a real ingest would write."""
    content: str
    seeds: str
    """The two folders as messages name them: ``content/``, ``seeds/``."""
    command: str
    """The command that brings content/ up to date."""

    def summary(self) -> str:
        if not self.stale:
            kept = len(self.ingested.kept_edits)
            note = f" ({plural(kept, 'hand edit')} kept over a changed seed)" if kept else ""
            return f"{self.content} is up to date with {self.seeds}{note}"
        return f"{self.content} is out of date with {self.seeds}: {plural(self.stale, 'file')} to write; run '{self.command}'"


def check_up_to_date(
    config: SiteConfig,
    *,
    now: datetime,
    force: bool = False,
    jobs: int = 1,
    progress: Callable[[str, int, int], None] | None = None,
    report: bool = False,
) -> UpToDate:
    """Dry-run ingest and name what it would write. ``force`` asks what
    ``ingest --force`` would write (hand edits over a changed seed included)."""
    paths = config.paths
    result = ingest(config, now=now, force=force, jobs=jobs, progress=progress, report=report, dry_run=True)
    command = "python -m generator ingest" + (" --force" if force else "")
    seeds = rel_to(paths.seeds, paths.root) + "/"
    stale: list[Diagnostic] = []
    for change in result.changes:
        page = rel_to(paths.content / change.page, paths.root)
        if change.outcome is Outcome.CREATED:
            stale.append(error(f"not written yet from {change.seed} (run '{command}')", page))
        elif change.outcome is Outcome.UPDATED:
            stale.append(error(f"out of date with {change.seed} (run '{command}')", page))
    if result.ledger_changed and not stale:  # every page is right, but what ingest recorded of them is not
        ledger = rel_to(paths.content / LEDGER_NAME, paths.root)
        stale.append(error(f"out of date with {seeds} (run '{command}')", ledger))
    return UpToDate(
        ingested=result,
        diagnostics=(*result.diagnostics, *stale),
        stale=len(stale),
        content=rel_to(paths.content, paths.root) + "/",
        seeds=seeds,
        command=command,
    )
