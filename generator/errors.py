"""The generator's own exceptions. Anything else escaping a stage is a bug."""

from __future__ import annotations

from collections.abc import Sequence

from .diagnostics import Diagnostic, error, location_prefix


class GeneratorError(Exception):
    """Base class: a problem the user can act on, located where possible."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        return location_prefix(self.path, self.line) + self.message


class ConfigError(GeneratorError):
    """site.yaml is unreadable or invalid; carries every problem found.

    ``diagnostics`` is what to show: each problem as an error with its line, and the
    warnings found with them (an unknown key is often why a value is wrong).
    """

    def __init__(
        self,
        problems: list[str],
        path: str | None = None,
        line: int | None = None,
        diagnostics: Sequence[Diagnostic] = (),
    ) -> None:
        super().__init__("; ".join(problems), path, line)
        self.problems = problems
        self.diagnostics = tuple(diagnostics) or tuple(error(p, path, line) for p in problems)


class SeedError(GeneratorError):
    """A seed cannot be turned into a page (empty, binary, undecodable, ...)."""


class ContentError(GeneratorError):
    """A content file's front matter or body is invalid."""


class UnsafePathError(GeneratorError):
    """A write would land outside the folder it belongs to."""
