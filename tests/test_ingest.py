"""Ingest end to end on a throwaway project: files written, idempotence, hand
edits kept, ids stable, bad seeds skipped, undated seeds, .md seeds."""

from __future__ import annotations

import filecmp
import os
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator import frontmatter
from generator.config import SiteConfig
from generator.fsio import sha256_bytes
from generator.ingest.ledger import LedgerEntry
from generator.ingest.report import DateFallback
from generator.ingest.run import IngestResult, ingest
from generator.ingest.writes import Outcome, decide

from .conftest import SAMPLE_CONFIG

NOW = datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)


def run(config: SiteConfig, **kw: object) -> IngestResult:
    return ingest(config, now=NOW, **kw)  # type: ignore[arg-type]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def page(content: Path, name_part: str) -> Path:
    [found] = [p for p in content.rglob("*.md") if name_part in p.name]
    return found


def test_real_seeds_become_eleven_pages(config: SiteConfig, project: Path) -> None:
    result = run(config)
    assert result.seeds == 2 and result.pages == 11 and len(result.created) == 11
    assert result.warnings == 0 and result.errors == 0
    metas = [frontmatter.parse(p.read_text(encoding="utf-8"), str(p))[0] for p in (project / "content").rglob("*.md")]
    kinds = sorted(m["kind"] for m in metas)
    assert kinds == ["article", "live-blog"] + ["live-post"] * 9
    slugs = [m["slug"] for m in metas]
    assert len(set(slugs)) == 11
    ids = [m["id"] for m in metas]
    assert len(set(ids)) == 11 and all(i.startswith("urn:uuid:") for i in ids)
    blog = next(m for m in metas if m["kind"] == "live-blog")
    assert all(m["live_blog"] == blog["slug"] for m in metas if m["kind"] == "live-post")
    assert all(m["seed"].startswith("seeds/") and len(m["seed_sha256"]) == 64 for m in metas)


def test_article_front_matter_and_body(config: SiteConfig, project: Path) -> None:
    run(config)
    meta, body, _ = frontmatter.parse(page(project / "content", "israel-recalls").read_text(encoding="utf-8"), "x")
    assert meta["date"] == "2023-12-02T17:51:00-05:00"
    assert meta["authors"] == ["Tamar Michaelis", "MJ Lee", "Joshua Berlinger"]
    assert meta["contributors"] == ["Simon Cullen", "Sam Fossum", "Ibrahim Dahman", "Catherine Nicholls"]
    assert meta["source"] == "CNN" and meta["dateline"] == "Tel Aviv, Israel" and meta["reading_time"] == 4
    assert meta["images"][0]["credit"] == "Abed Rahim Khatib/picture alliance/Getty Images"
    assert len(meta["summary"].split()) <= 60 and meta["summary"].startswith("Israeli authorities recalled")
    assert "\n## Israeli offensive resumes\n" in body
    assert body.count("\n\n") == 25 - 1  # 24 paragraphs + 1 subheading


def test_reingest_is_idempotent_and_skips_parsing(
    config: SiteConfig, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(config)
    before = snapshot(project / "content")
    mtimes = {p: p.stat().st_mtime_ns for p in (project / "content").rglob("*")}

    def boom(*a: object, **k: object) -> None:
        raise AssertionError("an unchanged seed was parsed again")

    monkeypatch.setattr("generator.ingest.parsing.read_seed", boom)
    result = run(config)
    assert result.created == () and result.updated == () and result.pages == 11
    assert snapshot(project / "content") == before
    assert {p: p.stat().st_mtime_ns for p in (project / "content").rglob("*")} == mtimes


def test_changed_seed_updates_page_and_keeps_id(config: SiteConfig, project: Path) -> None:
    run(config)
    target = page(project / "content", "israel-recalls")
    old = frontmatter.parse(target.read_text(encoding="utf-8"), "x")[0]
    seed = project / "seeds" / "000_9970e61c0eab1cce.txt"
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("Israel recalls negotiators", "Israel pulls negotiators"),
        encoding="utf-8",
    )
    result = run(config)
    assert result.updated == (target.relative_to(project / "content").as_posix(),)
    new = frontmatter.parse(target.read_text(encoding="utf-8"), "x")[0]
    assert new["title"].startswith("Israel pulls negotiators")
    assert new["id"] == old["id"] and new["slug"] == old["slug"]
    assert new["seed_sha256"] != old["seed_sha256"]


