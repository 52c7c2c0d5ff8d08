"""Front matter: YAML between ``---`` lines, read and written safely.

Reading uses a safe loader that keeps ``no``, ``on`` and ``2024-01-01`` as strings
(only ``true``/``false`` are booleans, as in YAML 1.2) and refuses anchors and
aliases outright, so an alias bomb cannot blow up. Writing uses the safe dumper,
which quotes any string that a YAML reader could take for something else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml

from .errors import ContentError

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class StrictLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe loader without YAML 1.1 surprises: no yes/no/on/off booleans, no timestamps."""


StrictLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

FENCE = "---"
MAX_FRONT_MATTER_BYTES = 256 * 1024


def has_front_matter(text: str) -> bool:
    return text.lstrip("\ufeff").startswith(FENCE + "\n") or text.lstrip("\ufeff").startswith(FENCE + "\r\n")


def split(text: str, path: str) -> tuple[str, str, int]:
    """Return (yaml text, body, line number where the body starts)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.startswith(FENCE + "\n"):
        raise ContentError("no front matter: the file must start with a '---' line", path, 1)
    end = re.search(r"^---[ \t]*$", text[4:], re.M)
    if end is None:
        raise ContentError("front matter is not closed by a '---' line", path, 1)
    head = text[4 : 4 + end.start()]
    body = text[4 + end.end() :]
    body_line = head.count("\n") + 3
    if body.startswith("\n"):
        body = body[1:]
    return head, body.strip("\n"), body_line


def load_yaml(head: str, path: str) -> dict[str, Any]:
    """Parse the front-matter YAML into a mapping; errors name the file and line."""
    if len(head.encode("utf-8", "surrogatepass")) > MAX_FRONT_MATTER_BYTES:
        raise ContentError(f"front matter is larger than {MAX_FRONT_MATTER_BYTES} bytes", path, 2)
    if "&" in head or "*" in head:
        _refuse_aliases(head, path)
    try:
        data = yaml.load(head, Loader=StrictLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ContentError(f"front matter is not valid YAML: {problem}", path, line) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ContentError("front matter must be a mapping of keys to values", path, 2)
    return {str(k): v for k, v in data.items()}


def _refuse_aliases(head: str, path: str) -> None:
    try:
        for event in yaml.parse(head, Loader=StrictLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line = event.start_mark.line + 2 if event.start_mark else 2
                raise ContentError("front matter may not use YAML anchors or aliases", path, line)
    except yaml.YAMLError:
        return  # load_yaml reports the syntax error with its position


def parse(text: str, path: str) -> tuple[dict[str, Any], str, int]:
    """Split and load a content file: (front matter, body, body start line)."""
    head, body, body_line = split(text, path)
    return load_yaml(head, path), body, body_line


def dump(meta: Mapping[str, Any]) -> str:
    """Front matter as YAML, keys in the given order, Unicode kept readable."""
    return yaml.dump(
        dict(meta),
        Dumper=_BaseDumper,
        sort_keys=False,
        allow_unicode=True,
        width=1_000_000,
        default_flow_style=False,
    )


def render(meta: Mapping[str, Any], body: str) -> str:
    """A whole content file: fenced front matter, a blank line, the body."""
    text = f"{FENCE}\n{dump(meta)}{FENCE}\n"
    body = body.strip("\n")
    return text + (f"\n{body}\n" if body else "")
