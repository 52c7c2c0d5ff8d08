"""`check_site`: the sample site passes; each kind of damage to a copy of it is reported,
naming the file, the line and the link."""

from __future__ import annotations

import posixpath
import re
import shutil
import socket
from dataclasses import replace
from pathlib import Path

import pytest

from generator.check.feeds import rfc822_problem, rfc3339_problem, scan_feed
from generator.check.links import SiteIndex, resolve_link
from generator.check.pages import scan_page, srcset_urls
from generator.check.run import CheckResult, check_site
from generator.config import SiteConfig, load_config
from generator.errors import GeneratorError

from .conftest import build_project, make_project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SiteConfig:
    project = make_project(tmp_path_factory.mktemp("site"))
    build_project(project)
    return load_config(project / "site.yaml")[0]


class Site:
    """A throwaway copy of the built sample site, with the current folder set so that
    diagnostics name files as ``output/...``."""

    def __init__(self, config: SiteConfig, root: Path) -> None:
        self.output = root / "output"
        shutil.copytree(config.paths.output, self.output)
        self.config = replace(config, paths=replace(config.paths, output=self.output))

    def text(self, rel: str) -> str:
        return (self.output / rel).read_text(encoding="utf-8")

    def edit(self, rel: str, old: str, new: str) -> int:
        """Replace the first ``old`` in a file with ``new``; the line where ``new`` starts."""
        text = self.text(rel)
        at = text.index(old)
        (self.output / rel).write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
        return text.count("\n", 0, at) + 1

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.output).as_posix() for p in self.output.rglob("*.html"))

    def stories(self) -> list[str]:
        return [p for p in self.pages() if re.fullmatch(r"\d{4}/\d\d/\d\d/[^/]+/index\.html", p)]

    def check(self, jobs: int = 1) -> CheckResult:
        return check_site(self.config, jobs=jobs)


