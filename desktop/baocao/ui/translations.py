"""Vietnamese for Qt's own texts: context menus, file and print dialogs, standard buttons.

Qt ships no Vietnamese catalogue, so baocao carries ``resources/i18n/qtbase_vi.qm``
(built from ``qtbase_vi.ts`` by ``resources/i18n/build.py``).  Loading it costs
well under a millisecond, so it is installed at start-up unconditionally.

Qt's own file dialog (the one drawn by Qt: Linux, and wherever the system's is
not used) dates files in the *system* locale, not the default one set here:
under a C or English system that reads «2 12 2026».  ``FileDialogDates`` gives
the «Ngày sửa đổi» column of every such dialog the report's own day/month/year
(``FILE_DATE_FORMAT``) when the dialog first takes the focus.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractProxyModel, QLocale, QModelIndex, QObject, QTranslator
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QStyledItemDelegate, QTreeView, QWidget

from ..paths import resources_dir

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QStyleOptionViewItem

log = logging.getLogger(__name__)

CATALOGUE = "qtbase_vi.qm"
TRANSLATOR_NAME = "baocao-qtbase-vi"
#: How Qt's own file dialog shows when a file was last changed (day/month/year, as in the report).
FILE_DATE_FORMAT = "dd/MM/yyyy HH:mm"
#: The date column of ``QFileSystemModel`` (name, size, type, date).
FILE_DATE_COLUMN = 3
#: The widest date the column has to show, and the room around it in the cell (pixels).
FILE_DATE_SAMPLE = "28/08/2088 08:08"
FILE_DATE_PADDING_PX = 16
#: Object name of the file dialog's detail view in Qt's own file dialog (``qfiledialog.ui``).
FILE_DIALOG_DETAIL_VIEW = "treeView"
DATES_HOOK_NAME = "baocao-file-dialog-dates"


def catalogue_path() -> Path:
    """Where the compiled Vietnamese Qt catalogue is (inside the installed package or the checkout)."""
    return resources_dir() / "i18n" / CATALOGUE


def install_qt_translations(app: "QCoreApplication") -> QTranslator | None:
    """Install the Vietnamese Qt catalogue on *app* and make Vietnamese the default QLocale.

    Also dates the files of Qt's own file dialogs day/month/year (``FileDialogDates``).
    Idempotent (a second call returns the translator already installed).
    Returns None, after logging a warning, when the catalogue cannot be
    loaded: the window then works with Qt's English texts.
    """
    QLocale.setDefault(QLocale("vi_VN"))
    if isinstance(app, QApplication) and app.findChild(FileDialogDates, DATES_HOOK_NAME) is None:
        FileDialogDates(app)
    existing = app.findChild(QTranslator, TRANSLATOR_NAME)
    if existing is not None:
        return existing
    path = catalogue_path()
    translator = QTranslator(app)           # owned by the application: lives as long as it
    if not translator.load(str(path)):
        log.warning("Qt translations not loaded from %s", path)
        translator.deleteLater()
        return None
    translator.setObjectName(TRANSLATOR_NAME)
    app.installTranslator(translator)
    return translator


class FileDateDelegate(QStyledItemDelegate):
    """Shows a file dialog's date column as ``FILE_DATE_FORMAT`` instead of the system locale's short date."""

    def initStyleOption(self, option: "QStyleOptionViewItem", index: QModelIndex) -> None:  # noqa: N802 (Qt API)
        """The cell as Qt would draw it, with the file's date and time written day/month/year."""
        super().initStyleOption(option, index)
        text = file_date_text(index)
        if text:
            option.text = text


def file_date_text(index: QModelIndex) -> str:
    """The last-modified time of the file at *index* (of a ``QFileSystemModel`` or a proxy over one) as
    ``FILE_DATE_FORMAT``; "" when *index* is not a file's row of such a model."""
    model = index.model()
    while isinstance(model, QAbstractProxyModel) and index.isValid():
        index = model.mapToSource(index)
        model = index.model()
    if not isinstance(model, QFileSystemModel) or not index.isValid():
        return ""
    when = model.lastModified(index)
    return when.toString(FILE_DATE_FORMAT) if when.isValid() else ""


class FileDialogDates(QObject):
    """Gives each of Qt's own file dialogs a ``FileDateDelegate`` on its date column, once, when it takes the focus.

    The file dialogs are opened by ``QFileDialog.getOpenFileName`` and its like all over the window, so the
    dialog is met through the application's focus changes (a signal seldom sent, unlike events).
    """

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.setObjectName(DATES_HOOK_NAME)
        app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        dialog = now.window() if now is not None else None
        if isinstance(dialog, QFileDialog):
            date_file_dialog(dialog)


def date_file_dialog(dialog: QFileDialog) -> bool:
    """Give *dialog*'s detail view the day/month/year dates; False when it has none (a system dialog)."""
    view = dialog.findChild(QTreeView, FILE_DIALOG_DETAIL_VIEW)
    if view is None:
        return False
    if not isinstance(view.itemDelegateForColumn(FILE_DATE_COLUMN), FileDateDelegate):
        view.setItemDelegateForColumn(FILE_DATE_COLUMN, FileDateDelegate(view))
        header = view.header()              # Qt sized the column for "10/29/81 02:02PM": widen it to fit
        wanted = view.fontMetrics().horizontalAdvance(FILE_DATE_SAMPLE) + FILE_DATE_PADDING_PX
        header.resizeSection(FILE_DATE_COLUMN, max(header.sectionSize(FILE_DATE_COLUMN), wanted))
    return True
