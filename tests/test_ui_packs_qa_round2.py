"""Second QA pass of a template maintainer (Mẫu → Quản lý mẫu / Sửa mẫu): a copied pack gets a name of its own
and can be renamed; the code pane numbers its lines and does not stay scrolled right; «output too long» and
«self-calling macro» name their line; the preview follows the section being edited; the hint of an error
(the render-time limit's too) is shown under the error list, not only as a tooltip."""

from __future__ import annotations

import tomllib

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtGui import QColor, QTextCursor  # noqa: E402

from baocao.template.manifest import MANIFEST_NAME  # noqa: E402

from ui_support import message_boxes, open_pack_editor, user_packs  # noqa: E402,F401 - fixtures


@pytest.fixture
def manager(qtbot, user_packs, message_boxes):  # noqa: F811
    from baocao.ui.packs.manager import TemplateManager

    dialog = TemplateManager()
    qtbot.addWidget(dialog)
    return dialog


@pytest.fixture
def editor(qtbot, tmp_path, message_boxes):  # noqa: F811
    win = open_pack_editor(qtbot, tmp_path, "nam-qa2")
    win.resize(1366, 768)
    _wait_preview(qtbot, win)
    yield win
    win.saved_draft = win.draft            # no unsaved-changes question at teardown


def _wait_preview(qtbot, editor, timeout: int = 60000) -> None:
    qtbot.waitUntil(lambda: not editor.jobs.busy() and editor.last_result is not None
                    and editor.errors.isEnabled(), timeout=timeout)


def _select_pack(manager, pack_id: str) -> None:
    for index in range(manager.tree.topLevelItemCount()):
        item = manager.tree.topLevelItem(index)
        if item.text(1) == pack_id:
            manager.tree.setCurrentItem(item)
            return
    raise AssertionError(pack_id)


def _listed_names(manager) -> list[str]:
    return [manager.tree.topLevelItem(i).text(0) for i in range(manager.tree.topLevelItemCount())]


def _manifest_name(root) -> str:
    return tomllib.loads((root / MANIFEST_NAME).read_text(encoding="utf-8"))["pack"]["name"]


# ------------------------------------------------------------------ 1. copies have names of their own
def test_copy_name_numbers_from_the_original_name():
    from baocao.ui.packs.pack_names import copy_name

    assert copy_name("Báo cáo năm", []) == "Báo cáo năm (bản sao)"
    assert copy_name("Báo cáo năm", ["báo cáo năm (BẢN SAO)"]) == "Báo cáo năm (bản sao 2)"
    taken = ["Báo cáo năm", "Báo cáo năm (bản sao)", "Báo cáo năm (bản sao 2)"]
    assert copy_name("Báo cáo năm (bản sao 2)", taken) == "Báo cáo năm (bản sao 3)"
    assert copy_name("Báo cáo năm (bản của đơn vị)", []) == "Báo cáo năm (bản sao)"


def test_copied_packs_get_distinct_names_written_in_their_manifests(manager, monkeypatch):
    from baocao.ui.packs import manager as manager_module
    from baocao.ui.packs import strings as S

    asked: list[str] = []
    ids = iter(["nam-mot", "nam-hai", "nam-ba"])

    def answer(_parent, _title, label, text=""):
        if label == S.COPY_ASK_NAME:
            asked.append(text)                    # the name offered; the maintainer keeps it
            return text, True
        return next(ids), True                    # the id asked first

    monkeypatch.setattr(manager_module.QInputDialog, "getText", staticmethod(answer))
    _select_pack(manager, "bao-cao-nam")
    original = manager.current().name
    first = manager.copy()
    _select_pack(manager, "bao-cao-nam")
    second = manager.copy()
    _select_pack(manager, "nam-hai")
    third = manager.copy()                           # a copy of a copy
    fourth = manager.copy(new_id="nam-bon")          # an id given by the caller: the offered name, not asked
    assert _manifest_name(fourth) == f"{original} (bản sao 4)" and len(asked) == 3
    assert asked == [f"{original} (bản sao)", f"{original} (bản sao 2)", f"{original} (bản sao 3)"]
    assert [_manifest_name(p) for p in (first, second, third)] == asked
    names = _listed_names(manager)
    assert len(names) == len(set(names))              # no two lines of the list read the same …
    metrics, width = manager.tree.fontMetrics(), manager.tree.columnWidth(0) - 8
    shown = [metrics.elidedText(n, manager.tree.textElideMode(), width) for n in names]
    assert len(shown) == len(set(shown))              # … even where a long name is cut to fit the column
    assert manager.current().id == "nam-bon" and manager.current().name == f"{original} (bản sao 4)"


