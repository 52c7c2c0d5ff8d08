"""Stories as objects across days: their pages and feeds, the digest on a busy day, and no
page or feed item shown twice."""

from __future__ import annotations

import posixpath
import random
import re
import shutil
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest

from generator.check.run import check_site
from generator.config import load_config
from generator.render.build import build
from generator.render.feedplan import distinct_titles
from generator.site.model import Page
from generator.site.stories import Stories, story_id

from .conftest import LAYOUTS, build_project, make_project
from .sitecheck import scan

T0 = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
BLOG = "negotiations-between-israel-and-hamas-broke-down-over"


def page(slug: str, minutes: int, kind: str = "article", words: int = 100, **extra: object) -> Page:
    date = T0 + timedelta(minutes=minutes)
    fields: dict[str, object] = {
        "id": f"urn:test:{slug}",
        "title": slug.replace("-", " ").capitalize(),
        "slug": slug,
        "kind": kind,
        "date": date,
        "updated": date,
        "day": date.date(),
        "authors": (),
        "contributors": (),
        "source": "Outlet A",
        "dateline": None,
        "places": (),
        "label": None,
        "reading_time": 1,
        "summary": "",
        "images": (),
        "topics": (),
        "series": None,
        "live_blog": None,
        "note": None,
        "body_html": "",
        "words": words,
        "source_path": f"content/{slug}.md",
    }
    fields.update(extra)
    return Page(**fields)  # type: ignore[arg-type]


def newest_first(pages: list[Page]) -> list[Page]:
    return sorted(pages, key=lambda p: (-p.date.timestamp(), p.slug))


def no_places(_: Page) -> list[tuple[str, str]]:
    return []


# ---------- the model ----------


def test_a_story_keeps_its_id_and_slug_when_coverage_joins_and_the_fullest_piece_leads() -> None:
    first = page("quake-first-report", 0, words=80)
    second = page("quake-death-toll-rises", 300, words=900, source="Outlet B")
    pages = newest_first([first, second])
    [line] = Stories.build(pages, {"quake-first-report": 1, "quake-death-toll-rises": 1}, no_places).lines
    assert (line.slug, line.id) == ("quake-first-report", story_id(first))
    assert line.lead.slug == "quake-death-toll-rises", "the fullest piece gives the headline"
    assert [o.name for o in line.outlets] == ["Outlet A", "Outlet B"]
    # a day later, a longer piece joins: the headline follows it, the slug and id stay
    third = page("quake-rebuilding-begins", 24 * 60 + 10, words=2000)
    joined = newest_first([first, second, third])
    [grown] = Stories.build(joined, {p.slug: 1 for p in joined}, no_places).lines
    assert (grown.slug, grown.id) == (line.slug, line.id)
    assert grown.lead.slug == "quake-rebuilding-begins" and [p.slug for p in grown.pages] == [
        "quake-rebuilding-begins",
        "quake-death-toll-rises",
        "quake-first-report",
    ]
    assert story_id(first) != first.id, "the story's id is its own, never one of its items'"
    # a lone piece has no story page
    assert Stories.build([first], {"quake-first-report": 1}, no_places).lines == ()


def test_a_live_blogs_own_story_is_in_the_live_module_and_every_page_is_placed_once() -> None:
    blog = page("storm-live", 0, kind="live-blog", words=10)
    posts = [page(f"storm-update-{n}", 10 * n, kind="live-post", live_blog="storm-live") for n in range(1, 5)]
    elsewhere = page("storm-update-9", 90, kind="live-post", live_blog="storm-live")
    article = page("port-closes-in-storm", 95, words=600, source="Outlet B")
    lone = page("council-budget", 50)
    pages = newest_first([blog, *posts, elsewhere, article, lone])
    story_of = {p.slug: 1 for p in [blog, *posts]} | {"storm-update-9": 2, "port-closes-in-storm": 2}
    story_of["council-budget"] = 3
    stories = Stories.build(pages, story_of, no_places)
    ranked, live = stories.for_day(pages)
    [entry] = live
    assert entry.blog.slug == "storm-live" and entry.slug == "storm-live"
    assert [p.slug for p in entry.posts] == ["storm-update-4", "storm-update-3", "storm-update-2", "storm-update-1"]
    assert [s.lead.slug for s in ranked] == ["port-closes-in-storm", "council-budget"]
    assert [p.slug for p in ranked[0].more] == ["storm-update-9"], "a post about another event joins that story"
    assert ranked[1].slug is None, "a lone page has no story page"
    placed = [p.slug for s in ranked for p in s.pages] + [p.slug for e in live for p in (e.blog, *e.posts)]
    assert sorted(placed) == sorted(p.slug for p in pages)
    [blog_line] = [s for s in stories.lines if s.blog is not None]
    assert blog_line.lead.slug == "storm-live", "a live blog is as full as its posts"


