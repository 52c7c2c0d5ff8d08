"""site.yaml: loaded once into a frozen, validated SiteConfig.

What keys exist, their types, defaults and special rules are declared in
configkeys.SITE; this module reads site.yaml by walking that declaration and
builds the SiteConfig the rest of the generator uses (its dataclasses take their
defaults from the declaration too). Validation collects every problem before it
reports, each naming its key and, read from a file, its line. An unknown key at
the top level is a warning; inside a section or a topic it is an error, since it
silently changes the site. Either says which declared key it is close to. Paths
resolve relative to the folder holding site.yaml.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from .configkeys import SITE, Invalid, Key, Section, default_of, dotted_name
from .diagnostics import Diagnostic, error, warning
from .errors import ConfigError


@dataclass(frozen=True)
class Topic:
    name: str
    slug: str
    match: tuple[str, ...]


@dataclass(frozen=True)
class Paths:
    root: Path
    seeds: Path
    content: Path
    layouts: Path
    output: Path
    cache: Path


@dataclass(frozen=True)
class FeedConfig:
    items: int = default_of("feed.items")


@dataclass(frozen=True)
class DigestConfig:
    top_stories: int = default_of("digest.top_stories")


@dataclass(frozen=True)
class ClusterConfig:
    """Related-coverage clustering: merge threshold, time window, the weight of a page's text and its words used."""

    threshold: float = default_of("cluster.threshold")
    window_hours: int = default_of("cluster.window_hours")
    body_weight: float = default_of("cluster.body_weight")
    lead_words: int = default_of("cluster.lead_words")


@dataclass(frozen=True)
class MarkdownConfig:
    """Limits that keep a hostile body from hanging the build."""

    max_bytes: int = default_of("markdown.max_bytes")
    time_limit: float = default_of("markdown.time_limit")


@dataclass(frozen=True)
class IngestConfig:
    max_seed_bytes: int = default_of("ingest.max_seed_bytes")
    drop_lines: tuple[str, ...] = default_of("ingest.drop_lines")
    """The site's own page chrome: exact lines (any case) and ``/regex/`` entries, as written."""


