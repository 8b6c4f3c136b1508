"""Pasting keeps the space at the edge of the copied text (QA: «nhiệm vụ.Các sở»), without doubling one."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QMimeData  # noqa: E402

from baocao.ui.richtext_convert import fit_pasted_edges, normalise_pasted_text  # noqa: E402
from baocao.ui.richtext_editor import BodyEditor  # noqa: E402


@pytest.mark.parametrize("raw, expected", [
    (" Các sở, ngành", " Các sở, ngành"),
    ("đã hoàn thành ", "đã hoàn thành "),
    ("\t tab đầu", " tab đầu"),
    ("  x  \n  y  ", " x\ny "),
    ("\n a", "a"),                      # the leading space belonged to a dropped empty line
    (" • mục", "- mục"),               # a bullet line stays a "- " item, no space before it
    ("   ", ""),
])
def test_normalise_keeps_one_edge_space(raw, expected):
    assert normalise_pasted_text(raw) == expected


@pytest.mark.parametrize("text, before, after, expected", [
    (" Các sở", ".", "", " Các sở"),
    (" Các sở", " ", "", "Các sở"),
    (" Các sở", "", "x", "Các sở"),
    (" Các sở", "(", ")", "Các sở"),
    ("số liệu ", "a", ".", "số liệu"),
    ("số liệu ", "a", " ", "số liệu"),
    ("số liệu ", "a", "b", "số liệu "),
])
def test_edges_are_fitted_to_the_place(text, before, after, expected):
    assert fit_pasted_edges(text, before, after) == expected


def _paste(qtbot, start_text: str, position: int, clip: str) -> str:
    editor = BodyEditor()
    qtbot.addWidget(editor)
    editor.setPlainText(start_text)
    cursor = editor.textCursor()
    cursor.setPosition(position)
    editor.setTextCursor(cursor)
    mime = QMimeData()
    mime.setText(clip)
    editor.insertFromMimeData(mime)
    return editor.toPlainText()


def test_a_phrase_pasted_after_a_full_stop_keeps_its_space(qtbot):
    text = "Đã giao 8 nhiệm vụ."
    assert _paste(qtbot, text, len(text), " Các sở, ngành đã triển khai.") == \
        "Đã giao 8 nhiệm vụ. Các sở, ngành đã triển khai."


def test_no_double_space_and_no_space_before_punctuation(qtbot):
    assert _paste(qtbot, "Đã giao  xong.", 8, " nhiệm vụ ") == "Đã giao nhiệm vụ xong."
    assert _paste(qtbot, "Kết quả.", 7, " tốt ") == "Kết quả tốt."


def test_a_pasted_word_in_the_middle_of_a_sentence(qtbot):
    assert _paste(qtbot, "Chỉ đạo quyết liệt.", 7, " kịp thời ") == "Chỉ đạo kịp thời quyết liệt."
