"""The site stage's caches: prepared files kept in shards, and stories kept while
what clustering reads is unchanged. Caches only ever save time: every case here
also checks that the result is what a build without the cache gives."""

from __future__ import annotations

import hashlib
import pickle
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator import clock
from generator.cache import Cache
from generator.config import SiteConfig, load_config
from generator.render.build import build
from generator.site import assemble, content
from generator.site import cluster as cluster_module
from generator.site.load import load_site
from generator.site.model import Page
from generator.site.prepare import Preparer, Settings
from generator.site.shards import SHARDS, shard_of
from generator.site.topics import TopicRules

from .conftest import make_project, tree
from .test_story_pages import page

PAGES = 40


def _page(n: int, title: str | None = None, body: str = "") -> str:
    return (
        "---\n"
        f"title: {title or f'Harbour council votes on plan number {n % 7} for the coast'}\n"
        f"slug: page-{n:02d}\n"
        "kind: article\n"
        f"date: '2023-12-0{1 + n % 3}T{8 + n % 10:02d}:00:00-05:00'\n"
        "authors: [A Writer]\n"
        "---\n\n"
        f"The council met on the matter of page {n}. {body}\n"
    )


def _project(tmp_path: Path) -> tuple[Path, SiteConfig]:
    project = make_project(tmp_path / "p", with_content=False)
    for n in range(PAGES):
        (project / "content" / f"page-{n:02d}.md").write_text(_page(n), encoding="utf-8")
    return project, load_config(project / "site.yaml")[0]


