"""The compare view: differences between two versions (or a version and now), reverted one by one.

Sections without differences are collapsed into one line; each difference
shows its old and new text marked (struck red / underlined green).  "Bỏ thay
đổi này" pushes the difference's revert edit (undoable) when the newer side is
the current draft; the list is recomputed after every change of the draft.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QSplitter, QTextBrowser, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout,
)

from ...errors import BaocaoError
from ...review.compare import TABLE_PREFIX, Comparison, Difference, compare_drafts
from ..navigation import appendix_key
from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

NOW = -1
DIFF_ROLE = int(Qt.ItemDataRole.UserRole) + 41
DEL_STYLE = "color:#b00020;text-decoration:line-through"
INS_STYLE = "color:#1b5e20;text-decoration:underline;font-weight:bold"
CONTEXT_SHOWN = 160


def marked_html(diff: Difference) -> str:
    """Old and new text of *diff* as HTML (deletion struck through, insertion underlined)."""
    old = f"<span style='{DEL_STYLE}'>{escape(diff.old_text)}</span>" if diff.old_text else ""
    new = f"<span style='{INS_STYLE}'>{escape(diff.new_text)}</span>" if diff.new_text else ""
    before = ("…" if len(diff.before) >= CONTEXT_SHOWN else "") + escape(diff.before[-CONTEXT_SHOWN:])
    after = escape(diff.after[:CONTEXT_SHOWN]) + ("…" if len(diff.after) >= CONTEXT_SHOWN else "")
    return (f"<p><b>{escape(diff.label)}</b>{(' · ' + escape(diff.key)) if diff.key else ''}</p>"
            f"<p style='line-height:140%'>{before}{old}{new}{after}</p>")


class CompareView(QDialog):
    """Choose two versions; see what changed by section; take back single changes."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        self.setWindowTitle(S.COMPARE_TITLE)
        self.setModal(False)
        self.resize(900, 600)
        self.from_box = QComboBox(self)
        self.to_box = QComboBox(self)
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.detail = QTextBrowser(self)
        self.revert = QPushButton(S.COMPARE_REVERT, self)
        self.revert.setToolTip(S.COMPARE_REVERT_TIP)
        close = QPushButton(S.COMPARE_CLOSE, self)
        close.clicked.connect(self.close)
        form = QFormLayout()
        form.addRow(S.COMPARE_FROM, self.from_box)
        form.addRow(S.COMPARE_TO, self.to_box)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.tree)
        split.addWidget(self.detail)
        split.setSizes([520, 380])
        buttons = QHBoxLayout()
        buttons.addWidget(self.revert)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.comparison = Comparison()
        self._versions = []
        self._seeds: dict = {}
        self._cache: dict[int, object] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.recompute)
        self._fill_versions()
        self.from_box.currentIndexChanged.connect(lambda _i: self.recompute())
        self.to_box.currentIndexChanged.connect(lambda _i: self.recompute())
        self.tree.currentItemChanged.connect(lambda *_: self._show_current())
        self.revert.clicked.connect(self.revert_current)
        window.controller.editApplied.connect(self._draft_changed)
        self.recompute()

    # ------------------------------------------------------------ versions
    def _fill_versions(self) -> None:
        from . import versions as V

        session = self.window.session
        self._versions = session.versions() if session is not None else []
        self._seeds = {seed.key: seed for seed in V._seeds(self.window)} if session else {}
        options = V.version_choices(self._versions, list(self._seeds.values()))
        self.from_box.blockSignals(True)
        self.to_box.blockSignals(True)
        self.to_box.addItem(S.COMPARE_NOW, NOW)
        for option in options:              # labels told apart (seconds, «(2)»): the data is the key
            self.from_box.addItem(option.label, option.key)
            self.to_box.addItem(option.label, option.key)
        if options:
            self.from_box.setCurrentIndex(V.default_index(options, self._version, self.window.session.draft))
        self.from_box.blockSignals(False)
        self.to_box.blockSignals(False)

    def set_versions(self, from_id, to_id=NOW) -> None:
        """Compare version *from_id* with *to_id* (NOW: the current draft)."""
        self.from_box.setCurrentIndex(max(0, self.from_box.findData(from_id)))
        self.to_box.setCurrentIndex(max(0, self.to_box.findData(to_id)))
        self.recompute()

    def _version(self, version_id):
        if version_id == NOW:
            return self.window.session.draft
        if version_id in self._seeds:
            return self._seeds[version_id].draft
        if version_id not in self._cache:
            self._cache[version_id] = self.window.session.view_version(version_id)
        return self._cache[version_id]

    # ------------------------------------------------------------ computing
    def _draft_changed(self, *_args) -> None:
        if self.isVisible() and self.to_box.currentData() == NOW:
            self._timer.start()

    def recompute(self) -> None:
        """Compare the chosen versions again and rebuild the list (keeps the position)."""
        self._timer.stop()
        session = self.window.session
        keep = self.tree.indexOfTopLevelItem(self.tree.currentItem().parent()) if (
            self.tree.currentItem() is not None and self.tree.currentItem().parent() is not None) else -1
        self.tree.clear()
        if session is None or not (self._versions or self._seeds):
            self.summary.setText(S.COMPARE_NO_VERSIONS)
            self.revert.setEnabled(False)
            return
        try:
            old = self._version(self.from_box.currentData())
            new = self._version(self.to_box.currentData())
        except BaocaoError as exc:
            self.summary.setText(exc.user_text())
            return
        order = [k for k in self.window.outline.keys()]
        self.comparison = compare_drafts(old, new, order, session.pack.document.citation_date_style)
        titles = self.window.outline.numbered_titles()
        for group, diffs in self.comparison.groups.items():
            item = QTreeWidgetItem(self.tree, [f"{self._group_title(group, titles)} ({len(diffs)})"])
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            for diff in diffs:
                child = QTreeWidgetItem(item, [self._line(diff)])
                child.setData(0, DIFF_ROLE, diff)
        unchanged = [g for g in self.comparison.unchanged if not g.startswith(TABLE_PREFIX)]
        if unchanged:
            folded = QTreeWidgetItem(self.tree, [S.COMPARE_UNCHANGED.format(n=len(unchanged))])
            for group in unchanged:
                QTreeWidgetItem(folded, [self._group_title(group, titles)])
            folded.setExpanded(False)
        for n in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(n)
            if top.childCount() and top.child(0).data(0, DIFF_ROLE) is not None:
                top.setExpanded(True)
        count = len(self.comparison)
        self.summary.setText(S.COMPARE_SUMMARY.format(n=count, sections=len(self.comparison.groups),
                                                      same=len(unchanged)) if count else S.COMPARE_SAME)
        target = self.tree.topLevelItem(min(max(keep, 0), self.tree.topLevelItemCount() - 1))
        if target is not None and target.childCount() and target.child(0).data(0, DIFF_ROLE) is not None:
            self.tree.setCurrentItem(target.child(0))
        self._show_current()

    def _group_title(self, group: str, titles: dict[str, str]) -> str:
        if group.startswith(TABLE_PREFIX):
            table = group[len(TABLE_PREFIX):]
            session = self.window.session
            appendix = next((a for a in session.pack.appendices if a.table == table), None)
            return self.window.outline.title_of(appendix_key(appendix.id)) or table if appendix else table
        return titles.get(group, group)

    @staticmethod
    def _line(diff: Difference) -> str:
        old = diff.old_text.replace("\n", " ")[:70]
        new = diff.new_text.replace("\n", " ")[:70]
        where = f" {diff.key}" if diff.key else ""
        if not diff.old_text:
            return f"{diff.label}{where}: «{new}»"
        if not diff.new_text:
            return f"{diff.label}{where}: «{old}»"
        return f"{diff.label}{where}: «{old}» → «{new}»"

    # ------------------------------------------------------------ one difference
    def current_difference(self) -> Difference | None:
        """The difference selected in the list."""
        item = self.tree.currentItem()
        return item.data(0, DIFF_ROLE) if item is not None else None

    def differences(self) -> list[Difference]:
        """Every difference listed (tests)."""
        return self.comparison.all()

    def _show_current(self) -> None:
        diff = self.current_difference()
        now = self.to_box.currentData() == NOW
        self.revert.setEnabled(diff is not None and now and not self.window.controller.is_read_only())
        self.revert.setToolTip(S.COMPARE_REVERT_TIP if now else S.COMPARE_REVERT_ONLY_NOW)
        self.detail.setHtml(marked_html(diff) if diff is not None else "")
        if diff is not None and not diff.group.startswith(TABLE_PREFIX):
            self.window.select(diff.group)

    def revert_current(self) -> bool:
        """Take back the selected difference (one undoable edit)."""
        diff = self.current_difference()
        if diff is None or self.to_box.currentData() != NOW:
            return False
        pushed = self.window.controller.push(diff.revert_edit(self.window.session.draft))
        self.recompute()
        return pushed

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        try:
            self.window.controller.editApplied.disconnect(self._draft_changed)
        except (RuntimeError, TypeError):  # pragma: no cover
            pass
        super().closeEvent(event)

