"""Edits: every change to a draft, as a reversible value.  No Qt.

The window wraps each ``Edit`` in a ``QUndoCommand`` (undo/redo), and the
crash tests replay the same edits in a child process, so both exercise one
code path: ``DraftSession.apply(edit)``.  Each edit stores the old and new
value of one slot of the draft (a section's body, a field, a status, the
metadata, a table), so ``apply`` and ``revert`` are exact inverses.
``merge`` lets consecutive changes of the same slot (typing) collapse into a
single undo step.

A section's body is a list of paragraphs that are *values*: nothing changes a
``Para`` (or the notes and spans in it) once it is in a draft or an edit; a
change makes a new paragraph.  So ``SetSectionBody`` copies only the list and
shares the paragraphs with the draft and the editor: a keystroke in a very
long section costs the paragraph it changed, not the section (issue 16).
Callers that build a body by changing a copy do so on ``copy.deepcopy`` of
the draft's body, as before.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from .constants import SectionStatus
from .model.draft import Draft, ReportMeta, SectionData
from .model.richtext import Body

_MISSING = None  # a field or table that did not exist reads (and is restored) as absent


@dataclass
class Edit:
    """A reversible change of one slot of a draft: subclasses say how to read and write it."""

    new: Any
    old: Any
    label: str = field(default="", init=False)
    merges: bool = field(default=True, init=False)

    # -- to implement -------------------------------------------------
    def slot(self) -> tuple[Any, ...]:
        """Identifies what this edit changes; edits of the same slot may merge."""
        raise NotImplementedError  # pragma: no cover

    def write(self, draft: Draft, value: Any) -> None:
        """Store *value* in the slot."""
        raise NotImplementedError  # pragma: no cover

    # -- shared behaviour ----------------------------------------------
    def apply(self, draft: Draft) -> None:
        """Put the new value in place."""
        self.write(draft, copy.deepcopy(self.new))

    def revert(self, draft: Draft) -> None:
        """Put the old value back."""
        self.write(draft, copy.deepcopy(self.old))

    def merge(self, other: "Edit") -> bool:
        """Absorb *other* (a later edit of the same slot) into this one; True when merged."""
        if self.merges and other.merges and type(other) is type(self) and other.slot() == self.slot():
            self.new = copy.deepcopy(other.new)
            return True
        return False

    @property
    def section_id(self) -> str | None:
        """The section this edit touches, if any (for outline status and autosave)."""
        return None


@dataclass
class _SectionEdit(Edit):
    section: str = ""

    @property
    def section_id(self) -> str | None:
        return self.section


@dataclass
class SetSectionBody(_SectionEdit):
    """Replace a section's body text.  Only keystroke edits (``typing``) merge."""

    typing: bool = False

    def __post_init__(self) -> None:
        self.label = "Sửa nội dung"
        self.merges = self.typing

    @classmethod
    def make(cls, draft: Draft, section_id: str, body: Body, typing: bool = False) -> "SetSectionBody":
        """The edit setting *section_id*'s body to *body* (old value taken from *draft*).

        The paragraphs are shared, not copied (they are values, see the module docstring).
        """
        return cls(list(body), list(draft.section(section_id).body), section_id, typing)

    def apply(self, draft: Draft) -> None:
        """Put the new paragraphs in place (a list of its own, the paragraphs shared)."""
        self.write(draft, list(self.new))

    def revert(self, draft: Draft) -> None:
        """Put the old paragraphs back (a list of its own, the paragraphs shared)."""
        self.write(draft, list(self.old))

    def merge(self, other: "Edit") -> bool:
        """Absorb a later typing edit of the same section (its paragraphs shared)."""
        if self.merges and other.merges and type(other) is type(self) and other.slot() == self.slot():
            self.new = list(other.new)
            return True
        return False

    def slot(self) -> tuple[Any, ...]:
        return ("body", self.section)

    def write(self, draft: Draft, value: Any) -> None:
        draft.section(self.section).body = value


@dataclass
class SetFieldValue(_SectionEdit):
    """Set one structured field of a section (None removes it)."""

    key: str = ""

    def __post_init__(self) -> None:
        self.label = "Sửa số liệu"

    @classmethod
    def make(cls, draft: Draft, section_id: str, key: str, value: Any) -> "SetFieldValue":
        """The edit setting field *key* of *section_id* to *value*."""
        old = draft.section(section_id).fields.get(key, _MISSING)
        return cls(copy.deepcopy(value), copy.deepcopy(old), section_id, key)

    def slot(self) -> tuple[Any, ...]:
        return ("field", self.section, self.key)

    def write(self, draft: Draft, value: Any) -> None:
        fields = draft.section(self.section).fields
        if value is _MISSING:
            fields.pop(self.key, None)
        else:
            fields[self.key] = value


@dataclass
class SetSectionStatus(_SectionEdit):
    """Change a section's status (trống, đang soạn, xong, cần sửa, đã duyệt)."""

    def __post_init__(self) -> None:
        self.label = "Đổi trạng thái mục"
        self.merges = False

    @classmethod
    def make(cls, draft: Draft, section_id: str, status: SectionStatus) -> "SetSectionStatus":
        """The edit setting *section_id*'s status."""
        return cls(status, draft.section(section_id).status, section_id)

    def slot(self) -> tuple[Any, ...]:
        return ("status", self.section)

    def write(self, draft: Draft, value: Any) -> None:
        draft.section(self.section).status = value


