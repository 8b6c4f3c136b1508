"""Edits: every change to a draft, as a reversible value.  No Qt.

The window wraps each ``Edit`` in a ``QUndoCommand`` (undo/redo), and the
crash tests replay the same edits in a child process, so both exercise one
code path: ``DraftSession.apply(edit)``.  Each edit stores the old and new
value, so ``apply`` and ``revert`` are exact inverses.  ``merge`` lets
consecutive typing in one section collapse into a single undo step.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from .constants import SectionStatus
from .model.draft import Draft, ReportMeta
from .model.richtext import Body


@dataclass
class Edit:
    """Base class: a reversible change to a draft."""

    label: str = field(default="", init=False)

    def apply(self, draft: Draft) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def revert(self, draft: Draft) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def merge(self, other: "Edit") -> bool:
        """Absorb *other* (a later edit of the same thing) into this one; True when merged."""
        return False

    @property
    def section_id(self) -> str | None:
        """The section this edit touches, if any (for outline status and autosave)."""
        return None


@dataclass
class SetSectionBody(Edit):
    """Replace a section's body text."""

    section: str
    new: Body
    old: Body
    typing: bool = False   # True for keystroke edits, which merge into one undo step

    def __post_init__(self) -> None:
        self.label = "Sửa nội dung"

    @classmethod
    def make(cls, draft: Draft, section_id: str, body: Body, typing: bool = False) -> "SetSectionBody":
        """The edit setting *section_id*'s body to *body* (old value taken from *draft*)."""
        return cls(section_id, copy.deepcopy(body), copy.deepcopy(draft.section(section_id).body), typing)

    def apply(self, draft: Draft) -> None:
        draft.section(self.section).body = copy.deepcopy(self.new)

    def revert(self, draft: Draft) -> None:
        draft.section(self.section).body = copy.deepcopy(self.old)

    def merge(self, other: Edit) -> bool:
        if isinstance(other, SetSectionBody) and other.section == self.section and self.typing and other.typing:
            self.new = copy.deepcopy(other.new)
            return True
        return False

    @property
    def section_id(self) -> str | None:
        return self.section


@dataclass
class SetFieldValue(Edit):
    """Set one structured field of a section."""

    section: str
    key: str
    new: Any
    old: Any

    def __post_init__(self) -> None:
        self.label = "Sửa số liệu"

    @classmethod
    def make(cls, draft: Draft, section_id: str, key: str, value: Any) -> "SetFieldValue":
        """The edit setting field *key* of *section_id* to *value*."""
        return cls(section_id, key, copy.deepcopy(value), copy.deepcopy(draft.section(section_id).fields.get(key)))

    def apply(self, draft: Draft) -> None:
        fields = draft.section(self.section).fields
        if self.new is None:
            fields.pop(self.key, None)
        else:
            fields[self.key] = copy.deepcopy(self.new)

    def revert(self, draft: Draft) -> None:
        fields = draft.section(self.section).fields
        if self.old is None:
            fields.pop(self.key, None)
        else:
            fields[self.key] = copy.deepcopy(self.old)

    def merge(self, other: Edit) -> bool:
        if isinstance(other, SetFieldValue) and (other.section, other.key) == (self.section, self.key):
            self.new = copy.deepcopy(other.new)
            return True
        return False

    @property
    def section_id(self) -> str | None:
        return self.section


@dataclass
class SetSectionStatus(Edit):
    """Change a section's status (trống, đang soạn, xong, cần sửa, đã duyệt)."""

    section: str
    new: SectionStatus
    old: SectionStatus

    def __post_init__(self) -> None:
        self.label = "Đổi trạng thái mục"

    @classmethod
    def make(cls, draft: Draft, section_id: str, status: SectionStatus) -> "SetSectionStatus":
        """The edit setting *section_id*'s status."""
        return cls(section_id, status, draft.section(section_id).status)

    def apply(self, draft: Draft) -> None:
        draft.section(self.section).status = self.new

    def revert(self, draft: Draft) -> None:
        draft.section(self.section).status = self.old

    @property
    def section_id(self) -> str | None:
        return self.section


@dataclass
class SetMeta(Edit):
    """Replace the report metadata (details dialog)."""

    new: ReportMeta
    old: ReportMeta

    def __post_init__(self) -> None:
        self.label = "Sửa thông tin báo cáo"

    @classmethod
    def make(cls, draft: Draft, meta: ReportMeta) -> "SetMeta":
        """The edit replacing the draft's metadata with *meta*."""
        return cls(copy.deepcopy(meta), copy.deepcopy(draft.meta))

    def apply(self, draft: Draft) -> None:
        draft.meta = copy.deepcopy(self.new)

    def revert(self, draft: Draft) -> None:
        draft.meta = copy.deepcopy(self.old)


@dataclass
class SetTableRows(Edit):
    """Replace all rows of a table."""

    table: str
    new: list[dict[str, Any]]
    old: list[dict[str, Any]]

    def __post_init__(self) -> None:
        self.label = "Sửa bảng"

    @classmethod
    def make(cls, draft: Draft, table_id: str, rows: list[dict[str, Any]]) -> "SetTableRows":
        """The edit replacing *table_id*'s rows with *rows*."""
        return cls(table_id, copy.deepcopy(rows), copy.deepcopy(draft.tables.get(table_id, [])))

    def apply(self, draft: Draft) -> None:
        draft.tables[self.table] = copy.deepcopy(self.new)

    def revert(self, draft: Draft) -> None:
        draft.tables[self.table] = copy.deepcopy(self.old)

    def merge(self, other: Edit) -> bool:
        if isinstance(other, SetTableRows) and other.table == self.table:
            self.new = copy.deepcopy(other.new)
            return True
        return False