def test_hand_edit_is_kept_when_seed_changes(config: SiteConfig, project: Path) -> None:
    run(config)
    target = page(project / "content", "israel-recalls")
    edited = target.read_text(encoding="utf-8").replace(
        "Israeli authorities recalled", "EDITED: Israeli authorities recalled"
    )
    target.write_text(edited, encoding="utf-8")
    seed = project / "seeds" / "000_9970e61c0eab1cce.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")

    result = run(config)
    assert target.read_text(encoding="utf-8") == edited
    assert result.kept_edits == (target.relative_to(project / "content").as_posix(),)
    [message] = [d for d in result.diagnostics if d.level.value == "warning"]
    assert "kept your edit" in message.message and "--accept-seed" in message.message
    assert message.path is not None and message.path.endswith(target.name)

    # The seed's change stays pending (and said) until the user decides; the edit stands.
    again = run(config)
    assert again.kept_edits == result.kept_edits and target.read_text(encoding="utf-8") == edited

    # --force, as the warning says, replaces the edit with the seed's version.
    forced = run(config, force=True)
    assert "EDITED" not in target.read_text(encoding="utf-8")
    assert "One more paragraph." in target.read_text(encoding="utf-8")
    assert forced.kept_edits == () and forced.warnings == 0
    assert run(config).warnings == 0


def test_force_never_touches_edits_whose_seed_did_not_change(config: SiteConfig, project: Path) -> None:
    run(config)
    target = page(project / "content", "israel-recalls")
    edited = target.read_text(encoding="utf-8").replace("topics: []", "topics: [Qatar]")
    target.write_text(edited, encoding="utf-8")
    run(config, force=True)
    assert target.read_text(encoding="utf-8") == edited


def test_lost_ledger_never_duplicates_pages(config: SiteConfig, project: Path) -> None:
    run(config)
    before = snapshot(project / "content")
    (project / "content" / ".ingest.json").unlink()
    result = run(config)
    after = snapshot(project / "content")
    assert sorted(after) == sorted(before) and result.created == ()
    assert {k: v for k, v in after.items() if k.endswith(".md")} == {
        k: v for k, v in before.items() if k.endswith(".md")
    }


def test_edit_without_seed_change_is_silent(config: SiteConfig, project: Path) -> None:
    run(config)
    target = page(project / "content", "israel-recalls")
    target.write_text(target.read_text(encoding="utf-8").replace("topics: []", "topics: [Qatar]"), encoding="utf-8")
    result = run(config)
    assert result.warnings == 0 and "topics: [Qatar]" in target.read_text(encoding="utf-8")


def test_deleted_content_file_is_recreated_and_deleted_seed_is_reported(config: SiteConfig, project: Path) -> None:
    run(config)
    target = page(project / "content", "israel-recalls")
    target.unlink()
    run(config)
    assert target.exists()
    (project / "seeds" / "000_9970e61c0eab1cce.txt").unlink()
    result = run(config)
    assert target.exists(), "deleting a seed must not delete its page"
    [message] = [d for d in result.diagnostics if d.level.value == "warning"]
    assert "is gone" in message.message and message.path is not None and target.name in message.path


def write(project: Path, name: str, data: bytes | str) -> Path:
    path = project / "seeds" / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


BAD_SEEDS = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"  \n\t\n \r\n", "empty"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    "undecodable.txt": (b"Headline\n\nText \x81\x8d\x8f bytes", "neither UTF-8 nor Windows-1252"),
    ".DS_Store": (b"Bud1\x00junk", "junk"),
    "._story.txt": (b"Mac resource fork", "junk"),
    "story.txt~": (b"Backup headline\n\nBackup text.", "backup"),
}


def test_bad_seeds_are_skipped_with_a_named_reason(config: SiteConfig, project: Path) -> None:
    for name, (data, _) in BAD_SEEDS.items():
        write(project, name, data)
    write(project, "huge.txt", "Headline\n\n" + "word " * 6000)
    small = SiteConfig(**{**config.__dict__, "ingest": type(config.ingest)(max_seed_bytes=20_000)})
    result = run(small)
    assert result.pages == 11, "the good seeds are still ingested"
    warnings = {Path(d.path or "").name: d.message for d in result.diagnostics if d.level.value == "warning"}
    for name, (_, reason) in BAD_SEEDS.items():
        assert reason in warnings[name], (name, warnings.get(name))
    assert "too large" in warnings["huge.txt"] and "max_seed_bytes" in warnings["huge.txt"]