@pytest.fixture
def site(built: SiteConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    monkeypatch.chdir(tmp_path)
    return Site(built, tmp_path)


def lines(result: CheckResult) -> list[str]:
    return [d.format() for d in result.diagnostics]


def target_of(page: str, href: str) -> str:
    """The file a relative link from ``page`` lands on (folder links get index.html)."""
    path = href.split("#")[0].split("?")[0]
    if not path:
        return page
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return resolved + "/index.html" if path.endswith("/") else resolved


def links_to(site: Site, target: str, fragment: str) -> list[tuple[str, int, str]]:
    """(page, line, href) of every link in the site to ``target#fragment``."""
    found = []
    for page in site.pages():
        text = site.text(page)
        for match in re.finditer(r'href="([^"]*#[^"]+)"', text):
            href = match[1]
            if "://" not in href and target_of(page, href) == target and href.endswith("#" + fragment):
                found.append((page, text.count("\n", 0, match.start()) + 1, href))
    return found


# -- the sample site ----------------------------------------------------------------------------


def test_sample_site_passes(site: Site) -> None:
    result = site.check()
    assert lines(result) == []
    assert result.errors == result.warnings == 0
    assert result.pages == len(site.pages())
    assert result.feeds == len([p for p in site.output.rglob("*") if p.name in ("feed.xml", "atom.xml", "feed.json")])
    assert result.links > result.pages  # every page links at least its stylesheet and the home page
    assert "0 errors, 0 warnings" in result.summary()


def test_sub_path_site_passes_and_root_relative_links_must_stay_under_it(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", base_url="https://example.org/news/")
    build_project(project)
    config = load_config(project / "site.yaml")[0]
    assert check_site(config, jobs=1).diagnostics == ()
    home = config.paths.output / "index.html"
    home.write_text(home.read_text(encoding="utf-8").replace('href="#main"', 'href="/archive/"', 1), "utf-8")
    messages = [d.message for d in check_site(config, jobs=1).diagnostics]
    assert messages == ["broken link '/archive/' (outside the site's base path /news/)"]


def test_parallel_and_serial_checks_agree(site: Site) -> None:
    site.edit("index.html", 'href="#main"', 'href="#gone"')
    (site.output / "static" / "favicon.svg").unlink()
    serial = site.check(jobs=1)
    assert serial.errors > 1
    assert site.check(jobs=2) == serial


def test_no_built_site_is_an_error_that_says_to_build(tmp_path: Path, built: SiteConfig) -> None:
    for output in (tmp_path / "missing", tmp_path / "empty"):
        if output.name == "empty":
            output.mkdir()
            (output / ".git").mkdir()  # dotfiles are not the site
        config = replace(built, paths=replace(built.paths, output=output))
        with pytest.raises(GeneratorError, match="run `python -m generator build` first"):
            check_site(config)


# -- links ------------------------------------------------------------------------------------------


def test_broken_internal_link(site: Site) -> None:
    page = site.stories()[0]
    href = re.search(r'href="((?:\.\./)+topics/)[a-z0-9-]+/"', site.text(page))
    assert href is not None
    bad = href[1] + "no-such-topic/"
    line = site.edit(page, href[0], f'href="{bad}"')
    assert lines(site.check()) == [
        f"output/{page}:{line}: error: broken link '{bad}' (no file output/{target_of(page, bad)})"
    ]


def test_broken_absolute_link_under_base_url(site: Site) -> None:
    good = site.config.base_url + "archive/"
    bad = site.config.base_url + "archiv/"
    line = site.edit("404.html", f'href="{good}"', f'href="{bad}"')
    assert lines(site.check()) == [
        f"output/404.html:{line}: error: broken link '{bad}' (no file output/archiv/index.html)"
    ]


def test_link_that_climbs_out_of_the_site(site: Site) -> None:
    page = site.stories()[0]
    depth = page.count("/")
    bad = "../" * (depth + 1) + "secret/"
    line = site.edit(page, 'href="#main"', f'href="{bad}"')
    assert lines(site.check()) == [f"output/{page}:{line}: error: broken link '{bad}' (leaves the site)"]


def test_missing_asset_is_reported_on_every_page_that_loads_it(site: Site) -> None:
    (site.output / "static" / "style.css").unlink()
    result = site.check()
    users = [p for p in site.pages() if "style.css" in site.text(p)]
    assert len(users) == result.pages
    assert result.errors == len(users) == len(result.diagnostics)
    home = site.text("index.html")
    href = re.search(r'href="([^"]*style\.css[^"]*)"', home)
    assert href is not None
    line = home.count("\n", 0, href.start()) + 1
    assert f"output/index.html:{line}: error: missing asset '{href[1]}' (no file output/static/style.css)" in lines(
        result
    )


def test_broken_fragment_in_the_same_page(site: Site) -> None:
    line = site.edit("index.html", 'href="#main"', 'href="#nowhere"')
    assert lines(site.check()) == [
        f"output/index.html:{line}: error: broken fragment '#nowhere' (no id 'nowhere' in output/index.html)"
    ]


def test_broken_fragment_into_another_page(site: Site) -> None:
    for page in site.pages():
        found = re.search(r'href="([^"#]+)#([^"]+)"', site.text(page))
        if found:
            break
    else:
        pytest.fail("the sample site has no link to a fragment of another page")
    target = target_of(page, found[1])
    site.edit(target, f'id="{found[2]}"', f'id="{found[2]}-renamed"')
    linking = links_to(site, target, found[2])
    assert linking
    assert lines(site.check()) == [
        f"output/{p}:{n}: error: broken fragment '{href}' (no id '{found[2]}' in output/{target})"
        for p, n, href in linking
    ]


def test_external_links_are_counted_never_fetched(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    before = site.check()

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("check tried to use the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    site.edit("index.html", 'href="#main"', 'href="https://elsewhere.example/no/such/page"')
    after = site.check()
    assert after.diagnostics == ()
    assert after.external == before.external + 1
    assert after.links == before.links - 1


# -- feeds ----------------------------------------------------------------------------------------


def test_malformed_feed(site: Site) -> None:
    text = site.text("feed.xml")
    (site.output / "feed.xml").write_text(text[: len(text) // 2], encoding="utf-8")
    [problem] = site.check().diagnostics
    assert problem.path == "output/feed.xml"
    assert problem.message.startswith("malformed feed: ")
    assert problem.line is not None and 1 < problem.line <= text[: len(text) // 2].count("\n") + 1


def test_duplicate_guids_in_rss(site: Site) -> None:
    feed = next(f for f in sorted(site.output.rglob("feed.xml")) if f.read_text("utf-8").count("<guid") >= 2)
    rel = feed.relative_to(site.output).as_posix()
    text = site.text(rel)
    guids = list(re.finditer(r"(<guid[^>]*>)([^<]+)</guid>", text))
    first, second = guids[0], guids[1]
    line = site.edit(rel, second[0], f"{second[1]}{first[2]}</guid>")
    first_line = text.count("\n", 0, first.start()) + 1
    assert lines(site.check()) == [
        f"output/{rel}:{line}: error: duplicate guid '{first[2]}' (first at line {first_line})"
    ]


def test_duplicate_ids_in_atom(site: Site) -> None:
    text = site.text("atom.xml")
    ids = list(re.finditer(r"<entry>\s*<id>([^<]+)</id>", text))
    first, second = ids[0], ids[1]
    line = site.edit("atom.xml", f"<id>{second[1]}</id>", f"<id>{first[1]}</id>")
    first_line = text.count("\n", 0, first.start(1)) + 1
    assert lines(site.check()) == [
        f"output/atom.xml:{line}: error: duplicate id '{first[1]}' (first at line {first_line})"
    ]


def test_rss_date_without_zone(site: Site) -> None:
    date = re.search(r"<pubDate>([^<]+) ([+-]\d{4}|GMT)</pubDate>", site.text("feed.xml"))
    assert date is not None
    line = site.edit("feed.xml", date[0], f"<pubDate>{date[1]}</pubDate>")
    assert lines(site.check()) == [f"output/feed.xml:{line}: error: pubDate '{date[1]}' has no time zone"]


def test_atom_date_without_zone(site: Site) -> None:
    date = re.search(r"<published>([^<]+?)(Z|[+-]\d\d:\d\d)</published>", site.text("atom.xml"))
    assert date is not None
    line = site.edit("atom.xml", date[0], f"<published>{date[1]}</published>")
    assert lines(site.check()) == [
        f"output/atom.xml:{line}: error: published '{date[1]}' has no time zone (RFC 3339 needs Z or an offset)"
    ]


def test_feed_item_link_into_the_site_must_resolve(site: Site) -> None:
    link = re.search(r"<item>.*?<link>([^<]+)</link>", site.text("feed.xml"), re.S)
    assert link is not None and link[1].startswith(site.config.base_url)
    bad = site.config.base_url + "2023/12/02/gone/"
    line = site.edit("feed.xml", f"<link>{link[1]}</link>", f"<link>{bad}</link>")
    assert lines(site.check()) == [
        f"output/feed.xml:{line}: error: broken link '{bad}' (no file output/2023/12/02/gone/index.html)"
    ]


def test_a_feed_that_is_neither_rss_nor_atom(site: Site) -> None:
    (site.output / "feed.xml").write_text("<?xml version='1.0'?>\n<html/>\n", encoding="utf-8")
    assert lines(site.check()) == [
        "output/feed.xml:1: error: neither an RSS 2.0 nor an Atom feed (root element <html>)"
    ]


# -- orphans ---------------------------------------------------------------------------------------


def test_orphan_page_and_orphan_feed(site: Site) -> None:
    source = next(p for p in site.pages() if re.fullmatch(r"topics/[^/]+/index\.html", p))
    (site.output / "topics" / "nobody-links-here").mkdir()
    for name in ("index.html", "feed.xml", "atom.xml", "feed.json"):
        shutil.copy(site.output / posixpath.dirname(source) / name, site.output / "topics" / "nobody-links-here")
    result = site.check()
    assert result.errors == 0
    assert lines(result) == [
        "output/topics/nobody-links-here/atom.xml: warning: orphan feed: no page reachable from output/index.html links to it",
        "output/topics/nobody-links-here/feed.json: warning: orphan feed: no page reachable from output/index.html links to it",
        "output/topics/nobody-links-here/feed.xml: warning: orphan feed: no page reachable from output/index.html links to it",
        "output/topics/nobody-links-here/index.html: warning: orphan page: no chain of links from output/index.html leads here",
    ]


def test_404_page_needs_no_links_but_others_do(site: Site) -> None:
    shutil.copy(site.output / "404.html", site.output / "archive" / "404.html")
    messages = lines(site.check())
    assert messages == [
        "output/archive/404.html: warning: orphan page: no chain of links from output/index.html leads here"
    ]


def test_without_a_home_page_nothing_is_reachable(site: Site) -> None:
    (site.output / "index.html").unlink()
    result = site.check()
    assert "output: error: no home page output/index.html" in lines(result)
    assert not any("orphan" in d.message for d in result.diagnostics)  # one error says it all
    assert result.pages == len(site.pages())


# -- the HTML of a page -------------------------------------------------------------------------------


def test_image_without_alt(site: Site) -> None:
    page = site.stories()[0]
    src = "../" * page.count("/") + "static/favicon.svg"
    assert (site.output / target_of(page, src)).is_file()
    line = site.edit(page, '<main id="main">', f'<main id="main">\n<p><img src="{src}"></p>') + 1
    assert lines(site.check()) == [f"output/{page}:{line}: error: image '{src}' has no alt attribute"]


def test_empty_alt_is_fine_unless_the_image_is_all_a_link_holds(site: Site) -> None:
    page = site.stories()[0]
    src = "../" * page.count("/") + "static/favicon.svg"
    line = site.edit(
        page,
        '<main id="main">',
        f'<main id="main">\n<p><a href="./"><img src="{src}" alt=""></a>\n'
        f'<a href="./"><img src="{src}" alt=""> Home</a>\n<a href="./" aria-label="Home"><img src="{src}" alt=""></a>\n'
        f'<img src="{src}" alt=""></p>',
    )
    assert lines(site.check()) == [
        f"output/{page}:{line + 1}: error: link './' holds only an image with empty alt, so it has no text"
    ]


def test_figure_without_caption_or_alt(site: Site) -> None:
    page = next(p for p in site.stories() if "<figure" in site.text(p))
    text = site.text(page)
    caption = re.search(r"<figcaption>.*?</figcaption>", text, re.S)
    assert caption is not None
    site.edit(page, caption[0], "<p>A photo</p>")
    line = text.rfind("<figure", 0, caption.start())
    assert lines(site.check()) == [
        f"output/{page}:{text.count(chr(10), 0, line) + 1}: warning: <figure> has no <figcaption> and no image with alt text"
    ]


def test_invalid_html(site: Site) -> None:
    page = site.stories()[0]
    line = site.edit(page, '<main id="main">', '<main id="main"></section>')
    [problem] = site.check().diagnostics
    assert (problem.path, problem.line) == (f"output/{page}", line)
    assert problem.message.startswith("invalid HTML: ") and "(section)" in problem.message


def test_doctype_lang_title_and_ids(site: Site) -> None:
    page = site.stories()[0]
    text = site.text(page)
    site.edit(page, "<!DOCTYPE html>\n", "")
    site.edit(page, '<html lang="en">', "<html>")
    title = re.search(r"<title>.*?</title>", text)
    assert title is not None
    title_line = site.edit(page, title[0], title[0] + title[0])
    ident = re.search(r'id="([^"]+)"', site.text(page))
    assert ident is not None
    first_id = site.text(page).count("\n", 0, ident.start()) + 1
    dup_line = site.edit(page, "</main>", f'<p id="{ident[1]}">again</p></main>')
    assert lines(site.check()) == [
        f"output/{page}:1: warning: <html> has no lang attribute",
        f"output/{page}:1: error: missing <!DOCTYPE html>",
        f"output/{page}:{title_line}: error: more than one <title> (first at line {title_line})",
        f"output/{page}:{dup_line}: error: duplicate id '{ident[1]}' (first at line {first_id})",
    ]


# -- the pure parts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("Sat, 02 Dec 2023 17:51:00 -0500", None),
        ("2 Dec 2023 17:51 GMT", None),
        ("Sat, 02 Dec 2023 17:51:00", "has no time zone"),
        ("Sat, 02 Dec 2023 17:51:00 -0000", "has no time zone"),
        ("Sun, 02 Dec 2023 17:51:00 +0000", "says Sun but the date is a Sat"),
        ("Sat, 31 Feb 2023 17:51:00 +0000", "is not a real date and time"),
        ("Sat, 02 Dec 2023 17:51:00 XYZ", "has an unknown time zone 'XYZ'"),
        ("2023-12-02T17:51:00Z", "is not an RFC 822 date"),
    ],
)
def test_rfc822_dates(value: str, problem: str | None) -> None:
    assert rfc822_problem(value) == problem


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2023-12-02T17:51:00Z", None),
        ("2023-12-02T17:51:00.25-05:00", None),
        ("2023-12-02T17:51:00", "has no time zone (RFC 3339 needs Z or an offset)"),
        ("2023-12-02 17:51:00Z", "is not an RFC 3339 date-time"),
        ("2023-13-02T17:51:00Z", "is not a real date and time"),
        ("2023-12-02T17:51:00+05:75", "has an impossible offset '+05:75'"),
        ("2016-12-31T23:59:60Z", None),  # a leap second
        ("2023-12-02T17:60:00Z", "is not a real date and time"),  # but no minute 60
        ("2023-12-02t17:51:00z", None),  # RFC 3339 allows lower case
    ],
)
def test_rfc3339_dates(value: str, problem: str | None) -> None:
    assert rfc3339_problem(value) == problem


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("../", ("internal", "a/index.html", "", True)),
        ("./#x", ("internal", "a/b/index.html", "x", True)),
        ("#x", ("internal", "a/b/index.html", "x", True)),
        ("../../static/s.css?v=1", ("internal", "static/s.css", "", True)),
        ("/news/a/b", ("internal", "a/b/index.html", "", True)),
        ("https://EXAMPLE.org:443/news/a/c%20d.txt", ("internal", "a/c d.txt", "", True)),
        ("https://example.org/news", ("internal", "index.html", "", True)),
        ("//example.org/news/zz/", ("internal", "zz/index.html", "", False)),
        ("https://example.org/other/", ("external", "", "", False)),
        ("http://example.org/news/", ("external", "", "", False)),
        ("mailto:desk@example.org", ("external", "", "", False)),
        ("data:image/png;base64,AAAA", ("ignored", "", "", False)),
        ("/elsewhere/", ("broken", "", "", False)),
        ("../../../up/", ("broken", "", "", False)),
    ],
)
def test_locate(url: str, expected: tuple[str, str, str, bool]) -> None:
    site = SiteIndex(
        "https://example.org/news/",
        frozenset({"index.html", "a/index.html", "a/b/index.html", "static/s.css", "a/c d.txt"}),
        "output",
    )
    where = resolve_link(url, "a/b/index.html", site)
    assert (where.kind, where.path, where.fragment, where.exists) == expected


def test_srcset_urls() -> None:
    assert srcset_urls(" a.jpg 1x,b.jpg 2x , c.jpg, d.jpg (x, y) 10w,e.jpg,f,g.jpg") == [
        "a.jpg",
        "b.jpg",
        "c.jpg",
        "d.jpg",
        "e.jpg,f,g.jpg",  # commas inside a URL belong to it
    ]


def test_page_links_carry_the_line_their_tag_starts_on() -> None:
    html = '<!DOCTYPE html>\n<html lang="en"><title>t</title>\n<a\n  href="x/">x</a>\n<img alt="" srcset="s.png 2x"\n src="i.png">\n'
    scan = scan_page(html, "p.html")
    assert scan.diagnostics == ()
    assert [(link.url, link.line, link.asset) for link in scan.links] == [
        ("x/", 3, False),
        ("i.png", 5, True),
        ("s.png", 5, True),
    ]


def test_feed_with_a_doctype_is_parsed_without_fetching_anything() -> None:
    feed = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "http://example.invalid/rss.dtd">\n'
        b'<rss version="2.0"><channel><title>t</title></channel></rss>\n'
    )
    scan = scan_feed(feed, "feed.xml")
    assert (scan.kind, scan.items, scan.diagnostics) == ("RSS", 0, ())