def test_stories_rank_by_coverage_then_outlets_then_recency() -> None:
    one_outlet = [page("a1", 0), page("a2", 5)]
    two_outlets = [page("b1", 0), page("b2", 1, source="Outlet B")]
    recent = [page("c1", 60)]
    older = [page("d1", 30)]
    pages = newest_first([*one_outlet, *two_outlets, *recent, *older])
    story_of = {"a1": 1, "a2": 1, "b1": 2, "b2": 2, "c1": 3, "d1": 4}
    ranked, live = Stories.build(pages, story_of, no_places).for_day(pages)
    assert [s.lead.slug for s in ranked] == ["b1", "a1", "c1", "d1"] and live == ()


def test_feed_items_never_share_a_title_the_live_blog_or_the_newest_stays() -> None:
    blog = page("live", 0, kind="live-blog", title="Same headline")
    post = page("post", 30, kind="live-post", title="Same  headline", live_blog="live")
    old = page("old", 0, title="Other")
    new = page("new", 60, title="other")
    kept = distinct_titles(newest_first([blog, post, old, new]))
    assert [p.slug for p in kept] == ["new", "live"]
    assert distinct_titles([replace(new, title="x"), replace(old, title="y")]) != []


# ---------- the sample site ----------


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_project(make_project(tmp_path_factory.mktemp("story-pages")))


