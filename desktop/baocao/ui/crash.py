"""Last-resort handling of unexpected exceptions in the window.

``install_excepthook`` replaces ``sys.excepthook``: the traceback goes to a
log file (platformdirs ``user_log_dir("baocao")``), a draft with unsaved edits
is copied to a recovery file next to the log, and the user sees a polite
Vietnamese message — never a traceback.  The window keeps running.

An exception can also escape a slot running on a worker ``QThread`` (PySide6 hands it to
``sys.excepthook`` on that thread) or a plain ``threading.Thread`` (``threading.excepthook``).
A message box or a recovery copy made there would touch widgets and the draft from the wrong
thread — Qt ends the process (SIGSEGV) instead of showing anything.  So off the UI thread the
hook only logs, and hands the copy and the message to the UI thread (``_UiThreadRelay``).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from ..session import DraftSession

log = logging.getLogger("baocao")
LOG_NAME = "baocao.log"


def log_dir() -> Path:
    """The folder of the log file and recovery copies (created on demand)."""
    from platformdirs import user_log_dir

    folder = Path(user_log_dir("baocao", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def setup_logging() -> Path | None:
    """Send the "baocao" logger to the log file; returns its path (None when it cannot be opened)."""
    try:
        path = log_dir() / LOG_NAME
        if not any(isinstance(h, logging.FileHandler) and Path(h.baseFilename) == path for h in log.handlers):
            handler = logging.FileHandler(path, encoding="utf-8")
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
            log.addHandler(handler)
            log.setLevel(logging.INFO)
        return path
    except OSError:
        return None


def emergency_save(session: "DraftSession | None") -> Path | None:
    """Copy a draft with unsaved edits next to the log; returns the copy (None if nothing to save or failed)."""
    if session is None or not session.is_modified():
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        folder = log_dir()
    except OSError:
        return None
    try:
        from ..storage import save_draft

        target = folder / f"khoi-phuc-{stamp}.baocao"
        save_draft(session.draft, target)
        return target
    except Exception:  # noqa: BLE001 - try the plain JSON form before giving up
        log.exception("emergency save as draft file failed")
    try:
        from ..storage import save_json_draft

        target = folder / f"khoi-phuc-{stamp}.json"
        save_json_draft(session.draft, target)
        return target
    except Exception:  # noqa: BLE001
        log.exception("emergency save as JSON failed")
        return None


def _ui_thread_relay() -> Callable[[Callable[[], None]], None] | None:
    """A function running a callable later on the UI thread (None without a QApplication).

    A ``QObject`` made here, on the UI thread, with a signal connected to its own slot: emitted
    from another thread, Qt queues the call to this object's thread.
    """
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return None

    class _UiThreadRelay(QObject):
        call = Signal(object)

        def __init__(self) -> None:
            super().__init__(app)             # lives (and dies) with the application, on its thread
            self.call.connect(self._run)

        def _run(self, function: object) -> None:
            function()                        # type: ignore[operator]

    relay = _UiThreadRelay()
    return relay.call.emit


def _on_ui_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def install_excepthook(get_session: Callable[[], "DraftSession | None"],
                       get_parent: Callable[[], object] = lambda: None) -> Callable:
    """Install the hook (``sys.excepthook`` and ``threading.excepthook``); returns the previous ``sys`` one."""
    previous = sys.excepthook
    busy = {"now": False}
    to_ui_thread = _ui_thread_relay()

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        if not _on_ui_thread():               # a worker's error: log it here, tell the drafter there
            log_path = setup_logging()
            log.error("unexpected error on thread %s", threading.current_thread().name,
                      exc_info=(exc_type, exc, tb))
            if to_ui_thread is not None:
                to_ui_thread(lambda: report(exc_type, log_path))
            return
        if busy["now"]:                       # an error while reporting an error: log only
            log.error("error while handling an error", exc_info=(exc_type, exc, tb))
            return
        log_path = setup_logging()
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        report(exc_type, log_path)

    def report(exc_type: type[BaseException], log_path: Path | None) -> None:
        """The recovery copy and the message (on the UI thread; the error is logged already)."""
        if busy["now"]:
            return
        busy["now"] = True
        try:
            recovery = emergency_save(get_session())
            text = S.UNEXPECTED_TEXT.format(kind=exc_type.__name__, log=log_path or "(không ghi được nhật ký)")
            session = get_session()
            if recovery is not None:
                text += S.UNEXPECTED_RECOVERY.format(path=recovery)
            elif session is not None and session.is_modified():
                text += S.UNEXPECTED_NO_RECOVERY
            show_unexpected(get_parent(), text)
        finally:
            busy["now"] = False

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:       # threading's own convention: a thread ending itself
            return
        hook(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
    return previous


def show_unexpected(parent: object, text: str) -> None:
    """The polite message box (skipped when there is no QApplication)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        sys.stderr.write(text + "\n")
        return
    QMessageBox.critical(parent, S.UNEXPECTED_TITLE, text)  # type: ignore[arg-type]
