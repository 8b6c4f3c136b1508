"""The outline is filled in one pass (issue 16 item 5) and shows the same tree as before."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt

from baocao.constants import SectionStatus
from baocao.template import load_pack_dir
from baocao.ui.navigation import outline_entries
from baocao.ui.outline import KEY_ROLE, OutlineView, WrappingDelegate

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import large_report  # noqa: E402


def _rows(tree):
    out = []

    def walk(item, depth):
        out.append((depth, item.data(0, KEY_ROLE), item.text(0), item.text(1), item.isExpanded()))
        for index in range(item.childCount()):
            walk(item.child(index), depth + 1)

    for index in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(index), 0)
    return out


def test_large_outline_tree_statuses_and_tooltips(qtbot, tmp_path, monkeypatch):
    pack = load_pack_dir(large_report.write_pack(tmp_path))
    draft = large_report.build_draft()
    view = OutlineView()
    qtbot.addWidget(view)
    view.resize(320, 700)
    view.show()
    calls = []
    real = WrappingDelegate.sizeHint
    monkeypatch.setattr(WrappingDelegate, "sizeHint", lambda self, *a: calls.append(1) or real(self, *a))
    view.set_pack(pack, draft)
    qtbot.wait(10)
    entries = outline_entries(pack)
    rows = _rows(view.tree)
    assert [r[1] for r in rows if r[1]] == [e.key for e in entries]          # order, nothing twice
    parents = [item for item in view._items.values() if item.childCount()]
    assert parents and all(item.isExpanded() for item in parents)              # expanded, as before
    assert view.keys() == [e.key for e in entries]
    leaf = next(e.key for e in entries if e.appendix is None and not any(x.parent == e.key for x in entries))
    shown = draft.section(leaf).shown_status()
    assert view.status_text(leaf) == shown.label
    assert view._items[leaf].toolTip(0).endswith(f"— {shown.label}")
    assert len(calls) < 40 * len(rows)              # one layout pass, not one per inserted row
    view.set_pack(pack, draft)                      # refilling gives the same tree
    assert _rows(view.tree) == rows
    view.set_status(leaf, SectionStatus.NEEDS_WORK)
    assert view.status_text(leaf) == SectionStatus.NEEDS_WORK.label
    assert view._items[leaf].data(0, Qt.ItemDataRole.AccessibleDescriptionRole) == SectionStatus.NEEDS_WORK.label
