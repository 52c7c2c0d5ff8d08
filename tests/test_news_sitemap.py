"""news-sitemap.xml: Google's news sitemap of the latest articles and live blogs.

The file is validated against the published schemas of the sitemap protocol and
of Google's news extension, written out in tests/fixtures/xsd/. The projects here
are made of hand-written content files with dates inside and outside the 48
hours before the newest piece."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from lxml import etree

from generator.check.run import check_site
from generator.config import SiteConfig, load_config
from generator.render.build import BuildResult, build
from generator.render.newsmap import NEWS_LIMIT, NewsEntry, news_entries, news_language, news_sitemap
from generator.site.load import load_site

from .conftest import build_project, make_project

XSD = Path(__file__).parent / "fixtures" / "xsd"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"s": SITEMAP_NS, "news": NEWS_NS}
NEWS = "news-sitemap.xml"

NEWEST = "2024-03-10T12:00:00+00:00"
PIECES = {
    # slug: (kind, date, listed?)
    "newest-article": ("article", NEWEST, True),
    "exactly-two-days-before": ("article", "2024-03-08T12:00:00+00:00", True),
    "a-minute-too-old": ("article", "2024-03-08T11:59:00+00:00", False),
    "inside-in-new-york-time": ("article", "2024-03-08T07:30:00-05:00", True),  # 12:30 UTC
    "last-weeks-article": ("article", "2024-03-01T09:00:00+00:00", False),
    "running-blog": ("live-blog", "2024-03-09T09:00:00+01:00", True),
    # Newer than every article, but a post is part of its blog's page: neither listed nor moving the window.
    "a-post-on-the-blog": ("live-post", "2024-03-10T13:00:00+00:00", False),
}


def _write_piece(content: Path, slug: str, kind: str, date: str) -> None:
    folder = content / ("articles" if kind == "article" else "live")
    folder.mkdir(parents=True, exist_ok=True)
    meta = {
        "title": f"Headline of {slug.replace('-', ' ')} & more",
        "slug": slug,
        "kind": kind,
        "date": date,
        "authors": ["Ada Writer"],
        "summary": f"A short summary for {slug}.",
    }
    if kind == "live-post":
        meta["live_blog"] = "running-blog"
    body = f"Some words written for the {slug.replace('-', ' ')} test page, long enough to be a body.\n"
    text = "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n" + body
    (folder / f"{slug}.md").write_text(text, encoding="utf-8")


def _project(tmp_path: Path, pieces: dict[str, tuple[str, str, bool]] = PIECES, language: str | None = None) -> Path:
    """The sample project's site.yaml and layouts, no seeds, and ``pieces`` as content files."""
    project = make_project(tmp_path / "site", with_content=False)
    shutil.rmtree(project / "seeds")
    (project / "seeds").mkdir()
    for slug, (kind, date, _) in pieces.items():
        _write_piece(project / "content", slug, kind, date)
    if language is not None:
        config = project / "site.yaml"
        text = config.read_text(encoding="utf-8")
        assert "\nlanguage: en\n" in text, "the sample site.yaml changed its language line"
        config.write_text(text.replace("\nlanguage: en\n", f"\nlanguage: {language}\n"), encoding="utf-8")
    return project


def _config(project: Path) -> SiteConfig:
    return load_config(project / "site.yaml")[0]


def _build(project: Path) -> BuildResult:
    result = build(_config(project))
    assert result.errors == 0, result.diagnostics
    return result


def _schema() -> etree.XMLSchema:
    """Both published schemas at once: sitemap.xsd checks news:news strictly, by its namespace."""
    driver = (
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        f'<xsd:import namespace="{SITEMAP_NS}" schemaLocation="sitemap.xsd"/>'
        f'<xsd:import namespace="{NEWS_NS}" schemaLocation="sitemap-news.xsd"/>'
        "</xsd:schema>"
    )
    return etree.XMLSchema(etree.fromstring(driver.encode(), base_url=(XSD / "driver.xsd").as_uri()))


def _valid(data: bytes) -> tuple[bool, str]:
    schema = _schema()
    ok = schema.validate(etree.fromstring(data))
    return ok, str(schema.error_log)


def _urls(data: bytes) -> list[etree._Element]:
    return etree.fromstring(data).findall("s:url", NS)


def _slug(url: etree._Element) -> str:
    return str(url.findtext("s:loc", namespaces=NS)).rstrip("/").rpartition("/")[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _project(tmp_path_factory.mktemp("news"))
    _build(project)
    return project


def test_the_news_sitemap_is_valid_against_the_published_schemas(built: Path) -> None:
    data = (built / "output" / NEWS).read_bytes()
    ok, log = _valid(data)
    assert ok, log
    assert len(_urls(data)) > 0


def test_the_regular_sitemap_is_valid_against_the_protocols_schema(built: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(XSD / "sitemap.xsd")))
    assert schema.validate(etree.parse(str(built / "output" / "sitemap.xml"))), schema.error_log


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"<news:language>en</news:language>", b"<news:language>en-GB</news:language>"),  # a region: Google says no
        (b"<news:language>en</news:language>", b""),  # a required element left out
        (b"<news:publication_date>2024-03-10T12:00:00+00:00", b"<news:publication_date>Sunday noon"),
        (b"<news:title>", b"<news:headline>"),  # not an element of the extension
    ],
)
def test_the_schemas_reject_a_broken_news_sitemap(built: Path, old: bytes, new: bytes) -> None:
    data = (built / "output" / NEWS).read_bytes()
    assert old in data
    broken = data.replace(old, new, 1)
    if new == b"<news:headline>":
        broken = broken.replace(b"</news:title>", b"</news:headline>", 1)
    ok, log = _valid(broken)
    assert not ok and log


