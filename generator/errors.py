"""The small exception hierarchy; only the CLI turns these into exit codes."""

from __future__ import annotations


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


class ConfigError(DossierError):
    """A bad setting, named by its key."""
