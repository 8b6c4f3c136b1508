"""One background thread that runs only the newest job: a job submitted while another runs replaces the
one waiting, so a burst of edits costs one render after the current one, never a queue.

The pack editor's preview and the main window's preview both render this way.  Everything the thread
will import is imported on the UI thread first (see ``ui/thread_imports.py``).
"""

from __future__ import annotations

import threading
from typing import Any, Callable

from .thread_imports import preload


class NewestJob:
    """Runs ``run(request_id, job)`` on its own thread for the newest submitted job; ``run`` returns False to
    stop (its receiver is gone)."""

    def __init__(self, run: Callable[[int, Any], bool], thread_name: str, imports: tuple[str, ...] = ()):
        self._run = run
        self._thread_name = thread_name
        self._imports = imports
        self._lock = threading.Lock()
        self._pending: tuple[int, Any] | None = None
        self._running = False
        self._counter = 0

    def submit(self, job: Any) -> int:
        """Queue *job* in place of any waiting one; returns its request id."""
        with self._lock:
            self._counter += 1
            request_id = self._counter
            self._pending = (request_id, job)
            start = not self._running
            self._running = True
        if start:
            preload(self._imports)            # the thread must not import (see ui/thread_imports.py)
            threading.Thread(target=self._loop, name=self._thread_name, daemon=True).start()
        return request_id

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
                pending, self._pending = self._pending, None
                if pending is None:
                    self._running = False
                    return
            if not self._run(*pending):
                with self._lock:
                    self._running = False
                return
