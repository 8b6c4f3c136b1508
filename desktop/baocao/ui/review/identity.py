"""The reviewer's name and initials: asked once, kept in the preferences (QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...review.identity import MAX_INITIALS, Reviewer, initials_of
from ..settings import AppSettings
from . import strings as S

NAME_KEY = "review/name"
#: the dialog's least width, and the room a title bar takes besides its title (icon, help and close buttons)
MIN_WIDTH = 440
TITLE_BAR_ROOM = 160
INITIALS_KEY = "review/initials"


def stored_reviewer(settings: AppSettings) -> Reviewer | None:
    """The reviewer saved in the preferences, or None when never set."""
    name = str(settings.qs.value(NAME_KEY, "") or "").strip()
    if not name:
        return None
    return Reviewer(name, str(settings.qs.value(INITIALS_KEY, "") or ""))


def current_reviewer(settings: AppSettings) -> Reviewer:
    """The reviewer from the preferences, or this computer's account name when none was set (never asks)."""
    from ...review.identity import fallback_reviewer

    return stored_reviewer(settings) or fallback_reviewer()


def store_reviewer(settings: AppSettings, reviewer: Reviewer) -> None:
    """Keep *reviewer* in the preferences."""
    settings.qs.setValue(NAME_KEY, reviewer.name)
    settings.qs.setValue(INITIALS_KEY, reviewer.initials)
    settings.qs.sync()


class IdentityDialog(QDialog):
    """Asks for the reviewer's name and initials (initials follow the name until typed)."""

    def __init__(self, parent: QWidget | None, current: Reviewer | None, first: bool = False):
        super().__init__(parent)
        self.setWindowTitle(S.IDENTITY_TITLE)       # short: the window's title bar shows it whole
        self.name = QLineEdit(current.name if current else "", self)
        self.initials = QLineEdit(current.initials if current else "", self)
        self.initials.setMaxLength(MAX_INITIALS + 1)       # one more, so that a pasted longer text is told off
        self.initials.setToolTip(S.IDENTITY_INITIALS_TIP.format(n=MAX_INITIALS))
        self.initials.setPlaceholderText(S.IDENTITY_INITIALS_HINT.format(n=MAX_INITIALS))
        self._initials_typed = current is not None
        self.name.textEdited.connect(self._name_edited)
        self.initials.textEdited.connect(self._initials_edited)
        self.initials.installEventFilter(self)
        heading = QLabel(f"<b>{S.IDENTITY_FIRST_HEADING if first else S.IDENTITY_HEADING}</b>", self)
        intro = QLabel(S.IDENTITY_FIRST_TEXT if first else S.IDENTITY_TEXT, self)
        intro.setWordWrap(True)
        self.heading, self.intro = heading, intro
        self.error = QLabel("", self)
        self.error.setStyleSheet("color:#b00020")
        form = QFormLayout()
        form.addRow(S.IDENTITY_NAME, self.name)
        form.addRow(S.IDENTITY_INITIALS, self.initials)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        # wide enough that a title bar (icon, buttons, a larger caption font) never cuts the title short
        title = self.fontMetrics().horizontalAdvance(S.IDENTITY_TITLE)
        self.setMinimumWidth(max(MIN_WIDTH, title * 2 + TITLE_BAR_ROOM))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _name_edited(self, text: str) -> None:
        if not self._initials_typed:
            self.initials.setText(initials_of(text))

    def _initials_edited(self, _text: str) -> None:
        self._initials_typed = True                        # from now on the name no longer fills it
        self.error.setText("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Entering the filled-in initials selects them, so that typing replaces them instead of appending."""
        if watched is self.initials and event.type() == QEvent.Type.FocusIn and not self._initials_typed:
            QTimer.singleShot(0, self.initials.selectAll)
        return super().eventFilter(watched, event)

    def _accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText(S.IDENTITY_EMPTY)
            return
        if len("".join(self.initials.text().split())) > MAX_INITIALS:
            self.error.setText(S.IDENTITY_INITIALS_LONG.format(n=MAX_INITIALS))
            self.initials.setFocus()
            return
        self.accept()

    def reviewer(self) -> Reviewer:
        """The name and initials entered."""
        return Reviewer(self.name.text(), self.initials.text())


def ask_reviewer(parent: QWidget, settings: AppSettings, force: bool = False) -> Reviewer | None:
    """The reviewer from the preferences; asked (and saved) the first time or when *force*."""
    current = stored_reviewer(settings)
    if current is not None and not force:
        return current
    dialog = IdentityDialog(parent, current, first=current is None)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    reviewer = dialog.reviewer()
    store_reviewer(settings, reviewer)
    return reviewer
