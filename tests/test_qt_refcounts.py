"""Guard: the installed PySide6 must not corrupt the reference counts of None, True and False.

PySide6 6.12.0 on Python 3.11 lowers the reference count of ``None`` (and of
``True``/``False`` through some paths) at every QVariant conversion; the
window performs about a hundred such conversions per keystroke and the
interpreter aborts with ``Fatal Python error: none_dealloc`` after roughly a
hundred typed characters.  Each case below is a conversion the window relies
on (outline items, list items, combo data, rich-text note properties, table
model data, signals carrying Python objects, actions, settings, widget
properties).  On Python 3.12+ these objects are immortal and the counts never
move, so the test passes there by construction — as it should: the fault is
harmless on immortal objects.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator

import pytest

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QSettings, Qt, Signal  # noqa: E402
from PySide6.QtGui import QAction, QTextCharFormat  # noqa: E402
from PySide6.QtWidgets import QComboBox, QListWidgetItem, QTreeWidgetItem, QWidget  # noqa: E402

ROUNDS = 200
#: a healthy binding leaves the counts where they were, give or take a few cached references
TOLERANCE = 5
USER_ROLE = Qt.ItemDataRole.UserRole
NOTE_PROPERTY = QTextCharFormat.Property.UserProperty + 1


class _Model(QAbstractTableModel):
    """A one-cell model whose data() returns whatever it is told to (as the table editor's does)."""

    value: object = None

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 (Qt API)
        return 1

    def columnCount(self, parent=QModelIndex()):  # noqa: N802 (Qt API)
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return self.value


class _Emitter(QObject):
    carried = Signal(object)


def _conversions(obj: object, tmp_path) -> Iterator[tuple[str, Callable[[], object]]]:
    tree, item, combo, fmt, widget, model, action = (
        QTreeWidgetItem(), QListWidgetItem(), QComboBox(), QTextCharFormat(), QWidget(), _Model(), QAction())
    combo.addItem("x", None)
    emitter, received = _Emitter(), []
    emitter.carried.connect(received.append)
    settings = QSettings(str(tmp_path / "refcount.ini"), QSettings.Format.IniFormat)

    def model_data():
        model.value = obj
        return model.index(0, 0).data(USER_ROLE)

    def signal():
        emitter.carried.emit(obj)
        received.clear()

    yield "QTreeWidgetItem.setData/data", lambda: (tree.setData(0, USER_ROLE, obj), tree.data(0, USER_ROLE))
    yield "QListWidgetItem.setData/data", lambda: (item.setData(USER_ROLE, obj), item.data(USER_ROLE))
    yield "QComboBox item data", lambda: (combo.setItemData(0, obj), combo.itemData(0), combo.currentData(),
                                           combo.findData(obj))
    yield "QTextCharFormat property", lambda: (fmt.setProperty(NOTE_PROPERTY, obj), fmt.property(NOTE_PROPERTY))
    yield "QWidget property", lambda: (widget.setProperty("baocao", obj), widget.property("baocao"))
    yield "model data() through QModelIndex", model_data
    yield "Signal(object)", signal
    yield "QAction data", lambda: (action.setData(obj), action.data())
    yield "QSettings value", lambda: (settings.setValue("k", obj), settings.value("k"))
    # keep the Qt objects alive until every case has run
    yield "(keep-alive)", lambda: (tree, item, combo, fmt, widget, model, action, emitter)


@pytest.mark.parametrize("obj", [None, True, False], ids=["None", "True", "False"])
def test_qvariant_conversions_keep_refcounts(qapp, tmp_path, obj):
    """Every conversion the window uses leaves the refcount of None/True/False unchanged."""
    drifts = {}
    for name, convert in _conversions(obj, tmp_path):
        convert()                      # first call may cache something legitimately
        before = sys.getrefcount(obj)
        for _ in range(ROUNDS):
            convert()
        drift = sys.getrefcount(obj) - before
        if drift < -TOLERANCE:
            drifts[name] = drift
    import PySide6

    assert not drifts, (
        f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]} lowers the refcount of {obj!r} "
        f"over {ROUNDS} conversions: {drifts}. The window will abort while typing; "
        "see the PySide6 pin in pyproject.toml.")
