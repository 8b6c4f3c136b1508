"""A drafting session: one open draft, its file and its pack.  No Qt.

The window talks to drafts only through ``DraftSession``: open, new, save,
save as, and ``note_edit``/``autosave`` for the autosave timer the window
runs.  Keeping this headless lets the crash tests drive exactly the code the
window uses, from a child process, without a display.
"""

from __future__ import annotations

import os
from pathlib import Path

from .drafts import new_draft
from .edits import Edit
from .errors import DraftFileError
from .model.draft import Draft
from .storage.draftfile import DraftFile
from .storage.interchange import load_json_draft
from .template import Pack, load_pack


class DraftSession:
    """One draft being edited, with the file it lives in (None while untitled)."""

    def __init__(self, draft: Draft, pack: Pack, handle: DraftFile | None = None, source: Path | None = None):
        self.draft = draft
        self.pack = pack
        self._handle = handle
        self.source = source          # file the draft was imported from when it is not a draft file
        self._edits_since_save = 0
        self.edit_counter = 0         # increases with every edit; autosave acknowledges up to a value

    # ------------------------------------------------------------ creating
    @classmethod
    def new(cls, pack: Pack, draft: Draft | None = None) -> "DraftSession":
        """An untitled session for a new draft of *pack*."""
        session = cls(draft or new_draft(pack), pack)
        session._edits_since_save = 1  # never saved: closing must ask
        return session

    @classmethod
    def open(cls, path: str | os.PathLike[str], read_only: bool = False) -> "DraftSession":
        """Open a draft file (``.json`` interchange files open untitled, as an import)."""
        path = Path(path)
        if path.suffix.lower() == ".json":
            draft = load_json_draft(path)
            session = cls(draft, load_pack(draft.template_id), None, source=path)
            session._edits_since_save = 1
            return session
        handle = DraftFile.open(path, read_only=read_only)
        try:
            draft = handle.load()
            pack = load_pack(draft.template_id)
        except BaseException:
            handle.close()
            raise
        return cls(draft, pack, handle)

    # ------------------------------------------------------------ state
    @property
    def path(self) -> Path | None:
        """The draft file, or None while untitled."""
        return self._handle.path if self._handle else None

    @property
    def read_only(self) -> bool:
        """True when the file was opened read-only."""
        return bool(self._handle and self._handle.read_only)

    def is_modified(self) -> bool:
        """True when there are edits not yet written to the draft file."""
        return self._edits_since_save > 0

    def display_name(self) -> str:
        """File name for the title bar ("Chưa đặt tên" while untitled)."""
        if self.path:
            return self.path.name
        if self.source:
            return self.source.stem + " (chưa lưu)"
        return "Chưa đặt tên"

    def section_order(self) -> list[str]:
        """Section ids in the pack's order."""
        return [s.id for s in self.pack.sections]

    # ------------------------------------------------------------ editing and saving
    def note_edit(self) -> int:
        """Record that the draft changed; returns the edit's sequence number."""
        self._edits_since_save += 1
        self.edit_counter += 1
        return self.edit_counter

    def apply(self, edit: Edit) -> int:
        """Apply *edit* to the draft and record it; returns the edit's sequence number."""
        edit.apply(self.draft)
        return self.note_edit()

    def revert(self, edit: Edit) -> int:
        """Undo *edit* and record that as an edit too."""
        edit.revert(self.draft)
        return self.note_edit()

    def save(self) -> int:
        """Write changes to the draft file; returns rows written.  Untitled → DraftFileError."""
        if self._handle is None:
            raise DraftFileError("Bản thảo chưa có tên tệp.", "Hãy dùng «Lưu thành…» để chọn nơi lưu.")
        written = self._handle.save(self.draft, self.section_order())
        self._edits_since_save = 0
        return written

    def autosave(self) -> bool:
        """Save now if there is a file and unsaved edits; True when something was written."""
        if self._handle is None or self._handle.read_only or not self.is_modified():
            return False
        self.save()
        return True

    def save_as(self, path: str | os.PathLike[str]) -> None:
        """Write the whole draft to a new file (atomic) and continue editing that file."""
        handle = DraftFile.create(path, self.draft)
        if self._handle is not None:
            self._handle.close()
        self._handle = handle
        self.source = None
        self._edits_since_save = 0

    def close(self) -> None:
        """Release the file."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
