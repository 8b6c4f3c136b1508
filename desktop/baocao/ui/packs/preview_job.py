"""Runs the pack editor's check + preview in the worker process, off the window's thread.

Only the newest request matters: while one job runs, a newer request waits,
and results of superseded requests are dropped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from ...render.worker import ErrorInfo, WorkerResult, render_in_worker
from ..newest_job import NewestJob
from ..thread_imports import PREVIEW_WORKER


class PreviewJobs(QObject):
    """Starts worker renders one at a time; emits ``finished(request_id, result)`` on the window's thread."""

    finished = Signal(int, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._jobs = NewestJob(self._render, "baocao-xem-mau", PREVIEW_WORKER)

    def request(self, files: dict[str, str], draft: Any) -> int:
        """Ask for a check + render of *files* with *draft* (None: the filled sample); returns the request id."""
        return self._jobs.submit((dict(files), draft))

    @property
    def latest(self) -> int:
        """The id of the newest request."""
        return self._jobs.latest

    def busy(self) -> bool:
        """True while a job runs or waits."""
        return self._jobs.busy()

    def _render(self, request_id: int, job: tuple[dict[str, str], Any]) -> bool:
        files, draft = job
        try:
            result = render_in_worker(files, draft)
        except Exception as exc:  # noqa: BLE001 - a failed start is shown as a message, never a traceback
            result = WorkerResult(None, [ErrorInfo(f"Không chạy được bản xem trước ({type(exc).__name__}).",
                                                   "Thử đóng rồi mở lại trình sửa mẫu.")])
        try:
            self.finished.emit(request_id, result)
        except RuntimeError:            # the pack editor was closed while the job ran: nobody to tell
            return False
        return True
