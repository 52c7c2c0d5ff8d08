"""Diagnostics: what the generator tells the user, kept apart from how it is printed.

Every stage returns its diagnostics as values; only the CLI prints them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Diagnostic:
    """One message for the user, located at a file (and line) where possible."""

    level: Level
    message: str
    path: str | None = None
    line: int | None = None

    def format(self) -> str:
        """Render as ``path:line: level: message``, the one format the CLI uses."""
        return f"{location_prefix(self.path, self.line)}{self.level.value}: {self.message}"


def location_prefix(path: str | None, line: int | None) -> str:
    """``path:line: `` (or ``path: ``, or nothing) in front of a message."""
    if not path:
        return ""
    return path + (f":{line}" if line else "") + ": "


def count(diagnostics: Iterable[Diagnostic], level: Level) -> int:
    """How many of ``diagnostics`` are at ``level``: what summaries and exit codes use."""
    return sum(1 for d in diagnostics if d.level is level)


def warning(message: str, path: str | None = None, line: int | None = None) -> Diagnostic:
    return Diagnostic(Level.WARNING, message, path, line)


def error(message: str, path: str | None = None, line: int | None = None) -> Diagnostic:
    return Diagnostic(Level.ERROR, message, path, line)


def info(message: str, path: str | None = None, line: int | None = None) -> Diagnostic:
    return Diagnostic(Level.INFO, message, path, line)


class Counts:
    """For a result that carries ``diagnostics``: how many warnings and errors it holds
    (what summaries and exit codes read)."""

    diagnostics: tuple[Diagnostic, ...]

    @property
    def warnings(self) -> int:
        return count(self.diagnostics, Level.WARNING)

    @property
    def errors(self) -> int:
        return count(self.diagnostics, Level.ERROR)
