"""site.yaml: defaults, every problem reported at once by key, paths, refusals, and the declaration
of its keys agreeing with the dataclasses and with the reference in docs/site.md."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from generator import configdoc, configkeys
from generator.config import SiteConfig, load_config, parse_config
from generator.configkeys import SITE, Key, Section
from generator.errors import ConfigError

from .conftest import REPO, SAMPLE, SAMPLE_CONFIG

MINIMAL = {"title": "T", "base_url": "https://example.org/news", "timezone": "Europe/London"}


def test_sample_site_yaml_is_valid() -> None:
    config, warnings = load_config(SAMPLE_CONFIG)
    assert warnings == []
    assert config.timezone == "America/New_York"
    assert config.paths.seeds == SAMPLE / "seeds" and config.paths.output == SAMPLE / "output"
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


def test_unknown_top_level_keys_are_warnings(tmp_path: Path) -> None:
    _, warnings = parse_config({**MINIMAL, "colour": "blue", "timezon": "UTC"}, tmp_path)
    assert [w.message for w in warnings] == [
        "unknown key 'colour' is ignored",
        "unknown key 'timezon' is ignored (did you mean 'timezone'?)",
    ]


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


# The declaration of the keys


BARE: dict[str, Any] = {"title": "T", "base_url": "https://example.org/", "topics": [{"name": "T"}]}
"""Only the required keys, and one topic so that the keys of a topic are there too."""


def _keys(section: Section = SITE, where: str = "") -> list[tuple[str, Key]]:
    """Every key of the declaration with its dotted name; a list's items are shown as item 0."""
    found: list[tuple[str, Key]] = []
    for entry in section.entries:
        name = f"{where}.{entry.name}" if where else entry.name
        if isinstance(entry, Key):
            found.append((name, entry))
        else:
            found += _keys(entry, f"{name}[0]" if entry.many else name)
    return found


def _nest(dotted: str, value: Any) -> dict[str, Any]:
    """``{"a": {"b": value}}`` for ``a.b``; ``topics[0].x`` becomes one topic named T with ``x``."""
    head, _, rest = dotted.partition(".")
    if head.endswith("[0]"):
        return {head[:-3]: [{"name": "T", **_nest(rest, value)}]}
    return {head: _nest(rest, value)} if rest else {head: value}


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        merged[key] = _merge(merged[key], value) if isinstance(merged.get(key), dict) else value
    return merged


def _attribute(config: SiteConfig, dotted: str) -> Any:
    value: Any = config
    for part in dotted.split("."):
        value = getattr(value, part.removesuffix("[0]"))
        value = value[0] if part.endswith("[0]") else value
    return value


def test_reference_in_docs_matches_the_declaration() -> None:
    _, documented, _ = configdoc.split_reference((REPO / "docs" / "site.md").read_text(encoding="utf-8"))
    assert documented == configdoc.reference(), (
        "the site.yaml reference in docs/site.md is out of date; remake it with "
        "`python -m generator.configdoc docs/site.md`"
    )


def test_reference_lists_every_key_and_can_be_remade(tmp_path: Path) -> None:
    table = configdoc.reference()
    for dotted, key in _keys():
        shown = dotted.replace("[0]", "[]")
        assert f"| `{shown}` | {key.kind.name} |" in table, shown
        assert "|" not in key.doc, f"{shown}: a '|' would break the table"
    page = tmp_path / "page.md"
    page.write_text(f"# Title\n\n{configdoc.BEGIN}\nstale\n{configdoc.END}\nafter\n", encoding="utf-8")
    assert configdoc.main([str(page)]) == 0
    assert page.read_text(encoding="utf-8") == f"# Title\n\n{configdoc.BEGIN}\n{table}{configdoc.END}\nafter\n"
    with pytest.raises(ValueError, match="markers"):
        configdoc.split_reference("# no reference here\n")


def test_declaration_and_dataclasses_name_the_same_keys(tmp_path: Path) -> None:
    assert {f.name for f in dataclasses.fields(SiteConfig)} == SITE.names() | {"source"}
    config, _ = parse_config(BARE, tmp_path)
    for entry in SITE.entries:
        if isinstance(entry, Section):
            part = getattr(config, entry.name)
            fields = {f.name for f in dataclasses.fields(part[0] if entry.many else part)}
            made_here = {"root", "cache"} if entry.name == "paths" else set()
            assert fields - made_here == entry.names(), entry.name


