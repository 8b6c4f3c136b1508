"""Province/city chooser: an editable combo box of the 34 units with completion that ignores diacritics.

Typing "lam", "Lâm" or "lam dong" offers "tỉnh Lâm Đồng"; a name typed in
full without diacritics becomes the proper name when the field is left.
Other text stays as typed (the list is a help, not a cage).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ..localities import LocalityMatch, fold, locality_names, match_locality
from . import strings as S

FOLDED_ROLE = Qt.ItemDataRole.UserRole + 7


class _FoldingCompleter(QCompleter):
    """Matches what is typed against the names without diacritics, inserts the proper name."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 (Qt API)
        return [fold(path)]

    def pathFromIndex(self, index) -> str:  # noqa: N802 (Qt API)
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


class LocalityChooser(QComboBox):
    """The 34 provinces and centrally-run cities; ``text()``/``setText()`` like a line edit."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(14)
        self.setMinimumWidth(260)
        for name in locality_names():
            self.addItem(name)
            self.setItemData(self.count() - 1, fold(name), FOLDED_ROLE)
        completer = _FoldingCompleter(self.model(), self)
        completer.setCompletionRole(FOLDED_ROLE)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.lineEdit().setPlaceholderText(S.PH_LOCALITY)
        self.setToolTip(S.LOCALITY_TIP)
        self.lineEdit().editingFinished.connect(self.tidy)
        self.setText("")

    def text(self) -> str:
        """What the field shows."""
        return self.currentText()

    def setText(self, text: str) -> None:  # noqa: N802 (mirrors QLineEdit)
        """Show *text* (selecting it in the list when it is one of the 34)."""
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText(text)

    def match(self) -> LocalityMatch | None:
        """The unit the text names, if any (an old name matches the unit it is part of now, with a note)."""
        return match_locality(self.text())

    def tidy(self) -> None:
        """Replace a current unit's name typed loosely ("lam dong") by its proper form ("tỉnh Lâm Đồng")."""
        found = self.match()
        if found is not None and not found.note and self.text() != found.locality.header_name:
            self.setText(found.locality.header_name)