@dataclass(frozen=True)
class SiteConfig:
    title: str
    description: str
    base_url: str
    language: str
    timezone: str
    paths: Paths
    topics: tuple[Topic, ...] = ()
    feed: FeedConfig = field(default_factory=FeedConfig)
    digest: DigestConfig = field(default_factory=DigestConfig)
    per_page: int = default_of("per_page")
    search: bool = default_of("search")
    ingest: IngestConfig = field(default_factory=IngestConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    markdown: MarkdownConfig = field(default_factory=MarkdownConfig)
    source: Path | None = None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def load_config(path: Path) -> tuple[SiteConfig, list[Diagnostic]]:
    """Read and validate site.yaml. Raises ConfigError listing every problem, each with its line."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
        lines = key_lines(yaml.compose(text, Loader=yaml.SafeLoader))
        raw = yaml.safe_load(text)
    except FileNotFoundError:
        raise ConfigError([f"configuration file not found: {shown}"], shown) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"cannot read configuration: {exc}"], shown) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ConfigError([f"not valid YAML: {getattr(exc, 'problem', exc)}"], shown, line) from None
    return parse_config(raw, Path(os.path.abspath(path)).parent, source=path, lines=lines)


def parse_config(
    raw: Any, root: Path, source: Path | None = None, lines: Mapping[str, int] | None = None
) -> tuple[SiteConfig, list[Diagnostic]]:
    """Validate an already-parsed site.yaml mapping; paths resolve against ``root``.

    ``lines`` gives the line of each dotted key (from key_lines), so every problem can name it.
    """
    shown = str(source) if source else "site.yaml"
    root = Path(os.path.abspath(root))
    reading = _Reading(root)
    values = reading.section(SITE, raw, "")
    at = lines or {}
    notes = [warning(w, shown, line_of(w, at)) for w in reading.warnings]
    if reading.problems:
        found = [error(p, shown, line_of(p, at)) for p in reading.problems]
        raise ConfigError(reading.problems, shown, diagnostics=_in_file_order(found + notes))
    config = SiteConfig(
        **{e.name: values[e.name] for e in SITE.entries if isinstance(e, Key)},
        paths=Paths(root=root, cache=root / ".cache", **values["paths"]),
        topics=tuple(Topic(**item) for item in values["topics"]),
        feed=FeedConfig(**values["feed"]),
        digest=DigestConfig(**values["digest"]),
        ingest=IngestConfig(**values["ingest"]),
        cluster=ClusterConfig(**values["cluster"]),
        markdown=MarkdownConfig(**values["markdown"]),
        source=source,
    )
    return config, _in_file_order(notes)


def key_lines(node: yaml.Node | None) -> dict[str, int]:
    """The line (from 1) of every key in a composed YAML tree, by dotted name: ``topics[2].match``.

    A node reached again through an alias is not walked again (its keys keep the lines
    of its anchor's place), so a chain of aliases costs no more than the text it is."""
    found: dict[str, int] = {"": node.start_mark.line + 1} if node is not None else {}
    seen: set[int] = set()
    todo: list[tuple[yaml.Node | None, str]] = [(node, "")]
    while todo:
        current, where = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                name = dotted_name(where, str(key.value))
                found.setdefault(name, key.start_mark.line + 1)
                todo.append((value, name))
        elif isinstance(current, yaml.SequenceNode):
            for i, item in enumerate(current.value):
                name = f"{where}[{i}]"
                found.setdefault(name, item.start_mark.line + 1)
                todo.append((item, name))
    return found


_NAMED = re.compile(r"^(?:unknown key )?'([^']+)'")


def line_of(message: str, lines: Mapping[str, int]) -> int | None:
    """The line of the key a problem names first; a key left out is placed at the mapping that lacks it."""
    named = _NAMED.match(message)
    name = named.group(1) if named else ""
    while name:
        if name in lines:
            return lines[name]
        name = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", name) if re.search(r"[.\[]", name) else ""
    return lines.get("")  # a top-level key left out: the top of the file


def _in_file_order(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diagnostics, key=lambda d: d.line or 0)


class _Reading:
    """One walk of site.yaml along SITE, collecting every problem so all are reported together."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[str] = []
        self.warnings: list[str] = []

    def section(self, section: Section, raw: Any, where: str) -> Any:
        """The values of one section (a list of them when it has many), its check applied."""
        if not section.many:
            values: Any = self.mapping(section, raw, where)
        elif raw is None:
            values = []
        elif not isinstance(raw, list):
            self.problems.append(f"'{where}' must be a list of {{{', '.join(e.name for e in section.entries)}}}")
            values = []
        else:
            values = [self.mapping(section, item, f"{where}[{i}]", item=True) for i, item in enumerate(raw)]
        return section.check(values, where, self.root, self.problems) if section.check else values

    def mapping(self, section: Section, raw: Any, where: str, item: bool = False) -> dict[str, Any] | None:
        """One mapping's values; None for a list item that is not a mapping."""
        if raw is None and not item:
            raw = {}
        if not isinstance(raw, dict):
            required = " and ".join(f"'{e.name}'" for e in section.entries if isinstance(e, Key) and e.required)
            wanted = f"a mapping with {required}" if item else f"a mapping, not {type(raw).__name__}"
            self.problems.append(f"'{where or '(top level)'}' must be {wanted}")
            return None if item else self.mapping(section, {}, where)
        for name in sorted(set(map(str, raw)) - section.names()):
            self.unknown(section, where, name)
        values: dict[str, Any] = {}
        for entry in section.entries:
            name = dotted_name(where, entry.name)
            if isinstance(entry, Section):
                values[entry.name] = self.section(entry, raw.get(entry.name), name)
            else:
                values[entry.name] = self.key(entry, raw.get(entry.name), name)
        return values

    def unknown(self, section: Section, where: str, name: str) -> None:
        """A key the section does not declare: a warning at the top level, an error inside a section."""
        close = difflib.get_close_matches(name, sorted(section.names()), n=1, cutoff=0.75)
        hint = f" (did you mean '{dotted_name(where, close[0])}'?)" if close else ""
        if where:
            self.problems.append(f"unknown key '{dotted_name(where, name)}'{hint}")
        else:
            self.warnings.append(f"unknown key '{name}' is ignored{hint}")

    def key(self, key: Key, raw: Any, name: str) -> Any:
        """One key's value: read by its kind, then its check; a key left out (or null) takes its default."""
        hint = f" ({key.hint})" if key.hint else ""
        # A key another one decides when left out (a topic's slug) may also be left blank.
        if raw is None or (raw == "" and key.default is None):
            if key.required:
                self.problems.append(f"'{name}' is required{hint}")
                return key.kind.empty
            return self.fallback(key)
        try:
            value = key.kind.read(raw)
        except Invalid as exc:
            return self.wrong(key, f"'{name}' {exc}{hint}")
        try:
            return key.check(value, self.root) if key.check else value
        except Invalid as exc:
            return self.wrong(key, f"'{name}' {exc}")

    def wrong(self, key: Key, problem: str) -> Any:
        """Note the problem; go on with the default, or the kind's stand-in for a required key."""
        self.problems.append(problem)
        return key.kind.empty if key.required else self.fallback(key)

    def fallback(self, key: Key) -> Any:
        """The default, through the key's check (so a default folder resolves against the root)."""
        if key.default is None or key.check is None:
            return key.default
        return key.check(key.default, self.root)
