"""site.yaml: loaded once into a frozen, validated SiteConfig.

Defaults live here and nowhere else. Validation collects every problem before it
reports, each naming its key; unknown keys are warnings. Paths resolve relative to
the folder holding site.yaml.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from .diagnostics import Diagnostic, warning
from .errors import ConfigError
from .slugs import is_valid_slug, slugify

DEFAULT_PATHS = {"seeds": "seeds", "content": "content", "layouts": "layouts", "output": "output"}


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
    items: int = 20


@dataclass(frozen=True)
class ClusterConfig:
    """Related-coverage clustering: cosine threshold, time window, words of lead used."""

    threshold: float = 0.35
    window_hours: int = 48
    lead_words: int = 300


@dataclass(frozen=True)
class MarkdownConfig:
    """Limits that keep a hostile body from hanging the build."""

    max_bytes: int = 1_000_000
    time_limit: float = 2.0


@dataclass(frozen=True)
class IngestConfig:
    max_seed_bytes: int = 5_000_000


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
    per_page: int = 20
    ingest: IngestConfig = field(default_factory=IngestConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    markdown: MarkdownConfig = field(default_factory=MarkdownConfig)
    source: Path | None = None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class _Checker:
    """Collects problems while reading a mapping, so all are reported together."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.warnings: list[str] = []

    def mapping(self, value: Any, key: str) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problems.append(f"'{key}' must be a mapping, not {type(value).__name__}")
            return {}
        return value

    def unknown(self, data: dict[str, Any], known: set[str], prefix: str = "") -> None:
        for key in sorted(set(map(str, data)) - known):
            self.warnings.append(f"unknown key '{prefix}{key}' is ignored")

    def text(self, data: dict[str, Any], key: str, default: str | None = None, prefix: str = "") -> str:
        value = data.get(key, default)
        if value is None:
            self.problems.append(f"'{prefix}{key}' is required")
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problems.append(f"'{prefix}{key}' must be a non-empty string")
            return ""
        return value.strip()

    def positive_int(self, data: dict[str, Any], key: str, default: int, prefix: str = "") -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.problems.append(f"'{prefix}{key}' must be a whole number of at least 1, not {value!r}")
            return default
        return value


TOP_KEYS = {
    "title",
    "description",
    "base_url",
    "language",
    "timezone",
    "paths",
    "topics",
    "feed",
    "per_page",
    "ingest",
    "cluster",
    "markdown",
}


def load_config(path: Path) -> tuple[SiteConfig, list[Diagnostic]]:
    """Read and validate site.yaml. Raises ConfigError listing every problem."""
    shown = str(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ConfigError([f"configuration file not found: {shown}"], shown) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"cannot read configuration: {exc}"], shown) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ConfigError([f"not valid YAML: {getattr(exc, 'problem', exc)}"], shown, line) from None
    return parse_config(raw, Path(os.path.abspath(path)).parent, source=path)


def parse_config(raw: Any, root: Path, source: Path | None = None) -> tuple[SiteConfig, list[Diagnostic]]:
    """Validate an already-parsed site.yaml mapping; paths resolve against ``root``."""
    shown = str(source) if source else "site.yaml"
    c = _Checker()
    data = c.mapping(raw, "(top level)")
    c.unknown(data, TOP_KEYS)

    title = c.text(data, "title")
    description = c.text(data, "description", default="") if "description" in data else ""
    language = c.text(data, "language", default="en")
    base_url = _check_base_url(c, data.get("base_url"))
    timezone = _check_timezone(c, data.get("timezone", "UTC"))
    paths = _check_paths(c, c.mapping(data.get("paths"), "paths"), root)
    topics = _check_topics(c, data.get("topics"))
    feed_raw = c.mapping(data.get("feed"), "feed")
    c.unknown(feed_raw, {"items"}, "feed.")
    feed = FeedConfig(items=c.positive_int(feed_raw, "items", FeedConfig.items, "feed."))
    per_page = c.positive_int(data, "per_page", 20)
    ingest_raw = c.mapping(data.get("ingest"), "ingest")
    c.unknown(ingest_raw, {"max_seed_bytes"}, "ingest.")
    ingest = IngestConfig(
        max_seed_bytes=c.positive_int(ingest_raw, "max_seed_bytes", IngestConfig.max_seed_bytes, "ingest.")
    )

    cluster = _check_cluster(c, c.mapping(data.get("cluster"), "cluster"))
    markdown = _check_markdown(c, c.mapping(data.get("markdown"), "markdown"))

    if c.problems:
        raise ConfigError(c.problems, shown)
    config = SiteConfig(
        title=title,
        description=description,
        base_url=base_url,
        language=language,
        timezone=timezone,
        paths=paths,
        topics=topics,
        feed=feed,
        per_page=per_page,
        ingest=ingest,
        cluster=cluster,
        markdown=markdown,
        source=source,
    )
    return config, [warning(w, shown) for w in c.warnings]