def main_of(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


def test_story_pages_feeds_and_index_of_the_sample(sample: Path) -> None:
    config = load_config(sample.parent / "site.yaml")[0]
    assert [d.format() for d in check_site(config).diagnostics] == []
    story_dirs = sorted(p.parent for p in sample.glob("stories/*/index.html"))
    assert story_dirs, "the sample has stories of two pieces or more"
    index = (sample / "stories/index.html").read_text(encoding="utf-8")
    sitemap = (sample / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://example.org/stories/</loc>" in sitemap
    for folder in story_dirs:
        slug = folder.name
        html = (folder / "index.html").read_text(encoding="utf-8")
        body = main_of(html)
        assert f'href="{slug}/"' in index and f"https://example.org/stories/{slug}/</loc>" in sitemap
        times = re.findall(r'<li><time datetime="([^"]+)"', body)
        assert len(times) >= 2 and times == sorted(times, reverse=True), "the timeline runs newest first"
        assert 'class="source">CNN<' in body and "../../places/" in body and "../../authors/" in body
        assert 'rel="alternate" type="application/rss+xml"' in html and 'href="feed.xml"' in body
        rss, atom = (feedparser.parse((folder / name).read_bytes()) for name in ("feed.xml", "atom.xml"))
        for feed in (rss, atom):
            assert not feed.bozo and len(feed.entries) == len(times) - _shared_titles(times, body)
            titles = [e.title for e in feed.entries]
            assert len(titles) == len(set(titles))
        assert atom.feed.id.startswith("urn:uuid:") and atom.feed.id not in {e.id for e in atom.entries}
        # every piece links back to its story page
        for href in re.findall(r'<a href="\.\./\.\./(\d{4}/\d{2}/\d{2}/[^"]+/)"', body):
            piece = (sample / href / "index.html").read_text(encoding="utf-8")
            assert f'href="../../../../stories/{slug}/"' in piece, href


def _shared_titles(times: list[str], body: str) -> int:
    titles = re.findall(r'<a href="[^"]+/">([^<]+)</a> <span class="source">', body)
    return len(titles) - len(set(titles))


def test_each_page_appears_once_on_the_sample_digest(sample: Path) -> None:
    digest = main_of((sample / "2023/12/02/index.html").read_text(encoding="utf-8"))
    pieces = [p.parent.name for p in sample.glob("2023/12/02/*/index.html")]
    assert len(pieces) == 11
    groups = digest.split('<li class="story')[1:]
    assert groups and all(g.startswith(('">', " story-")) for g in groups)
    for slug in pieces:
        holding = [g for g in groups if f'href="{slug}/"' in g]
        assert len(holding) <= 1, f"{slug} is shown in {len(holding)} story groups"
    assert len([g for g in groups if f'href="{BLOG}/"' in g]) == 1
    [live] = [g for g in groups if g.startswith(" story-live")]
    assert f'href="{BLOG}/"' in live, "the live blog's own story is in the live module"
    cards = digest.split('class="live-timeline')[0]
    assert f'href="{BLOG}/"' not in cards
    shown_live = set(re.findall(r'href="([a-z0-9-]+)/"', live))
    assert not any(f'href="{slug}/"' in cards for slug in shown_live), "a post in the live module is no card"
    for feed in sample.rglob("*.xml"):
        if feed.name in ("feed.xml", "atom.xml"):
            titles = [e.title for e in feedparser.parse(feed.read_bytes()).entries]
            assert len(titles) == len(set(titles)), feed


def test_top_stories_comes_from_site_yaml(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    config = project / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "digest:\n  top_stories: 1\n", encoding="utf-8")
    assert load_config(config)[0].digest.top_stories == 1
    (project / "content/articles/council-budget.md").write_text(
        "---\ntitle: Council passes the harbour budget\nslug: council-budget\nkind: article\n"
        "date: '2023-12-02T08:00:00-05:00'\nsource: Harbour Post\n---\n\nThe council passed its budget.\n",
        encoding="utf-8",
    )
    digest = main_of((build_project(project) / "2023/12/02/index.html").read_text(encoding="utf-8"))
    lead = digest.split('<ol class="stories stories-lead">')[1].split("</ol>\n")[0]
    assert lead.count('<li class="story">') == 1
    assert 'class="stories stories-grid"' not in digest, "one full card: the lead alone"
    compact = digest.split('<ol class="stories stories-compact" start="2">')[1].split("</ol>")[0]
    assert '<li class="story story-brief">' in compact and "Harbour Post" in compact


# ---------- a busy day ----------

SYLLABLES = ["ka", "lo", "mer", "vin", "sa", "tor", "bel", "qui", "ran", "dez", "mo", "fu", "gal", "pre", "nis"]
EVENTS = ["flood", "strike", "election", "wildfire", "trial", "outbreak", "blackout", "landslide", "merger"]
LIVE_LINES = [
    ["summit delegates arrive", "summit talks resume", "summit ministers meet", "summit joint statement"],
    ["storm surge warning", "storm shelters open", "storm power cuts", "storm rescue crews"],
]
OUTLETS = ["Harbour Post", "Daily Ledger", "Wire Service", "Evening Star", "Metro News"]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _doc(slug: str, title: str, kind: str, when: datetime, source: str, body: str, blog: str | None = None) -> str:
    lines = [
        "---",
        f"id: urn:test:{slug}",
        f"title: '{title}'",
        f"slug: {slug}",
        f"kind: {kind}",
        f"date: '{when.isoformat()}'",
        f"authors: ['{source} staff']",
        f"source: {source}",
    ]
    if blog:
        lines.append(f"live_blog: {blog}")
    return "\n".join([*lines, "---", "", body, ""])


def busy_project(dest: Path, pieces: int = 1000) -> Path:
    """A project of ``pieces`` pages on one day: a few hundred events covered 1 to 6 times each
    by several outlets, and two live blogs with many posts."""
    rng = random.Random(1000)
    dest.mkdir(parents=True)
    (dest / "seeds").mkdir()
    shutil.copytree(LAYOUTS, dest / "layouts")
    (dest / "site.yaml").write_text(
        "title: Busy Desk\nbase_url: https://example.org/\ntimezone: UTC\n", encoding="utf-8"
    )
    content = dest / "content"
    content.mkdir()
    day = datetime(2024, 3, 1, tzinfo=UTC)
    written = 0
    for b in range(2):
        blog = f"live-blog-{b}"
        place = _name(rng, 3)
        body = f"Live coverage from {place}."
        (content / f"{blog}.md").write_text(
            _doc(blog, f"{place} live: {LIVE_LINES[b][0]}", "live-blog", day + timedelta(hours=1), OUTLETS[b], body),
            "utf-8",
        )
        written += 1
        for n in range(60):
            slug = f"{blog}-post-{n}"
            when = day + timedelta(hours=1, minutes=10 * n + 1)
            title = f"{place} live: {LIVE_LINES[b][n % 4]} ({n + 1})"
            text = _doc(slug, title, "live-post", when, OUTLETS[b], f"Update {n} from {place}.", blog)
            (content / f"{slug}.md").write_text(text, "utf-8")
            written += 1
    event = 0
    while written < pieces:
        place, person, kind = _name(rng, 4), f"{_name(rng, 3)} {_name(rng, 4)}", rng.choice(EVENTS)
        titles = [
            f"{place} {kind}: {person} warns of worse to come",
            f"{person} speaks out as {kind} hits {place}",
            f"{kind.capitalize()} in {place} leaves {rng.randint(10, 900)} affected, {person} says",
            f"What we know about the {place} {kind}",
            f"{place} {kind} latest: {person} responds",
            f"Inside the {place} {kind} with {person}",
        ]
        start = day + timedelta(minutes=rng.randint(0, 20 * 60))
        for c in range(min(rng.choice([1, 1, 2, 3, 4, 6]), pieces - written)):
            slug = f"event-{event}-piece-{c}"
            when = start + timedelta(minutes=rng.randint(0, 180))
            body = f"{person} spoke about the {kind} in {place}. " * rng.randint(3, 30)
            (content / f"{slug}.md").write_text(_doc(slug, titles[c], "article", when, OUTLETS[c % 5], body), "utf-8")
            written += 1
        event += 1
    return dest


class Links:
    """The internal pages each HTML page links to, as output paths (``…/index.html``)."""

    def __init__(self, output: Path) -> None:
        self.output = output

    def of(self, rel: str) -> set[str]:
        html = (self.output / rel).read_text(encoding="utf-8")
        found = set()
        for href in scan(main_of(html))[0]:
            href = href.split("#")[0]
            if not href or "://" in href or href.startswith("mailto:"):
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), href))
            if href.endswith("/") or href in (".", "./"):
                target = posixpath.join(target, "index.html")
            found.add(target)
        return found