@dataclass
class SetMeta(Edit):
    """Replace the report metadata (details dialog)."""

    def __post_init__(self) -> None:
        self.label = "Sửa thông tin báo cáo"
        self.merges = False

    @classmethod
    def make(cls, draft: Draft, meta: ReportMeta) -> "SetMeta":
        """The edit replacing the draft's metadata with *meta*."""
        return cls(copy.deepcopy(meta), copy.deepcopy(draft.meta))

    def slot(self) -> tuple[Any, ...]:
        return ("meta",)

    def write(self, draft: Draft, value: Any) -> None:
        draft.meta = value


@dataclass
class SetTableRows(Edit):
    """Replace all rows of a table."""

    table: str = ""

    def __post_init__(self) -> None:
        self.label = "Sửa bảng"

    @classmethod
    def make(cls, draft: Draft, table_id: str, rows: list[dict[str, Any]]) -> "SetTableRows":
        """The edit replacing *table_id*'s rows with *rows*."""
        return cls(copy.deepcopy(rows), copy.deepcopy(draft.tables.get(table_id, [])), table_id)

    def slot(self) -> tuple[Any, ...]:
        return ("table", self.table)

    def write(self, draft: Draft, value: Any) -> None:
        draft.tables[self.table] = value



@dataclass
class SetExtra(Edit):
    """Replace ``draft.extras[name]`` (review comments, dismissed findings …); None removes it."""

    name: str = ""

    def __post_init__(self) -> None:
        self.label = self.label or "Sửa dữ liệu kèm theo"
        self.merges = False

    @classmethod
    def make(cls, draft: Draft, name: str, value: Any, label: str = "") -> "SetExtra":
        """The edit setting ``draft.extras[name]`` to *value* (a JSON value); *label* names it in the undo list."""
        edit = cls(copy.deepcopy(value), copy.deepcopy(draft.extras.get(name, _MISSING)), name)
        if label:
            edit.label = label
        return edit

    def slot(self) -> tuple[Any, ...]:
        return ("extra", self.name)

    def write(self, draft: Draft, value: Any) -> None:
        if value is _MISSING:
            draft.extras.pop(self.name, None)
        else:
            draft.extras[self.name] = value


@dataclass
class CompoundEdit(Edit):
    """Several edits applied in order and reverted in reverse order: one undo step (replace all, a comment …)."""

    parts: list[Edit] = field(default_factory=list)
    name: str = ""

    def __post_init__(self) -> None:
        self.label = self.name or self.label or (self.parts[0].label if self.parts else "")
        self.merges = False

    @classmethod
    def of(cls, label: str, *parts: Edit) -> "CompoundEdit":
        """One step made of *parts*, shown as *label* in the undo list."""
        return cls(None, None, list(parts), label)

    def slot(self) -> tuple[Any, ...]:
        return ("compound", tuple(p.slot() for p in self.parts))

    def write(self, draft: Draft, value: Any) -> None:  # pragma: no cover - apply/revert do the work
        raise NotImplementedError

    def apply(self, draft: Draft) -> None:
        for part in self.parts:
            part.apply(draft)

    def revert(self, draft: Draft) -> None:
        for part in reversed(self.parts):
            part.revert(draft)

    @property
    def section_id(self) -> str | None:
        """The one section every part touches (None when parts touch several or none)."""
        ids = {p.section_id for p in self.parts}
        return ids.pop() if len(ids) == 1 else None


@dataclass
class RestoreSection(_SectionEdit):
    """Put back one section (text, fields and status) as it was in a version or backup (None removes it)."""

    def __post_init__(self) -> None:
        self.label = "Khôi phục mục"
        self.merges = False

    @classmethod
    def make(cls, draft: Draft, section_id: str, data: SectionData | None) -> "RestoreSection":
        """The edit replacing *section_id*'s data with *data*."""
        return cls(copy.deepcopy(data), copy.deepcopy(draft.sections.get(section_id, _MISSING)), section_id)

    def slot(self) -> tuple[Any, ...]:
        return ("section", self.section)

    def write(self, draft: Draft, value: Any) -> None:
        if value is _MISSING:
            draft.sections.pop(self.section, None)
        else:
            draft.sections[self.section] = value


@dataclass
class ReplaceDraft(Edit):
    """Replace the whole content of the draft (restore a version or a backup), in place."""

    def __post_init__(self) -> None:
        self.label = "Khôi phục toàn bộ bản thảo"
        self.merges = False

    @classmethod
    def make(cls, draft: Draft, content: Draft) -> "ReplaceDraft":
        """The edit making *draft* hold *content*."""
        return cls(copy.deepcopy(content), copy.deepcopy(draft))

    def slot(self) -> tuple[Any, ...]:
        return ("draft",)

    def write(self, draft: Draft, value: Any) -> None:
        draft.template_id = value.template_id
        draft.meta = value.meta
        draft.sections.clear()           # same dict objects: views holding them stay valid
        draft.sections.update(value.sections)
        draft.tables.clear()
        draft.tables.update(value.tables)
        draft.extras.clear()
        draft.extras.update(value.extras)
