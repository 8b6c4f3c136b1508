"""The notice above a section's fields whose figures come from a table (issue 13: I.1.a from Phụ lục 02).

``install_figures_link(window)`` sets the fields form's ``decorate`` hook: after
the form is built or refreshed it asks ``baocao.tables.linked`` for the
current section's figures.  While the pack's source has rows, the linked
fields show the computed values read-only with «Tính từ Phụ lục 02 — nguồn …»;
without rows the notice says the typed figures are printed.  The button jumps
to the appendix table.  Nothing here changes the draft.
"""

from __future__ import annotations

from typing import Any

from ...tables.linked import linked_figures
from .. import navigation as nav
from . import strings as T


def _appendix_key(window: Any, table_id: str) -> str | None:
    appendix = next((a for a in window.session.pack.appendices if a.table == table_id), None)
    return nav.appendix_key(appendix.id) if appendix is not None else None


def _linked_below(window: Any, key: str) -> bool:
    """True when the section's own link row (under the fields) already opens the appendix *key*."""
    shown = getattr(window.editor, "linked_appendix_ids", [])
    return any(nav.appendix_key(appendix_id) == key for appendix_id in shown)


def refresh_link(window: Any, form: Any) -> None:
    """Show (or hide) the notice and the computed values for the section the editor shows."""
    session, section_id = window.session, window.editor.section_id
    figures = linked_figures(session.draft, session.pack, section_id) if session and section_id else None
    if figures is None:
        form.clear_link()
        return
    values = session.draft.section(section_id).fields
    key = _appendix_key(window, figures.link.table.id)
    label, source = figures.appendix_label, figures.link.choice.label
    action = (lambda: window.select(key)) if key else (lambda: None)
    button = T.LINK_BUTTON.format(appendix=label) if key and not _linked_below(window, key) else ""
    if figures.active:
        notice = T.LINK_ACTIVE.format(appendix=label, source=source, rows=figures.row_count)
        form.show_link(notice, button, action, {k: figures.shown(k) for k in figures.values}, values)
    else:
        form.show_link(T.LINK_FALLBACK.format(appendix=label, source=source), button, action, {}, values)


def install_figures_link(window: Any) -> None:
    """Hook the fields form of *window*'s section editor (see the module text).

    The notice moves out of the (height-limited) scroll area of the fields to just above it, so the
    fields keep their room.
    """
    editor, form = window.editor, window.editor.fields
    form.decorate = lambda f: refresh_link(window, f)
    layout = editor.layout()
    at = layout.indexOf(editor.fields_area) if hasattr(editor, "fields_area") else -1
    if at >= 0:
        form.layout().removeWidget(form.notice_box)
        form.notice_box.setParent(editor)
        layout.insertWidget(at, form.notice_box)
        form.notice_box.hide()
