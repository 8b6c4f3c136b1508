"""The main window's live preview rendered in a worker process, off the window's thread.

``install_preview(window)`` gives the window's ``PreviewPane`` a
``PreviewBackend``: each refresh pickles, on the window's thread (a
consistent copy), what changed since the worker last got the draft — the rows
of the draft the undoable edits touched (``render/draft_delta.py``), or the
whole draft when it is the first render, the draft changed without an edit we
know of, or the worker lost it — and hands it to a background thread that
sends it to the shared ``PreviewWorker`` child.  A burst of edits whose
requests were dropped is carried by the next request (changes are logged
until a request that holds them was sent).  Only
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

from ..render.draft_delta import draft_shape, make_delta
from ..render.worker import ErrorInfo, PreviewResult, PreviewWorker, worker_available
from .newest_job import NewestJob
from .thread_imports import PREVIEW_WORKER

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

_WORKER: PreviewWorker | None = None
#: how long the window waits for the early render before its rooms are installed (it comes later otherwise)
FIRST_PREVIEW_WAIT_S = 0.5
#: the ``delta`` of a job that fetches the render the preview process made before the window asked
EARLY = "early"
_WORKER_GUARD = threading.Lock()


def shared_worker() -> PreviewWorker:
    """The application's one preview worker (created on first use, stopped at exit)."""
    global _WORKER
    with _WORKER_GUARD:
        if _WORKER is None:
            from ..render import early_preview

            _WORKER = early_preview.EARLY_WORKER or PreviewWorker()   # started before Qt by ``baocao FILE``
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
        self._seq = 0                          # numbers the requests (the log below)
        self._sent_seq = 0                     # the newest request the worker thread has sent (set there)
        self._log: list[tuple[int, set[str] | None]] = []   # (request, rows changed before it) not yet sent
        self._changed: set[str] | None = None  # rows changed since the last request (None: anything)
        self._shape: Any = None                # the draft's shape at the last request
        self._session: Any = None              # the session of the last request
        self._counter = -1                     # its edit counter then, plus the edits seen since
        self.need_full = True                  # the worker must be sent the whole draft
        self.full_sends = 0
        controller = getattr(window, "controller", None)
        if controller is not None:
            controller.editApplied.connect(self._edit_applied)
            controller.sessionChanged.connect(self._forget)

    def _edit_applied(self, edit: Any, _origin: Any) -> None:
        from ..session import edit_keys

        keys = edit_keys(edit)
        self._counter += 1
        if keys is None or self._changed is None:
            self._changed = None
        else:
            self._changed |= keys

    def _forget(self) -> None:
        self._changed = None

    def _payload(self, session: Any, explicit: bool) -> tuple[bytes, bool]:
        """The pickled delta (True) or whole draft (False) to send for a request now."""
        whole = self._seq_changes(session, explicit)
        shape = draft_shape(session.draft)
        keys: set[str] | None = set()
        for _, logged in self._log:
            keys = None if logged is None or keys is None else keys | logged
        full = keys is None or self.need_full or shape != self._shape or whole
        self._shape = shape
        if not full:
            delta = make_delta(session.draft, keys)          # type: ignore[arg-type]
            if delta is not None:
                return pickle.dumps(delta, protocol=pickle.HIGHEST_PROTOCOL), True
        self.need_full = False
        self.full_sends += 1
        return pickle.dumps(session.draft, protocol=pickle.HIGHEST_PROTOCOL), False

    def _seq_changes(self, session: Any, explicit: bool) -> bool:
        """Log the rows changed since the last request; True when the whole draft must go (another draft, or
        its edit counter moved by more than the edits seen: a change made past the undo stack)."""
        changed, self._changed = self._changed, set()
        if explicit and changed == set():      # F5 with no edit we know of: the draft may have changed otherwise
            changed = None
        self._seq += 1
        sent = self._sent_seq
        self._log = [(seq, keys) for seq, keys in self._log if seq > sent]
        self._log.append((self._seq, changed))
        unseen = session.edit_counter != self._counter      # the draft changed without an edit seen here
        new_session = session is not self._session
        self._session, self._counter = session, session.edit_counter
        return new_session or unseen

    def request(self, explicit: bool = False) -> int | None:
        """Ask for a render of the window's draft now; returns the request id (None: no draft open).

        *explicit* (F5, opening a draft): with no edit known since the last request, the whole draft is sent.
        The first request for a draft that the preview process read itself before the window started
        (``render.early_preview``) sends nothing of the draft: it fetches that render.
        """
        session = self.window.session
        if session is None:
            return None
        early = self._early_key(session)
        if early is not None:
            self._seq_changes(session, explicit)
            self._shape = draft_shape(session.draft)
            self.need_full = False               # the process holds this draft once it answers (else: resend)
            return self._jobs.submit((session.pack, early, EARLY, self._seq, (id(self), id(session))))
        payload, delta = self._payload(session, explicit)
        return self._jobs.submit((session.pack, payload, delta, self._seq, (id(self), id(session))))

    def _early_key(self, session: Any) -> tuple | None:
        """What the preview process must have read for its early render to be this draft's; None: not usable."""
        from ..render import early_preview as worker_module

        expected = worker_module.EARLY_FILE
        if expected is None or self.worker is not worker_module.EARLY_WORKER or self.full_sends or \
                self._session is not None or session.edit_counter != 0 or session.path is None:
            return None
        worker_module.EARLY_FILE = None          # asked once: later drafts and windows render the usual way
        key = worker_module.early_key(str(session.path))
        if key is None or key[0] != expected:    # another file (the process compares the rows it read)
            return None
        return key, session.pack.id, str(session.pack.root), draft_shape(session.draft)

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

    def _render(self, request_id: int, job: tuple[Any, Any, Any, int, Any]) -> bool:
        pack, payload, delta, seq, base = job
        with self.worker.lock:
            try:
                if delta is EARLY:
                    result = self.worker.render_early(pack, request_id, payload, base)
                else:
                    result = self.worker.render(pack, request_id, payload, base, delta)
                if result.resend:
                    self.need_full = True      # the next request sends the whole draft
                else:
                    self._sent_seq = seq
            except Exception as exc:  # noqa: BLE001 - a failed start is a message, never a traceback
                result = PreviewResult(request_id, error=ErrorInfo(
                    f"Không chạy được bản xem trước ({type(exc).__name__}).",
                    "Hãy đóng rồi mở lại chương trình; việc soạn và lưu vẫn bình thường."))
        if result.killed:
            self.runaway_pack = pack
        elif result.error is None and self.runaway_pack is pack:
            self.runaway_pack = None
        with self._done:
            # the newest result only: each one holds a whole HTML and document
            self._results = {k: v for k, v in self._results.items() if k > request_id}
            self._results[request_id] = result
            self._done.notify_all()
        try:
            self.finished.emit(result)
        except RuntimeError:          # the window is gone
            return False
        return True