def test_copy_with_a_taken_name_is_refused_and_nothing_is_created(manager, user_packs, message_boxes):  # noqa: F811
    _select_pack(manager, "bao-cao-nam")
    taken = manager.current().name
    assert manager.copy(new_id="nam-trung", new_name=f" {taken.upper()} ") is None
    assert not (user_packs / "nam-trung").exists()
    kind, _title, text = message_boxes.shown[-1]
    assert kind == "warning" and "Đã có mẫu khác tên" in text and "đặt tên khác" in text
    assert manager.copy(new_id="nam-rong", new_name="   ") is None and not (user_packs / "nam-rong").exists()


def test_rename_writes_the_manifest_keeps_a_backup_and_waits_for_an_open_editor(qtbot, manager, user_packs,
                                                                               message_boxes):  # noqa: F811
    from baocao.template.user_packs import backups_dir

    _select_pack(manager, "bao-cao-nam")
    assert not manager.buttons["rename"].isEnabled()               # built-in packs are copied, not renamed
    root = manager.copy(new_id="nam-doi-ten", new_name="Báo cáo năm của Sở")
    assert manager.buttons["rename"].isEnabled()
    before = (root / MANIFEST_NAME).read_text(encoding="utf-8")
    assert manager.rename("Báo cáo năm — Sở Nội vụ") == "Báo cáo năm — Sở Nội vụ"
    after = (root / MANIFEST_NAME).read_text(encoding="utf-8")
    assert _manifest_name(root) == "Báo cáo năm — Sở Nội vụ"
    assert before.replace('"Báo cáo năm của Sở"', '"Báo cáo năm — Sở Nội vụ"') == after   # nothing else moved
    assert any(backups_dir().glob("nam-doi-ten-*/manifest.toml"))
    assert "Báo cáo năm — Sở Nội vụ" in _listed_names(manager)
    assert manager.rename("Báo cáo năm — Sở Nội vụ") is None                            # same name: no-op

    editor = manager.edit()
    qtbot.addWidget(editor)
    editor.jobs.finished.disconnect()            # this test does not wait for the editor's preview
    assert manager.rename("Tên khác") is None and _manifest_name(root) == "Báo cáo năm — Sở Nội vụ"
    assert "đang mở trong cửa sổ sửa mẫu" in message_boxes.shown[-1][2]
    editor.saved_draft = editor.draft
    editor.close()


# ------------------------------------------------------------------ 2. the code pane
def test_code_pane_numbers_its_lines(qtbot, editor):
    edit = editor.template_pane.edit
    editor.tabs.setCurrentIndex(1)
    edit.setPlainText("\n".join(f"<p>dòng {n}</p>" for n in range(1, 21)))
    qtbot.wait(50)
    gutter = edit.gutter
    assert gutter.isVisible() and gutter.width() > 0
    assert edit.viewportMargins().left() == gutter.width() == edit.gutter_width()
    narrow = edit.gutter_width()
    edit.setPlainText("\n".join("x" for _ in range(12000)))
    assert edit.gutter_width() > narrow                              # five digits need more room than three
    edit.setPlainText("<p>a</p>\n<p>b</p>\n<p>c</p>\n")
    qtbot.wait(50)
    image = gutter.grab().toImage()
    dark = sum(1 for x in range(image.width()) for y in range(image.height())
               if QColor(image.pixel(x, y)).lightness() < 160)
    assert dark > 10                                                 # numbers are painted in it
    editor.grab().save(str(editor.root.parent / "qa2-code-pane.png"))


