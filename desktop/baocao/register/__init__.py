"""The document register (danh mục văn bản): each cited document stored once, cited by id.  No Qt.

``entries`` keeps the register in ``draft.extras["van-ban"]`` (undoable ``SetExtra`` edits),
``wording`` writes a citation in full or short, ``usage`` finds citations in document order and
gives each its words at render time, ``parsing`` reads pasted citations, ``convert`` turns pasted
citations into register citations, ``listing`` is what templates read (``van_ban``).
"""

from .constants import DOC_TYPES, EXTRA_NAME
from .entries import Entry, RegisterError, add_entry, entries_by_id, register_entries, remove_entry, update_entry
from .usage import cite_counts, draft_cites
from .wording import full_form, short_form

__all__ = ["DOC_TYPES", "EXTRA_NAME", "Entry", "RegisterError", "add_entry", "cite_counts", "draft_cites",
           "entries_by_id", "full_form", "register_entries", "remove_entry", "short_form", "update_entry"]