def test_an_empty_urlset_is_not_valid_so_none_is_written() -> None:
    empty = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}"/>\n'
    assert not _valid(empty.encode())[0]


def test_only_pieces_within_48_hours_of_the_newest_are_listed(built: Path) -> None:
    urls = _urls((built / "output" / NEWS).read_bytes())
    listed = [_slug(u) for u in urls]
    assert sorted(listed) == sorted(slug for slug, (_, _, wanted) in PIECES.items() if wanted)
    for url in urls:  # every listed page was built
        loc = str(url.findtext("s:loc", namespaces=NS))
        assert loc.startswith("https://example.org/")
        assert (built / "output" / loc.removeprefix("https://example.org/") / "index.html").is_file()


def test_newest_first_with_the_contents_own_dates_and_offsets(built: Path) -> None:
    urls = _urls((built / "output" / NEWS).read_bytes())
    dates = [str(u.findtext("news:news/news:publication_date", namespaces=NS)) for u in urls]
    moments = [datetime.fromisoformat(d) for d in dates]
    assert all(m.utcoffset() is not None for m in moments)
    assert all(d[-6] in "+-" and d[-3] == ":" for d in dates), dates  # an explicit offset, never a bare time
    assert moments == sorted(moments, reverse=True)
    by_slug = dict(zip([_slug(u) for u in urls], dates, strict=True))
    for slug, (_, date, wanted) in PIECES.items():
        if wanted:
            assert by_slug[slug] == date  # as written in the content file, offset kept
    titles = [u.findtext("news:news/news:title", namespaces=NS) for u in urls]
    assert titles[0] == "Headline of newest article & more"


def test_publication_name_and_language_come_from_site_yaml(tmp_path: Path) -> None:
    project = _project(tmp_path, language="en-GB")
    _build(project)
    data = (project / "output" / NEWS).read_bytes()
    title = yaml.safe_load((project / "site.yaml").read_text(encoding="utf-8"))["title"]
    urls = _urls(data)
    assert {u.findtext("news:news/news:publication/news:name", namespaces=NS) for u in urls} == {title}
    assert {u.findtext("news:news/news:publication/news:language", namespaces=NS) for u in urls} == {"en"}
    assert _valid(data)[0]


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("en", "en"),
        ("en-GB", "en"),
        ("EN_us", "en"),
        ("fr-CA", "fr"),
        ("haw", "haw"),
        ("zh", "zh-cn"),
        ("zh-CN", "zh-cn"),
        ("zh-Hans-SG", "zh-cn"),
        ("zh-TW", "zh-tw"),
        ("zh-Hant", "zh-tw"),
        ("zh-HK", "zh-tw"),
        ("english", None),
        ("x-private", None),
        ("", None),
    ],
)
def test_the_language_is_the_code_google_news_wants(tag: str, code: str | None) -> None:
    assert news_language(tag) == code


def test_a_language_google_cannot_take_leaves_the_file_out_with_a_warning(tmp_path: Path) -> None:
    project = _project(tmp_path, language="english")
    result = _build(project)
    assert not (project / "output" / NEWS).exists()
    assert "Sitemap:" in (project / "output" / "robots.txt").read_text(encoding="utf-8")
    assert NEWS not in (project / "output" / "robots.txt").read_text(encoding="utf-8")
    said = [d for d in result.diagnostics if NEWS in d.message]
    assert len(said) == 1 and "'english'" in said[0].message and str(said[0].path).endswith("site.yaml")


def test_the_newest_thousand_are_kept(built: Path) -> None:
    site, _ = load_site(_config(built), now=datetime.now(tz=UTC))
    article = next(p for p in site.pages if p.kind == "article")
    start = datetime.fromisoformat(NEWEST)
    many = [replace(article, slug=f"piece-{n:04}", date=start - timedelta(seconds=n)) for n in range(NEWS_LIMIT + 5)]
    entries = news_entries(reversed(many), lambda p: f"https://example.org/{p.slug}/")
    assert NEWS_LIMIT == 1_000 and len(entries) == NEWS_LIMIT
    assert [e.url for e in entries] == [f"https://example.org/piece-{n:04}/" for n in range(NEWS_LIMIT)]


