"""The site stage in one call: content/ → the frozen site model.

Topic rules are compiled here, once per build, and handed to both steps that
use them: preparing each content file (which topics its text matches) and
assembling the site (topic pages).
"""

from __future__ import annotations

from ..cache import Cache
from ..config import SiteConfig
from ..diagnostics import Diagnostic
from ..pool import StepProgress
from .assemble import build_site
from .content import Scan, load_content
from .model import Site
from .topics import TopicRules


def load_site(
    config: SiteConfig,
    cache: Cache | None = None,
    jobs: int = 1,
    progress: StepProgress | None = None,
    scan: Scan | None = None,
) -> tuple[Site, list[Diagnostic]]:
    """The site model built from content/, and the problems found on the way."""
    rules = TopicRules.compile(config.topics)
    entries, notes = load_content(config, rules, cache, jobs, progress, scan)
    site, more = build_site(entries, config, rules, cache, jobs)
    return site, notes + more
