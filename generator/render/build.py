"""The render pipeline, top to bottom: read content/ (through the cache), build the
site model, work out which outputs are stale, render only those (on every core),
and publish the changes to output/.

Every output file is a *product*: a job that renders it and the fingerprint of
what it is made from (see deps.py). The last build's fingerprints, and the
size, mtime and inode of each file it left in output/, are kept in .cache/. A
product whose fingerprint is unchanged and whose file is as it was left is not
rendered again; one rendered again but with the same bytes is not written.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import cast

from .. import clock
from ..cache import Cache, code_version
from ..config import SiteConfig
from ..diagnostics import Counts, Diagnostic
from ..errors import GeneratorError
from ..pool import StageProgress, parallel_map
from ..site.content import Scan, left_out, scan_content
from ..site.holdback import describe, some_of, within
from ..site.load import load_site
from ..site.model import Held, Page, Site
from ..text import plural
from .deps import Fingerprints, folder_digest
from .feedplan import FeedDecl, FeedPlan
from .feeds import FeedItem, FeedSpec, build_feeds, digest_item, page_item
from .filerecords import FileRecord, kept_as_left, record_of, untouched
from .jsonfeed import build_json_feed
from .newsmap import news_files
from .pages import Output, Renderer, indexed_page
from .publish import Publisher, previous_files
from .search import engine_identity
from .searchindex import SearchIndex, update_index
from .sitefiles import read_assets, robots, sitemaps
from .urls import Urls

CARDS_FIRST = 200
"""With this many list pages to render, all cards are made first, on every core."""
"""(fingerprint, size, mtime_ns, inode) of an output file as the last build left it."""


@dataclass(frozen=True)
class BuildResult(Counts):
    pages: int
    files: int
    changed: int
    diagnostics: tuple[Diagnostic, ...]
    rendered: int = 0
    inputs: str = ""
    """Hash of everything the build read: code, site.yaml, content/, layouts/."""
    left_out: tuple[tuple[str, str], ...] = ()
    """Content files not published (each with why): their warnings say so one by one, the summary in sum."""
    held: tuple[Held, ...] = ()
    """Content files held back on purpose: drafts, and pages whose time has not come."""
    drafts: tuple[str, ...] = ()
    """The drafts a ``--drafts`` build put in, labelled (their content files)."""
    steady: tuple[datetime | None, datetime | None] = (None, None)
    """The clock times over which the same files are held back (Site.steady)."""
    indexed: int = 0
    """Pages given to the search index this build; 0 when it was kept as it was (or search is off)."""
    index_seconds: float = 0.0
    """Time spent building the search index."""
    bundles_indexed: tuple[str, ...] = ()
    """The search bundles Pagefind indexed this build (bundles.py), newest first; the rest were kept."""

    def summary(self) -> str:
        return (
            f"{plural(self.pages, 'story page')}, {plural(self.files, 'file')} "
            f"({self.rendered:,} rendered, {self.changed:,} changed), {plural(self.warnings, 'warning')}"
        )

    def held_line(self) -> str | None:
        """What was held back, by reason, with the files named (a handful of each)."""
        return describe(self.held) if self.held else None

    def drafts_line(self) -> str | None:
        """The drafts a ``--drafts`` build put in, named (a handful)."""
        if not self.drafts:
            return None
        return f"{plural(len(self.drafts), 'draft')} shown, labelled Draft: {some_of(self.drafts)}"

    def left_out_lines(self) -> list[str]:
        """``2 pages left out (broken front matter): content/a.md, content/b.md``, one line per reason."""
        reasons = dict.fromkeys(reason for _, reason in self.left_out)
        return [
            f"{plural(len(paths), 'page')} left out ({reason}): {', '.join(paths)}"
            for reason in reasons
            for paths in [[path for path, why in self.left_out if why == reason]]
        ]


@dataclass(frozen=True)
class Product:
    """One job: an HTML output or a feed (its RSS, Atom and JSON Feed files, made together)."""

    files: tuple[str, ...]
    fingerprint: str
    output: Output | None = None
    feed: FeedDecl | None = None


@dataclass
class Plan:
    site: Site
    renderer: Renderer
    products: list[Product]
    static: dict[str, bytes]
    """Files made fresh every build (cheap): sitemap, news sitemap, robots.txt, assets. Each is
    written only when its bytes changed, and a build whose inputs are unchanged stops before this."""
    notes: list[Diagnostic] = field(default_factory=list)


def plan_site(
    config: SiteConfig,
    cache: Cache | None = None,
    jobs: int = 1,
    progress: StageProgress | None = None,
    scan: Scan | None = None,
    layouts: str | None = None,
    *,
    now: datetime,
    drafts: bool = False,
) -> Plan:
    """Everything the site consists of at ``now``, as jobs with fingerprints. No writes but the cache."""
    paths = config.paths
    step = (lambda d, t: progress("prepare", d, t)) if progress else None
    site, notes = load_site(config, cache, jobs, step, scan, now=now, drafts=drafts)
    urls = Urls(config.base_url)
    assets = read_assets(paths.layouts / "static")
    feeds = FeedPlan(site, urls, config.feed.items)
    renderer = Renderer(
        site,
        urls,
        feeds,
        paths.layouts / "templates",
        config.tz,
        config.per_page,
        assets,
        config.digest.top_stories,
        config.search,
    )
    layouts = layouts or folder_digest(paths.layouts)  # templates and static assets
    base = hashlib.sha256(f"{code_version()}\n{config!r}\n{layouts}".encode()).hexdigest()
    fp = Fingerprints(base)
    outputs = list(renderer.outputs())
    products = [
        Product((str(Urls.output_file(o.path)),), fp.of("page", o.path, o.template, o.title, o.context), output=o)
        for o in outputs
    ]
    for decl in feeds.all():
        posts = [site.live_posts.get(p.slug, ()) for p in decl.pages if p.kind == "live-blog"]
        parts = (decl.feed.title, decl.feed.list_path, decl.description, decl.id, decl.pages, decl.days, posts)
        products.append(Product(decl.feed.files, fp.of("feed", *parts), feed=decl))  # RSS, Atom, JSON: one job
    where = str(config.source) if config.source else "site.yaml"
    url_of = lambda p: renderer.urls.absolute(renderer.page_path(p))  # noqa: E731
    news = news_files(site.pages, site.title, config.language, where, url_of, notes)  # robots.txt names it if written
    static = {
        **sitemaps(((urls.absolute(o.path), _modified(o)) for o in outputs if o.in_sitemap), urls.absolute),
        **news,
        "robots.txt": robots([urls.absolute("sitemap.xml"), *map(urls.absolute, news)]),
        **{urls.static(name): data for name, data in assets.items()},
    }
    return Plan(site, renderer, products, static, notes)


def make(product: Product, renderer: Renderer) -> dict[str, bytes]:
    """Render one product: its files' bytes by path."""
    if product.output is not None:
        return {product.files[0]: renderer.render(product.output)}
    assert product.feed is not None
    job, site, urls = product.feed, renderer.site, renderer.urls
    items: list[FeedItem] = [
        page_item(
            p,
            urls.absolute(renderer.page_path(p)),
            _timeline_html(p, site, renderer),
            tuple(urls.absolute(urls.author_of(a)) for a in p.authors),  # every author has a page
        )
        for p in job.pages
    ]
    items += [
        digest_item(d, urls.absolute(urls.day(d.day)), renderer.fragment("feed-digest.html", day=d)) for d in job.days
    ]
    spec = FeedSpec(
        title=job.feed.title,
        description=job.description,
        page_url=urls.absolute(job.feed.list_path),
        rss_url=urls.absolute(job.feed.rss),
        atom_url=urls.absolute(job.feed.atom),
        items=tuple(items),
        feed_id=job.id,
        json_url=urls.absolute(job.feed.json),
    )
    rss, atom = build_feeds(spec, site.language)
    return {job.feed.rss: rss, job.feed.atom: atom, job.feed.json: build_json_feed(spec, site.language)}


