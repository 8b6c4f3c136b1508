"""The main window's live preview rendered in a worker process, off the window's thread.

``install_preview(window)`` gives the window's ``PreviewPane`` a
``PreviewBackend``: each refresh pickles the draft on the window's thread (a
consistent copy, a few milliseconds on the large report) and hands it to a
background thread that sends it to the shared ``PreviewWorker`` child.  Only
the newest request waits while one renders; older results are dropped once a
newer one was shown.  A render that runs away is killed by the worker, and the
preview shows which template and what to do while typing and autosave go on.

One worker process serves every window of the application (tests make many
windows); it starts on the first request and stops when the application quits.
Where child processes cannot start (``BAOCAO_NO_WORKER=1``), the pane keeps its
in-process source.
"""

from __future__ import annotations

import atexit
import pickle
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from ..render.worker import ErrorInfo, PreviewResult, PreviewWorker, worker_available
from .newest_job import NewestJob
from .thread_imports import PREVIEW_WORKER

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

_WORKER: PreviewWorker | None = None
_WORKER_GUARD = threading.Lock()


def shared_worker() -> PreviewWorker:
    """The application's one preview worker (created on first use, stopped at exit)."""
    global _WORKER
    with _WORKER_GUARD:
        if _WORKER is None:
            _WORKER = PreviewWorker()
            atexit.register(_WORKER.stop)
            app = QApplication.instance()
            if app is not None:
                app.aboutToQuit.connect(_WORKER.stop)
        return _WORKER


def warm_up(worker: PreviewWorker) -> None:
    """Start the preview process now, beside the window's own start-up, so the first preview need not wait
    for it (a second core does the work; nothing waits on this)."""
    from .thread_imports import PREVIEW_WORKER, preload

    preload(PREVIEW_WORKER)                   # the thread must not import (see ui/thread_imports.py)

    def start() -> None:
        with worker.lock:
            try:
                worker.start()
            except OSError:                   # the first render tries again and reports it
                pass

    threading.Thread(target=start, name="baocao-khoi-dong-xem-truoc", daemon=True).start()


class PreviewBackend(QObject):
    """Renders the window's draft in the worker; emits ``finished(result)`` on the window's thread."""

    finished = Signal(object)

    def __init__(self, window: "MainWindow", worker: PreviewWorker | None = None):
        super().__init__(window)
        self.window = window
        self.worker = worker or shared_worker()
        self._jobs = NewestJob(self._render, "baocao-xem-truoc", PREVIEW_WORKER)
        self._done = threading.Condition()
        self._results: dict[int, PreviewResult] = {}
        #: The pack whose last render was killed: no more waiting for it in ``refresh_now``.
        self.runaway_pack: Any = None

    def request(self) -> int | None:
        """Ask for a render of the window's draft now; returns the request id (None: no draft open)."""
        session = self.window.session
        if session is None:
            return None
        payload = pickle.dumps(session.draft, protocol=pickle.HIGHEST_PROTOCOL)
        return self._jobs.submit((session.pack, payload))

    @property
    def latest(self) -> int:
        """The id of the newest request."""
        return self._jobs.latest

    def busy(self) -> bool:
        """True while a render runs or waits."""
        return self._jobs.busy()

    def wait(self, request_id: int, timeout_s: float) -> PreviewResult | None:
        """Block until the result of *request_id* (or a newer one) is in, at most *timeout_s*; None if not."""
        with self._done:
            self._done.wait_for(lambda: any(k >= request_id for k in self._results), timeout_s)
            found = [k for k in self._results if k >= request_id]
            return self._results[max(found)] if found else None

    def _render(self, request_id: int, job: tuple[Any, bytes]) -> bool:
        pack, payload = job
        with self.worker.lock:
            try:
                result = self.worker.render(pack, request_id, payload)
            except Exception as exc:  # noqa: BLE001 - a failed start is a message, never a traceback
                result = PreviewResult(request_id, error=ErrorInfo(
                    f"Không chạy được bản xem trước ({type(exc).__name__}).",
                    "Hãy đóng rồi mở lại chương trình; việc soạn và lưu vẫn bình thường."))
        if result.killed:
            self.runaway_pack = pack
        elif result.error is None and self.runaway_pack is pack:
            self.runaway_pack = None
        with self._done:
            self._results = {k: v for k, v in self._results.items() if k > request_id - 4}
            self._results[request_id] = result
            self._done.notify_all()
        try:
            self.finished.emit(result)
        except RuntimeError:          # the window is gone
            return False
        return True


def install_preview(window: "MainWindow") -> PreviewBackend | None:
    """Render the window's preview in the worker process (nothing when child processes cannot start)."""
    if not worker_available():
        return None
    backend = PreviewBackend(window)
    window.preview.set_backend(backend, lambda document: setattr(window, "_document", document))
    warm_up(backend.worker)
    from .print_view import install_print_view

    install_print_view(window)
    return backend
