"""Collapsible guidance box: what to write in the section, topics to cover, a short example."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QToolButton, QVBoxLayout, QWidget

TEXT_MAX_HEIGHT = 130

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


class GuidancePanel(QWidget):
    """A toggle button and the guidance text below it."""

    expandedChanged = Signal(bool)

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
        self.area = QScrollArea(self)
        self.area.setWidget(self.text)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.StyledPanel)
        self.area.setStyleSheet("QScrollArea { background: #fffbe6; border: 1px solid #e6d9a8; }")
        self.area.setMaximumHeight(TEXT_MAX_HEIGHT)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.area)
        self.toggle.toggled.connect(self._toggled)
        self.set_expanded(True)

    def set_section(self, spec: SectionSpec) -> None:
        """Show the guidance of *spec*."""
        self.text.setText(guidance_html(spec))

    def set_expanded(self, expanded: bool) -> None:
        """Open or close the box."""
        self.toggle.setChecked(expanded)
        self._toggled(expanded, emit=False)

    def is_expanded(self) -> bool:
        """True when the guidance text is shown."""
        return self.toggle.isChecked()

    def _toggled(self, expanded: bool, emit: bool = True) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.area.setVisible(expanded)
        if emit:
            self.expandedChanged.emit(expanded)
