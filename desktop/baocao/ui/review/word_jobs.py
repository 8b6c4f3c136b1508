"""The Word exports of the review (with comments, comparison copy) written off the UI thread.

The window renders the document model(s) on the UI thread, as the normal export
does (fast; afterwards the draft is not touched), and copies what the comments
need; a ``WordJob`` on the global QThreadPool builds the .docx, adds the
comments or the tracked changes and writes the file atomically, then reports
back through ``WordExports.finished``.  Errors read like the normal export's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ...errors import BaocaoError
from ...fsutil import atomic_write
from ...oserrors import os_error_text
from .. import prompts, strings as WS
from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

log = logging.getLogger("baocao.ui")
#: the progress dialog shows only when a job takes longer than this (ms)
PROGRESS_AFTER_MS = 400
Build = Callable[[], tuple[bytes, int]]


def run_build(build: Build, target: Path) -> tuple[int, str]:
    """Build the file and write it to *target* atomically: (count, "") or (0, Vietnamese error text)."""
    try:
        data, count = build()
        with atomic_write(target) as handle:
            handle.write(data)
        return count, ""
    except BaocaoError as exc:
        return 0, exc.user_text()
    except OSError as exc:
        log.exception("review export failed")
        return 0, f"{WS.EXPORT_FAILED_TITLE}: {os_error_text(exc)}."
    except Exception as exc:  # noqa: BLE001 - reported politely, details in the log
        log.exception("review export failed")
        return 0, f"{WS.EXPORT_FAILED_TITLE}: {type(exc).__name__}: {exc}"


class _Signals(QObject):
    finished = Signal(str, str, int)        # path, error text ("" on success), count


class WordJob(QRunnable):
    """Runs *build* (returns the .docx bytes and a count) and writes *target*."""

    def __init__(self, build: Build, target: Path):
        super().__init__()
        self.build, self.target = build, Path(target)
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:
        count, error = run_build(self.build, self.target)
        self.signals.finished.emit(str(self.target), error, count)


class WordExports(QObject):
    """Starts the review's Word jobs and tells the user how they ended (``finished`` for tests)."""

    finished = Signal(str, str)             # path, error text

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        self._jobs: dict[str, tuple[WordJob, str]] = {}
        self._progress = None

    def busy(self) -> bool:
        """True while a job is running."""
        return bool(self._jobs)

    def start(self, build: Build, target: Path, done_text: str) -> bool:
        """Run *build* in the background; *done_text* ("… {n} … {path}") is shown when it has written *target*."""
        job = WordJob(build, target)
        job.signals.finished.connect(self._finished)
        self._jobs[str(job.target)] = (job, done_text)
        self._show_progress(job.target)
        from ..thread_imports import REVIEW_EXPORTS, preload

        preload(REVIEW_EXPORTS)               # the job's thread must not import (see ui/thread_imports.py)
        QThreadPool.globalInstance().start(job)
        return True

    def _show_progress(self, path: Path) -> None:
        from PySide6.QtWidgets import QProgressDialog

        progress = QProgressDialog(WS.EXPORTING.format(name=path.name), "", 0, 0, self.window)
        progress.setWindowTitle(S.EXPORT_TITLE)
        progress.setCancelButton(None)
        progress.setMinimumDuration(PROGRESS_AFTER_MS)
        progress.setAutoClose(False)
        progress.setValue(0)
        self._progress = progress
        self.window.statusBar().showMessage(WS.EXPORTING.format(name=path.name))

    def _finished(self, path: str, error: str, count: int) -> None:
        _job, done_text = self._jobs.pop(path, (None, ""))
        if self._progress is not None and not self._jobs:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        if error:
            self.window.statusBar().clearMessage()
            prompts.show_error(self.window, S.EXPORT_FAILED, error)
        else:
            self.window.settings.set_last_dir(path)
            self.window.statusBar().showMessage(done_text.format(n=count, path=path), 8000)
        self.finished.emit(path, error)