def test_keys_left_out_take_their_declared_defaults(tmp_path: Path) -> None:
    config, _ = parse_config(BARE, tmp_path)
    checked = []
    for dotted, key in _keys():
        if not key.required and key.default is not None:
            expected = tmp_path / key.default if key.kind is configkeys.FOLDER else key.default
            assert _attribute(config, dotted) == expected, dotted
            checked.append(dotted)
    assert "cluster.threshold" in checked and "paths.output" in checked


def test_defaults_written_out_or_null_change_nothing(tmp_path: Path) -> None:
    bare, _ = parse_config(BARE, tmp_path)
    written, nulled = BARE, BARE
    for dotted, key in _keys():
        if key.required:
            continue
        nulled = _merge(nulled, _nest(dotted, None))
        if key.default not in (None, ""):
            default = list(key.default) if isinstance(key.default, tuple) else key.default
            written = _merge(written, _nest(dotted, default))
    assert written != BARE and nulled != BARE
    assert parse_config(written, tmp_path) == (bare, [])
    assert parse_config(nulled, tmp_path) == (bare, [])


@pytest.mark.parametrize("dotted", [name for name, _ in _keys()])
def test_a_value_of_the_wrong_type_is_reported_with_its_key(tmp_path: Path, dotted: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(_merge(MINIMAL, _nest(dotted, {"a": "mapping"})), tmp_path)
    assert [p.split()[0] for p in caught.value.problems] == [f"'{dotted}'"]


def test_required_keys_are_named_with_a_hint(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config({"topics": [{"match": "x"}]}, tmp_path)
    assert caught.value.problems == [
        "'title' is required",
        "'base_url' is required (an absolute URL such as https://example.org/news/)",
        "'topics[0].name' is required",
    ]


def test_unknown_keys_inside_a_section_are_errors(tmp_path: Path) -> None:
    raw = _merge(MINIMAL, {"cluster": {"treshold": 0.5}, "paths": {"seed": "x"}, "topics": [{"name": "T", "tag": 1}]})
    with pytest.raises(ConfigError) as caught:
        parse_config(raw, tmp_path)
    assert caught.value.problems == [
        "unknown key 'paths.seed' (did you mean 'paths.seeds'?)",
        "unknown key 'topics[0].tag'",
        "unknown key 'cluster.treshold' (did you mean 'cluster.threshold'?)",
    ]


def test_topic_slugs_are_made_from_names_and_kept_apart(tmp_path: Path) -> None:
    topics = [
        {"name": "Aid Trucks", "match": "aid"},
        {"name": "Other", "slug": ""},
        {"name": "X", "slug": "aid-trucks"},
    ]
    with pytest.raises(ConfigError) as caught:
        parse_config({**MINIMAL, "topics": topics}, tmp_path)
    assert caught.value.problems == ["'topics[2].slug' 'aid-trucks' is used by another topic"]
    config, _ = parse_config({**MINIMAL, "topics": topics[:2]}, tmp_path)
    assert [(t.slug, t.match) for t in config.topics] == [("aid-trucks", ("aid",)), ("other", ())]


def test_numbers_out_of_range_are_refused(tmp_path: Path) -> None:
    raw = _merge(MINIMAL, {"cluster": {"threshold": 1.5}, "markdown": {"time_limit": 0}})
    with pytest.raises(ConfigError) as caught:
        parse_config(raw, tmp_path)
    assert caught.value.problems == [
        "'cluster.threshold' must be a number above 0 and at most 1, not 1.5",
        "'markdown.time_limit' must be a number of seconds above 0 and at most 600, not 0",
    ]
    config, _ = parse_config(_merge(MINIMAL, {"cluster": {"threshold": 1}, "markdown": {"time_limit": 600}}), tmp_path)
    assert config.cluster.threshold == 1.0 and config.markdown.time_limit == 600.0


def test_drop_lines_are_read_and_a_bad_entry_is_named_by_its_index(tmp_path: Path) -> None:
    config, _ = parse_config(_merge(MINIMAL, {"ingest": {"drop_lines": ["Sign up now", "/share on \\w+/"]}}), tmp_path)
    assert config.ingest.drop_lines == ("Sign up now", "/share on \\w+/")
    one, _ = parse_config(_merge(MINIMAL, {"ingest": {"drop_lines": "Advertisement"}}), tmp_path)
    assert one.ingest.drop_lines == ("Advertisement",), "one string is a list of one"
    with pytest.raises(ConfigError) as caught:
        parse_config(_merge(MINIMAL, {"ingest": {"drop_lines": ["fine", "/(unclosed/", "/[z-a]/"]}}), tmp_path)
    problems = caught.value.problems
    assert len(problems) == 2
    assert problems[0].startswith("'ingest.drop_lines[1]' is not a valid regular expression (")
    assert problems[1].startswith("'ingest.drop_lines[2]' is not a valid regular expression (")
    with pytest.raises(ConfigError) as blank:
        parse_config(_merge(MINIMAL, {"ingest": {"drop_lines": ["fine", "  "]}}), tmp_path)
    assert [p.split()[0] for p in blank.value.problems] == ["'ingest.drop_lines'"]


@pytest.mark.parametrize("entry", ["Sign up", "/sign up/", "/(/", "/a{2,1}/", "//", "/", "/[/", "/ok|fine/", "/\\/"])
def test_drop_lines_are_judged_as_the_parser_judges_them(tmp_path: Path, entry: str) -> None:
    """site.yaml refuses exactly the entries the parser's chrome rules call wrong."""
    from generator.configkeys import drop_line_problem as check_entry
    from generator.ingest.chrome import known

    wrong = check_entry(entry)
    try:
        config, _ = parse_config(_merge(MINIMAL, {"ingest": {"drop_lines": [entry]}}), tmp_path)
    except ConfigError as exc:
        assert wrong is not None and exc.problems == [f"'ingest.drop_lines[0]' {wrong}"]
    else:
        assert wrong is None
        known().with_lines(config.ingest.drop_lines)  # and the parser takes it


# Where each problem is: its line in site.yaml, warnings shown with errors


def _site(tmp_path: Path, text: str) -> Path:
    (tmp_path / "site.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "site.yaml"


def test_every_problem_and_warning_carries_its_line(tmp_path: Path) -> None:
    path = _site(
        tmp_path,
        "title: T\n"
        "base_url: https://e.org/\n"
        "# the zone\n"
        "timezon: Europe/London\n"
        "timezone: Mars/Olympus\n"
        "topics:\n"
        "  - name: Aid\n"
        "    matches: [aid]\n"
        "  - slug: no-name\n"
        "cluster: {threshold: 2}\n",
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    shown = [(d.level.value, d.line, d.message) for d in caught.value.diagnostics]
    assert shown == [
        ("warning", 4, "unknown key 'timezon' is ignored (did you mean 'timezone'?)"),
        ("error", 5, "'timezone' 'Mars/Olympus' is not a known IANA time zone name"),
        ("error", 8, "unknown key 'topics[0].matches' (did you mean 'topics[0].match'?)"),
        ("error", 9, "'topics[1].name' is required"),
        ("error", 10, "'cluster.threshold' must be a number above 0 and at most 1, not 2"),
    ]
    assert all(d.path == str(path) for d in caught.value.diagnostics)


def test_a_topic_with_a_misspelt_match_is_refused(tmp_path: Path) -> None:
    """Before, the topic silently had no rules and the build went on."""
    path = _site(
        tmp_path, "title: T\nbase_url: https://e.org/\ntopics:\n  - name: A\n    match: a\n  - name: B\n    mach: b\n"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert [d.format() for d in caught.value.diagnostics] == [
        f"{path}:7: error: unknown key 'topics[1].mach' (did you mean 'topics[1].match'?)"
    ]


def test_warnings_of_a_valid_file_carry_their_lines_too(tmp_path: Path) -> None:
    _, warnings = load_config(_site(tmp_path, "title: T\n\nbase_url: https://e.org/\nlanguge: fr\n"))
    assert [(w.line, w.message) for w in warnings] == [
        (4, "unknown key 'languge' is ignored (did you mean 'language'?)")
    ]


def test_a_key_left_out_is_placed_where_it_belongs(tmp_path: Path) -> None:
    path = _site(tmp_path, "# site\nbase_url: https://e.org/\nfeed:\n  items: 0\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert [(d.line, d.message.split()[0]) for d in caught.value.diagnostics] == [(2, "'title'"), (4, "'feed.items'")]


def test_a_chain_of_yaml_aliases_is_walked_once() -> None:
    """Each level repeats the one before nine times; walking every alias again would
    list 9**5 keys. Each node is walked once, so the lines stay as few as the text."""
    import yaml

    from generator.config import key_lines

    text = "a0: &a0 [x, y]\n" + "".join(f"a{i}: &a{i} [{', '.join(['*a' + str(i - 1)] * 9)}]\n" for i in range(1, 6))
    lines = key_lines(yaml.compose(text, Loader=yaml.SafeLoader))
    assert len(lines) < 100
    assert lines["a3"] == 4 and lines["a5"] == 6 and "a5[8]" in lines
