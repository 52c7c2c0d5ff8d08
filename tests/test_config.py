"""site.yaml: defaults, every problem reported at once by key, paths, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import load_config, parse_config
from generator.errors import ConfigError

from .conftest import REPO

MINIMAL = {"title": "T", "base_url": "https://example.org/news", "timezone": "Europe/London"}


def test_shipped_site_yaml_is_valid() -> None:
    config, warnings = load_config(REPO / "site.yaml")
    assert warnings == []
    assert config.timezone == "America/New_York"
    assert config.paths.seeds == REPO / "seeds" and config.paths.output == REPO / "output"
    assert len(config.topics) >= 4 and all(t.match for t in config.topics)


def test_defaults_and_normalisation(tmp_path: Path) -> None:
    config, warnings = parse_config(MINIMAL, tmp_path)
    assert warnings == []
    assert config.base_url == "https://example.org/news/"
    assert config.language == "en" and config.per_page == 20 and config.feed.items == 20
    assert config.paths.content == tmp_path / "content" and config.paths.cache == tmp_path / ".cache"


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    raw = {
        "title": "",
        "base_url": "example.org",
        "timezone": "Mars/Olympus",
        "per_page": 0,
        "feed": {"items": "many"},
        "topics": [{"name": "Gaza", "slug": "Bad Slug!"}, "oops"],
    }
    with pytest.raises(ConfigError) as caught:
        parse_config(raw, tmp_path)
    problems = "\n".join(caught.value.problems)
    for key in ("'title'", "'base_url'", "'timezone'", "'per_page'", "'feed.items'", "'topics[0].slug'", "'topics[1]'"):
        assert key in problems, key
    assert len(caught.value.problems) == 7


def test_unknown_keys_are_warnings(tmp_path: Path) -> None:
    _, warnings = parse_config({**MINIMAL, "colour": "blue", "feed": {"itmes": 3}}, tmp_path)
    messages = [w.message for w in warnings]
    assert any("'colour'" in m for m in messages) and any("'feed.itmes'" in m for m in messages)


@pytest.mark.parametrize("output", [".", "content", "seeds", "layouts", "..", "seeds/out"])
def test_output_that_overlaps_inputs_is_refused(tmp_path: Path, output: str) -> None:
    (tmp_path / "proj").mkdir()
    with pytest.raises(ConfigError) as caught:
        parse_config({**MINIMAL, "paths": {"output": output}}, tmp_path / "proj")
    assert any("paths.output" in p for p in caught.value.problems)


def test_paths_resolve_relative_to_site_yaml(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "site.yaml").write_text(
        "title: T\nbase_url: https://e.org/\ntimezone: UTC\npaths: {seeds: raw, output: ../public}\n", encoding="utf-8"
    )
    config, _ = load_config(tmp_path / "site" / "site.yaml")
    assert config.paths.seeds == tmp_path / "site" / "raw"
    assert config.paths.output == tmp_path / "public"


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text("title: T\nbase_url: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "site.yaml")
    assert "not valid YAML" in caught.value.problems[0]
    assert caught.value.path and caught.value.path.endswith("site.yaml")
    assert caught.value.line == 3  # the flow sequence runs to the end of the file
    assert str(caught.value).startswith(f"{caught.value.path}:3: ")
