"""The mapping preview of a .docx import: each piece of the file, what it holds, and the section it goes to."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QHeaderView, QLabel,
                               QRadioButton, QSplitter, QTableWidget, QTableWidgetItem, QTextBrowser, QVBoxLayout,
                               QWidget)

from ...importing import MODE_APPEND, MODE_REPLACE, ImportPlan, UNPLACED_ID
from ...importing.reader import SourceTable
from ...model.richtext import Note
from . import strings as S

PREVIEW_PARAGRAPHS = 8
COL_SOURCE, COL_CONTENT, COL_TARGET = range(3)


def _counts(segment) -> str:
    paras = [p for p in segment.paragraphs() if not p.is_blank()]
    notes = sum(len(p.notes()) for p in paras)
    tables = sum(1 for b in segment.blocks if isinstance(b, SourceTable))
    text = S.CONTENT_COUNTS.format(paras=len(paras))
    if notes:
        text += S.CONTENT_NOTES.format(notes=notes)
    if tables:
        text += S.CONTENT_TABLES.format(tables=tables)
    return text


def _para_html(para) -> str:
    out = []
    for item in para.content:
        if isinstance(item, Note):
            out.append(f"<sup title='{escape(item.plain_text())}'>[*]</sup>")
            continue
        text = escape(item.text)
        if item.bold:
            text = f"<b>{text}</b>"
        if item.italic:
            text = f"<i>{text}</i>"
        out.append(text)
    mark = {"dash": "- ", "plus": "+ ", "number": "1. "}.get(para.kind, "")
    return f"<p>{escape(mark)}{''.join(out)}</p>"


class ImportDialog(QDialog):
    """Shows an ``ImportPlan``; the drafter changes targets and the mode, then accepts (``importRequested``)."""

    importRequested = Signal()

    def __init__(self, plan: ImportPlan, table_titles: dict[str, str] | None = None, parent: QWidget | None = None,
                 draft=None):
        super().__init__(parent)
        self.plan = plan
        self.draft = draft
        self.table_titles = table_titles or {}
        self.setWindowTitle(S.IMPORT_TITLE)
        self.resize(980, 620)
        layout = QVBoxLayout(self)
        intro = QLabel(S.IMPORT_INTRO.format(name=plan.name), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([S.COL_SOURCE, S.COL_CONTENT, S.COL_TARGET])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_SOURCE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_CONTENT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TARGET, QHeaderView.ResizeMode.Stretch)
        self.combos: list[QComboBox] = []
        self._fill()
        splitter.addWidget(self.table)
        self.preview = QTextBrowser(self)
        splitter.addWidget(self.preview)
        splitter.setSizes([380, 160])
        layout.addWidget(splitter, 1)
        self.tables_label = QLabel(self._tables_text(), self)
        self.tables_label.setWordWrap(True)
        layout.addWidget(self.tables_label)
        self.figures_label = QLabel(self._figures_text(), self)
        self.figures_label.setWordWrap(True)
        self.figures_label.setVisible(bool(self.figures_label.text()))
        layout.addWidget(self.figures_label)
        self.citations_label = QLabel(self)
        self.citations_label.setWordWrap(True)
        self.citations_box = QCheckBox(self)
        self.citations_box.setChecked(plan.add_citations)
        self.citations_box.toggled.connect(self._citations_toggled)
        self._fill_citations()
        layout.addWidget(self.citations_label)
        layout.addWidget(self.citations_box)
        self.append_button = QRadioButton(S.MODE_APPEND, self)
        self.replace_button = QRadioButton(S.MODE_REPLACE, self)
        self.append_button.setChecked(True)
        layout.addWidget(self.append_button)
        layout.addWidget(self.replace_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(S.BUTTON_IMPORT)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.table.currentCellChanged.connect(lambda row, _c, _r, _p: self._show_piece(row))
        if self.table.rowCount():
            self.table.selectRow(0)

    # ------------------------------------------------------------ building
    def _fill(self) -> None:
        pieces = self.plan.pieces()
        self.table.setRowCount(len(pieces))
        choices = self.plan.target_ids()
        for row, (index, segment) in enumerate(pieces):
            depth = segment.heading.level - 1 if segment.heading is not None else 0
            source = QTableWidgetItem("    " * max(0, depth) + segment.source_text())
            source.setToolTip(segment.source_text())
            self.table.setItem(row, COL_SOURCE, source)
            self.table.setItem(row, COL_CONTENT, QTableWidgetItem(_counts(segment)))
            combo = QComboBox(self.table)
            for section_id in choices:
                target = next((t for t in self.plan.targets if t.id == section_id), None)
                indent = "    " * (target.level - 1) if target is not None else ""
                combo.addItem(indent + self.plan.target_label(section_id), section_id)
            combo.setCurrentIndex(choices.index(segment.target))
            combo.currentIndexChanged.connect(lambda _i, r=row, seg=index, c=combo: self._target_changed(r, seg, c))
            self.combos.append(combo)
            self.table.setCellWidget(row, COL_TARGET, combo)
            self._mark(row)

    def _tables_text(self) -> str:
        rows = self.plan.table_rows()
        if not rows:
            has_tables = any(isinstance(b, SourceTable) for s in self.plan.segments for b in s.blocks)
            return S.TABLES_NONE if has_tables else ""
        titles = [S.TABLE_MATCH_ITEM.format(title=self.table_titles.get(tid, tid), rows=len(r))
                  for tid, r in rows.items()]
        return S.TABLES_MATCHED.format(tables="; ".join(titles))

    def _figures_text(self) -> str:
        own = self.plan.own
        if own is None:
            return ""
        text = S.FIGURES_OWN.format(figures=self.plan.figures_text(), generated=own.generated)
        if own.edited:
            text += S.FIGURES_EDITED.format(edited=len(own.edited))
        if not own.marks:
            text += S.FIGURES_NO_MARKS
        return text

    def _fill_citations(self) -> None:
        """The citations found: those of the register's documents, and the documents offered to it."""
        linked = self.plan.citations(self.draft) if self.draft is not None else None
        known = linked.known if linked is not None else 0
        self.citations_label.setText(S.CITATIONS_KNOWN.format(known=known) if known else "")
        self.citations_label.setVisible(bool(known))
        if linked is not None and not self.plan.add_citations:     # count what would be added
            from ...importing.citations import link_citations

            linked = link_citations(self.draft, self.plan.bodies(), True, self.plan.citation_style)
        names = linked.new_names() if linked is not None else []
        self.citations_box.setText(S.ADD_CITATIONS.format(count=len(names), mentions=linked.new_mentions
                                                          if linked is not None else 0))
        self.citations_box.setToolTip(S.ADD_CITATIONS_TIP.format(names="; ".join(names[:40])))
        self.citations_box.setVisible(bool(names))

    def _citations_toggled(self, checked: bool) -> None:
        self.plan.add_citations = checked

    def _mark(self, row: int) -> None:
        """Unplaced pieces in italics, so the drafter sees at once what matched nothing."""
        combo = self.combos[row]
        font = combo.font()
        font.setItalic(combo.currentData() == UNPLACED_ID)
        combo.setFont(font)

    # ------------------------------------------------------------ reacting
    def _target_changed(self, row: int, segment_index: int, combo: QComboBox) -> None:
        self.plan.set_target(segment_index, combo.currentData())
        self._mark(row)

    def _show_piece(self, row: int) -> None:
        pieces = self.plan.pieces()
        if not 0 <= row < len(pieces):
            self.preview.clear()
            return
        segment = pieces[row][1]
        paras = [p for p in segment.paragraphs() if not p.is_blank()][:PREVIEW_PARAGRAPHS]
        html = "".join(_para_html(p) for p in paras) or f"<p><i>{escape(S.PREVIEW_EMPTY)}</i></p>"
        self.preview.setHtml(html)

    def set_row_target(self, row: int, section_id: str) -> None:
        """Choose *section_id* for the piece in *row* (as the drafter would in its list)."""
        combo = self.combos[row]
        combo.setCurrentIndex(combo.findData(section_id))

    def mode(self) -> str:
        """``MODE_APPEND`` or ``MODE_REPLACE``, as chosen."""
        return MODE_REPLACE if self.replace_button.isChecked() else MODE_APPEND

    def _accept(self) -> None:
        self.importRequested.emit()
        self.accept()