def test_horizontal_scroll_returns_left_on_a_short_line_and_another_file(qtbot, editor):
    pane = editor.template_pane
    edit = pane.edit
    editor.tabs.setCurrentIndex(1)
    qtbot.wait(50)
    width = edit.viewport().width()
    char = edit.fontMetrics().horizontalAdvance("x")
    medium = int(0.8 * width / char)                     # fits in the box unscrolled
    edit.setPlainText(f"<p>ngắn</p>\n{'x' * int(4 * width / char)}\n{'y' * medium}\n")
    bar = edit.horizontalScrollBar()

    def put(line: int, column: int) -> None:
        cursor = QTextCursor(edit.document().findBlockByNumber(line))
        cursor.movePosition(QTextCursor.MoveOperation.Right, n=column)
        edit.setTextCursor(cursor)
        edit.ensureCursorVisible()

    put(1, int(1.2 * width / char))                      # on the long line, past the right edge
    scrolled = bar.value()
    assert 0 < scrolled < medium * char                  # the end of the medium line is still in view …
    put(2, medium)
    assert bar.value() == 0                              # … but the box goes back to the left edge
    put(1, int(3.5 * width / char))
    assert bar.value() > 0
    put(1, 2)
    assert bar.value() == 0

    put(1, int(3.5 * width / char))
    other = next(n for n in editor.draft.files if n.endswith(".j2") and n != pane.current_name())
    pane.files.setCurrentText(other)
    assert pane.current_name() == other and bar.value() == 0        # another file starts at its left edge


def test_output_limit_and_recursion_errors_name_their_line(make_pack):
    from baocao.model import Draft
    from baocao.render import render_draft
    from baocao.template.sandbox import RenderLimitError

    manifest = '[pack]\nid = "gioi-han"\nname = "Giới hạn"\n\n[[sections]]\nid = "mot"\ntitle = "Một"\ntemplate = "mot.j2"\n'
    cases = {
        "dai": ("<p>a</p>\n{% for i in range(1000) %}\n<p>{{ 'x' * 99999 }}</p>\n{% endfor %}\n", 3, "kết quả dài quá"),
        "de-quy": ("<p>a</p>\n{% macro lap(n) %}\n{{ lap(n + 1) }}\n{% endmacro %}\n\n{{ lap(1) }}\n", 3, "gọi lồng nhau"),
    }
    for name, (source, line, words) in cases.items():
        pack = make_pack(manifest, {"mot.j2": source}, name=name)
        with pytest.raises(RenderLimitError) as info:
            render_draft(Draft(template_id="gioi-han"), pack)
        assert words in info.value.message
        assert info.value.location.line == line and (info.value.location.file or "").endswith("mot.j2"), name


def test_editor_shows_the_line_of_an_output_limit_error(qtbot, editor):
    pane = editor.template_pane
    editor._select("nhiem-vu")
    editor.tabs.setCurrentIndex(1)
    assert pane.current_name() == "muc/nhiem-vu.j2"
    pane.edit.setPlainText("{{ noi_dung }}\n\n{% for i in range(1000) %}\n<p>{{ 'x' * 99999 }}</p>\n{% endfor %}\n")
    pane.flush()
    editor.request_preview()
    _wait_preview(qtbot, editor)
    error = editor.last_result.errors[0]
    assert "kết quả dài quá" in error.message and error.file == "muc/nhiem-vu.j2" and error.line == 4
    assert "dòng 4" in editor.errors.item(0).text()
    assert pane.marked_line() == 4


