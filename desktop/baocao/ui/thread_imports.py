"""Import on the UI thread what work on other threads will use.

A module imported for the first time on a worker thread goes through shiboken's import hook
(``shibokensupport.feature``: it reads the new module's source to see whether it uses PySide6)
on that thread, while the UI thread runs Qt.  With a draft reopened from crash recovery that
race ended the process with SIGSEGV every time (the whole-report check importing its rules on
its worker).  So every background job imports its modules here first, on the UI thread; the
workers then only use modules already loaded.
"""

from __future__ import annotations

import importlib
import pkgutil

#: what each kind of background work needs (packages are imported with all their modules)
CHECKS = ("baocao.checks", "baocao.spelling", "baocao.localities", "baocao.legacy_text", "baocao.tables",
          "encodings.cp1252")
WORD_WRITERS = ("baocao.writers.docx", "baocao.writers.pdf", "baocao.fsutil", "encodings.cp1252")
#: the preview thread starts and talks to the preview process (multiprocessing loads these lazily)
PREVIEW_WORKER = ("multiprocessing.connection", "multiprocessing.spawn", "multiprocessing.popen_spawn_posix",
                  "multiprocessing.popen_fork", "multiprocessing.resource_tracker", "multiprocessing.util",
                  "_posixshmem", "runpy")
REVIEW_EXPORTS = ("baocao.review", *WORD_WRITERS)

_done: set[str] = set()


def preload(names: tuple[str, ...]) -> None:
    """Import *names* — modules, or packages with every module in them — once each, on this thread."""
    fresh = False
    for name in names:
        if name in _done:
            continue
        fresh = True
        _done.add(name)
        try:
            module = importlib.import_module(name)
        except ImportError:                   # a platform's own module (_posixshmem, _winapi …) elsewhere
            continue
        path = getattr(module, "__path__", None)
        if path is not None:
            for info in pkgutil.walk_packages(path, name + "."):
                importlib.import_module(info.name)
    if fresh:
        forget_sources()


def forget_sources() -> None:
    """Forget the source lines PySide6's import hook read while modules were imported (several MiB).

    shiboken's ``__feature__`` support reads the source of each newly imported module (does it use
    PySide6?) through ``linecache``; nothing needs those lines afterwards (a traceback reads them again).
    """
    import linecache

    linecache.clearcache()
