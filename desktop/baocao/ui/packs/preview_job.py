"""Runs the pack editor's check + preview in the worker process, off the window's thread.

Only the newest request matters: while one job runs, a newer request waits,
and results of superseded requests are dropped.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, Signal

from ...render.worker import WorkerResult, render_in_worker


class PreviewJobs(QObject):
    """Starts worker renders one at a time; emits ``finished(request_id, result)`` on the window's thread."""

    finished = Signal(int, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._lock = threading.Lock()
        self._pending: tuple[int, dict[str, str], Any] | None = None
        self._running = False
        self._counter = 0

    def request(self, files: dict[str, str], draft: Any) -> int:
        """Ask for a check + render of *files* with *draft* (None: the filled sample); returns the request id."""
        with self._lock:
            self._counter += 1
            self._pending = (self._counter, dict(files), draft)
            start = not self._running
            self._running = True
        if start:
            threading.Thread(target=self._loop, name="baocao-xem-mau", daemon=True).start()
        return self._counter

    @property
    def latest(self) -> int:
        """The id of the newest request."""
        return self._counter

    def busy(self) -> bool:
        """True while a job runs or waits."""
        with self._lock:
            return self._running

    def _loop(self) -> None:
        while True:
            with self._lock:
                job, self._pending = self._pending, None
                if job is None:
                    self._running = False
                    return
            request_id, files, draft = job
            try:
                result = render_in_worker(files, draft)
            except Exception as exc:  # noqa: BLE001 - a failed start is shown as a message, never a traceback
                from ...render.worker import ErrorInfo

                result = WorkerResult(None, [ErrorInfo(f"Không chạy được bản xem trước ({type(exc).__name__}).",
                                                       "Thử đóng rồi mở lại trình sửa mẫu.")])
            try:
                self.finished.emit(request_id, result)
            except RuntimeError:            # the pack editor was closed while the job ran: nobody to tell
                with self._lock:
                    self._running = False
                return
