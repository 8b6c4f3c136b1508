"""The preview process started before the window, reading and rendering the draft file itself (issue 16).

``baocao FILE.baocao`` calls ``start_early_preview`` before Qt is imported: the preview process
(``worker.PreviewWorker``, adopted later by ``ui.preview_async.shared_worker``) reads the draft file
read-only, loads its pack and renders it on the other core while the window loads Qt and opens the same
file.  The window's first preview then fetches that render (``PreviewWorker.render_early``) instead of
pickling its draft — only when its draft came from the same file with the same draft rows
(``early_key``: a SHA-256 of them; a history entry or a save stamp written meanwhile changes nothing),
the same pack and the same shape (``fit_shape``); otherwise the worker answers ``resend`` and the window
sends its draft as usual.  No Qt.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from .worker import PreviewWorker, worker_available

def early_render(path: str, renderer_class: Any) -> tuple[Any, Any, Any, Any, Any]:
    """Read the draft file *path* (read-only) and its pack, render it: (key, renderer, draft, document, html).

    *key* (``early_key``) says which file this is, as it was when read; the window uses the result only
    when its own draft came from the same file, unchanged, with the same pack.
    """
    from ..storage import open_draft
    from ..template import load_pack
    from ..writers.html import document_to_html

    key = early_key(path)
    draft = open_draft(path)
    if key is None or early_key(path) != key:       # written while it was read: the window sends its draft
        raise OSError("the draft file changed while it was read")
    pack = load_pack(draft.template_id)
    renderer = renderer_class(pack)
    document = renderer.render(draft)
    html = document_to_html(document, standalone=False)
    return (key, pack.id, str(pack.root)), renderer, draft, document, html


def fit_shape(draft: Any, shape: tuple) -> bool:
    """Give *draft* (read from the file) the empty sections and tables the window's copy has created since it
    opened the same file (``Draft.section`` creates them on first access); True when the shapes are then equal."""
    from .draft_delta import draft_shape

    sections, tables, extras, template_id = shape
    if template_id != draft.template_id or tuple(draft.extras) != tuple(extras):
        return False
    for section_id in sections:
        if section_id not in draft.sections:
            draft.section(section_id)
    for table_id in tables:
        if table_id not in draft.tables:
            draft.table_rows(table_id)
    return draft_shape(draft) == tuple(shape)


#: the rows a draft is read from (not the history, not who saved it when): equal rows give an equal draft
_DRAFT_ROWS = ("SELECT value FROM info WHERE key = 'template_id'", "SELECT data FROM meta",
               "SELECT section_id, position, status, body, fields FROM sections ORDER BY section_id",
               "SELECT table_id, rows FROM tables_data ORDER BY table_id",
               "SELECT name, data FROM extras ORDER BY name")


def early_key(path: str) -> tuple[str, str] | None:
    """(resolved path, SHA-256 of the rows the draft is read from) of a draft file; None when unreadable.

    Writing a history entry or a save stamp (the window does both right after opening) changes neither.
    """
    import hashlib
    import sqlite3

    try:
        resolved = Path(path).resolve()
        conn = sqlite3.connect(f"{resolved.as_uri()}?mode=ro", uri=True, timeout=1.0)
    except (OSError, ValueError, sqlite3.Error):
        return None
    digest = hashlib.sha256()
    try:
        with conn:
            conn.execute("BEGIN")                 # one consistent reading of every table
            for query in _DRAFT_ROWS:
                try:
                    rows = conn.execute(query).fetchall()
                except sqlite3.OperationalError as exc:
                    if "no such table" not in str(exc):
                        raise
                    rows = []                     # an older format without that table
                digest.update(repr(rows).encode("utf-8", "surrogatepass"))
                digest.update(b"\0")
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return str(resolved), digest.hexdigest()


#: the worker started by ``start_early_preview`` (``ui.preview_async.shared_worker`` adopts it)
EARLY_WORKER: PreviewWorker | None = None
#: the draft file (resolved path) the early worker was asked to read; None: none (or already asked for)
EARLY_FILE: str | None = None


def start_early_preview(path: str | None) -> None:
    """Start the preview process now, before the window imports Qt, and let it read and render *path*.

    ``baocao FILE.baocao`` calls this first: the child reads the draft file (read-only, no lock) and
    renders it on the other core while this process loads Qt and opens the same file; the window's first
    preview then only fetches the result (``PreviewWorker.render_early``) — when its draft came from the
    same, unchanged file with the same pack; otherwise it sends its own draft as usual.
    """
    global EARLY_WORKER, EARLY_FILE
    if EARLY_WORKER is not None or not worker_available():
        return
    from ..ui.thread_imports import PREVIEW_WORKER, preload     # no Qt there

    preload(PREVIEW_WORKER)               # a first import on the thread below would race Qt's import hook later
    worker = EARLY_WORKER = PreviewWorker()
    try:
        wanted = str(Path(path).resolve()) if path and not path.lower().endswith(".json") else None
    except (OSError, ValueError):
        wanted = None
    EARLY_FILE = wanted

    def start() -> None:
        with worker.lock:
            try:
                worker.start()
                if wanted is not None:
                    worker._conn.send(("early", wanted))   # noqa: SLF001 - the worker's own pipe, under its lock
            except (OSError, ValueError):  # the first render starts it again and reports what fails
                pass

    threading.Thread(target=start, name="baocao-xem-truoc-som", daemon=True).start()
