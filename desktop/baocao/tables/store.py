"""What the tables room keeps in a draft besides the rows: ``draft.extras["bang"]``.  No Qt.

Shape (JSON)::

    {"ghi_chu": {"<table id>": "Số liệu tính đến ngày 15/6/2026."}}

Read with these helpers; change only through ``SetExtra`` (``note_edit``), never in place.
"""

from __future__ import annotations

import copy
from typing import Any

TYPE_CHECKING = False          # rendering reads notes only: ``edits`` is loaded when a note changes
if TYPE_CHECKING:
    from ..edits import SetExtra
from ..model.draft import Draft
from ..text import clean_line

#: the key of this room's data in ``draft.extras``
EXTRA_NAME = "bang"
#: the undo-list label of a note change
NOTE_LABEL = "Sửa ghi chú dưới bảng"


def _data(draft: Draft) -> dict[str, Any]:
    value = draft.extras.get(EXTRA_NAME)
    return value if isinstance(value, dict) else {}


def draft_table_note(draft: Draft, table_id: str) -> str:
    """The drafter's own note under table *table_id* ("" when none)."""
    notes = _data(draft).get("ghi_chu")
    value = notes.get(table_id) if isinstance(notes, dict) else None
    return clean_line(value) if isinstance(value, str) else ""


def note_edit(draft: Draft, table_id: str, text: str) -> SetExtra | None:
    """The undoable edit setting the note under *table_id* to *text* (None when nothing changes)."""
    text = clean_line(text)
    if text == draft_table_note(draft, table_id):
        return None
    data = copy.deepcopy(_data(draft))
    notes = data.get("ghi_chu") if isinstance(data.get("ghi_chu"), dict) else {}
    if text:
        notes[table_id] = text
    else:
        notes.pop(table_id, None)
    data["ghi_chu"] = notes
    from ..edits import SetExtra

    return SetExtra.make(draft, EXTRA_NAME, data if notes or len(data) > 1 else None, NOTE_LABEL)