def early_render_waiting(window: "MainWindow") -> bool:
    """True when the preview process has (or is making) a render of the draft file this window just opened."""
    from ..render import early_preview as worker_module

    session = window.session
    return (worker_module.EARLY_FILE is not None and worker_module.EARLY_WORKER is not None
            and session is not None and session.path is not None and session.edit_counter == 0
            and worker_available())


def show_first_preview(window: "MainWindow") -> bool:
    """Show the render the preview process made before the window asked (``render.early_preview``),
    waiting for it at most ``FIRST_PREVIEW_WAIT_S``; False (nothing done) when there is none for this draft.

    The window calls this before installing its rooms, so the first preview is on screen before them (the
    print view, which adds to the menus, still comes with the rooms: ``install_preview``).
    """
    if not early_render_waiting(window):
        return False
    _backend_for(window)
    window.preview.show_soon(FIRST_PREVIEW_WAIT_S)
    return True


def _backend_for(window: "MainWindow") -> PreviewBackend:
    """The window's one preview backend (made on first use)."""
    existing = getattr(window, "preview_backend", None)
    if isinstance(existing, PreviewBackend):
        return existing
    backend = PreviewBackend(window)
    window.preview_backend = backend
    window.preview.set_backend(backend, lambda summary: setattr(window, "_summary", summary))
    warm_up(backend.worker)
    return backend


def install_preview(window: "MainWindow") -> PreviewBackend | None:
    """Render the window's preview in the worker process (nothing when child processes cannot start).

    The backend may already be there (``show_first_preview``): the same one is kept.
    """
    if not worker_available():
        return None
    backend = _backend_for(window)
    from .print_view import install_print_view

    install_print_view(window)
    return backend
