"""The window's preview sends its worker only the rows edits changed, and still shows exactly the draft.

After each undoable edit (and each undo) the preview is refreshed; what it shows must be the HTML of a
fresh in-process render of the draft, while the whole draft was sent only at the start.  A change that did
not go through the undo stack (counted by the session, not seen as an edit) sends the whole draft again.
"""

from __future__ import annotations

import copy

import pytest

pytest.importorskip("PySide6")

from baocao.edits import SetMeta, SetSectionBody, SetTableRows  # noqa: E402
from baocao.model.richtext import Note, Span  # noqa: E402
from baocao.render import render_draft  # noqa: E402
from baocao.writers.html import document_to_html  # noqa: E402
from ui_support import make_window, sample_session  # noqa: E402


def _shown(window) -> str:
    backend = window.preview._backend
    result = backend._results[max(backend._results)]
    return "".join(result.pieces) if result.pieces is not None else result.html     # the pane drops the joined text


def _refresh(qtbot, window) -> None:
    count = window.preview.refresh_count
    window.preview.refresh_now()
    qtbot.waitUntil(lambda: window.preview.refresh_count > count, timeout=15000)


def _expected(window) -> str:
    return document_to_html(render_draft(window.session.draft, window.session.pack), standalone=False)


def test_preview_follows_edits_with_deltas(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, sample_session())
    backend = window.preview._backend
    if backend is None:
        pytest.skip("no preview worker here")
    _refresh(qtbot, window)
    draft = window.session.draft
    sections = [s.id for s in window.session.pack.sections if not s.children and draft.section(s.id).body]
    start_full = backend.full_sends
    push = window.controller.push
    for step in range(6):
        section = sections[step % len(sections)]
        body = copy.deepcopy(draft.section(section).body)
        body[0].content.append(Span(f" thêm {step}"))
        if step % 3 == 1:
            body[0].content.insert(0, Note([[Span(f"Chú thích {step}.")]]))
        push(SetSectionBody.make(draft, section, body, typing=True))
        if step == 2:
            table = next(iter(draft.tables))
            rows = copy.deepcopy(draft.tables[table])
            rows[0] = {k: (7 if isinstance(v, int) else v) for k, v in rows[0].items()}
            push(SetTableRows.make(draft, table, rows))
        if step == 4:
            meta = copy.deepcopy(draft.meta)
            meta.place = "Gia Nghĩa"
            push(SetMeta.make(draft, meta))
        _refresh(qtbot, window)
        assert _shown(window) == _expected(window)
    window.controller.undo_stack.undo()
    window.controller.undo_stack.undo()
    _refresh(qtbot, window)
    assert _shown(window) == _expected(window)
    assert backend.full_sends == start_full             # only the changed rows went to the worker

    # a change past the undo stack: the session counts it, the preview sends the whole draft again
    draft.meta.place = "Buôn Ma Thuột"
    window.session.note_edit({"meta"})
    window.preview.schedule()
    qtbot.waitUntil(lambda: _shown(window) == _expected(window), timeout=15000)
    assert backend.full_sends == start_full + 1


def test_f5_after_a_silent_change_sends_the_whole_draft(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, sample_session())
    backend = window.preview._backend
    if backend is None:
        pytest.skip("no preview worker here")
    _refresh(qtbot, window)
    sends = backend.full_sends
    section = next(s for s, data in window.session.draft.sections.items() if data.body)
    window.session.draft.section(section).body[0].content.append(Span(" đổi thẳng vào bản thảo"))
    _refresh(qtbot, window)                              # F5: no edit known, so everything goes
    assert backend.full_sends == sends + 1
    assert _shown(window) == _expected(window)
