"""JSON Feed 1.1: a feed.json beside every feed.xml and atom.xml of the built sample
site, valid by the specification's rules, holding what the RSS and Atom feeds hold
(read back with feedparser), linked from every page that links the other two,
rebuilt exactly when they are, and checked by ``check``."""

from __future__ import annotations

import html
import json
import posixpath
import re
import shutil
from dataclasses import replace
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import feedparser  # type: ignore[import-untyped]
import pytest

from generator.check.run import check_site
from generator.config import SiteConfig, load_config
from generator.render.build import build, render_site

from .conftest import build_project, make_project, tree

VERSION = "https://jsonfeed.org/version/1.1"
RFC3339_WITH_OFFSET = re.compile(r"\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SiteConfig:
    project = make_project(tmp_path_factory.mktemp("site"))
    build_project(project)
    return load_config(project / "site.yaml")[0]


def feed_folders(output: Path, name: str) -> list[str]:
    """The folders (site-relative, "" for the root) that hold a file called ``name``."""
    return sorted(posixpath.dirname(p.relative_to(output).as_posix()) for p in output.rglob(name))


def read_json(output: Path, folder: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((output / folder / "feed.json").read_bytes().decode("utf-8"))
    return doc


def read_xml(output: Path, folder: str, name: str) -> Any:
    """A feed as feedparser reads it, its HTML left as written (no sanitising)."""
    data = (output / folder / name).read_bytes()
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    assert not parsed.bozo, (folder, name, parsed.get("bozo_exception"))
    return parsed


# -- a validator, from the JSON Feed 1.1 specification ----------------------------------------------------------------


def is_rfc3339_with_offset(value: object) -> bool:
    if not isinstance(value, str) or not RFC3339_WITH_OFFSET.fullmatch(value):
        return False
    try:
        return datetime.fromisoformat(value.upper().replace("Z", "+00:00")).tzinfo is not None
    except ValueError:
        return False


def spec_problems(doc: object, own_url: str) -> list[str]:
    """What a JSON Feed 1.1 document at ``own_url`` breaks of the specification's
    requirements (and of ours: dates with an offset, authors with a name)."""
    if not isinstance(doc, dict):
        return ["the document is not an object"]
    found = []
    if doc.get("version") != VERSION:
        found.append(f"version is {doc.get('version')!r}")
    if not isinstance(doc.get("title"), str) or not doc["title"]:
        found.append("no title")
    if doc.get("feed_url") != own_url:
        found.append(f"feed_url {doc.get('feed_url')!r} is not the feed's own URL")
    for key in ("home_page_url", "description", "language"):
        if key in doc and not isinstance(doc[key], str):
            found.append(f"{key} is not a string")
    items = doc.get("items")
    if not isinstance(items, list):
        return [*found, "no items array"]
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            found.append(f"item {n} is not an object")
            continue
        if not isinstance(item.get("id"), str) or not item["id"]:
            found.append(f"item {n} has no id")
        if not any(isinstance(item.get(k), str) for k in ("content_html", "content_text")):
            found.append(f"item {n} has no content_html or content_text")
        for key in ("date_published", "date_modified"):
            if key in item and not is_rfc3339_with_offset(item[key]):
                found.append(f"item {n}: {key} {item[key]!r} is not RFC 3339 with an offset")
        authors = item.get("authors", [])
        if not isinstance(authors, list) or not all(
            isinstance(a, dict) and isinstance(a.get("name"), str) and a["name"] for a in authors
        ):
            found.append(f"item {n}: authors are not objects with a name")
        if "tags" in item and not all(isinstance(t, str) for t in item["tags"]):
            found.append(f"item {n}: tags are not strings")
    return found


GOOD = {
    "version": VERSION,
    "title": "T",
    "feed_url": "https://example.org/feed.json",
    "items": [
        {
            "id": "a",
            "content_html": "<p>x</p>",
            "date_published": "2023-12-02T10:00:00-05:00",
            "authors": [{"name": "N"}],
        }
    ],
}


@pytest.mark.parametrize(
    "break_it",
    [
        lambda d: d.pop("version"),
        lambda d: d.update(version="https://jsonfeed.org/version/1"),
        lambda d: d.pop("title"),
        lambda d: d.update(feed_url="https://example.org/other/feed.json"),
        lambda d: d.pop("items"),
        lambda d: d["items"][0].pop("id"),
        lambda d: d["items"][0].pop("content_html"),
        lambda d: d["items"][0].update(date_published="2023-12-02T10:00:00"),
        lambda d: d["items"][0].update(date_modified="Sat, 02 Dec 2023 10:00:00 -0500"),
        lambda d: d["items"][0].update(authors=["N"]),
        lambda d: d["items"][0].update(authors=[{"url": "https://example.org/"}]),
    ],
)
def test_the_validator_catches_each_broken_rule(break_it: Any) -> None:
    assert spec_problems(json.loads(json.dumps(GOOD)), GOOD["feed_url"]) == []
    doc = json.loads(json.dumps(GOOD))
    break_it(doc)
    assert spec_problems(doc, GOOD["feed_url"]) != []


# -- the built site --------------------------------------------------------------------------------------------------


def test_every_rss_feed_has_a_json_feed_beside_it(built: SiteConfig) -> None:
    output = built.paths.output
    rss = feed_folders(output, "feed.xml")
    assert len(rss) > 10  # the site's, the digest's, topics, authors, places, outlets, stories
    assert feed_folders(output, "feed.json") == rss == feed_folders(output, "atom.xml")


def test_every_json_feed_keeps_the_specification(built: SiteConfig) -> None:
    output = built.paths.output
    for folder in feed_folders(output, "feed.json"):
        own = built.base_url + (folder + "/" if folder else "") + "feed.json"
        doc = read_json(output, folder)
        assert spec_problems(doc, own) == [], folder
        assert doc["home_page_url"] == built.base_url + (folder + "/" if folder else "")
        assert doc["language"] == "en" and doc["items"]


def test_json_feed_bytes_are_fixed_utf8_and_end_in_a_newline(built: SiteConfig) -> None:
    output = built.paths.output
    _, fresh, _ = render_site(built)  # a second render, in memory and without the cache
    for folder in feed_folders(output, "feed.json"):
        path = posixpath.join(folder, "feed.json")
        data = (output / path).read_bytes()
        assert data == fresh[path]
        text = data.decode("utf-8")
        assert text.endswith("}\n") and "\\u" not in text  # non-ASCII as itself
        order = ("version", "title", "home_page_url", "feed_url", "description", "language", "items")
        assert list(json.loads(text)) == [k for k in order if k in json.loads(text)]
    assert "–" in (output / "topics/israel-lebanon-border/feed.json").read_text("utf-8")


def test_items_are_those_of_the_rss_and_atom_feeds_in_their_order(built: SiteConfig) -> None:
    output = built.paths.output
    compared = 0
    for folder in feed_folders(output, "feed.json"):
        items = read_json(output, folder)["items"]
        rss, atom = read_xml(output, folder, "feed.xml"), read_xml(output, folder, "atom.xml")
        assert [i["id"] for i in items] == [e.id for e in rss.entries] == [e.id for e in atom.entries], folder
        assert len(set(i["id"] for i in items)) == len(items)
        for item, r, a in zip(items, rss.entries, atom.entries, strict=True):
            assert item["title"] == r.title == a.title
            assert item["url"] == r.link == a.link
            assert item["content_html"].strip() == r.content[0].value == a.content[0].value  # feedparser strips
            assert datetime.fromisoformat(item["date_published"]) == datetime.fromisoformat(a.published)
            assert datetime.fromisoformat(item["date_modified"]) == datetime.fromisoformat(a.updated)
            assert item["date_modified"] == a.updated  # RFC 3339 as Atom writes it, offset and all
            assert [t["term"] for t in r.get("tags", [])] == item.get("tags", [])
            assert [x["name"] for x in a.get("authors", [])] == [x["name"] for x in item.get("authors", [])]
            if "summary" in item:
                assert html.unescape(a.summary) == item["summary"]
            compared += 1
        # the content exactly as written in the XML, leading and trailing newlines too
        rss_xml = ElementTree.parse(output / folder / "feed.xml").getroot()
        atom_xml = ElementTree.parse(output / folder / "atom.xml").getroot()
        assert [i["content_html"] for i in items] == [
            e.text or "" for e in rss_xml.iter("{http://purl.org/rss/1.0/modules/content/}encoded")
        ]
        assert [i["content_html"] for i in items] == [
            e.text or "" for e in atom_xml.iter("{http://www.w3.org/2005/Atom}content")
        ]
    assert compared > 50


def test_authors_link_their_pages(built: SiteConfig) -> None:
    output = built.paths.output
    seen = 0
    for item in read_json(output, "")["items"]:
        for author in item.get("authors", []):
            assert author["url"].startswith(built.base_url)
            page = output / author["url"].removeprefix(built.base_url) / "index.html"
            assert page.is_file()
            seen += 1
    assert seen > 0


class _Alternates(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "alternate" and a.get("type", "").endswith(("xml", "json")):
            self.found.append((a["type"] or "", a.get("href") or "", a.get("title") or ""))


def test_pages_that_link_rss_link_the_json_feed_beside_it(built: SiteConfig) -> None:
    output = built.paths.output
    pages = sorted(output.rglob("*.html"))
    linked = 0
    for page in pages:
        parser = _Alternates()
        parser.feed(page.read_text("utf-8"))
        rss = [(h, t) for kind, h, t in parser.found if kind == "application/rss+xml"]
        json_links = [(h, t) for kind, h, t in parser.found if kind == "application/feed+json"]
        assert [h.rsplit("/", 1)[0] if "/" in h else "" for h, _ in json_links] == [
            h.rsplit("/", 1)[0] if "/" in h else "" for h, _ in rss
        ], page
        assert [t for _, t in json_links] == [t + " (JSON Feed)" for _, t in rss]
        for href, _ in json_links:
            assert href.endswith("feed.json")
            if page.name == "404.html":  # served at any URL: its links are absolute
                target = output / href.removeprefix(built.base_url)
            else:
                target = (page.parent / href).resolve()
            assert target.is_file(), (page, href)
            linked += 1
    assert linked >= len(pages)


# -- incremental builds ----------------------------------------------------------------------------------------------


def test_json_feeds_are_rebuilt_exactly_when_their_rss_and_atom_are(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    output = build_project(project)
    config = load_config(project / "site.yaml")[0]
    before = tree(output)
    times = {p: p.stat().st_mtime_ns for p in output.rglob("*")}
    again = build(config)
    assert again.changed == 0 and {p: p.stat().st_mtime_ns for p in output.rglob("*")} == times

    page = project / "content/articles/israel-recalls-negotiators-after-reaching-dead-end-in-qatar.md"
    text = page.read_text("utf-8")
    page.write_text(text.replace("\ntitle: ", "\ntitle: Revised ", 1), "utf-8")
    assert build(config).changed > 0
    after = tree(output)
    changed = {p for p in after if before.get(p) != after[p]}

    def folders(name: str) -> set[str]:
        return {posixpath.dirname(p) for p in changed if posixpath.basename(p) == name}

    assert folders("feed.json") and folders("feed.json") == folders("feed.xml") == folders("atom.xml")
    for folder in folders("feed.json"):
        assert "Revised Israel recalls" in (output / folder / "feed.json").read_text("utf-8"), folder  # title or digest

    (output / "topics/hostage-negotiations/feed.json").unlink()
    result = build(config)
    assert result.changed == 1  # the feed is made again; only the missing file differs from what is there
    assert tree(output) == after


# -- check -----------------------------------------------------------------------------------------------------------


@pytest.fixture
def copy(built: SiteConfig, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SiteConfig:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(built.paths.output, tmp_path / "output")
    return replace(built, paths=replace(built.paths, output=tmp_path / "output"))


def messages(config: SiteConfig) -> list[str]:
    return [d.format() for d in check_site(config, jobs=1).diagnostics]


def test_check_reads_json_feeds_and_finds_them_linked(copy: SiteConfig) -> None:
    result = check_site(copy, jobs=1)
    assert result.diagnostics == ()
    assert result.feeds == 3 * len(feed_folders(copy.paths.output, "feed.json"))


def test_check_reports_broken_json_feeds(copy: SiteConfig) -> None:
    feed = copy.paths.output / "feed.json"
    text = feed.read_text("utf-8")
    doc = json.loads(text)
    first, second = doc["items"][0]["id"], doc["items"][1]["id"]
    line_of = {i["id"]: text.count("\n", 0, text.index(json.dumps(i["id"]))) + 1 for i in doc["items"][:2]}
    date = doc["items"][0]["date_published"]
    naive = date[:19]
    feed.write_text(text.replace(json.dumps(second), json.dumps(first)).replace(json.dumps(date), json.dumps(naive), 1))
    date_line = text.count("\n", 0, text.index(f'"date_published": {json.dumps(date)}')) + 1
    assert messages(copy) == [
        f"output/feed.json:{line}: error: {message}"
        for line, message in sorted(
            [
                (date_line, f"date_published '{naive}' has no time zone (RFC 3339 needs Z or an offset)"),
                (line_of[second], f"duplicate id '{first}' (first at line {line_of[first]})"),
            ]
        )
    ]


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda t: t[: len(t) // 2], "error: malformed JSON Feed"),
        (
            lambda t: t.replace('"version": "https://jsonfeed.org/version/1.1"', '"version": "1.1"'),
            "error: not a JSON Feed",
        ),
        (lambda t: t.replace('"content_html"', '"body"', 1), "error: item 1 has neither content_html nor content_text"),
        (lambda t: t.replace('"items"', '"entries"'), "error: JSON Feed has no items array"),
        (
            lambda t: re.sub(r'"authors": \[\s*\{\s*"name": ("[^"]*")', r'"authors": [\1, {"name": \1', t, count=1),
            "error: item",
        ),
    ],
)
def test_check_reports_each_kind_of_damage(copy: SiteConfig, damage: Any, expected: str) -> None:
    feed = copy.paths.output / "feed.json"
    feed.write_text(damage(feed.read_text("utf-8")), "utf-8")
    found = messages(copy)
    assert len(found) == 1 and found[0].startswith("output/feed.json:") and expected in found[0], found


def test_check_follows_the_links_in_a_json_feed(copy: SiteConfig) -> None:
    feed = copy.paths.output / "feed.json"
    text = feed.read_text("utf-8")
    url = json.loads(text)["items"][0]["url"]
    bad = url.rstrip("/") + "-gone/"
    line = text.count("\n", 0, text.index(f'"url": {json.dumps(url)}')) + 1
    feed.write_text(text.replace(f'"url": {json.dumps(url)}', f'"url": {json.dumps(bad)}', 1), "utf-8")
    gone = "output/" + bad.removeprefix(copy.base_url) + "index.html"
    assert messages(copy) == [f"output/feed.json:{line}: error: broken link '{bad}' (no file {gone})"]


def test_an_unlinked_json_feed_is_an_orphan_not_an_error(copy: SiteConfig) -> None:
    shutil.copy(copy.paths.output / "feed.json", copy.paths.output / "topics" / "feed.json")
    assert messages(copy) == [
        "output/topics/feed.json: warning: orphan feed: no page reachable from output/index.html links to it"
    ]
