"""What the checks room's worker threads need imported on the UI thread first (see ``ui/thread_imports``).

``thread_imports.CHECKS`` names whole packages; ``baocao.spelling`` also holds the reader of
word lists kept in .docx files (``spelling.docx_text``, used only by ``baocao check --tu-dien``),
which loads lxml — about 4 MiB of the window's memory that no check needs.  ``check_imports``
is ``CHECKS`` with that package's modules named one by one, without the ones in ``NOT_NEEDED``.
"""

from __future__ import annotations

import pkgutil
from functools import lru_cache

from ..thread_imports import CHECKS

#: modules of the checks' packages that the window's checks never import
NOT_NEEDED = frozenset({"baocao.spelling.docx_text"})
_SPLIT = "baocao.spelling"


@lru_cache(maxsize=1)
def check_imports() -> tuple[str, ...]:
    """The modules and packages to preload before a check runs on a worker thread."""
    import importlib

    package = importlib.import_module(_SPLIT)
    modules = [info.name for info in pkgutil.walk_packages(package.__path__, _SPLIT + ".")
               if info.name not in NOT_NEEDED]
    return tuple(name for name in CHECKS if name != _SPLIT) + tuple(modules)   # the package itself: walked whole


def preload_checks() -> None:
    """Import, on this (the UI) thread, everything the checks' worker threads will use."""
    from ..thread_imports import preload

    preload(check_imports())