def test_symlink_leaving_seeds_is_skipped(
    config: SiteConfig, project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    outside.write_text("Secret headline\n\nSecret text.", encoding="utf-8")
    os.symlink(outside, project / "seeds" / "link.txt")
    result = run(config)
    assert any("symlink" in d.message and d.path and d.path.endswith("link.txt") for d in result.diagnostics)
    assert not any("secret" in p.name for p in (project / "content").rglob("*.md"))


def test_cp1252_and_bom_and_invalid_xml_characters(config: SiteConfig, project: Path) -> None:
    write(project, "win.txt", "Café owners “celebrate”\r\n\r\nThe café opened.\x0b\r\n".encode("cp1252"))
    write(
        project,
        "bom.txt",
        "\ufeffBOM headline\n\nText\x00 with NUL? no: \x1b escape.".replace("\x00", "").encode("utf-8"),
    )
    result = run(config)
    # Nothing about the encoding is warned about; the two seeds only lack a date and a byline.
    assert sorted((d.path, d.message.split(";")[0]) for d in result.diagnostics) == [
        ("seeds/bom.txt", "no byline found"),
        ("seeds/bom.txt", "no date found"),
        ("seeds/win.txt", "no byline found"),
        ("seeds/win.txt", "no date found"),
    ]
    win = page(project / "content", "cafe-owners").read_text(encoding="utf-8")
    assert "title: Café owners “celebrate”" in win and "\x0b" not in win
    bom = page(project / "content", "bom-headline").read_text(encoding="utf-8")
    assert "\x1b" not in bom and "\ufeff" not in bom and "title: BOM headline" in bom


def test_undated_seed_takes_file_name_date_else_first_ingest(config: SiteConfig, project: Path) -> None:
    write(project, "notes-2023-12-04.txt", "Dated by name\n\nA paragraph.")
    write(project, "nodate.txt", "No date anywhere\n\nA paragraph.")
    result = run(config)
    assert result.undated == (
        ("seeds/nodate.txt", DateFallback.FIRST_INGEST),
        ("seeds/notes-2023-12-04.txt", DateFallback.FILE_NAME),
    )
    said = {d.path: d.message for d in result.diagnostics if "no date" in d.message}
    assert said == {
        "seeds/nodate.txt": "no date found; using the time of its first ingest (2024-05-06T03:08:09-04:00), "
        "kept from then on",
        "seeds/notes-2023-12-04.txt": "no date found; using the date in its file name, 2023-12-04",
    }
    by_name = frontmatter.parse(page(project / "content", "dated-by-name").read_text(encoding="utf-8"), "x")[0]
    assert by_name["date"] == "2023-12-04T00:00:00-05:00"
    first = frontmatter.parse(page(project / "content", "no-date-anywhere").read_text(encoding="utf-8"), "x")[0]
    assert first["date"] == "2024-05-06T03:08:09-04:00"  # NOW in the site's zone

    # A later ingest of a changed seed keeps the first-ingest date.
    write(project, "nodate.txt", "No date anywhere\n\nA paragraph.\n\nAnother one.")
    later = ingest(config, now=datetime(2030, 1, 1, tzinfo=UTC))
    kept = frontmatter.parse(page(project / "content", "no-date-anywhere").read_text(encoding="utf-8"), "x")[0]
    assert kept["date"] == first["date"] and ("seeds/nodate.txt", DateFallback.FIRST_INGEST) in later.undated
    [note] = [d for d in later.diagnostics if d.path == "seeds/nodate.txt" and "no date" in d.message]
    assert "(2024-05-06T03:08:09-04:00)" in note.message, "the date kept is the one said"


@pytest.mark.parametrize(
    "title", ["no", "2024-01-01", "Breaking: news", "yes", "null", "~", "'quoted'", "- dash", "#hash"]
)
def test_awkward_titles_stay_strings(config: SiteConfig, project: Path, title: str) -> None:
    write(project, "awkward.txt", f"{title}\n\nBody text here.")
    run(config)
    [target] = [p for p in (project / "content" / "articles").glob("*.md") if "israel" not in p.name]
    meta = frontmatter.parse(target.read_text(encoding="utf-8"), "x")[0]
    assert meta["title"] == title
    import yaml

    assert yaml.safe_load(target.read_text(encoding="utf-8").split("---")[1])["title"] == title


def test_markdown_seed_is_taken_as_written(config: SiteConfig, project: Path) -> None:
    write(
        project,
        "column.md",
        "---\ntitle: 'no'\ndate: 2023-12-02T09:00:00Z\nauthors: [Ana Ruiz]\ntopics: [Opinion]\n---\n\nSome *Markdown* body.\n",
    )
    result = run(config)
    assert result.warnings == 0
    meta, body, _ = frontmatter.parse((project / "content" / "articles" / "no.md").read_text(encoding="utf-8"), "x")
    assert meta["title"] == "no" and meta["date"] == "2023-12-02T09:00:00+00:00"
    assert meta["authors"] == ["Ana Ruiz"] and meta["topics"] == ["Opinion"] and meta["kind"] == "article"
    assert meta["id"].startswith("urn:uuid:") and meta["seed"] == "seeds/column.md"
    assert body == "Some *Markdown* body."


def test_invalid_markdown_seed_is_skipped_with_line(config: SiteConfig, project: Path) -> None:
    write(project, "broken.md", "---\ntitle: [unclosed\n---\nBody\n")
    write(project, "evil.md", "---\ntitle: !!python/object/apply:os.system ['echo hi']\n---\nBody\n")
    write(project, "bomb.md", "---\na: &a [x, x]\nb: &b [*a, *a]\ntitle: t\n---\nBody\n")
    result = run(config)
    warned = {Path(d.path or "").name: d for d in result.diagnostics if d.level.value == "warning"}
    assert set(warned) >= {"broken.md", "evil.md", "bomb.md"}
    assert warned["broken.md"].line is not None and "not valid YAML" in warned["broken.md"].message
    assert "anchors or aliases" in warned["bomb.md"].message
    assert result.pages == 11


def test_two_seeds_with_same_headline_get_unique_slugs(config: SiteConfig, project: Path) -> None:
    write(project, "a.txt", "Same headline\n\nFirst text.")
    write(project, "b.txt", "Same headline\n\nSecond text.")
    run(config)
    names = sorted(p.name for p in (project / "content" / "articles").glob("same-headline*.md"))
    assert names == ["same-headline-2.md", "same-headline.md"]
    assert "First text." in (project / "content" / "articles" / "same-headline.md").read_text(encoding="utf-8")


def test_ingest_writes_only_inside_content(config: SiteConfig, project: Path) -> None:
    def outside() -> set[Path]:
        return {p for p in project.rglob("*") if not {"content", ".cache"} & set(p.relative_to(project).parts)}

    before = outside()
    run(config)
    assert before == outside()
    assert (project / ".cache").is_dir(), "ingest keeps what it may skip next time in .cache/"
    assert filecmp.cmp(project / "site.yaml", SAMPLE_CONFIG, shallow=False)


def entry(page: bytes, seed_sha256: str) -> LedgerEntry:
    """The ledger entry of a page ingest wrote as ``page`` from a seed hashing to ``seed_sha256``."""
    return LedgerEntry("seeds/a.txt", "", "urn:uuid:a", "a", sha256_bytes(page), seed_sha256)


WROTE, EDITED, NEW = b"as ingest wrote it\n", b"as an editor left it\n", b"as the changed seed gives it\n"


@pytest.mark.parametrize(
    ("on_disk", "previous", "seed", "force", "outcome"),
    [
        (None, None, "s1", False, Outcome.CREATED),
        (None, entry(WROTE, "s1"), "s2", False, Outcome.CREATED),  # a deleted page is written again
        (NEW, entry(WROTE, "s1"), "s2", False, Outcome.SAME),
        (WROTE, entry(WROTE, "s1"), "s2", False, Outcome.UPDATED),  # untouched page, changed seed
        (EDITED, entry(WROTE, "s1"), "s1", False, Outcome.EDITED),  # an edit, seed as it was
        (EDITED, entry(WROTE, "s1"), "s1", True, Outcome.EDITED),  # --force leaves that alone too
        (EDITED, entry(WROTE, "s1"), "s2", False, Outcome.KEPT),
        (EDITED, entry(WROTE, "s1"), "s2", True, Outcome.UPDATED),
        (EDITED, None, "s1", False, Outcome.KEPT),  # unknown to the ledger: treated as edited
        (EDITED, None, "s1", True, Outcome.UPDATED),
    ],
)
def test_the_protected_write_decision(
    on_disk: bytes | None, previous: LedgerEntry | None, seed: str, force: bool, outcome: Outcome
) -> None:
    assert decide(on_disk, NEW, previous, seed, force) is outcome


# --- ingest.drop_lines: a site's own page chrome ------------------------------------------

CHROMED = """Harbour reopens after the storm passes
By Ana Ruiz, The Tribune
Updated 11:40 AM GMT, Thu March 14, 2024

Tribune Plus members read ad-free
The harbour reopened on Thursday after three days of closure, the port authority said.

Got a tip? Tell the Tribune harbour desk
Ferries will run a reduced timetable until the weekend, officials added.
"""


def with_drop_lines(config: SiteConfig, *entries: str) -> SiteConfig:
    return SiteConfig(**{**config.__dict__, "ingest": replace(config.ingest, drop_lines=entries)})


def harbour_body(project: Path) -> str:
    return page(project / "content", "harbour-reopens").read_text(encoding="utf-8")


def test_drop_lines_leave_a_sites_chrome_out_and_a_change_re_ingests(
    config: SiteConfig, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(project, "harbour.txt", CHROMED)
    run(config)
    body = harbour_body(project)
    assert "Tribune Plus members read ad-free" in body and "Got a tip? Tell the Tribune harbour desk" in body

    # An exact line (any case), and a /regex/ matched against the whole line.
    dropping = with_drop_lines(config, "TRIBUNE PLUS members read ad-free", "/got a tip\\? tell the tribune \\w+ desk/")
    changed = run(dropping)
    body = harbour_body(project)
    assert "Tribune Plus members" not in body and "Got a tip?" not in body
    assert "The harbour reopened on Thursday" in body and "Ferries will run" in body
    assert changed.updated and changed.warnings == 0

    # Unchanged seeds and rules: nothing is parsed again.
    with monkeypatch.context() as patch:
        patch.setattr("generator.ingest.parsing.read_seed", lambda *a, **k: pytest.fail("parsed again"))
        assert run(dropping).updated == ()
    # Another list is another parse: the line comes back.
    back = run(with_drop_lines(config, "/got a tip\\? tell the tribune \\w+ desk/"))
    assert back.updated and "Tribune Plus members read ad-free" in harbour_body(project)
    assert "Got a tip?" not in harbour_body(project)


def test_drop_lines_never_match_part_of_a_line(config: SiteConfig, project: Path) -> None:
    write(project, "harbour.txt", CHROMED)
    run(with_drop_lines(config, "/harbour reopened/", "port authority"))
    assert "The harbour reopened on Thursday after three days of closure" in harbour_body(project)


UNDATED_LIVE = """Live
Harbour storm: ferries stay in port as gales continue
Live Reporting
Edited by Maren Holt
  1. Evening ferries cancelled
    The last two sailings of the day will not run, the operator said this afternoon.
  2. Coastguard warns walkers
    The coastguard has asked people to keep away from the harbour wall until the wind drops.
"""


def test_posts_of_an_undated_live_page_take_its_date(config: SiteConfig, project: Path) -> None:
    """Neither the page nor its posts print a date: every page gets the page's fallback
    date, so none is left out of the site for want of one."""
    write(project, "harbour-live.txt", UNDATED_LIVE)
    result = run(config)
    pages = [p for p in (project / "content" / "live").rglob("*.md") if "harbour" in str(p)]
    assert len(pages) == 3, pages
    dates = {frontmatter.parse(p.read_text(encoding="utf-8"), p.name)[0]["date"] for p in pages}
    assert dates == {NOW.astimezone(config.tz).replace(microsecond=0).isoformat()}
    assert "seeds/harbour-live.txt" in dict(result.undated)
