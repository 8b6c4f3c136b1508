"""Typed errors raised by the core.

Each error carries a Vietnamese message that says what is wrong and a hint
that says what to do, plus an optional location (file, section, line).  The
CLI prints them; the window shows them in a dialog.  No core module formats
tracebacks for the user.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Location:
    """Where a problem is: a file, a section id, a line number (1-based)."""

    file: str | None = None
    section: str | None = None
    line: int | None = None
    column: int | None = None

    def describe(self) -> str:
        """Vietnamese description, e.g. 'tệp x.toml, mục I.1, dòng 3'."""
        parts = []
        if self.file:
            parts.append(f"tệp {self.file}")
        if self.section:
            parts.append(f"mục {self.section}")
        if self.line:
            parts.append(f"dòng {self.line}")
        if self.column:
            parts.append(f"cột {self.column}")
        return ", ".join(parts)


class BaocaoError(Exception):
    """Base of every error the user may see."""

    def __init__(self, message: str, hint: str = "", location: Location | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.location = location or Location()

    def user_text(self) -> str:
        """The whole message for a person: what, where, what to do."""
        text = self.message
        where = self.location.describe()
        if where:
            text += f" ({where})"
        if self.hint:
            text += f"\n{self.hint}"
        return text

    def __str__(self) -> str:  # pragma: no cover - convenience
        return self.user_text()


class TemplateError(BaocaoError):
    """A template pack is missing, malformed or has a Jinja/markup error."""


class DraftFileError(BaocaoError):
    """A draft file cannot be opened or saved."""


class DraftVersionError(DraftFileError):
    """The draft was written by a newer version of baocao."""


class DraftDataError(BaocaoError):
    """The draft lacks data the report needs, or holds invalid values."""


class ExportError(BaocaoError):
    """An output file cannot be produced or written."""
