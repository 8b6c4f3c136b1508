"""What the window's first frame no longer waits for (issue 16, first paint): the toolbar's SVG icons,
the search for LibreOffice, the dialogs, the register, the backup made
on opening (now on the writer thread, still before anything is written), ``uuid`` and ``_strptime``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from datetime import datetime, timezone
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from ui_support import make_window, sample_session, show_active  # noqa: E402

DESKTOP = Path(__file__).resolve().parents[1] / "desktop"

#: run ``baocao FILE`` as the command does; at the first paint (the benchmark's exit point) print what is
#: loaded and what the window shows, then end the process
FIRST_PAINT_CODE = """
import json, os, sys
import baocao.ui.first_paint as first_paint
original = first_paint.after_first_paint

def report():
    def done():
        from PySide6.QtWidgets import QApplication
        from baocao.ui.main_window import MainWindow
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        print(json.dumps({"modules": sorted(sys.modules), "rows": window.outline.tree.topLevelItemCount(),
                          "key": window.current_key, "text": window.editor.body.toPlainText()[:200],
                          "rooms": window.rooms_installed}))
        sys.stdout.flush()
        os._exit(0)
    return done

def after_first_paint(widget, callback, fallback_ms=300):
    original(widget, report(), fallback_ms)

first_paint.after_first_paint = after_first_paint
import baocao.ui.main_window as main_window
main_window.ROOMS_FALLBACK_MS = 120_000     # a slow, busy test machine: the rooms still wait for the paint
from baocao.cli import main
main(sys.argv[1:])
"""

#: not needed to draw the first frame (each was loaded before it until issue 16's last pass)
NOT_BEFORE_FIRST_PAINT = ("baocao.writers.pdf", "baocao.register", "baocao.register.usage", "baocao.ui.help.looks",
                          "PySide6.QtSvg", "baocao.ui.durability.backups_dialog",
                          "baocao.ui.durability.history_dialog", "baocao.ui.durability.recovery_dialog",
                          "uuid", "platform", "_strptime")


def _child_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BAOCAO_BENCHMARK_EXIT="window",
               PYTHONPATH=os.pathsep.join([str(DESKTOP), os.environ.get("PYTHONPATH", "")]))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(tmp_path / var.lower())
    return env


def test_first_frame_shows_the_draft_without_loading_what_comes_after(tmp_path, draft_path, sample_draft):
    done = subprocess.run([sys.executable, "-c", FIRST_PAINT_CODE, str(draft_path)], capture_output=True, text=True,
                          timeout=120, env=_child_env(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    state = json.loads(done.stdout.strip().splitlines()[-1])
    assert state["rows"] > 3 and state["key"]                                   # outline filled, a section chosen
    shown = " ".join(p.plain_text() for p in sample_draft.section(state["key"]).body).split()
    assert shown and state["text"].split()[:3] == shown[:3]                    # the section's text is in the editor
    assert not state["rooms"]                                                   # the rooms come after the frame
    loaded = set(state["modules"])
    assert "baocao.ui.main_window" in loaded and "baocao.storage.locking" in loaded
    early = [name for name in NOT_BEFORE_FIRST_PAINT if name in loaded]
    assert early == [], early


def _toolbar(window):
    from PySide6.QtWidgets import QToolBar

    return window.findChild(QToolBar, "toolbar")


def _is_blank(icon) -> bool:
    image = icon.pixmap(24, 24).toImage()
    return all(image.pixelColor(x, y).alpha() == 0 for x in range(image.width()) for y in range(image.height()))


def test_toolbar_has_its_final_size_before_its_icons_and_the_icons_come_with_the_rooms(qtbot, tmp_path):
    from baocao.ui.main_window import MainWindow
    from baocao.ui.settings import AppSettings

    from ui_support import discard_changes

    window = MainWindow(settings=AppSettings.at(tmp_path / "deferred.ini"), defer_rooms=True)
    qtbot.addWidget(window, before_close_func=discard_changes)
    bar = _toolbar(window)
    buttons = [a for a in bar.actions() if not a.isSeparator()]
    assert buttons and all(not a.icon().isNull() and _is_blank(a.icon()) for a in buttons)   # stand-ins
    window.controller.set_session(sample_session(), ask_on_close=False)
    window.resize(1366, 768)
    show_active(window)
    before = bar.sizeHint()
    heights = {a.text(): bar.widgetForAction(a).sizeHint() for a in buttons}
    qtbot.waitUntil(lambda: window.rooms_installed, timeout=5000)
    assert not any(_is_blank(a.icon()) for a in buttons)                        # the drawn icons are in
    assert bar.sizeHint().height() == before.height()                           # nothing moved (the rooms add
    assert {a.text(): bar.widgetForAction(a).sizeHint() for a in buttons} == heights   # buttons of their own)


def test_pdf_export_is_offered_once_libreoffice_is_looked_for(qtbot, tmp_path, monkeypatch):
    from baocao.ui import document_controller

    monkeypatch.setattr(document_controller, "libreoffice_path", lambda: "/opt/lo/soffice")
    window = make_window(qtbot, tmp_path, sample_session())                     # rooms installed at once
    assert window.acts.export_pdf.isVisible() and window.acts.export_pdf.isEnabled()
    monkeypatch.setattr(document_controller, "libreoffice_path", lambda: None)
    other = make_window(qtbot, tmp_path / "b", sample_session())
    assert not other.acts.export_pdf.isVisible() and not other.acts.export_pdf.isEnabled()


def test_pdf_export_waits_for_the_rooms_in_a_deferred_window(qtbot, tmp_path, monkeypatch):
    from baocao.ui import document_controller
    from baocao.ui.main_window import MainWindow
    from baocao.ui.settings import AppSettings

    from ui_support import discard_changes

    looked = []
    monkeypatch.setattr(document_controller, "libreoffice_path", lambda: looked.append(1) or "/opt/lo/soffice")
    window = MainWindow(settings=AppSettings.at(tmp_path / "d.ini"), defer_rooms=True)
    qtbot.addWidget(window, before_close_func=discard_changes)
    assert looked == [] and not window.acts.export_pdf.isEnabled()
    window.install_rooms()
    assert looked and window.acts.export_pdf.isEnabled()


# ---------------------------------------------------------------- the open path

def test_the_backup_made_on_opening_is_the_file_as_opened_and_comes_before_its_history_entry(draft_path):
    from baocao.session import DraftSession
    from baocao.storage.draftfile import open_draft

    before = open_draft(draft_path)
    session = DraftSession.open(draft_path)                                     # threaded, as in the window
    try:
        session.apply(_typing(session, "đã gõ sau khi mở"))
        opened = [b for b in session.backups() if b.reason == "mo"]            # waits for the writer
        assert len(opened) == 1
        copy = open_draft(opened[0].path)
        assert copy.section("uu-diem").body == before.section("uu-diem").body  # not the typed text
        assert session.versions()                                               # the "as opened" entry too
    finally:
        session.close()


def _typing(session, text):
    from baocao.edits import SetSectionBody
    from baocao.model.richtext import Para, Span

    return SetSectionBody.make(session.draft, "uu-diem", [Para([Span(text)])], typing=True)


OPEN_OFF_THREAD_CODE = """
import sys, threading
seen = []
class Spy:
    def find_spec(self, name, path=None, target=None):
        if threading.current_thread() is not threading.main_thread() and name not in sys.modules:
            seen.append(name)
        return None
