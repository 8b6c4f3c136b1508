"""Vietnamese for Qt's own texts: context menus, file dialogs, standard buttons.

Qt ships no Vietnamese catalogue, so baocao carries ``resources/i18n/qtbase_vi.qm``
(built from ``qtbase_vi.ts`` by ``resources/i18n/build.py``).  Loading it costs
well under a millisecond, so it is installed at start-up unconditionally.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ..paths import resources_dir

if TYPE_CHECKING:  # pragma: no cover
    from PySide6.QtCore import QCoreApplication, QTranslator

log = logging.getLogger(__name__)

CATALOGUE = "qtbase_vi.qm"
TRANSLATOR_NAME = "baocao-qtbase-vi"


def catalogue_path() -> Path:
    """Where the compiled Vietnamese Qt catalogue is (inside the installed package or the checkout)."""
    return resources_dir() / "i18n" / CATALOGUE


def install_qt_translations(app: "QCoreApplication") -> "QTranslator | None":
    """Install the Vietnamese Qt catalogue on *app* and make Vietnamese the default QLocale.

    Idempotent (a second call returns the translator already installed).
    Returns None, after logging a warning, when the catalogue cannot be
    loaded: the window then works with Qt's English texts.
    """
    from PySide6.QtCore import QLocale, QTranslator

    QLocale.setDefault(QLocale("vi_VN"))
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
