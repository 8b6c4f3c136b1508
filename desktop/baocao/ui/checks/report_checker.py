"""The whole-report findings list, computed on a worker thread after each pause in typing.

The window used to run ``check_draft`` on the UI thread whenever the preview
refreshed: about 200 ms the first time on a large draft (word lists loaded,
every paragraph checked) and about 20 ms after that.  ``ReportChecker`` hands a
``draft_snapshot`` (containers copied, leaves shared: see
``baocao.model.snapshot``) to a ``ReportCheckWorker`` in its own ``QThread``
and applies the result on the UI thread with ``MainWindow.set_findings``.  A
result for an older version of the draft, or for a draft since closed, is
dropped, and requests made while a check runs are folded into one.

The worker shares the interpreter with the UI thread: a check holding it while
the drafter types made keystrokes wait (20–40 ms, up to 100 ms on a busy
machine).  So the check stops at its pause points (``check_draft(pause=…)``)
while edits keep coming — it sleeps until ``TYPING_QUIET_S`` has passed since
the last one — and gives up at once when a newer check has been asked for
(its result would be dropped anyway).

Explicit actions (Kiểm tra, a quick fix, a dismissal) still check at once on
the UI thread (``MainWindow._refresh_findings``): their result is needed there
and then, and the lists are cached by then.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ...model.snapshot import draft_snapshot
from .imports import preload_checks

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow


#: the whole-report check waits while the last edit is more recent than this (seconds)
TYPING_QUIET_S = 0.3
#: how often a waiting check looks again (seconds; it sleeps, leaving the interpreter to the UI thread)
PAUSE_POLL_S = 0.03
#: the worker's answer for a check given up because a newer one was asked for
SUPERSEDED = "superseded"


class CheckActivity:
    """What the UI thread tells a running check: the newest generation asked for and when the last edit came.

    Plain attributes, written on the UI thread and read by the worker between texts.  *clock* and
    *sleep* are ``time.monotonic`` and ``time.sleep`` (tests give their own).
    """

    def __init__(self, clock=time.monotonic, sleep=time.sleep) -> None:
        self.clock, self.sleep = clock, sleep
        self.generation = 0
        self.last_edit = 0.0                  # clock() of the last edit; 0: none yet

    def edited(self) -> None:
        """An edit was just made: a running check waits until typing pauses."""
        self.last_edit = self.clock()


class _Superseded(Exception):
    """A newer check was asked for while this one ran."""


class ReportCheckWorker(QObject):
    """Runs ``check_draft`` on a snapshot, away from the UI thread."""

    done = Signal(int, object)               # generation, list[Finding], None (failed) or SUPERSEDED

    def __init__(self, activity: CheckActivity | None = None):
        super().__init__()
        self.activity = activity if activity is not None else CheckActivity()

    def pause_for(self, generation: int):
        """The *pause* hook of ``check_draft`` for the check of *generation* (see the module's docstring)."""
        activity = self.activity

        def pause() -> None:
            while True:
                if activity.generation != generation:
                    raise _Superseded
                if activity.clock() - activity.last_edit >= TYPING_QUIET_S:
                    return
                activity.sleep(PAUSE_POLL_S)

        return pause

    @Slot(int, object, object)
    def run(self, generation: int, draft: object, pack: object) -> None:
        """Check *draft* (a snapshot) against *pack*; ``None`` when the check itself failed.

        Only plain data crosses to this thread — never the session: the last reference to a closed
        session must not be dropped here, where its Qt timers cannot be stopped.
        """
        from ...checks import check_draft
        from ...checks.unit_cache import WINDOW_SAVE_INTERVAL_S

        try:   # through the persistent per-string cache: the first check of a draft opened before is quick too
            findings = check_draft(draft, pack, cache=True, save_interval_s=WINDOW_SAVE_INTERVAL_S,  # type: ignore[arg-type]
                                   pause=self.pause_for(generation))
        except _Superseded:
            findings = SUPERSEDED
        except Exception:  # noqa: BLE001 - a fault in a rule must not end the thread; the UI checks itself then
            findings = None
        del draft, pack
        self.done.emit(generation, findings)


class ReportChecker(QObject):
    """Keeps ``window._findings`` current without blocking the UI thread."""

    findingsReady = Signal()                 # a background result was applied (tests wait for it)
    _request = Signal(int, object, object)

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        self._running = False
        self._again = False
        self.activity = CheckActivity()
        self._thread = QThread(self)
        self._thread.setObjectName("baocao-kiem-tra-ca-bao-cao")
        self._worker = ReportCheckWorker(self.activity)
        self._worker.moveToThread(self._thread)
        self._worker.done.connect(self._received)
        self._request.connect(self._worker.run)
        self._thread.start()
        window.controller.sessionChanged.connect(self._forget)
        window.controller.editApplied.connect(lambda _edit, _origin: self.activity.edited())
        window.destroyed.connect(self.stop)

    @property
    def _generation(self) -> int:
        return self.activity.generation

    @_generation.setter
    def _generation(self, value: int) -> None:
        self.activity.generation = value     # a check still running for an older one gives up at its next pause

    def _forget(self) -> None:
        """Another draft is open: a result still on its way is for the old one."""
        self._generation += 1

    @property
    def busy(self) -> bool:
        """True while a check runs on the worker."""
        return self._running

    def schedule(self) -> None:
        """Check the draft as it is now; the result comes back through ``MainWindow.set_findings``."""
        self._generation += 1                 # any result still on its way is stale now
        if self._running:
            self._again = True
            return
        self._send()

    def _send(self) -> None:
        session = self.window.session
        if session is None:
            return
        preload_checks()                      # the worker must not import (see ui/thread_imports.py)
        self._running, self._again = True, False
        self._request.emit(self._generation, draft_snapshot(session.draft), session.pack)

    def _received(self, generation: int, findings: object) -> None:
        self._running = False
        window = self.window
        if self._again:
            self._send()
            return
        if generation != self._generation or window.session is None or findings is SUPERSEDED:
            return                            # edited since, another draft is open now, or none
        if findings is None:                  # the worker's check failed: the UI thread's check says why
            window._refresh_findings()        # noqa: SLF001 - the window's own synchronous refresh
        else:
            window.set_findings(findings)     # type: ignore[arg-type]
        self.findingsReady.emit()

    def stop(self) -> None:
        """End the worker thread (the window is closing)."""
        if self._thread.isRunning():
            self._thread.quit()
            self._thread.wait(5000)
        if not self._thread.isRunning():       # what the worker learnt since its last write (at most 30 s of it)
            from ...checks.unit_cache import save_loaded

            save_loaded()
