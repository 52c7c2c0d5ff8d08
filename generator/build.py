"""The render pipeline, top to bottom: read content/, build the site model, render
pages and feeds in memory, then publish output/ in one swap."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape
from typing import cast

from .config import SiteConfig
from .content import load_content
from .diagnostics import Diagnostic, Level
from .errors import GeneratorError
from .feeds import FeedSpec, build_feeds, digest_item, latest, page_item
from .model import Day, Page, Site
from .publish import publish
from .render import TAXONOMY_TITLES, Output, Renderer
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

    def emit(list_path: str, title: str, description: str, items: list[object]) -> None:
        spec = FeedSpec(
            title=title,
            description=description,
            page_url=urls.absolute(list_path),
            rss_url=urls.absolute(urls.feed(list_path)),
            atom_url=urls.absolute(urls.feed(list_path, "atom")),
            items=tuple(items),  # type: ignore[arg-type]
        )
        rss, atom = build_feeds(spec, site.language)
        out[urls.feed(list_path)] = rss
        out[urls.feed(list_path, "atom")] = atom

    def story_items(pages: tuple[Page, ...] | list[Page]) -> list[object]:
        return [
            page_item(p, urls.absolute(renderer.page_path(p)), _timeline_html(p, site, urls, renderer))
            for p in latest(list(pages), n)
        ]

    emit("", f"{site.title}: latest", site.description or site.title, story_items(site.pages))
    for taxonomy in TAXONOMY_TITLES:
        for term in renderer.taxonomy(taxonomy):
            emit(
                urls.term(taxonomy, term.slug),
                f"{site.title}: {term.name}",
                f"Coverage: {term.name}",
                story_items(term.pages),
            )
    digest_items: list[object] = [
        digest_item(day, urls.absolute(urls.day(day.day)), _digest_html(day, urls, renderer)) for day in site.days[:n]
    ]
    emit(urls.archive(), f"{site.title}: daily digest", f"One item per day of {site.title}", digest_items)
    return out


def _timeline_html(page: Page, site: Site, urls: Urls, renderer: Renderer) -> str | None:
    """A live blog's full content in a feed: its own text, then its posts."""
    if page.kind != "live-blog":
        return None
    posts = "".join(
        f'<li><a href="{escape(urls.absolute(renderer.page_path(p)))}">{escape(p.title)}</a><br>{escape(p.summary)}</li>'
        for p in site.live_posts.get(page.slug, ())
    )
    return page.body_html + (f"<ol>{posts}</ol>" if posts else "")


def _digest_html(day: Day, urls: Urls, renderer: Renderer) -> str:
    items = []
    for story in day.stories:
        lead = story.lead
        more = f" ({len(story.more)} more updates)" if story.more else ""
        items.append(
            f'<li><a href="{escape(urls.absolute(renderer.page_path(lead)))}">{escape(lead.title)}</a>{more}'
            f"<br>{escape(lead.summary)}</li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def _modified(out: Output) -> datetime | None:
    for key in ("page", "day", "term"):
        value = out.context.get(key)
        if value is None:
            continue
        if key == "page":
            return cast(datetime, value.updated)
        return max((cast(datetime, p.updated) for p in value.pages), default=None)
    return None
