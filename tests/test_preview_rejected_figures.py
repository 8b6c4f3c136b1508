"""A figure the field refuses is never shown in the report: the preview (and the render) show "…" until it is fixed.

The draft keeps the refused text as typed (the field shows it in red, the
checks list it), but the rendered report reads the field as empty, so the
preview never presents «2,573» typed into a count field as a figure.
"""

from __future__ import annotations

import re

import pytest

from baocao.fields import value_problem
from baocao.render import render_draft
from baocao.writers.html import document_to_html

SECTION, FIELD = "ket-qua-nhiem-vu", "van_ban_den"
SENTENCE = re.compile(r"đã tiếp nhận (\S+) văn bản đến")


def _received(draft, pack) -> str:
    """What the report says UBND received ("19.641", "…") in section I.2."""
    text = re.sub(r"<[^>]+>", "", document_to_html(render_draft(draft, pack), standalone=False))
    found = SENTENCE.search(text)
    assert found, "the sentence with the received documents is not in the report"
    return found.group(1)


@pytest.mark.parametrize("typed", ["2,573", "-5", "12a", "2.57", "1.234,5"])
def test_a_refused_figure_reads_as_not_filled(pack, sample_draft, typed):
    assert value_problem(pack.section(SECTION).field(FIELD), typed) is not None     # the field refuses it
    sample_draft.section(SECTION).fields[FIELD] = typed                              # kept as typed
    assert _received(sample_draft, pack) == "…"


@pytest.mark.parametrize(("stored", "shown"), [(19641, "19.641"), (2573, "2.573"), ("2.573", "2.573"), (0, "0")])
def test_an_accepted_figure_is_shown(pack, sample_draft, stored, shown):
    sample_draft.section(SECTION).fields[FIELD] = stored
    assert _received(sample_draft, pack) == shown


def test_the_preview_never_shows_what_the_field_refused(qtbot, tmp_path):
    pytest.importorskip("PySide6")
    from ui_support import make_window, sample_session, type_text

    window = make_window(qtbot, tmp_path, sample_session())
    window.select(SECTION)
    field = window.editor.fields.widget(FIELD)

    def typed(text: str) -> str:
        field.setFocus()
        field.selectAll()
        type_text(qtbot, field, text)
        window.preview.refresh_now()
        found = SENTENCE.search(window.preview.document().toPlainText().replace("\n", " "))
        assert found
        return found.group(1)

    assert typed("2,573") == "…"
    assert window.session.draft.section(SECTION).fields[FIELD] == "2,573"               # nothing lost
    assert window.editor.fields.widget(FIELD).property("invalid") is True               # shown red in the field
    assert typed("2.573") == "2.573"
    assert typed("2.573 văn bản") == "…"
