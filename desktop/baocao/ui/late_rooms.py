"""Rooms installed just after the window's first paint (start-up ordering, issue 16).

The rooms (review, packs, find/print/help, checks, importing, register, unplaced text,
contributions, tables …) add menus, docks and actions; none of that is needed to show the
draft, and importing and building them was about a third of the start-up.  ``baocao``
builds its window with ``defer_rooms=True``: the preview worker starts at once (it takes
longest), the draft is shown, and the rooms come right after the first paint, before the
first preview and the first check are asked for.

A room that is installed while a draft is already open missed the controller's
``sessionChanged``.  ``SessionRelay`` stands in for the controller while the rooms install:
every attribute is the controller's, except ``sessionChanged``, a signal of its own that
follows the controller's from then on; emitted once after the installs, it reaches only
the rooms' slots (the window and the preview do not load the draft twice).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class SessionRelay(QObject):
    """The controller as the rooms see it while they install (see the module text)."""

    sessionChanged = Signal()

    def __init__(self, controller: QObject):
        super().__init__(controller)
        self._controller = controller
        controller.sessionChanged.connect(self.sessionChanged)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._controller, name)


def start_worker_early() -> None:
    """Start the preview process now (its backend is installed with the rooms, after the first paint)."""
    from ..render.worker import worker_available

    if worker_available():
        from .preview_async import shared_worker, warm_up

        warm_up(shared_worker())


def install_late(window: Any, install: Callable[[], None]) -> None:
    """Run *install* (every room's install function) for *window* whose draft may already be open.

    While it runs, ``window.controller`` is a ``SessionRelay``; afterwards, when a draft is open,
    the rooms are told about it and the entry shown is shown again (rooms mark the editor).
    """
    controller = window.controller
    relay = SessionRelay(controller)
    window.controller = relay
    try:
        install()
    finally:
        window.controller = controller
    if controller.session is not None:
        relay.sessionChanged.emit()
        window.show_again()
