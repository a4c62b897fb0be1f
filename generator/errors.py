"""The small exception hierarchy; only the CLI turns these into exit codes."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file: where, what, and what to do about it."""

    path: str
    line: int
    message: str
    hint: str = ""
    severity: str = ERROR  # ERROR stops a build; WARNING stops it only with --strict

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        text = f"{self.where}: {self.severity}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class DossierError(Exception):
    """Anything the user can fix; the CLI prints it and exits non-zero."""


class ContentError(DossierError):
    """A problem in an input file, located by path and line."""

    def __init__(self, path: str, line: int, message: str, hint: str = "") -> None:
        self.path = path
        self.line = line
        self.message = message
        self.hint = hint
        where = f"{path}:{line}" if line else path
        text = f"{where}: {message}"
        if hint:
            text += f" ({hint})"
        super().__init__(text)

    @property
    def problem(self) -> Problem:
        return Problem(self.path, self.line, self.message, self.hint, ERROR)


class ContentErrors(ContentError):
    """Several problems in one input file, all found at once; shown as the first of them."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        more = f" (and {len(problems) - 1} more in this file)" if len(problems) > 1 else ""
        super().__init__(first.path, first.line, first.message + more, first.hint)
        self.problems = tuple(problems)


class ConfigError(DossierError):
    """A bad setting, named by its key."""