sys.meta_path.insert(0, Spy())
from PySide6.QtWidgets import QApplication
app = QApplication([])
from baocao.session import DraftSession
session = DraftSession.open(sys.argv[1])
session.flush()
session.close()
print("off-thread:", ",".join(name for name in seen if name in sys.modules))
"""


def test_opening_makes_its_backup_on_the_writer_thread_without_importing_there(tmp_path, draft_path):
    done = subprocess.run([sys.executable, "-c", OPEN_OFF_THREAD_CODE, str(draft_path)], capture_output=True,
                          text=True, timeout=120, env=_child_env(tmp_path))
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().splitlines()[-1] == "off-thread:"


def test_backup_names_are_read_as_strptime_read_them():
    from baocao.storage.backups import STAMP_FORMAT, parse_stamp

    for moment in (datetime(2026, 12, 2, 4, 35, 7, 123456, tzinfo=timezone.utc),
                   datetime(1999, 1, 31, 23, 59, 59, 0, tzinfo=timezone.utc)):
        stamp = moment.strftime(STAMP_FORMAT)
        assert parse_stamp(stamp) == moment == datetime.strptime(stamp, STAMP_FORMAT).replace(tzinfo=timezone.utc)
    assert parse_stamp("20261202-043507-5") == datetime(2026, 12, 2, 4, 35, 7, 500000, tzinfo=timezone.utc)
    for bad in ("20261302-043507-123456", "2026-12-02", "20261202-043507-", "x20261202-043507-1", "20261202-2"):
        with pytest.raises(ValueError):
            parse_stamp(bad)


def test_random_ids_are_version_4_uuids():
    from baocao.ids import uuid4_hex

    ids = {uuid4_hex() for _ in range(500)}
    assert len(ids) == 500
    for value in list(ids)[:50]:
        parsed = uuid.UUID(hex=value)
        assert parsed.hex == value and parsed.version == 4 and parsed.variant == uuid.RFC_4122


def test_outline_opens_every_branch_and_measures_only_the_wrapping_titles_in_python(qtbot, tmp_path):
    from PySide6.QtWidgets import QStyledItemDelegate, QTreeWidgetItemIterator

    from baocao.ui.outline import WrappingDelegate

    window = make_window(qtbot, tmp_path, sample_session())
    tree = window.outline.tree
    branches = []
    it = QTreeWidgetItemIterator(tree)
    while it.value() is not None:
        if it.value().childCount():
            branches.append(it.value())
        it += 1
    assert len(branches) > 3 and all(item.isExpanded() for item in branches)   # as expandAll() left them
    assert isinstance(tree.itemDelegate(), WrappingDelegate)
    status_delegate = tree.itemDelegateForColumn(1)
    assert type(status_delegate) is QStyledItemDelegate                          # no Python per size question
    index = tree.indexFromItem(tree.topLevelItem(0), 1)
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.initFrom(tree)
    assert status_delegate.sizeHint(option, index) == WrappingDelegate(tree).sizeHint(option, index)  # as before
