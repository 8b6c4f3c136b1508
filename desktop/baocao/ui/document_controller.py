"""All file operations of the window, in one object over ``DraftSession``.

New (wizard), open, save, save as, export DOCX/PDF, the unsaved-changes
prompt, recent files and the autosave timer live here; widgets only call
these methods and listen to the signals.  Other features (recovery,
locking, history — issue #5) hook in through the signals and
``autosave_hooks`` without touching the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, QTime, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from ..constants import DRAFT_SUFFIX
from ..edits import Edit
from ..errors import BaocaoError, DraftFileError, Location
from ..fsutil import same_file
from ..session import DraftSession
from . import prompts
from . import strings as S
from .commands import EditCommand
from .settings import AppSettings

if TYPE_CHECKING:  # pragma: no cover
    from .export_jobs import ExportJob

log = logging.getLogger("baocao.ui")
AUTOSAVE_MS = 2000


def libreoffice_path() -> str | None:
    """The LibreOffice program when installed (the export jobs load on the first export)."""
    from ..writers.pdf import libreoffice_path as find

    return find()


class DocumentController(QObject):
    """Owns the open ``DraftSession``, its undo stack and the autosave timer."""

    sessionChanged = Signal()               # another draft is now open
    editApplied = Signal(object, object)    # Edit, origin widget (None on undo/redo)
    stateChanged = Signal()                 # title, modified flag or file name may have changed
    message = Signal(str)                   # a line for the status bar
    saved = Signal(str)                     # path written by save/save as
    autosaved = Signal(str)                 # "hh:mm" of an autosave that wrote something
    exportFinished = Signal(str, str)       # path, error text ("" on success)
    readOnlyRefused = Signal()              # an edit was refused (read-only draft, or over a bound): views reload

    def __init__(self, settings: AppSettings, parent_widget: QWidget | None = None):
        super().__init__(parent_widget)
        self.settings = settings
        self.parent_widget = parent_widget
        self.session: DraftSession | None = None
        self.undo_stack = QUndoStack(self)
        self.ask_on_close = True
        self.discard_on_close = False          # the drafter answered "Không lưu"
        self.autosave_hooks: list[Callable[[DraftSession, bool], None]] = []
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.last_result_box = None
        self.progress = None        # QProgressDialog while an export runs
        self._jobs: set[ExportJob] = set()
        #: opens a draft file; returns None when the user cancelled (the lock dialog replaces it)
        self.session_opener: Callable[[Path], DraftSession | None] = DraftSession.open

    # ------------------------------------------------------------ session and edits
    def set_session(self, session: DraftSession, ask_on_close: bool = True) -> None:
        """Make *session* the open draft (the previous one is closed)."""
        if self.session is not None and self.session is not session:
            self._close(self.session)
        self.discard_on_close = False
        self.autosave_timer.stop()
        self.undo_stack.clear()
        self.session = session
        self.ask_on_close = ask_on_close
        self.sessionChanged.emit()
        self.stateChanged.emit()

    def is_read_only(self) -> bool:
        """True when the open draft must not be changed (opened read-only, or taken over by someone else)."""
        return self.session is not None and (self.session.read_only or self.session.lock_lost)

    def push(self, edit: Edit, origin: object | None = None) -> bool:
        """Apply *edit* through the undo stack; refused (False) while the draft is read-only."""
        if self.session is None:
            return False
        if self.is_read_only():
            self.message.emit(S.READ_ONLY_REFUSED)
            self.readOnlyRefused.emit()
            return False
        from ..limits import edit_problem

        problem = edit_problem(edit)
        if problem:                 # beyond what any report holds: refused, the views show the draft again
            prompts.show_error(self.parent_widget, S.TOO_BIG_TITLE, f"{problem} {S.TOO_BIG_HINT}")
            self.readOnlyRefused.emit()
            return False
        self.undo_stack.push(EditCommand(self.session, edit, self._applied, origin))
        return True

    def _applied(self, edit: Edit, origin: object | None) -> None:
        self.ask_on_close = True
        self.autosave_timer.start()
        self.editApplied.emit(edit, origin)
        self.stateChanged.emit()

    def display_name(self) -> str:
        """Name for the title bar."""
        if self.session is None:
            return S.APP_TITLE
        if self.session.path is None and self.session.source is None and not self.ask_on_close:
            return S.UNTITLED_SAMPLE
        return self.session.display_name()

    def is_modified(self) -> bool:
        """True when closing should ask to save."""
        return bool(self.session and self.ask_on_close and self.session.is_modified())

    # ------------------------------------------------------------ opening
    def new_draft(self) -> bool:
        """Ask about unsaved changes, run the new-draft wizard, open its draft."""
        if not self.maybe_save_changes():
            return False
        from .wizard import NewDraftWizard

        from PySide6.QtWidgets import QDialog

        wizard = NewDraftWizard(self.parent_widget, self.settings)
        if wizard.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.start_from_wizard(wizard)

    def start_from_wizard(self, wizard) -> bool:
        """Open the draft the (finished) wizard describes as a new untitled session."""
        try:
            pack, draft = wizard.result_draft()
        except BaocaoError as exc:
            prompts.show_error(self.parent_widget, S.OPEN_FAILED_TITLE, exc)
            return False
        self.set_session(DraftSession.new(pack, draft))
        return True

    def open_dialog(self) -> bool:
        """Ask for a draft file and open it."""
        if not self.maybe_save_changes():
            return False
        path = prompts.ask_open_path(self.parent_widget, self.settings.last_dir())
        return self.open_path(path, ask=False) if path else False

    def open_path(self, path: str | Path, ask: bool = True) -> bool:
        """Open *path*; errors are shown in Vietnamese and leave the current draft open."""
        if ask and not self.maybe_save_changes():
            return False
        path = Path(path)
        if self.session is not None and self.session.path is not None and same_file(self.session.path, path):
            # the file is open here already: release it (and its lock) before reading it again
            if not self._close(self.session):
                return False
            self.session = None
        try:
            if not path.is_file():
                raise DraftFileError(f"Không tìm thấy tệp «{path.name}».", "Tệp có thể đã bị xóa hoặc chuyển đi; "
                                     "hãy chọn lại tệp.", Location(file=str(path)))
            session = self.session_opener(path)
            if session is None:
                return False
        except BaocaoError as exc:
            prompts.show_error(self.parent_widget, S.OPEN_FAILED_TITLE, exc)
            if not path.is_file():
                self.settings.remove_recent(str(path.resolve()))
            return False
        except OSError as exc:
            from ..oserrors import os_error_text

            prompts.show_error(self.parent_widget, S.OPEN_FAILED_TITLE,
                               DraftFileError(f"Không đọc được tệp «{path.name}» ({os_error_text(exc)}).",
                                              "Hãy kiểm tra quyền đọc tệp rồi thử lại."))
            return False
        self.set_session(session)
        self.settings.add_recent(path)
        self.settings.set_last_dir(path)
        notice = getattr(session, "lock_notice", "")           # e.g. a damaged lock file was replaced
        self.message.emit(S.OPENED.format(name=path.name) + (f" — {notice}" if notice else ""))
        return True

    # ------------------------------------------------------------ saving
    def save(self) -> bool:
        """Save to the draft's file (Save As when untitled)."""
        if self.session is None:
            return False
        if self.session.path is None:
            return self.save_as()
        try:
            self.session.save()
        except BaocaoError as exc:
            prompts.show_error(self.parent_widget, S.SAVE_FAILED_TITLE, exc)
            return False
        self._after_save(self.session.path)
        return True

    def save_as(self, path: str | Path | None = None) -> bool:
        """Save to a new file chosen by the user (or *path*)."""
        if self.session is None:
            return False
        if path is None:
            current = self.session.path or Path(self.settings.last_dir()) / self._suggested_stem()
            path = prompts.ask_save_path(self.parent_widget, str(Path(current).with_suffix(DRAFT_SUFFIX)),
                                         S.SAVE_FILTER, DRAFT_SUFFIX)
            if not path:
                return False
        try:
            self.session.save_as(path)
        except BaocaoError as exc:
            prompts.show_error(self.parent_widget, S.SAVE_FAILED_TITLE, exc)
            return False
        self._after_save(Path(path))
        return True

    def _after_save(self, path: Path | None) -> None:
        self.autosave_timer.stop()
        self.undo_stack.setClean()
        if path is not None:
            self.settings.add_recent(path)
            self.settings.set_last_dir(path)
            self.message.emit(S.SAVED.format(name=path.name))
            self.saved.emit(str(path))
        self.stateChanged.emit()

    def _suggested_stem(self) -> str:
        if self.session is None:
            return "bao-cao"
        meta = self.session.draft.meta
        return f"bao-cao-{meta.period.kind.value}-{meta.period.year}"

    def maybe_save_changes(self) -> bool:
        """Ask Lưu / Không lưu / Hủy when there are unsaved changes; True means go ahead."""
        if not self.is_modified():
            return True
        answer = prompts.ask_unsaved(self.parent_widget, self.display_name())
        if answer is prompts.Answer.SAVE:
            return self.save()
        self.discard_on_close = answer is prompts.Answer.DISCARD
        return self.discard_on_close

    def autosave_now(self) -> bool:
        """Write pending edits to the draft file now (nothing for an untitled draft)."""
        if self.session is None:
            return False
        try:
            wrote = self.session.autosave()
        except BaocaoError as exc:
            log.warning("autosave failed: %s", exc.user_text())
            self.message.emit(exc.message)
            wrote = False
        for hook in list(self.autosave_hooks):
            hook(self.session, wrote)
        if wrote:
            stamp = QTime.currentTime().toString("HH:mm")
            self.undo_stack.setClean()
            self.autosaved.emit(stamp)         # shown once, in the status bar's autosave label
            self.stateChanged.emit()
        return wrote

    def close_session(self) -> bool:
        """Release the draft file (window closing); False when the session refused to close."""
        self.autosave_timer.stop()
        if self.session is not None and not self._close(self.session):
            return False
        self.session = None
        return True

    def _close(self, session: DraftSession) -> bool:
        """Close *session*; an error (latest edits not written anywhere) is shown and keeps it open."""
        try:
            try:
                session.close(discard=self.discard_on_close)
            except TypeError:      # a DraftSession without the discard option
                session.close()
        except BaocaoError as exc:
            prompts.show_error(self.parent_widget, S.SAVE_FAILED_TITLE, exc)
            return False
        return True

    # ------------------------------------------------------------ export
    def pdf_available(self) -> bool:
        """True when LibreOffice is installed (PDF export possible)."""
        return libreoffice_path() is not None

    def export(self, kind: str = "docx", path: str | Path | None = None) -> bool:
        """Check, ask where, render and write off the UI thread; False when nothing was started."""
        if self.session is None:
            return False
        from .export_jobs import ExportJob

        soffice = libreoffice_path() if kind == "pdf" else None
        if kind == "pdf" and soffice is None:
            prompts.show_error(self.parent_widget, S.EXPORT_FAILED_TITLE, S.PDF_UNAVAILABLE)
            return False
        from ..checks import blocking_findings, error_findings

        errors = error_findings(self.session.draft, self.session.pack)
        if blocking_findings(errors):
            prompts.refuse_export_findings(self.parent_widget, blocking_findings(errors))
            return False
        if errors and not prompts.confirm_export_findings(self.parent_widget, errors):
            return False
        suffix = ".pdf" if kind == "pdf" else ".docx"
        if path is None:
            base = self.session.path or self.session.source or Path(self.settings.last_dir()) / self._suggested_stem()
            path = prompts.ask_save_path(self.parent_widget, str(Path(base).with_suffix(suffix)),
                                         S.PDF_FILTER if kind == "pdf" else S.DOCX_FILTER, suffix,
                                         S.EXPORT_DIALOG_TITLE)
            if not path:
                return False
        from ..outputs import check_output
        from ..render import render_draft

        try:       # the file dialog asked before replacing a file; a draft is never replaced
            check_output(path, [self.session.path, self.session.source], force=True)
            document = render_draft(self.session.draft, self.session.pack)
            if kind != "pdf" and self.settings.roundtrip_data():   # what File → Import reads back (own_export.py)
                from ..importing.own_export import attach_roundtrip

                attach_roundtrip(document, self.session.draft, self.session.pack)
        except BaocaoError as exc:
            prompts.show_error(self.parent_widget, S.EXPORT_FAILED_TITLE, exc)
            return False
        job = ExportJob(document, Path(path), self.session.pack.reference_docx, soffice)
        job.signals.finished.connect(self._export_finished)
        self._jobs.add(job)
        self._show_progress(Path(path))
        from .thread_imports import WORD_WRITERS, preload

        preload(WORD_WRITERS)                 # the job's thread must not import (see ui/thread_imports.py)
        QThreadPool.globalInstance().start(job)
        return True

    def _show_progress(self, path: Path) -> None:
        from PySide6.QtWidgets import QProgressDialog

        progress = QProgressDialog(S.EXPORTING.format(name=path.name), "", 0, 0, self.parent_widget)
        progress.setWindowTitle(S.EXPORT_DIALOG_TITLE)
        progress.setCancelButton(None)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setValue(0)
        self.progress = progress
        self.message.emit(S.EXPORTING.format(name=path.name))

    def _export_finished(self, path: str, error: str) -> None:
        self._jobs = {j for j in self._jobs if str(j.target) != path}
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        if error:
            prompts.show_error(self.parent_widget, S.EXPORT_FAILED_TITLE, error)
        else:
            self.settings.set_last_dir(path)
            self.message.emit(S.EXPORT_DONE_TEXT.format(path=path).replace("\n", " "))
            self.last_result_box = prompts.export_result_box(self.parent_widget, Path(path))
        self.exportFinished.emit(path, error)