def test_a_busy_day_stays_readable_and_reaches_every_story_and_piece(tmp_path: Path) -> None:
    project = busy_project(tmp_path / "busy")
    config = load_config(project / "site.yaml")[0]
    result = build(config, jobs=2)
    assert result.errors == 0 and result.pages == 1000
    output = config.paths.output
    digests = ["index.html", "2024/03/01/index.html"]
    for rel in digests:
        size = (output / rel).stat().st_size
        assert size < 400_000, f"{rel} is {size:,} bytes"
    pieces = {p.relative_to(output).as_posix() for p in output.glob("2024/03/01/*/index.html")}
    story_pages = {p.relative_to(output).as_posix() for p in output.glob("stories/*/index.html")}
    assert len(pieces) == 1000 and 150 <= len(story_pages) <= 600, len(story_pages)
    digest = (output / "2024/03/01/index.html").read_text(encoding="utf-8")
    groups = len(re.findall(r'<li class="story[ "]', digest))
    assert 200 <= groups <= 900, groups
    assert digest.count('<li class="story">') == 8, "the default number of full cards"
    # reachable: the digests, then what they link to, then what those pages link to
    links = Links(output)
    reached: set[str] = set(digests)
    frontier = set(digests)
    for _ in range(2):
        frontier = {t for rel in frontier for t in links.of(rel) if t not in reached and (output / t).is_file()}
        reached |= frontier
    assert story_pages <= reached, sorted(story_pages - reached)[:5]
    assert pieces <= reached, sorted(pieces - reached)[:5]
    first_hop = {t for rel in digests for t in links.of(rel)}
    assert story_pages <= first_hop, "every story page is one click from the digest"
