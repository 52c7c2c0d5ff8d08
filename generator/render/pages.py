"""Pages: the Site model → HTML files, through Jinja2 templates in layouts/.

Autoescape is on for every template and undefined names are errors. Each output
is described first (path, template, context) and then rendered, so the list of
pages is plain data that the build can inspect.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..errors import GeneratorError
from ..site.model import Day, Page, Site, StoryHead, Storyline, Term, TermHead
from ..text import plural, xml_safe
from .bundles import INDEXED_KINDS
from .bundles import names as bundle_names
from .cards import Cards
from .feedplan import Feed, FeedPlan
from .moments import Moments, short_day
from .urls import Urls

STORY_TEMPLATES = {"article.html", "live-blog.html", "live-post.html"}
"""The pages search indexes: articles and live blogs (a live post's text is in its blog)."""
STORIES_INDEX = 30
"""Stories listed in each part of the stories index: the longest-running, the latest."""
TAXONOMY_TITLES = {
    "topics": ("Topics", "Topic"),
    "authors": ("Authors", "Author"),
    "places": ("Places", "Place"),
    "outlets": ("Outlets", "Outlet"),
}


@dataclass(frozen=True)
class Output:
    path: str
    """Site-relative URL path (``2023/12/02/slug/``) or file name (``404.html``)."""
    template: str
    context: dict[str, Any]
    title: str
    in_sitemap: bool = True
    absolute_links: bool = False
    """For pages served at any URL (404) and for HTML that goes into feeds."""


@dataclass(frozen=True)
class SiteInfo:
    """What templates may know of the site as a whole. Everything else a template
    sees comes from its own context, which is what decides when it is stale."""

    title: str
    description: str
    language: str
    search: bool = False
    """Whether the site has search: the header's search box and the search page."""


def indexed_page(out: Output) -> Page | None:
    """The page an output is the own page of, when search indexes it (``INDEXED_KINDS``)."""
    page = out.context.get("page")
    if isinstance(page, Page) and page.kind in INDEXED_KINDS and out.template == f"{page.kind}.html":
        return page
    return None


class Renderer:
    def __init__(
        self,
        site: Site,
        urls: Urls,
        feeds: FeedPlan,
        templates: Path,
        zone: tzinfo,
        per_page: int,
        assets: dict[str, bytes],
        top_stories: int = 8,
        search: bool = False,
    ) -> None:
        self.site = site
        self.feeds = feeds
        self.info = SiteInfo(site.title, site.description, site.language, search)
        self.urls = urls
        self.zone = zone
        self.moments = Moments(zone)
        self.per_page = per_page
        self.top_stories = top_stories
        self.story_heads = {line.slug: StoryHead.of(line) for line in site.stories}
        self.blogs = {p.slug: p for p in site.pages if p.kind == "live-blog"}
        self.asset_version = {name: hashlib.sha256(data).hexdigest()[:10] for name, data in assets.items()}
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # templates do not change during a build: no stat per include
        )
        self.env.filters.update(
            long_date=long_date,
            short_date=short_day,
            month=lambda d: f"{d:%B %Y}",
            **self.moments.filters(),
            join_names=join_names,
            plural=plural,
        )
        self.cards = Cards(self.env, self.page_path, {"urls": urls, "site": self.info})

    # ---- what to render -------------------------------------------------
    def outputs(self) -> Iterator[Output]:
        site, urls = self.site, self.urls
        days = site.days
        site_feed, digest_feed = self.feeds.site.feed, self.feeds.digest.feed
        feeds = [site_feed, digest_feed]
        latest = days[0] if days else None
        top = self.top_stories
        yield Output("", "home.html", {"day": latest, "recent": days[1:8], "feeds": feeds, "top": top}, site.title)
        for i, day in enumerate(days):
            newer = days[i - 1] if i > 0 else None
            older = days[i + 1] if i + 1 < len(days) else None
            yield Output(
                urls.day(day.day),
                "digest.html",
                {"day": day, "newer": newer, "older": older, "feeds": feeds, "top": top},
                f"Digest for {long_date(day.day)}",
            )
        for page in site.pages:
            yield Output(self.page_path(page), f"{page.kind}.html", self._story_context(page, feeds), page.title)
        yield from self._stories(site_feed)
        for taxonomy, (heading, singular) in TAXONOMY_TITLES.items():
            terms = site.terms(taxonomy)
            yield Output(
                urls.terms(taxonomy), "terms.html", {"terms": terms, "taxonomy": taxonomy, "feeds": feeds}, heading
            )
            for term in terms:
                term_feed = self.feeds.term(taxonomy, term.slug)
                context = {"taxonomy": taxonomy, "kicker": singular}
                yield from self._paged(term, taxonomy, context, f"{singular}: {term.name}", [term_feed, site_feed])
        yield Output(
            urls.archive(), "archive.html", {"months": _months(days), "feeds": [digest_feed, site_feed]}, "Archive"
        )
        if self.info.search:
            bundles = bundle_names(p.day for p in site.pages if p.kind in INDEXED_KINDS)
            search = {"feeds": feeds, "bundles": bundles}  # the index's bundles, newest first
            yield Output(urls.search(), "search.html", search, "Search", in_sitemap=False)
        yield Output("404.html", "404.html", {"feeds": feeds}, "Page not found", in_sitemap=False, absolute_links=True)

    def fragment(self, template: str, **context: Any) -> str:
        """HTML for a feed item's content: a template rendered with absolute links."""
        out = Output("", template, context, "", in_sitemap=False, absolute_links=True)
        return self.render(out).decode("utf-8")

    def page_path(self, page: Page) -> str:
        return self.urls.story(page.day, page.slug)

    def _story_context(self, page: Page, feeds: list[Feed]) -> dict[str, Any]:
        blog = self.blogs.get(page.live_blog) if page.live_blog else None
        posts = self.site.live_posts.get(page.slug, ()) if page.kind == "live-blog" else ()
        related = self.site.related.get(page.slug, ())
        line = self.site.story_of.get(page.slug)
        story = self.story_heads[line] if line else None
        return {"page": page, "blog": blog, "posts": posts, "related": related, "story": story, "feeds": feeds}

    def _stories(self, site_feed: Feed) -> Iterator[Output]:
        """The stories index, then a page per story (two pieces or more, across days)."""
        lines = self.site.stories
        heads = self.story_heads
        longest = sorted(lines, key=_running)[:STORIES_INDEX]
        context = {
            "longest": [heads[s.slug] for s in longest],
            "latest": [heads[s.slug] for s in lines[:STORIES_INDEX]],
            "count": len(lines),
            "feeds": [site_feed],
        }
        yield Output(self.urls.stories(), "stories.html", context, "Stories")
        for line in lines:
            feeds = [self.feeds.story(line.slug), site_feed]
            yield Output(self.urls.story_page(line.slug), "story.html", {"story": line, "feeds": feeds}, line.title)

    def _paged(
        self, term: Term, taxonomy: str, extra: dict[str, Any], title: str, feeds: list[Feed]
    ) -> Iterator[Output]:
        total = max(1, math.ceil(len(term.pages) / self.per_page))
        path = self.urls.term
        for n in range(1, total + 1):
            chunk = term.pages[(n - 1) * self.per_page : n * self.per_page]
            pager = {
                "number": n,
                "total": total,
                "newer": path(taxonomy, term.slug, n - 1) if n > 1 else None,
                "older": path(taxonomy, term.slug, n + 1) if n < total else None,
            }
            heading = title if n == 1 else f"{title} (page {n} of {total})"
            context = {"term": TermHead.of(term), "pages": chunk, "pager": pager, "feeds": feeds, **extra}
            yield Output(path(taxonomy, term.slug, n), "list.html", context, heading)

    # ---- rendering ------------------------------------------------------
    def render(self, out: Output) -> bytes:
        here = out.path
        absolute_links = out.absolute_links

        def link(path: str) -> str:
            return self.urls.absolute(path) if absolute_links else self.urls.relative(path, here)

        def asset(name: str) -> str:
            return link(self.urls.static(name)) + f"?v={self.asset_version.get(name, '0')}"

        extra = {}
        if out.template in STORY_TEMPLATES:
            extra["jsonld"] = Markup(self.jsonld(out.context["page"], out.context["posts"]))
        context = {
            "site": self.info,
            "urls": self.urls,
            "here": here,
            "title": out.title,
            "link": link,
            "asset": asset,
            "page_link": lambda p: link(self.page_path(p)),
            "card": lambda p, level=2: self.cards.placed(p, link, level),
            "canonical": self.urls.absolute(here) if out.in_sitemap else None,
            "absolute": self.urls.absolute,
            **out.context,
            **extra,
        }
        try:
            html = self.env.get_template(out.template).render(context)
        except jinja2.TemplateError as exc:
            where = getattr(exc, "filename", None) or out.template
            raise GeneratorError(
                f"template error while rendering {out.path or 'home page'}: {exc}",
                str(where),
                getattr(exc, "lineno", None),
            ) from exc
        return xml_safe(html).encode("utf-8")

    def jsonld(self, page: Page, posts: Sequence[Page]) -> str:
        url = self.urls.absolute(self.page_path(page))
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "LiveBlogPosting" if page.kind == "live-blog" else "NewsArticle",
            "headline": page.title,
            "description": page.summary,
            "datePublished": self.moments.iso(page.date, page.date_precision),
            "dateModified": page.updated.isoformat(),
            "url": url,
            "mainEntityOfPage": url,
            "identifier": page.id,
            "author": [{"@type": "Person", "name": a} for a in page.authors],
            "inLanguage": self.site.language,
        }
        if page.source:
            data["publisher"] = {"@type": "Organization", "name": page.source}
        if page.dateline:
            data["locationCreated"] = {"@type": "Place", "name": page.dateline}
        if page.kind == "live-blog":
            data["coverageStartTime"] = page.date.isoformat()
            data["coverageEndTime"] = page.updated.isoformat()
            data["liveBlogUpdate"] = [
                {
                    "@type": "BlogPosting",
                    "headline": p.title,
                    "datePublished": self.moments.iso(p.date, p.date_precision),
                    "url": self.urls.absolute(self.page_path(p)),
                    "articleBody": p.summary,
                }
                for p in posts
            ]
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)
        # Inside <script>, "<", ">" and "&" must never appear literally.
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def long_date(day: date | datetime) -> str:
    return f"{day:%A}, {day:%B} {day.day}, {day:%Y}"


def join_names(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _running(line: Storyline) -> tuple[float, int, float, str]:
    """The longest-running first: the longest span from first piece to last, then the most pieces."""
    return (-(line.last - line.first).total_seconds(), -len(line.pages), -line.last.timestamp(), line.slug)


def _months(days: Sequence[Day]) -> list[tuple[date, list[Day]]]:
    months: dict[tuple[int, int], list[Day]] = {}
    for day in days:
        months.setdefault((day.day.year, day.day.month), []).append(day)
    return [(date(y, m, 1), members) for (y, m), members in months.items()]
