"""Collapsible guidance box: what to write in the section, topics to cover, a short example."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCursor, QMouseEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QToolButton, QVBoxLayout, QWidget

TEXT_HEIGHT = 130          # the box's height until the drafter drags its lower edge
TEXT_MIN_HEIGHT = 48
TEXT_MAX_HEIGHT = 600

from ..template.manifest import SectionSpec
from . import strings as S


def guidance_html(spec: SectionSpec) -> str:
    """The guidance of *spec* as rich text for a QLabel."""
    parts = []
    if spec.guidance:
        parts.append(f"<p>{escape(spec.guidance)}</p>")
    if spec.topics:
        items = "".join(f"<li>{escape(t)}</li>" for t in spec.topics)
        parts.append(f"<p style='margin-bottom:0'><b>{S.GUIDANCE_TOPICS}</b></p><ul style='margin-top:0'>{items}</ul>")
    if spec.example:
        example = "<br/>".join(escape(line) for line in spec.example.splitlines())
        parts.append(f"<p><b>{S.GUIDANCE_EXAMPLE}</b><br/><i>{example}</i></p>")
    return "".join(parts) or f"<p>{S.GUIDANCE_NONE}</p>"


class HeightGrip(QFrame):
    """A thin bar under a box: drag it up or down to make the box shorter or taller."""

    dragged = Signal(int)          # the new height of the box
    released = Signal(int)

    def __init__(self, box: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.box = box
        self.setFixedHeight(7)
        self.setCursor(QCursor(Qt.CursorShape.SizeVerCursor))
        self.setToolTip(S.GUIDANCE_RESIZE_TIP)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._start: tuple[float, int] | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        self._start = (event.globalPosition().y(), self.box.height())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        if self._start is not None:
            y, height = self._start
            self.dragged.emit(int(height + event.globalPosition().y() - y))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        if self._start is not None:
            self._start = None
            self.released.emit(self.box.height())   # the panel reports the height the drafter chose


class _GuidanceArea(QScrollArea):
    """The guidance's scroll area: it asks for its chosen height and gives way on a short window."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().sizeHint()
        return QSize(hint.width(), self.maximumHeight())


class GuidancePanel(QWidget):
    """A toggle button, the guidance text below it, and a grip to make the text box taller or shorter."""

    expandedChanged = Signal(bool)
    heightChanged = Signal(int)    # the drafter resized the box (remembered by the window)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.toggle = QToolButton(self)
        self.toggle.setText(S.GUIDANCE_TOGGLE)
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setStyleSheet("QLabel { background: #fffbe6; padding: 6px; }")
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.area = _GuidanceArea(self)
        self.area.setWidget(self.text)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.StyledPanel)
        self.area.setStyleSheet("QScrollArea { background: #fffbe6; border: 1px solid #e6d9a8; }")
        self.set_text_height(TEXT_HEIGHT)
        self.grip = HeightGrip(self.area, self)
        self.grip.dragged.connect(self.set_text_height)
        self.grip.released.connect(lambda _height: self.heightChanged.emit(self._wanted_height))
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.area)
        layout.addWidget(self.grip)
        self.toggle.toggled.connect(self._toggled)
        self.set_expanded(True)

    def set_section(self, spec: SectionSpec) -> None:
        """Show the guidance of *spec*."""
        self.text.setText(guidance_html(spec))

    def set_expanded(self, expanded: bool) -> None:
        """Open or close the box."""
        self.toggle.setChecked(expanded)
        self._toggled(expanded, emit=False)

    def set_text_height(self, height: int) -> None:
        """Make the guidance text box up to *height* pixels tall (kept between sensible bounds).

        The box takes that height when the window has room and shrinks (down to
        ``TEXT_MIN_HEIGHT``, scrolling its text) on a short screen, so opening docks never
        pushes the window taller than the screen.
        """
        height = max(TEXT_MIN_HEIGHT, min(TEXT_MAX_HEIGHT, int(height)))
        self.area.setMinimumHeight(TEXT_MIN_HEIGHT)
        self.area.setMaximumHeight(height)
        self._wanted_height = height
        self.area.updateGeometry()

    def text_height(self) -> int:
        """The text box's height now."""
        return self._wanted_height

    def is_expanded(self) -> bool:
        """True when the guidance text is shown."""
        return self.toggle.isChecked()

    def _toggled(self, expanded: bool, emit: bool = True) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.area.setVisible(expanded)
        self.grip.setVisible(expanded)
        if emit:
            self.expandedChanged.emit(expanded)
