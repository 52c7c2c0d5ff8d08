"""The render pipeline, top to bottom: read content/, build the site model, render
pages and feeds in memory, then publish output/ in one swap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from .config import SiteConfig
from .content import load_content
from .diagnostics import Diagnostic, Level
from .errors import GeneratorError
from .feeds import FeedItem, FeedSpec, build_feeds, digest_item, latest, page_item
from .model import Page, Site
from .publish import publish
from .render import TAXONOMY_TITLES, Feed, Output, Renderer
from .sitebuild import build_site
from .sitefiles import read_assets, robots, sitemap
from .urls import Urls


@dataclass(frozen=True)
class BuildResult:
    pages: int
    files: int
    changed: int
    diagnostics: tuple[Diagnostic, ...]

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if d.level is Level.WARNING)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.level is Level.ERROR)

    def summary(self) -> str:
        return f"{self.pages} story pages, {self.files} files ({self.changed} changed), {self.warnings} warnings"


def render_site(config: SiteConfig) -> tuple[Site, dict[str, bytes], list[Diagnostic]]:
    """Everything the site consists of, as bytes by output path. No writes."""
    paths = config.paths
    entries, notes = load_content(paths.content, paths.root, config.tz)
    site, more = build_site(entries, config)
    notes.extend(more)
    urls = Urls(config.base_url)
    assets = read_assets(paths.layouts / "static")
    renderer = Renderer(site, urls, paths.layouts / "templates", config.tz, config.per_page, assets)

    files: dict[str, bytes] = {}

    def add(path: str, data: bytes) -> None:
        if path in files:
            raise GeneratorError(f"two outputs want the same file: {path}")
        files[path] = data

    outputs = list(renderer.outputs())
    for out in outputs:
        add(str(Urls.output_file(out.path)), renderer.render(out))
    for path, data in _feeds(site, urls, renderer, config).items():
        add(path, data)
    add("sitemap.xml", sitemap((urls.absolute(o.path), _modified(o)) for o in outputs if o.in_sitemap))
    add("robots.txt", robots(urls.absolute("sitemap.xml")))
    for name, data in assets.items():
        add(urls.static(name), data)
    return site, files, notes


def build(config: SiteConfig) -> BuildResult:
    site, files, notes = render_site(config)
    changed = publish(files, config.paths.output)
    return BuildResult(pages=len(site.pages), files=len(files), changed=changed, diagnostics=tuple(notes))


def _feeds(site: Site, urls: Urls, renderer: Renderer, config: SiteConfig) -> dict[str, bytes]:
    n = config.feed.items
    out: dict[str, bytes] = {}

    def emit(feed: Feed, description: str, items: list[FeedItem]) -> None:
        spec = FeedSpec(
            title=feed.title,
            description=description,
            page_url=urls.absolute(feed.list_path),
            rss_url=urls.absolute(feed.rss),
            atom_url=urls.absolute(feed.atom),
            items=tuple(items),
        )
        out[feed.rss], out[feed.atom] = build_feeds(spec, site.language)

    def story_items(pages: Sequence[Page]) -> list[FeedItem]:
        return [
            page_item(p, urls.absolute(renderer.page_path(p)), _timeline_html(p, site, renderer))
            for p in latest(pages, n)
        ]

    emit(renderer.site_feed(), site.description or site.title, story_items(site.pages))
    for taxonomy in TAXONOMY_TITLES:
        for term in renderer.taxonomy(taxonomy):
            emit(renderer.term_feed(taxonomy, term), f"Coverage: {term.name}", story_items(term.pages))
    days = [
        digest_item(d, urls.absolute(urls.day(d.day)), renderer.fragment("feed-digest.html", day=d))
        for d in site.days[:n]
    ]
    emit(renderer.digest_feed(), f"One item per day of {site.title}", days)
    return out


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
    members = context["pages"] if "pages" in context else context["day"].pages if context.get("day") else ()
    return max((cast(datetime, p.updated) for p in members), default=None)