def _check_cluster(c: _Checker, raw: dict[str, Any]) -> ClusterConfig:
    c.unknown(raw, {"threshold", "window_hours", "lead_words"}, "cluster.")
    threshold = raw.get("threshold", ClusterConfig.threshold)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 < threshold <= 1:
        c.problems.append(f"'cluster.threshold' must be a number above 0 and at most 1, not {threshold!r}")
        threshold = ClusterConfig.threshold
    return ClusterConfig(
        threshold=float(threshold),
        window_hours=c.positive_int(raw, "window_hours", ClusterConfig.window_hours, "cluster."),
        lead_words=c.positive_int(raw, "lead_words", ClusterConfig.lead_words, "cluster."),
    )


def _check_markdown(c: _Checker, raw: dict[str, Any]) -> MarkdownConfig:
    c.unknown(raw, {"max_bytes", "time_limit"}, "markdown.")
    limit = raw.get("time_limit", MarkdownConfig.time_limit)
    if isinstance(limit, bool) or not isinstance(limit, (int, float)) or not 0 < limit <= 600:
        c.problems.append(f"'markdown.time_limit' must be a number of seconds above 0 and at most 600, not {limit!r}")
        limit = MarkdownConfig.time_limit
    return MarkdownConfig(
        max_bytes=c.positive_int(raw, "max_bytes", MarkdownConfig.max_bytes, "markdown."), time_limit=float(limit)
    )


def _check_base_url(c: _Checker, value: Any) -> str:
    if value is None:
        c.problems.append("'base_url' is required (an absolute URL such as https://example.org/news/)")
        return ""
    if not isinstance(value, str):
        c.problems.append("'base_url' must be a string")
        return ""
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        c.problems.append(f"'base_url' must be an absolute http(s) URL, not {value!r}")
        return ""
    if parts.query or parts.fragment:
        c.problems.append("'base_url' must not have a query or fragment")
        return ""
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def _check_timezone(c: _Checker, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        c.problems.append("'timezone' must be an IANA time zone name such as America/New_York")
        return "UTC"
    try:
        ZoneInfo(value.strip())
    except (ZoneInfoNotFoundError, ValueError):
        c.problems.append(f"'timezone' {value!r} is not a known IANA time zone name")
        return "UTC"
    return value.strip()


def _check_paths(c: _Checker, raw: dict[str, Any], root: Path) -> Paths:
    c.unknown(raw, set(DEFAULT_PATHS), "paths.")
    resolved: dict[str, Path] = {}
    for key, default in DEFAULT_PATHS.items():
        value = raw.get(key, default)
        if not isinstance(value, str) or not value.strip():
            c.problems.append(f"'paths.{key}' must be a folder path")
            value = default
        resolved[key] = Path(os.path.abspath(root / value))
    root = Path(os.path.abspath(root))
    # Overlap is judged on real locations, so a symlink cannot sneak output/ into an input.
    output = resolved["output"].resolve()
    guarded = {
        "the project root": root.resolve(),
        **{f"paths.{k}": resolved[k].resolve() for k in ("seeds", "content", "layouts")},
    }
    for name, place in guarded.items():
        if output == place or output in place.parents:
            c.problems.append(f"'paths.output' ({output}) would overwrite {name}; choose a folder of its own")
        elif name != "the project root" and place in output.parents:
            c.problems.append(f"'paths.output' ({output}) lies inside {name}")
    return Paths(root=root, cache=root / ".cache", **resolved)


def _check_topics(c: _Checker, raw: Any) -> tuple[Topic, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        c.problems.append("'topics' must be a list of {name, slug, match}")
        return ()
    topics: list[Topic] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        key = f"topics[{i}]"
        if not isinstance(item, dict):
            c.problems.append(f"'{key}' must be a mapping with 'name' and 'match'")
            continue
        c.unknown(item, {"name", "slug", "match"}, f"{key}.")
        name = c.text(item, "name", prefix=f"{key}.")
        slug = item.get("slug") or slugify(name, fallback="topic")
        if not isinstance(slug, str) or not is_valid_slug(slug):
            c.problems.append(f"'{key}.slug' must use only a-z, 0-9 and single hyphens, not {slug!r}")
            slug = "topic"
        elif slug in seen:
            c.problems.append(f"'{key}.slug' {slug!r} is used by another topic")
        seen.add(slug)
        match = item.get("match", [])
        if isinstance(match, str):
            match = [match]
        if not isinstance(match, list) or not all(isinstance(m, str) and m.strip() for m in match):
            c.problems.append(f"'{key}.match' must be a list of words or phrases")
            match = []
        topics.append(Topic(name=name, slug=slug, match=tuple(m.strip() for m in match)))
    return tuple(topics)
