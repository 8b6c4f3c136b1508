"""The pack editor's check, preview and saving (a part of ``PackEditor``, kept apart to stay small).

Each check runs in the worker (``PreviewJobs``) on a snapshot of the files; the snapshot of a check
that finds no error becomes «the last good version» (``good_draft``), whatever was typed meanwhile.
While a new check runs, the errors of the previous one stay on screen dimmed; a check without
errors clears the marked error line.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem, QMessageBox

from ...errors import BaocaoError
from ...render.worker import ErrorInfo, WorkerResult
from ...template.pack_edit import PackDraft
from .. import prompts
from . import strings as S

ERROR_ROLE = int(Qt.ItemDataRole.UserRole) + 2
#: Requests whose checked files are kept until their result comes (one running, one waiting, a save).
CHECKED_KEPT = 4


class CheckAndSave:
    """``PackEditor``'s methods for the worker check, the preview, the error list and saving."""

    # ------------------------------------------------------------ preview and errors
    def _preview_draft(self) -> Any:
        if self.preview_with.currentData() == "open" and self.open_draft is not None:
            import copy

            draft = self.open_draft()
            return copy.deepcopy(draft) if draft is not None else None   # a snapshot: the worker thread pickles it
        return None

    def request_preview(self, force: bool = False) -> int:
        """Check the pack and render the preview in the worker process (skipped when nothing changed)."""
        self.template_pane.flush()
        key = (self.draft.files, self.preview_with.currentData())
        if not force and key == self._last_request and self.preview_with.currentData() != "open":
            return self.jobs.latest
        self._last_request = key
        self.status.setText(S.PREVIEW_RUNNING if not self.errors.count() else S.PREVIEW_RUNNING_OLD)
        self.errors.setEnabled(False)           # the errors shown are those of the previous check: dimmed
        request_id = self.jobs.request(self.draft.files, self._preview_draft())
        self._checked = {k: v for k, v in self._checked.items() if k > request_id - CHECKED_KEPT}
        self._checked[request_id] = self.draft
        return request_id

    def _job_finished(self, request_id: int, result: WorkerResult) -> None:
        if request_id == self._save_request:
            self._save_request = None
            self._finish_save(result)
        checked = self._checked.pop(request_id, None)
        if not result.errors and checked is not None:
            self.good_draft = checked            # the files this check ran on, not those typed since
        if request_id != self.jobs.latest:
            return
        self.last_result = result
        if result.html is not None:
            self.follower.set_html(result.html)
            self.follow_section()
        self.errors.setEnabled(True)
        self.errors.clear()
        for error in result.errors:
            where = ErrorInfo.to_error(error).location.describe()
            item = QListWidgetItem(S.ERROR_LINE.format(message=error.message, where=where) if where else error.message)
            item.setData(ERROR_ROLE, error)
            item.setToolTip(error.hint)
            self.errors.addItem(item)
        if self.errors.count():
            self.errors.setCurrentRow(0)         # its hint is shown under the list
        self._show_hint()
        self.status.setText(S.PREVIEW_OK if not result.errors else S.PREVIEW_ERRORS.format(count=len(result.errors)))
        first = result.errors[0] if result.errors else None
        if first is not None and first.file and first.file == self.template_pane.current_name():
            self.template_pane.mark_line(first.line)
        else:
            self.template_pane.mark_line(None)   # the error is fixed (or elsewhere): its line is no longer marked

    def _show_hint(self) -> None:
        """Under the list, what to do about the selected error (the first one until another is chosen)."""
        item = self.errors.currentItem()
        error: ErrorInfo | None = item.data(ERROR_ROLE) if item is not None else None
        if error is None:
            self.hint.clear()
            self.hint.setVisible(False)
            return
        text = S.ERROR_HINT.format(hint=error.hint) if error.hint else ""
        if not error.line:                       # no line to go to: say where to look instead
            where = S.NO_LINE_IN_FILE.format(file=error.file) if error.file else S.NO_LINE_ANYWHERE
            text = f"{text}\n{where}" if text else where
        self.hint.setText(text)
        self.hint.setVisible(True)

    def _go_to_error(self, item: QListWidgetItem) -> None:
        error: ErrorInfo = item.data(ERROR_ROLE)
        if error.file:
            self.tabs.setCurrentIndex(1)
            self.template_pane.go_to(error.file, error.line, error.column)

    # ------------------------------------------------------------ saving
    def is_modified(self) -> bool:
        """True when the pack differs from what is in its folder."""
        self.template_pane.flush()
        return self.draft.files != self.saved_draft.files

    def save(self) -> int:
        """Check the current texts in the worker; they are written when the check passes (see ``_finish_save``)."""
        self.commit_forms()
        self.status.setText(S.SAVE_WAIT)
        self._save_request = self.request_preview(force=True)
        self._save_files = dict(self.draft.files)
        return self._save_request

    def _finish_save(self, result: WorkerResult) -> None:
        from ...template.user_packs import keep_unsaved, save_pack

        files = self._save_files
        try:
            if result.errors:
                folder = keep_unsaved(self.root.name, files)
                QMessageBox.warning(self, S.ERROR_TITLE, S.SAVE_BROKEN.format(count=len(result.errors), path=folder))
                return
            save_pack(self.root, files)
        except (BaocaoError, OSError) as exc:
            prompts.show_error(self, S.ERROR_TITLE, exc if isinstance(exc, BaocaoError) else str(exc))
            return
        self.saved_draft = PackDraft(files)
        self.good_draft = self.saved_draft
        self.status.setText(S.SAVE_DONE.format(path=self.root))
        self.saved.emit()

    def revert_to_good(self) -> bool:
        """Go back to the last version without errors (one undoable step)."""
        good = self.good_draft
        return self.change(lambda _d: good, S.BTN_REVERT)

