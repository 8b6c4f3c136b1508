"""The status bar counts the words a citation prints (full at the first mention, short after), not one object."""

from __future__ import annotations

from baocao.model.richtext import Cite, Para, Span, word_count
from baocao.register.entries import Entry, set_entries
from baocao.samples import load_sample


def test_citations_count_as_the_words_they_print(qtbot):
    from baocao.ui.status_counts import WordCounts

    draft = load_sample()
    entry = Entry("qd-42-dem", "Quyết định", "42", "QĐ-UBND", "2021-01-12", "UBND tỉnh",
                  "ban hành Chương trình công tác năm 2021")
    set_entries(draft, [entry], "danh mục").apply(draft)
    for data in draft.sections.values():
        data.body = []
    first = Para([Span("Theo "), Cite(entry.id), Span(".")])
    again = Para([Span("Thực hiện "), Cite(entry.id), Span(".")])
    draft.section("uu-diem").body = [first, again]
    label = WordCounts()
    qtbot.addWidget(label)
    label.show_for(draft, "uu-diem")
    label.refresh()
    full = "Theo Quyết định số 42/QĐ-UBND ngày 12/01/2021 của UBND tỉnh ban hành Chương trình công tác năm 2021."
    short = "Thực hiện Quyết định số 42/QĐ-UBND."
    expected = word_count(full) + word_count(short)
    assert f"Mục: {expected} từ" in label.text(), label.text()