def test_same_instant_is_ordered_by_url(built: Path) -> None:
    site, _ = load_site(_config(built), now=datetime.now(tz=UTC))
    article = next(p for p in site.pages if p.kind == "article")
    moment = datetime.fromisoformat(NEWEST)
    twins = [replace(article, slug=s, date=moment) for s in ("b-twin", "c-twin", "a-twin")]
    assert [e.url for e in news_entries(twins, lambda p: p.slug)] == ["a-twin", "b-twin", "c-twin"]


def test_robots_txt_lists_both_sitemaps_and_only_files_that_exist(built: Path) -> None:
    robots = (built / "output" / "robots.txt").read_text(encoding="utf-8")
    listed = [line.removeprefix("Sitemap: ") for line in robots.splitlines() if line.startswith("Sitemap: ")]
    assert listed == ["https://example.org/sitemap.xml", f"https://example.org/{NEWS}"]
    assert all((built / "output" / url.removeprefix("https://example.org/")).is_file() for url in listed)


def test_the_checker_finds_nothing_wrong_with_it(built: Path) -> None:
    result = check_site(_config(built), jobs=1)
    assert not [d for d in result.diagnostics if NEWS in f"{d.path} {d.message}"], result.diagnostics
    assert result.errors == 0, result.diagnostics


def test_byte_identical_on_a_rebuild_from_scratch_whatever_the_clock(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = (built / "output" / NEWS).read_bytes()
    again = _project(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000000")  # 2033: the clock never decides the window
    _build(again)
    assert (again / "output" / NEWS).read_bytes() == first


def test_rebuilt_when_a_listed_page_changes_and_left_alone_otherwise(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _build(project)
    news = project / "output" / NEWS

    def stamp() -> tuple[int, int]:
        return news.stat().st_ino, news.stat().st_mtime_ns

    before, data = stamp(), news.read_bytes()
    assert _build(project).changed == 0
    assert stamp() == before  # a build with no change writes nothing

    old = project / "content" / "articles" / "last-weeks-article.md"
    old.write_text(old.read_text(encoding="utf-8").replace("Headline of", "New headline of"), encoding="utf-8")
    assert _build(project).changed > 0
    assert stamp() == before and news.read_bytes() == data  # the page is not in it: not written

    listed = project / "content" / "articles" / "inside-in-new-york-time.md"
    listed.write_text(listed.read_text(encoding="utf-8").replace("Headline of", "Edited headline of"), "utf-8")
    _build(project)
    assert b"Edited headline of inside in new york time" in news.read_bytes()
    assert _valid(news.read_bytes())[0]


def test_a_site_without_articles_has_no_news_sitemap(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _build(project)
    assert (project / "output" / NEWS).is_file()
    shutil.rmtree(project / "content")
    (project / "content").mkdir()
    _build(project)
    assert not (project / "output" / NEWS).exists()
    robots = (project / "output" / "robots.txt").read_text(encoding="utf-8")
    assert NEWS not in robots and "Sitemap: https://example.org/sitemap.xml" in robots


def test_the_sample_site_lists_its_article_and_live_blog(tmp_path: Path) -> None:
    out = build_project(make_project(tmp_path / "p"))
    data = (out / NEWS).read_bytes()
    assert _valid(data)[0]
    pages = load_site(_config(tmp_path / "p"), now=datetime.now(tz=UTC))[0].pages
    assert {"article", "live-blog", "live-post"} <= {p.kind for p in pages}
    wanted = sorted(p.slug for p in pages if p.kind in ("article", "live-blog"))  # all within two days
    assert sorted(_slug(u) for u in _urls(data)) == wanted  # the blog's posts are not listed


def test_titles_with_markup_and_control_characters_stay_valid_text() -> None:
    title = "Rates <b>up</b> & \x01bonds\x0b ]]> down"
    entry = NewsEntry("https://example.org/2024/03/10/rates/", title, datetime.fromisoformat(NEWEST))
    data = news_sitemap([entry], "Desk & <Co>", "en")
    ok, log = _valid(data)
    assert ok, log
    news = _urls(data)[0]
    assert news.findtext("news:news/news:title", namespaces=NS) == "Rates <b>up</b> & bonds ]]> down"
    assert news.findtext("news:news/news:publication/news:name", namespaces=NS) == "Desk & <Co>"


def test_a_piece_dated_by_its_day_alone_gives_the_day_alone(tmp_path: Path) -> None:
    """date_precision: day has no time to give: the date alone, which the schema takes, never a midnight."""
    project = _project(tmp_path, {"newest-article": ("article", "2023-12-04T09:00:00-05:00", True)})
    folder = project / "content"
    (folder / "day-only.md").write_text(
        "---\ntitle: A piece dated by its day\nslug: day-only\nkind: article\ndate: '2023-12-03'\n---\n\nWords.\n",
        encoding="utf-8",
    )
    _build(project)
    data = (project / "output" / NEWS).read_bytes()
    dates = {_slug(u): u.findtext("news:news/news:publication_date", namespaces=NS) for u in _urls(data)}
    assert dates == {"newest-article": "2023-12-04T09:00:00-05:00", "day-only": "2023-12-03"}
    assert _valid(data) == (True, "")