def render_site(
    config: SiteConfig, *, now: datetime | None = None, drafts: bool = False
) -> tuple[Site, dict[str, bytes], list[Diagnostic]]:
    """Every file of the site at ``now`` (the clock if not given), rendered in memory
    without any cache (for tests)."""
    plan = plan_site(config, now=now or clock.now(), drafts=drafts)
    files: dict[str, bytes] = {}
    for product in plan.products:
        for path, data in make(product, plan.renderer).items():
            _add(files, path, data)
    for path, data in plan.static.items():
        _add(files, path, data)
    return plan.site, files, plan.notes


def _add(files: dict[str, bytes], path: str, data: bytes) -> None:
    if path in files:
        raise GeneratorError(f"two outputs want the same file: {path}")
    files[path] = data


def build(
    config: SiteConfig,
    *,
    use_cache: bool = True,
    jobs: int = 1,
    progress: StageProgress | None = None,
    now: datetime | None = None,
    drafts: bool = False,
) -> BuildResult:
    """Bring output/ up to date with content/, layouts/ and site.yaml, as they stand at
    ``now`` (the clock when not given: embargoes end by it), drafts put in with ``drafts``."""
    now = now or clock.now()
    output = config.paths.output
    cache = Cache(config.paths.cache, enabled=use_cache)
    scan = scan_content(config, cache)
    layouts = folder_digest(config.paths.layouts)
    inputs = hashlib.sha256(
        f"{code_version()}\n{config!r}\n{scan.key()}\n{layouts}\ndrafts={drafts}\n"
        f"search={engine_identity() if config.search else 'off'}".encode()
    ).hexdigest()
    last = cache.load("last-build")
    stored = cache.load("outputs")
    records: dict[str, FileRecord] = stored if isinstance(stored, dict) and output.is_dir() else {}
    if (
        isinstance(last, BuildResult)
        and last.inputs == inputs
        and within(last.steady, now)  # the same files held back as then: no embargo ended since
        and untouched(output, records)
    ):
        return replace(last, changed=0, rendered=0, indexed=0, index_seconds=0.0, bundles_indexed=())  # unchanged

    plan = plan_site(config, cache, jobs, progress, scan, layouts, now=now, drafts=drafts)
    every = [path for product in plan.products for path in product.files] + list(plan.static)
    if len(set(every)) != len(every):
        twice = sorted(path for path, n in Counter(every).items() if n > 1)
        raise GeneratorError(f"two outputs want the same file: {', '.join(twice)}")

    ours = previous_files(output)
    stale = [
        p for p in plan.products if not all(kept_as_left(output, f, p.fingerprint, records, ours) for f in p.files)
    ]
    rendered = {id(p) for p in stale}  # products hold dicts: known by identity

    with Publisher(output) as publisher:
        renderer = plan.renderer
        if jobs > 1 and sum(1 for p in stale if p.output and p.output.template == "list.html") >= CARDS_FIRST:
            renderer.cards.prepare(plan.site.pages, jobs)  # most lists are stale: every card will be wanted

        def render_and_stage(product: Product) -> list[str]:
            """Runs in a worker: render, and stage the files whose bytes changed."""
            changed = []
            for path, data in make(product, renderer).items():
                if not publisher.same(path, data):
                    publisher.stage(path, data)
                    changed.append(path)
            return changed

        for n, changed in enumerate(parallel_map(render_and_stage, stale, jobs), 1):
            for path in changed:
                publisher.staged(path)
            if progress:
                progress("render", n, len(stale))
        for path, data in plan.static.items():
            if not publisher.same(path, data):
                publisher.write(path, data)
        search = SearchIndex()  # each period's bundle kept, or indexed again if one of its stories changed
        if config.search:
            indexed = [
                (p.files[0], p.fingerprint, page.day)
                for p in plan.products
                if p.output is not None and (page := indexed_page(p.output)) is not None
            ]
            search = update_index(
                indexed,
                publisher,
                list(records),
                lambda path, key: kept_as_left(output, path, key, records, ours),
                progress,
            )
        publisher.finish(every + search.files)

    # A kept file is as its record says (checked above) and publishing left it alone:
    # only the files this build rendered, wrote or has no record of are looked at again.
    kept = {path for p in plan.products if id(p) not in rendered for path in p.files if path in records}
    kept.update(search.reused)
    fresh = {path: p.fingerprint for p in plan.products for path in p.files}
    fresh.update({path: "" for path in plan.static})
    fresh.update(search.keys)
    cache.save(
        "outputs",
        {path: records[path] if path in kept else record_of(output, path, digest) for path, digest in fresh.items()},
    )
    result = BuildResult(
        pages=len(plan.site.pages),
        files=len(every) + len(search.files),
        changed=len(publisher.written),
        rendered=len(stale),
        diagnostics=tuple(plan.notes),
        inputs=inputs,
        left_out=tuple(left_out(plan.notes)),
        held=plan.site.held,
        drafts=tuple(sorted(p.source_path for p in plan.site.pages if p.draft)),
        steady=plan.site.steady,
        indexed=search.pages,
        index_seconds=search.seconds,
        bundles_indexed=search.indexed,
    )
    cache.save("last-build", result)
    return result


def _timeline_html(page: Page, site: Site, renderer: Renderer) -> str | None:
    """A live blog's full content in a feed: its own text, then its posts."""
    if page.kind != "live-blog":
        return None
    return renderer.fragment("feed-timeline.html", page=page, posts=site.live_posts.get(page.slug, ()))


def _modified(out: Output) -> datetime | None:
    """Last change of a page: its own, or the newest of the pages it lists."""
    context = out.context
    if "page" in context:
        return cast(datetime, context["page"].updated)
    if "story" in context:
        return cast(datetime, context["story"].updated)
    if "latest" in context:
        return max((cast(datetime, s.updated) for s in context["latest"]), default=None)
    members = context["pages"] if "pages" in context else context["day"].pages if context.get("day") else ()
    return max((cast(datetime, p.updated) for p in members), default=None)
