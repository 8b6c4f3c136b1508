"""Appendix tables that fit their pane: columns share the pane's width in the pack's proportions.

The table editor starts with fixed widths (for a wide pane).  At 1366×768,
with the outline, the preview and a dock beside it, that leaves most columns
out of sight; here the columns are scaled to the visible width whenever the
pane is shown or resized (never below ``MIN_COLUMN``), the header wraps, and
rows grow to show wrapped names.  A column the drafter resized by hand keeps
its width until the pane's width changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

MIN_COLUMN = 40
FIGURE_PADDING = 14


def column_widths(weights: list[float], available: int, minimums: list[int] | None = None) -> list[int]:
    """Widths in proportion to *weights* filling *available* pixels, none below its minimum."""
    total = sum(weights) or 1.0
    floors = minimums or [MIN_COLUMN] * len(weights)
    widths = [max(floor, int(available * w / total)) for w, floor in zip(weights, floors)]
    excess = sum(widths) - available
    if excess > 0:                    # minimums pushed past the width: take it back from the widest
        for i in sorted(range(len(widths)), key=lambda k: -(widths[k] - floors[k])):
            take = min(excess, widths[i] - floors[i])
            widths[i] -= take
            excess -= take
            if excess <= 0:
                break
    return widths


class TableFitter(QObject):
    """Keeps the window's appendix table fitted to its pane."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        self._watched = False
        self._last_width = -1
        window.stack.currentChanged.connect(lambda _i: self._shown())

    def _shown(self) -> None:
        window = self.window
        editor = window._table_editor
        if editor is None or window.stack.currentWidget() is not editor:
            return
        if not self._watched:
            editor.view.viewport().installEventFilter(self)
            self._watched = True
        self._last_width = -1
        self.fit()

    def fit(self) -> None:
        """Scale the columns of the shown table to the pane's width."""
        editor = self.window._table_editor
        if editor is None or editor.model is None:
            return
        spec = self.window.session.pack.tables.get(editor.table_id) if self.window.session else None
        if spec is None:
            return
        available = editor.view.viewport().width()
        if available <= 0 or available == self._last_width:
            return
        self._last_width = available
        floors = []                   # a figure is never cut ("2.1…"); text columns may wrap
        for i, column in enumerate(spec.columns):
            content = self._figure_width(editor, i)
            floors.append(content if column.numeric else min(2 * MIN_COLUMN, content))
        for index, width in enumerate(column_widths([c.width_mm for c in spec.columns], available, floors)):
            editor.view.setColumnWidth(index, width)
        editor.view.resizeRowsToContents()

    @staticmethod
    def _figure_width(editor, column: int) -> int:
        """Width of the widest figure shown in *column* (with the cell's padding)."""
        model, metrics = editor.model, editor.view.fontMetrics()
        texts = (str(model.index(row, column).data() or "") for row in range(model.rowCount()))
        return max([MIN_COLUMN] + [metrics.horizontalAdvance(t) + FIGURE_PADDING for t in texts])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Fit again when the pane changes width."""
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False


def install_table_fit(window: "MainWindow") -> TableFitter:
    """Fit appendix tables to their pane in *window*."""
    fitter = TableFitter(window)
    window.table_fitter = fitter   # type: ignore[attr-defined]
    return fitter