# ------------------------------------------------------------------ 3. the preview follows the section
def test_preview_scrolls_to_the_selected_section_and_stays_while_its_template_is_edited(qtbot, editor):
    from baocao.ui.packs.preview_follow import anchor_top

    bar = editor.preview.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    editor._select("nhiem-vu")
    top = anchor_top(editor.preview.document(), "nhiem-vu")
    assert top and top > 0 and bar.value() == round(top)            # the heading at the top of the preview

    editor.tabs.setCurrentIndex(1)
    pane = editor.template_pane
    pane.edit.moveCursor(QTextCursor.MoveOperation.End)
    pane.edit.insertPlainText("<p>Đoạn thêm khi sửa mẫu.</p>\n")    # typed: an undoable step, then the check
    editor._timer.stop()
    editor.request_preview()
    _wait_preview(qtbot, editor)
    assert "Đoạn thêm khi sửa mẫu." in editor.preview.toPlainText()
    assert bar.value() == round(anchor_top(editor.preview.document(), "nhiem-vu"))   # not back at the top

    editor._select("mo-dau")                         # the opening has no heading: the top of the report
    assert bar.value() == 0
    editor._select("muc-tieu")
    assert bar.value() == round(anchor_top(editor.preview.document(), "muc-tieu"))
    pane.files.setCurrentText("muc/nhiem-vu.j2")
    pane.files.textActivated.emit("muc/nhiem-vu.j2")  # the maintainer picks another section's template
    assert bar.value() == round(anchor_top(editor.preview.document(), "nhiem-vu"))
    editor.grab().save(str(editor.root.parent / "qa2-preview-follows.png"))


def test_section_anchor_falls_back_to_the_parent_then_the_heading_before():
    from baocao.template.pack_edit import SectionRow
    from baocao.ui.packs.preview_follow import TOP, section_anchor

    rows = [SectionRow("mo-dau", None, 1, "", ""), SectionRow("a", None, 1, "A", ""),
            SectionRow("a1", "a", 2, "", ""), SectionRow("ket", None, 1, "", "")]
    anchors = ["a"]
    assert section_anchor("mo-dau", rows, anchors) == TOP
    assert section_anchor("a1", rows, anchors) == "a"
    assert section_anchor("ket", rows, anchors) == "a"
    assert section_anchor(None, rows, anchors) is None


# ------------------------------------------------------------------ 4. the hint is shown, not only a tooltip
def test_time_limit_hint_is_shown_under_the_error_list(qtbot, editor):
    from baocao.render.worker import WORKER_TIMEOUT_HINT, WorkerResult, timeout_error

    assert not editor.hint.isVisible()                               # no error: no hint
    error = timeout_error("nhiem-vu\tmuc/nhiem-vu.j2", 10, editor.draft.files)
    editor._job_finished(editor.jobs.latest, WorkerResult(None, [error]))
    assert editor.hint.isVisible()
    text = editor.hint.text()
    assert WORKER_TIMEOUT_HINT in text and text.startswith("Cách sửa:")
    assert "không kèm số dòng" in text and "muc/nhiem-vu.j2" in text   # where to look, as there is no line
    assert editor.hint.geometry().top() >= editor.errors.geometry().bottom()   # right under the list
    editor.grab().save(str(editor.root.parent / "qa2-time-limit-hint.png"))

    editor._job_finished(editor.jobs.latest, WorkerResult("<p>x</p>", []))
    assert not editor.hint.isVisible()


def test_an_error_in_the_built_in_template_marks_no_line_of_the_shown_file(qtbot, editor):
    pane = editor.template_pane
    editor.tabs.setCurrentIndex(1)
    shown = pane.current_name()
    pane.go_to("_mac-dinh.j2", 1)                    # not a file of the pack: nothing to mark or move to
    assert pane.current_name() == shown and pane.marked_line() is None
