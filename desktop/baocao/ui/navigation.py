"""The outline's logic: entries, numbering labels, progress, next/previous/empty.  No Qt.

An *entry key* is a section id, or ``"phu-luc:<appendix id>"`` for an
appendix whose table the drafter fills (Phụ lục 01, 02 …).  Sections are
numbered as in the report (I., 1., a)) from the pack's numbering styles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..constants import FINISHED_STATUSES, SectionStatus
from ..model.draft import Draft
from ..render.numbering import label_for
from ..template.manifest import AppendixSpec, Pack, SectionSpec

if TYPE_CHECKING:  # pragma: no cover
    from ..render.doc_summary import DocumentSummary

APPENDIX_PREFIX = "phu-luc:"


@dataclass
class Entry:
    """One row of the outline."""

    key: str
    label: str          # "I.", "1.", "a)", "Phụ lục 01"
    title: str
    level: int          # 1 for top-level sections and appendices
    parent: str | None  # key of the parent row
    is_leaf: bool
    appendix: AppendixSpec | None = None


def appendix_key(appendix_id: str) -> str:
    """Outline key of an appendix."""
    return APPENDIX_PREFIX + appendix_id


def is_appendix_key(key: str) -> bool:
    """True for appendix keys."""
    return key.startswith(APPENDIX_PREFIX)


def display_title(title: str) -> str:
    """A section title for the outline: Jinja expressions replaced by "…"."""
    return re.sub(r"\{\{.*?\}\}", "…", title).strip()


def section_labels(pack: Pack) -> dict[str, str]:
    """Numbering label of every section ("I.", "1.", "a)"), as the report shows them."""
    labels: dict[str, str] = {}

    def walk(specs: list[SectionSpec]) -> None:
        position = 0
        for spec in specs:
            numbered = pack.takes_number(spec)      # untitled, run-in and "khong" sections take no number
            if numbered:
                position += 1
            labels[spec.id] = label_for(pack.style_for(spec), position) if numbered else ""
            walk(pack.children(spec.id))

    walk(pack.top_level())
    return labels


def outline_entries(pack: Pack) -> list[Entry]:
    """Sections in report order, then one entry per appendix with a table."""
    labels = section_labels(pack)
    entries = [Entry(s.id, labels[s.id], display_title(s.title) if s.title and not s.name else s.display_name(),
                     s.level, s.parent, not s.children)
               for s in pack.sections]
    for appendix in pack.appendices:
        if appendix.table:
            entries.append(Entry(appendix_key(appendix.id), appendix.label, display_title(appendix.title), 1, None,
                                 False, appendix))
    return entries


@dataclass(frozen=True)
class Progress:
    """How far the report is: leaf sections by the status the drafter sees."""

    done: int           # "xong" or "đã duyệt"
    writing: int        # "đang soạn" or "cần sửa"
    empty: int          # "trống"
    total: int


def leaf_progress(pack: Pack, draft: Draft) -> Progress:
    """Counts over leaf sections (group sections only introduce their children)."""
    shown = [draft.section(s.id).shown_status() for s in pack.sections if not s.children]
    done = sum(1 for status in shown if status in FINISHED_STATUSES)
    empty = sum(1 for status in shown if status is SectionStatus.EMPTY)
    return Progress(done, len(shown) - done - empty, empty, len(shown))


def step(keys: list[str], current: str | None, delta: int) -> str | None:
    """The key *delta* places from *current* (None at either end)."""
    if not keys:
        return None
    if current not in keys:
        return keys[0]
    index = keys.index(current) + delta
    return keys[index] if 0 <= index < len(keys) else None


def next_empty(pack: Pack, draft: Draft, current: str | None) -> str | None:
    """The next leaf section after *current* (wrapping round) whose status is "trống"."""
    leaves = [s.id for s in pack.sections if not s.children]
    if not leaves:
        return None
    start = leaves.index(current) + 1 if current in leaves else 0
    if current not in leaves and current is not None and pack.has_section(current):
        order = [s.id for s in pack.sections]
        start = next((i for i, sid in enumerate(leaves) if order.index(sid) > order.index(current)), 0)
    for offset in range(len(leaves)):
        candidate = leaves[(start + offset) % len(leaves)]
        if candidate != current and draft.section(candidate).shown_status() is SectionStatus.EMPTY:
            return candidate
    return None


def appendices_mentioned(pack: Pack, section: SectionSpec) -> list[AppendixSpec]:
    """Appendices whose id or table id the section's template names (for "Sửa Phụ lục 01 →")."""
    if not section.template:
        return []
    try:
        source = (pack.root / section.template).read_text(encoding="utf-8")
    except OSError:
        return []
    return [a for a in pack.appendices
            if a.table and (f"'{a.id}'" in source or f'"{a.id}"' in source
                            or f"'{a.table}'" in source or f'"{a.table}"' in source)]


def note_base(summary: "DocumentSummary | None", section_id: str, first_note_text: str) -> int:
    """How many notes of the report come before the section's first drafter note (0 when unknown);
    from the summary of the last rendered document (``render.doc_summary.note_base``)."""
    from ..render.doc_summary import note_base as summary_note_base

    return summary_note_base(summary, section_id, first_note_text)