class _Counted:
    """Counts the files prepared and the clusterings run (in this process: jobs=1)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.prepared: list[str] = []
        self.clusterings = 0
        real_cluster, real_call = cluster_module.cluster, Preparer.__call__

        def cluster(*args: Any, **kwargs: Any) -> Any:
            self.clusterings += 1
            return real_cluster(*args, **kwargs)

        def call(preparer: Preparer, data: bytes, shown: str) -> Any:
            self.prepared.append(shown)
            return real_call(preparer, data, shown)

        monkeypatch.setattr(assemble, "cluster", cluster)
        monkeypatch.setattr(Preparer, "__call__", call)


def _shards(config: SiteConfig) -> Path:
    return config.paths.cache / f"prepared-{Settings.of(config).key}"


def _entries(config: SiteConfig, use_cache: bool = True) -> list[content.Entry]:
    rules = TopicRules.compile(config.topics)
    entries, _ = content.load_content(config, rules, Cache(config.paths.cache, enabled=use_cache))
    return entries


# --- the prepared files, in shards ---------------------------------------------------------------------------------


def test_prepared_files_are_kept_in_shards_by_hash_and_one_edit_rewrites_only_its_shards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, config = _project(tmp_path)
    counted = _Counted(monkeypatch)
    _entries(config)
    assert len(counted.prepared) == PAGES
    folder = _shards(config)
    names = sorted(p.stem for p in folder.glob("*.pickle"))
    assert 1 < len(names) <= SHARDS
    assert not list(config.paths.cache.glob("prepared-*.pickle")), "no unsharded cache besides the shards"
    stamps = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.pickle")}

    edited = config.paths.content / "page-05.md"
    old = hashlib.sha256(edited.read_bytes()).hexdigest()
    edited.write_text(_page(5, body="A late paragraph was added."), encoding="utf-8")
    new = hashlib.sha256(edited.read_bytes()).hexdigest()
    counted.prepared.clear()
    entries = _entries(config)

    assert counted.prepared == ["content/page-05.md"]
    changed = {p.name for p in folder.glob("*.pickle") if stamps.get(p.name) != p.stat().st_mtime_ns}
    assert changed == {f"{shard_of(old)}.pickle", f"{shard_of(new)}.pickle"}
    assert entries == _entries(config, use_cache=False)


def test_a_corrupt_or_missing_shard_costs_only_its_files_and_the_site_is_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, config = _project(tmp_path)
    build(config)
    folder = _shards(config)
    corrupt, missing = sorted(folder.glob("*.pickle"))[:2]
    corrupt.write_bytes(b"not a pickle")
    missing.unlink()
    in_them = {corrupt.stem, missing.stem}
    expected = sorted(e.path for e in _entries(config, use_cache=False) if shard_of(e.digest) in in_them)
    assert expected
    counted = _Counted(monkeypatch)

    entries = _entries(config)
    assert sorted(counted.prepared) == expected
    assert entries == _entries(config, use_cache=False)
    assert corrupt.is_file() and missing.is_file(), "both shards are written again"
    counted.prepared.clear()
    _entries(config)
    assert counted.prepared == []

    # and a whole build through a damaged cache gives the bytes of a cold one
    (folder / corrupt.name).write_bytes(b"\x80\x05garbage")
    (config.paths.content / "page-07.md").write_text(_page(7, body="Edited."), encoding="utf-8")
    build(config)
    cold_project, cold_config = _project(tmp_path / "cold")
    (cold_config.paths.content / "page-07.md").write_text(_page(7, body="Edited."), encoding="utf-8")
    build(cold_config, use_cache=False)
    assert tree(project / "output") == tree(cold_project / "output")


def test_entries_of_files_that_are_gone_leave_the_cache(tmp_path: Path) -> None:
    _, config = _project(tmp_path)
    _entries(config)
    gone = config.paths.content / "page-11.md"
    digest = hashlib.sha256(gone.read_bytes()).hexdigest()
    gone.unlink()
    _entries(config)
    kept = Cache(config.paths.cache).load(f"{_shards(config).name}/{shard_of(digest)}")
    assert kept is not None and digest not in kept


def test_an_unsharded_cache_of_an_earlier_version_is_ignored_and_removed(tmp_path: Path) -> None:
    _, config = _project(tmp_path)
    cache = Cache(config.paths.cache)
    key = Settings.of(config).key
    bogus = {e.digest: replace(e.prepared, summary="from an old cache") for e in _entries(config, use_cache=False)}
    cache.save(f"prepared-{key}", bogus)
    cache.save("prepared-0123456789abcdef/00", {})  # shards under other settings
    assert (config.paths.cache / f"prepared-{key}.pickle").is_file()

    entries = _entries(config)
    assert all(e.prepared.summary != "from an old cache" for e in entries)
    assert sorted(p.name for p in config.paths.cache.glob("prepared-*")) == [f"prepared-{key}"]


def test_a_shard_holding_hashes_of_another_shard_is_not_trusted(tmp_path: Path) -> None:
    _, config = _project(tmp_path)
    entries = _entries(config)
    folder = _shards(config)
    first = entries[0]
    right = folder / f"{shard_of(first.digest)}.pickle"
    wrong = next(p for p in sorted(folder.glob("*.pickle")) if p != right)
    with open(wrong, "rb") as handle:
        version, value = pickle.load(handle)
    value[first.digest] = replace(first.prepared, summary="misfiled")
    with open(wrong, "wb") as handle:
        pickle.dump((version, value), handle)
    right.unlink()
    assert _entries(config) == _entries(config, use_cache=False)


# --- stories: clustered again only when what clustering reads changed -----------------------------------------------


def _stories(config: SiteConfig) -> dict[str, str]:
    site, _ = load_site(config, Cache(config.paths.cache), jobs=1, now=clock.now())
    return dict(site.story_of)


def test_edits_clustering_does_not_read_do_not_cluster_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, config = _project(tmp_path)
    counted = _Counted(monkeypatch)
    first = _stories(config)
    assert counted.clusterings == 1
    assert len(set(first.values())) < len(first), "the corpus has stories of several pages"

    edited = config.paths.content / "page-03.md"
    edited.write_text(_page(3, body="A late paragraph was added."), encoding="utf-8")
    assert _stories(config) == first
    text = edited.read_text(encoding="utf-8").replace("authors: [A Writer]", "authors: [A Writer]\ntopics: [Edited]")
    edited.write_text(text, encoding="utf-8")
    assert _stories(config) == first
    assert counted.clusterings == 1, "a body or a topic edit does not cluster again"

    edited.write_text(_page(3, title="Storm closes the coast road for a week"), encoding="utf-8")
    _stories(config)
    assert counted.clusterings == 2, "a new title does"
    assert _stories(config) == _stories(replace(config, paths=replace(config.paths, cache=tmp_path / "none")))


def test_with_body_weight_an_edit_to_the_lead_clusters_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, config = _project(tmp_path)
    config = replace(config, cluster=replace(config.cluster, body_weight=0.5, lead_words=5))
    counted = _Counted(monkeypatch)
    _stories(config)
    edited = config.paths.content / "page-03.md"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text + "\nA paragraph past the lead.\n", encoding="utf-8")
    _stories(config)
    assert counted.clusterings == 1, "the lead (first five words) is the same"
    edited.write_text(text.replace("The council met", "Floods cut the town off. The council met"), encoding="utf-8")
    _stories(config)
    assert counted.clusterings == 2


# --- assembly shortcuts give what the plain formulas give ----------------------------------------------------------


def test_related_pages_are_the_nearest_ten_newest_first_ties_included() -> None:
    """``_related`` picks and orders without sorting each list twice; here against
    the plain formula, on stories with many pages at the same minute."""
    rng = random.Random(7)
    pages = [
        page(f"p-{n:03d}", rng.choice([0, 10, 20, 30, 31, 600, 2000]), source_path=f"content/p-{n:03d}.md")
        for n in range(150)
    ]
    pages.sort(key=lambda p: (-p.date.timestamp(), p.slug))  # as build_site leaves them
    story_of = {p.slug: rng.randrange(6) for p in pages}

    def plain(p: Page) -> tuple[Page, ...]:
        others = [q for q in pages if story_of[q.slug] == story_of[p.slug] and q.slug != p.slug]
        nearest = sorted(others, key=lambda q: (abs((q.date - p.date).total_seconds()), q.slug))[:10]
        return tuple(sorted(nearest, key=lambda q: (-q.date.timestamp(), q.slug)))

    related = assemble._related(pages, story_of)
    assert related == {p.slug: plain(p) for p in pages if plain(p)}
    assert any(len(r) == 10 for r in related.values())
