"""Several edits applied and undone as one step (a comment is a text mark *and* a thread)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..edits import Edit
from ..model.draft import Draft


@dataclass
class CompoundEdit(Edit):
    """Applies *parts* in order and reverts them in reverse order; one undo step."""

    parts: list[Edit] = field(default_factory=list)
    name: str = ""

    def __post_init__(self) -> None:
        self.label = self.name or (self.parts[0].label if self.parts else "")
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
        ids = {p.section_id for p in self.parts if p.section_id}
        return ids.pop() if len(ids) == 1 else None
