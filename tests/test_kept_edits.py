"""A hand edit kept while its seed changed: the warning names both ways out, and
each one (--accept-seed, --keep-edit) does what it says for that page alone."""

from __future__ import annotations

from pathlib import Path

from .test_cli import cli

SEED = "000_9970e61c0eab1cce.txt"


def page(content: Path, name_part: str) -> Path:
    [found] = [p for p in content.rglob("*.md") if name_part in p.name]
    return found


def edit_page_and_seed(project: Path) -> tuple[Path, str]:
    """Ingest, edit the article by hand, then change its seed: the edit is kept."""
    assert cli(project, "ingest").returncode == 0
    target = page(project / "content", "israel-recalls")
    edited = target.read_text(encoding="utf-8").replace(
        "Israeli authorities recalled", "MINE: Israeli authorities recalled"
    )
    assert edited != target.read_text(encoding="utf-8")
    target.write_text(edited, encoding="utf-8")
    seed = project / "seeds" / SEED
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA later paragraph the outlet added.\n", encoding="utf-8")
    return target, edited


def shown(project: Path, target: Path) -> str:
    return target.relative_to(project).as_posix()


def test_warning_names_the_page_and_both_options(project: Path) -> None:
    target, edited = edit_page_and_seed(project)
    result = cli(project, "ingest")
    assert result.returncode == 0 and target.read_text(encoding="utf-8") == edited
    [line] = [x for x in result.stderr.splitlines() if "kept your edit" in x]
    assert line.startswith(f"{shown(project, target)}: warning:")
    assert f"--accept-seed {shown(project, target)}" in line and f"--keep-edit {shown(project, target)}" in line


def test_accept_seed_replaces_that_page_only(project: Path) -> None:
    target, _ = edit_page_and_seed(project)
    result = cli(project, "ingest", "--accept-seed", shown(project, target))
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert "MINE:" not in text and "A later paragraph the outlet added." in text
    assert "kept your edit" not in result.stderr
    assert "kept your edit" not in cli(project, "ingest").stderr


def test_keep_edit_silences_until_the_seed_changes_again(project: Path) -> None:
    target, edited = edit_page_and_seed(project)
    kept = cli(project, "ingest", "--keep-edit", shown(project, target))
    assert kept.returncode == 0, kept.stderr
    assert target.read_text(encoding="utf-8") == edited and "kept your edit" not in kept.stderr

    quiet = cli(project, "ingest")
    assert "kept your edit" not in quiet.stderr and target.read_text(encoding="utf-8") == edited

    seed = project / "seeds" / SEED
    seed.write_text(seed.read_text(encoding="utf-8") + "\nAnother update hours later.\n", encoding="utf-8")
    again = cli(project, "ingest")
    assert target.read_text(encoding="utf-8") == edited
    assert any("kept your edit" in x and x.startswith(shown(project, target)) for x in again.stderr.splitlines())


def test_a_path_outside_content_is_refused_by_name(project: Path) -> None:
    edit_page_and_seed(project)
    result = cli(project, "ingest", "--accept-seed", "seeds/" + SEED)
    assert result.returncode != 0
    assert SEED in result.stderr and "content/" in result.stderr


def test_a_name_that_is_no_kept_edit_is_said_not_ignored(project: Path) -> None:
    edit_page_and_seed(project)
    untouched = next(p for p in (project / "content").rglob("*.md") if "israel-recalls" not in p.name)
    result = cli(project, "ingest", "--keep-edit", shown(project, untouched), "--accept-seed", "content/nope.md")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert f"{shown(project, untouched)}: warning: --keep-edit: nothing to do" in "\n".join(lines)
    assert "content/nope.md: warning: --accept-seed: nothing to do" in "\n".join(lines)
    assert cli(project, "ingest", "--check", "--keep-edit", shown(project, untouched)).returncode == 2


def test_the_suggested_command_works_from_another_folder(project: Path) -> None:
    target, _ = edit_page_and_seed(project)
    outside = cli(
        project.parent, "--config", f"{project.name}/site.yaml", "ingest", "--accept-seed", shown(project, target)
    )
    assert outside.returncode == 0, outside.stderr
    assert "MINE:" not in target.read_text(encoding="utf-8")
