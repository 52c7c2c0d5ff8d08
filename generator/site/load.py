"""The site stage in one call: content/ → the frozen site model.

The drafts and embargoed files are held back here (``holdback``), between
reading the files and assembling the model, with the clock the command passed
in: the one place a build's result depends on the time.

Topic rules are compiled here, once per build, and handed to both steps that
use them: preparing each content file (which topics its text matches) and
assembling the site (topic pages).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime

from ..cache import Cache
from ..config import SiteConfig
from ..diagnostics import Diagnostic
from ..pool import StepProgress
from .assemble import build_site
from .content import Scan, load_content
from .holdback import hold_back
from .model import Site
from .topics import TopicRules


def load_site(
    config: SiteConfig,
    cache: Cache | None = None,
    jobs: int = 1,
    progress: StepProgress | None = None,
    scan: Scan | None = None,
    *,
    now: datetime,
    drafts: bool = False,
) -> tuple[Site, list[Diagnostic]]:
    """The site model built from content/ as it stands at ``now`` (drafts included
    only when ``drafts``), and the problems found on the way."""
    rules = TopicRules.compile(config.topics)
    with _collector_paused():
        entries, notes = load_content(config, rules, cache, jobs, progress, scan)
        published, held, steady = hold_back(entries, now, drafts, config.tz)
        held_paths = {h.path for h in held}
        withheld = [e for e in entries if e.path in held_paths]
        site, more = build_site(published, config, rules, cache, jobs, withheld)
    return replace(site, held=held, steady=steady), notes + more


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cycle collector off while the stage makes its hundreds of thousands of
    objects (cached pages, the model), which all live to the end of the build:
    otherwise it walks them again and again, finding nothing (a third of the
    stage at 10,000 pages). Afterwards they are handed to the oldest generation
    at once (freeze, then unfreeze: no walk over them), and the collector runs
    as usual; any garbage among them is found by its next full collection."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if enabled:
            gc.enable()
