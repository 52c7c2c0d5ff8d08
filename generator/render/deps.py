"""Fingerprints of what each output is made from, so unchanged outputs are not
rendered again.

A page is rendered from its template (and the templates it includes), the site
settings and the values in its context, and from nothing else: templates see
only their context, never the whole site. So the hash of those three things
decides whether an output can be kept from the last build. Pages count through
their own fingerprint (made once per build by the site model); the days, stories
and terms that hold them are hashed once each, however many outputs use them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..site.model import Page


def folder_digest(folder: Path) -> str:
    """A hash of every file's path and bytes under ``folder``."""
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class Fingerprints:
    def __init__(self, base: str) -> None:
        self.base = base
        """Hash of what every output depends on: code, templates, settings."""
        self._memo: dict[int, str] = {}
        self._keep: list[Any] = []  # keeps memoised objects alive, so their ids stay theirs

    def of(self, *parts: Any) -> str:
        digest = hashlib.blake2b(self.base.encode(), digest_size=16)
        for part in parts:
            digest.update(self._value(part).encode("utf-8", "surrogatepass"))
            digest.update(b"\x1f")
        return digest.hexdigest()

    def _value(self, value: Any) -> str:
        kind = type(value)
        if kind is Page:
            return "P" + str(value.fingerprint)
        if kind is str:
            return "s" + repr(value)
        if kind is tuple or kind is list:  # most often pages: those inline, without a call each
            return "[" + ",".join(["P" + v.fingerprint if type(v) is Page else self._value(v) for v in value]) + "]"
        if kind is int or kind is float or kind is bool or value is None:
            return f"{kind.__name__[0]}{value!r}"
        return self._other(value)

    def _other(self, value: Any) -> str:
        """The rarer kinds: subclasses of the above, dates, mappings, dataclasses (hashed once each)."""
        found = self._memo.get(id(value))
        if found is not None:
            return found
        names = _field_names(type(value))
        if names is not None and not isinstance(value, Page):
            inner = f"{type(value).__name__}(" + ",".join(f"{n}={self._value(getattr(value, n))}" for n in names) + ")"
            if len(inner) > 64:  # long ones are kept short, as each may be part of many contexts
                inner = hashlib.blake2b(inner.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
            found = self._memo[id(value)] = "O" + inner
            self._keep.append(value)
            return found
        if isinstance(value, Page):
            return f"P{value.fingerprint}"
        if isinstance(value, (str, int, float, bool)):
            return f"{type(value).__name__[0]}{value!r}"
        if isinstance(value, (datetime, date)):
            return f"D{value!r}"
        if isinstance(value, (list, tuple)):
            return "[" + ",".join(map(self._value, value)) + "]"
        if isinstance(value, Mapping):
            return "{" + ",".join(f"{self._value(k)}:{self._value(v)}" for k, v in sorted(value.items())) + "}"
        raise TypeError(f"cannot fingerprint a {type(value).__name__} in a page context")


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's field names (looked up once per class); None for any other class."""
    if kind not in _FIELDS:
        _FIELDS[kind] = tuple(f.name for f in fields(kind)) if is_dataclass(kind) else None
    return _FIELDS[kind]
