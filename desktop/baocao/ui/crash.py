"""Last-resort handling of unexpected exceptions in the window.

``install_excepthook`` replaces ``sys.excepthook``: the traceback goes to a
log file (platformdirs ``user_log_dir("baocao")``), a draft with unsaved edits
is copied to a recovery file next to the log, and the user sees a polite
Vietnamese message — never a traceback.  The window keeps running.
"""

from __future__ import annotations

import logging
import sys
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


def install_excepthook(get_session: Callable[[], "DraftSession | None"],
                       get_parent: Callable[[], object] = lambda: None) -> Callable:
    """Install the hook; returns the previous one."""
    previous = sys.excepthook
    busy = {"now": False}

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        if busy["now"]:                       # an error while reporting an error: log only
            log.error("error while handling an error", exc_info=(exc_type, exc, tb))
            return
        busy["now"] = True
        try:
            log_path = setup_logging()
            log.error("unexpected error", exc_info=(exc_type, exc, tb))
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

    sys.excepthook = hook
    return previous


def show_unexpected(parent: object, text: str) -> None:
    """The polite message box (skipped when there is no QApplication)."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        sys.stderr.write(text + "\n")
        return
    QMessageBox.critical(parent, S.UNEXPECTED_TITLE, text)  # type: ignore[arg-type]
