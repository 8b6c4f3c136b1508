"""Zoom of the section editor and the preview: Ctrl++, Ctrl+-, Ctrl+0 and Ctrl+wheel, remembered.

Each pane has its own zoom level (percent, one of ``ZOOM_STEPS``), kept in
the settings ("view/zoom_editor", "view/zoom_preview") and shown in the
status bar.  Zooming scales the default font of the pane's QTextDocument
from the size it was built with — the widget's own ``zoomIn`` would replace
the serif report font by the widget font.  The keys act on the pane with the
keyboard focus (the editor when neither has it); the wheel on the pane under
the mouse.  Footnote editors of the section follow the editor's zoom.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QTextEdit

if TYPE_CHECKING:  # pragma: no cover
    from .main_window import MainWindow

ZOOM_STEPS = (50, 67, 75, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)
DEFAULT_ZOOM = 100
SETTING_KEYS = {"editor": "view/zoom_editor", "preview": "view/zoom_preview"}
ZOOM_LABEL = "Soạn {editor} % · Xem {preview} %"
ZOOM_TIP = ("Thu phóng khung soạn thảo và khung xem trước.\n"
            "Ctrl++ phóng to, Ctrl+- thu nhỏ, Ctrl+0 về 100 %, hoặc giữ Ctrl và lăn chuột trên khung")
ACT_ZOOM_IN = "&Phóng to"
ACT_ZOOM_OUT = "&Thu nhỏ"
ACT_ZOOM_RESET = "&Cỡ chữ gốc (100 %)"


def next_step(percent: int, delta: int) -> int:
    """The zoom step after (*delta* > 0) or before *percent*; stays at the ends."""
    if delta > 0:
        return next((s for s in ZOOM_STEPS if s > percent), ZOOM_STEPS[-1])
    return next((s for s in reversed(ZOOM_STEPS) if s < percent), ZOOM_STEPS[0])


def valid_zoom(value: object) -> int:
    """A stored zoom value read back safely (anything odd → 100)."""
    try:
        percent = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return DEFAULT_ZOOM
    return percent if ZOOM_STEPS[0] <= percent <= ZOOM_STEPS[-1] else DEFAULT_ZOOM


BASE_PROPERTY = "baocaoZoomBase"     # a document's own size at 100 %, kept on the document itself


class _DocumentZoom:
    """Scales the default font of one or more QTextEdits' documents from their own base sizes."""

    def __init__(self) -> None:
        self.percent = DEFAULT_ZOOM

    def apply(self, view: QTextEdit) -> None:
        doc = view.document()
        font = doc.defaultFont()
        base = doc.property(BASE_PROPERTY)
        if not isinstance(base, float):
            base = font.pointSizeF() if font.pointSizeF() > 0 else 12.0
            doc.setProperty(BASE_PROPERTY, float(base))
        size = round(base * self.percent / 100, 1)
        if abs(font.pointSizeF() - size) > 0.05:
            font.setPointSizeF(size)
            doc.setDefaultFont(font)


class ZoomController(QObject):
    """Owns the two zoom levels of *window* and the actions that change them."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window = window
        self.zooms = {"editor": _DocumentZoom(), "preview": _DocumentZoom()}
        for pane, key in SETTING_KEYS.items():
            self.zooms[pane].percent = valid_zoom(window.settings.qs.value(key, DEFAULT_ZOOM))
        self.label = QLabel(window)
        self.label.setToolTip(ZOOM_TIP)
        window.statusBar().addPermanentWidget(self.label)
        for view in (window.editor.body, window.preview):
            view.viewport().installEventFilter(self)
        window.editor.body.notesChanged.connect(self._apply_notes)
        self.apply_all()

    # ------------------------------------------------------------ levels
    def percent(self, pane: str) -> int:
        """Zoom of "editor" or "preview" in percent."""
        return self.zooms[pane].percent

    def set_percent(self, pane: str, percent: int) -> None:
        """Set *pane*'s zoom, show it and remember it."""
        self.zooms[pane].percent = valid_zoom(percent)
        self.window.settings.set_value(SETTING_KEYS[pane], self.zooms[pane].percent)
        self.apply_all()

    def step(self, delta: int, pane: str | None = None) -> None:
        """One step in (+1) or out (-1), 0 back to 100 %, for *pane* or the focused one."""
        pane = pane or self.focused_pane()
        target = DEFAULT_ZOOM if delta == 0 else next_step(self.percent(pane), delta)
        self.set_percent(pane, target)

    def focused_pane(self) -> str:
        """"preview" when the keyboard focus is in the preview, else "editor"."""
        focus = QApplication.focusWidget()
        preview = self.window.preview
        return "preview" if focus is not None and (focus is preview or preview.isAncestorOf(focus)) else "editor"

    # ------------------------------------------------------------ applying
    def apply_all(self) -> None:
        """Apply both levels to their panes and refresh the status-bar label."""
        self.zooms["editor"].apply(self.window.editor.body)
        self.zooms["preview"].apply(self.window.preview)
        self._apply_notes()
        self.label.setText(ZOOM_LABEL.format(editor=self.percent("editor"), preview=self.percent("preview")))

    def _apply_notes(self) -> None:
        from .notes_panel import NoteEdit

        for view in self.window.editor.notes.findChildren(NoteEdit):
            self.zooms["editor"].apply(view)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Ctrl+wheel over a pane zooms that pane (instead of the widget's own font zoom)."""
        if event.type() == QEvent.Type.Wheel and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                pane = "preview" if watched is self.window.preview.viewport() else "editor"
                self.step(1 if delta > 0 else -1, pane)
            return True
        return False


def install_zoom(window: "MainWindow") -> ZoomController:
    """Add the zoom actions (Ctrl++, Ctrl+=, Ctrl+-, Ctrl+0) and the status-bar label to *window*."""
    zoom = ZoomController(window)
    specs = (("zoom_in", ACT_ZOOM_IN, [QKeySequence.StandardKey.ZoomIn, "Ctrl+="], 1),
             ("zoom_out", ACT_ZOOM_OUT, [QKeySequence.StandardKey.ZoomOut], -1),
             ("zoom_reset", ACT_ZOOM_RESET, ["Ctrl+0"], 0))
    actions = []
    for name, text, keys, delta in specs:
        action = QAction(text, window)
        action.setObjectName(f"act_{name}")
        sequences: list[QKeySequence] = []
        for key in keys:
            found = (QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey)
                     else [QKeySequence(key)])
            sequences.extend(s for s in found if s not in sequences)
        action.setShortcuts(sequences)
        action.triggered.connect(lambda _=False, d=delta: zoom.step(d))
        window.addAction(action)
        actions.append(action)
    zoom.actions = actions   # type: ignore[attr-defined]
    window.zoom = zoom       # type: ignore[attr-defined]
    return zoom
