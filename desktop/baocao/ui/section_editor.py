"""Centre pane for one section: title, status, guidance, fields, body, notes and findings.

Heights on a short window (QA at 1366×768 with Find open, and at 800×560): the body
keeps ``BODY_COMFORT_LINES`` lines and the Kiểm tra list ``FINDINGS_ROWS`` rows before
anything else; the guidance box gives way first (down to its minimum, then it folds
away until the window is tall enough again — ``_fit_guidance``), then the fields.  A
long title is cut to two lines (one on a short window), a narrow pane drops the
«Trạng thái:» label, and ``minimumSizeHint`` counts wrapped texts, so the window's
least size is one at which nothing is drawn over anything else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from html import escape

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox, QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QScrollArea, QSplitter,
    QTabWidget, QVBoxLayout, QWidget,
)

from ..constants import SectionStatus
from ..model.draft import SectionData
from ..model.richtext import Note
from ..template.manifest import AppendixSpec, SectionSpec
from . import strings as S
from .checks import strings as CS
from .fields_form import FieldsForm
from .guidance import TEXT_MIN_HEIGHT, GuidancePanel
from .icons import status_icon
from .navigation import display_title
from .notes_panel import NotesPanel
from .richtext_editor import BodyEditor

FIELDS_MAX_HEIGHT = 150
BODY_MIN_HEIGHT = 70       # the body keeps three lines even on a very short window (800×560 with Find open)
TABS_MIN_HEIGHT = 76
TAB_FRAME = 4              # the tab widget's frame around its page
#: lines of the body kept before the guidance box gives way (QA: 1366×768 with Ctrl+H open)
BODY_COMFORT_LINES = 10
#: rows the Kiểm tra list always shows (one-line findings)
FINDINGS_ROWS = 5
FINDING_ROW_PADDING = 3    # a list row is a little taller than its line of text
#: a long title is cut (with "…", whole in its tooltip) to this many lines: the outline shows it whole
TITLE_MAX_LINES = 2
TITLE_POINT_SIZE = 13
#: a narrower pane (800-pixel window) drops the «Trạng thái:» label: the title keeps the room (the selector
#: says what it is in its tooltip)
NARROW_HEADER_WIDTH = 420
FIELDS_MIN_HEIGHT = 62     # two rows: on a short window the fields scroll instead of growing it
FIELDS_SHORT_MIN_HEIGHT = 34   # one row, when the window is too short for the body's comfortable lines
FIELD_ROW_HEIGHT = 28
#: row of each status in the status selector (filled in SectionStatus order)
STATUS_INDEX = {status: index for index, status in enumerate(SectionStatus)}

if TYPE_CHECKING:  # pragma: no cover
    from ..checks import Finding


class _FieldsArea(QScrollArea):
    """The fields' scroll area: it asks for all its rows (up to its maximum) and gives way on a short window."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().sizeHint()
        inner = self.widget()
        wanted = (inner.sizeHint().height() + 2 * self.frameWidth()) if inner is not None else hint.height()
        return QSize(hint.width(), min(wanted, self.maximumHeight()))


class SectionEditor(QWidget):
    """Edits the section chosen in the outline; every change leaves as a signal for an undoable edit."""

    bodyEdited = Signal(str)                 # section id
    fieldEdited = Signal(str, str, object)   # section id, field key, value
    statusChosen = Signal(str, object)       # section id, SectionStatus
    appendixRequested = Signal(str)          # appendix id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.section_id: str | None = None
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self._title_text = ""                 # the whole "label title" (the label may show it cut)
        self._shown_title = ""
        self._title_width = 0                 # the title's width when it was last fitted
        self.status = QComboBox(self)
        for status in SectionStatus:
            self.status.addItem(status_icon(status), status.label, status.value)
        status_label = self.status_label = QLabel(S.STATUS_LABEL, self)
        status_label.setBuddy(self.status)
        self.status.setToolTip(S.STATUS_LABEL.replace("&", "").rstrip(":"))
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(status_label)
        header.addWidget(self.status)

        self.guidance = GuidancePanel(self)
        self.fields = FieldsForm()
        self.fields_area = _FieldsArea(self)
        self.fields_area.setWidget(self.fields)
        self.fields_area.setWidgetResizable(True)
        self.fields_area.setFrameShape(QFrame.Shape.StyledPanel)
        self.fields_area.setMaximumHeight(FIELDS_MAX_HEIGHT)
        self.links = QHBoxLayout()
        self.linked_appendix_ids: list[str] = []     # the appendices the link row opens
        self.group_note = QLabel(S.GROUP_SECTION_NOTE, self)
        self.group_note.setWordWrap(True)
        self.group_note.setStyleSheet("color: #555;")

        self.body_label = QLabel(S.BODY_LABEL, self)
        self.body = BodyEditor(self)
        self.body.setPlaceholderText(S.BODY_PLACEHOLDER)
        self.body.setAccessibleName(S.BODY_LABEL.replace("&", "").rstrip(":"))
        self.body_label.setBuddy(self.body)
        self.notes = NotesPanel(self)
        self.findings = QListWidget(self)
        self.shown_findings: list[Finding] = []     # row of ``findings`` → the finding it shows
        self.findings.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.notes, S.NOTES_TAB.format(n=0))
        self.tabs.addTab(self.findings, S.FINDINGS_TAB.format(n=0))
        body_box = QWidget(self)
        body_layout = QVBoxLayout(body_box)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(2)
        body_layout.addWidget(self.body_label)
        body_layout.addWidget(self.body, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(body_box)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([320, 130])
        self.body.setMinimumHeight(BODY_MIN_HEIGHT)
        self._guidance_folded = False         # folded away for lack of room (see ``_fit_guidance``)
        self._guidance_forced = False         # opened again by the drafter on this section: not folded
        self._short = False                   # too short for the body's comfortable lines: least heights
        self._fields_min = 0                  # the fields' least height on a window that is not short
        self._split_moved = False             # the drafter chose the body/tabs split: it is left as it is
        self.update_tabs_min_height()
        self.splitter.setChildrenCollapsible(False)
        self._guidance_tip = self.guidance.toggle.toolTip()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        layout.addLayout(header)
        layout.addWidget(self.guidance)
        layout.addWidget(self.fields_area)
        layout.addLayout(self.links)
        layout.addWidget(self.group_note)
        layout.addWidget(self.splitter, 1)

        self.body.bodyEdited.connect(self._body_edited)
        self.body.notesChanged.connect(self._notes_changed)
        self.body.noteInserted.connect(self._note_inserted)
        self.notes.noteEdited.connect(lambda nid, note: self.body.set_note(nid, note))
        self.notes.noteRemoveRequested.connect(self._remove_note)
        self.notes.backToBody.connect(lambda: self.body.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.fields.fieldEdited.connect(self._field_edited)
        self.status.activated.connect(self._status_activated)
        self.guidance.toggle.toggled.connect(self._guidance_toggled)
        self.splitter.splitterMoved.connect(lambda *_: setattr(self, "_split_moved", True))
        self.setTabOrder(self.status, self.guidance.toggle)

    # ------------------------------------------------------------ heights on a short window
    def tabs_min_height(self) -> int:
        """The notes/Kiểm tra tabs' least height: what their pages need (the Kiểm tra buttons, the notes)."""
        bar = self.tabs.tabBar().sizeHint().height()
        page = max(self.tabs.widget(i).minimumSizeHint().height() for i in range(self.tabs.count()))
        return max(TABS_MIN_HEIGHT, bar + page + TAB_FRAME)

    def tabs_comfort_height(self) -> int:
        """The tabs' height for ``FINDINGS_ROWS`` rows of findings (they get it whenever the window has room)."""
        row = self.findings.fontMetrics().height() + FINDING_ROW_PADDING
        rows = FINDINGS_ROWS * row + 2 * self.findings.frameWidth()
        return max(self.tabs_min_height(), self.tabs.tabBar().sizeHint().height() + rows + TAB_FRAME)

    def _apply_least_heights(self) -> None:
        """The tabs' and the fields' least heights for the window as it is (the fields' lower while it is short)."""
        self.update_tabs_min_height()
        least = min(self._fields_min, FIELDS_SHORT_MIN_HEIGHT) if self._short else self._fields_min
        self.fields_area.setMinimumHeight(least)

    def update_tabs_min_height(self) -> None:
        """Apply ``tabs_min_height`` (again after a room adds a page or buttons to the tabs)."""
        self.tabs.setMinimumHeight(self.tabs_min_height())

    def _give_tabs_their_rows(self) -> None:
        """Unless the drafter has moved the bar between the body and the tabs, the tabs get
        ``tabs_comfort_height`` while the body keeps at least its comfortable lines."""
        if self._split_moved or self._short:
            return
        body, tabs = self.splitter.sizes()
        want = self.tabs_comfort_height()
        if 0 < tabs < want and body + tabs - want >= self.body_comfort_height():
            self.splitter.setSizes([body + tabs - want, want])

    def body_comfort_height(self) -> int:
        """The body's height for ``BODY_COMFORT_LINES`` lines of its text."""
        document = self.body.document()
        line = QFontMetrics(document.defaultFont()).lineSpacing()
        first = document.firstBlock().layout()
        if first is not None and first.lineCount():       # as laid out (a fallback font for a diacritic is taller)
            line = max(line, int(first.lineAt(0).height() + 0.999))
        margin = int(document.documentMargin())
        return BODY_COMFORT_LINES * line + 2 * margin + 2 * self.body.frameWidth()

    def _fields_natural_height(self) -> int:
        """The fields' height with every row shown (at most ``FIELDS_MAX_HEIGHT``: beyond, they scroll)."""
        inner = self.fields_area.widget()
        wanted = inner.sizeHint().height() + 2 * self.fields_area.frameWidth() if inner is not None else 0
        return min(wanted, FIELDS_MAX_HEIGHT)

    def guidance_room(self) -> int:
        """Height left for the guidance text once every other part — the body at ``body_comfort_height``, the
        fields with all their rows — has its own (negative: short of that much)."""
        layout = self.layout()
        margins = layout.contentsMargins()
        width = max(1, self.width() - margins.left() - margins.right())
        used, shown = margins.top() + margins.bottom(), 0
        for index in range(layout.count()):
            item = layout.itemAt(index)
            widget = item.widget()
            if item.isEmpty() and widget is not self.guidance:
                continue
            shown += 1
            if widget is self.guidance:
                panel = self.guidance.layout()
                used += self.guidance.toggle.sizeHint().height() + self.guidance.grip.height() + 2 * panel.spacing()
            elif widget is self.splitter:
                body_box = self.body.parentWidget().layout()
                used += (self.body_label.sizeHint().height() + body_box.spacing() + self.body_comfort_height()
                         + self.splitter.handleWidth() + self.tabs_comfort_height())
            elif widget is self.fields_area:
                used += self._fields_natural_height()
            elif item.hasHeightForWidth():
                used += item.heightForWidth(width)
            else:
                used += item.sizeHint().height()
        used += layout.spacing() * max(0, shown - 1)
        return self.height() - used

    def _fit_guidance(self) -> None:
        """Share the height out: the body first (``BODY_COMFORT_LINES``), then the fields, then the guidance.

        The guidance text takes what is left, at most the drafter's chosen height; with less than its
        minimum left it folds away (the toggle's tooltip says why; a click opens it anyway, on this section)
        until the window is tall enough again, and when even that is not enough the fields give way too.
        """
        guidance = self.guidance
        room = self.guidance_room()
        wanted = self._guidance_folded or guidance.is_expanded()     # the drafter's choice (folding unticks it)
        fold = wanted and room < TEXT_MIN_HEIGHT and not self._guidance_forced
        if fold != self._guidance_folded:
            self._set_guidance_folded(fold)
        if guidance.is_expanded():
            height = max(TEXT_MIN_HEIGHT, min(guidance.text_height(), room))
            if guidance.area.maximumHeight() != height:
                guidance.area.setMaximumHeight(height)
                guidance.area.updateGeometry()
        # the least heights are lowered (and the title cut to one line) only while the window is short; it is
        # no longer short once there is room for the title's second line again (no back and forth)
        short = room < (self._title_line_height() if self._short else 0)
        if short != self._short:
            self._short = short
            self._apply_least_heights()
            self._fit_title()
        fields = FIELDS_MAX_HEIGHT
        if short and self.fields_area.isVisibleTo(self):
            fields = max(self.fields_area.minimumHeight(), self._fields_natural_height() + room)
        if self.fields_area.maximumHeight() != fields:
            self.fields_area.setMaximumHeight(fields)
            self.fields_area.updateGeometry()
        self._give_tabs_their_rows()

    def _set_guidance_folded(self, fold: bool) -> None:
        """Fold the guidance away (its toggle unticked without telling the settings) or open it again."""
        guidance = self.guidance
        self._guidance_folded = fold
        guidance.toggle.blockSignals(True)            # not the drafter's choice: nothing is remembered
        guidance.set_expanded(not fold)
        guidance.toggle.blockSignals(False)
        guidance.toggle.setToolTip(S.GUIDANCE_FOLDED_TIP if fold else self._guidance_tip)

    def _guidance_toggled(self, expanded: bool) -> None:
        """The drafter opened the folded guidance: it stays open (at its least height) on this section."""
        if expanded and self._guidance_folded:
            self._guidance_folded = False
            self._guidance_forced = True
            self.guidance.toggle.setToolTip(self._guidance_tip)
        self._fit_guidance()

    def guidance_folded(self) -> bool:
        """True while the guidance text is folded away for lack of room."""
        return self._guidance_folded

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        """The layout's least size, counting the lines that wrapped texts (the title, a room's notice) take at
        the pane's width — the layout counts one each — so the window never squeezes the body and the tabs
        under their own least heights (they would be drawn over each other)."""
        hint = super().minimumSizeHint()
        if not self.isVisible():              # not laid out yet: its width says nothing
            return hint
        layout = self.layout()
        margins = layout.contentsMargins()
        width = max(self.width(), hint.width()) - margins.left() - margins.right()
        extra = 0
        for index in range(layout.count()):
            item = layout.itemAt(index)
            if not item.isEmpty() and item.hasHeightForWidth():
                extra += max(0, item.heightForWidth(width) - item.minimumSize().height())
        return QSize(hint.width(), hint.height() + extra)

    def shown_title(self) -> str:
        """The title as the pane shows it now (cut to ``TITLE_MAX_LINES`` lines at its width)."""
        return self._shown_title

    def _title_metrics(self) -> QFontMetrics:
        font = QFont(self.title.font())
        font.setPointSize(TITLE_POINT_SIZE)
        font.setBold(True)
        return QFontMetrics(font)

    def _title_line_height(self) -> int:
        return self._title_metrics().lineSpacing()

    def _fit_title(self) -> None:
        """Show the title on at most ``TITLE_MAX_LINES`` lines (one on a short window): a longer one is cut after
        a word, with "…" (whole in the tooltip; the outline shows it whole too)."""
        full = self._title_text
        width = self.title.contentsRect().width()
        shown = full
        if width > 0 and full:
            metrics = self._title_metrics()
            limit = (1 if self._short else TITLE_MAX_LINES) * metrics.lineSpacing()

            def fits(text: str) -> bool:
                flags = int(Qt.TextFlag.TextWordWrap)
                return metrics.boundingRect(QRect(0, 0, width, 10_000), flags, text).height() <= limit

            if not fits(full):
                words = full.split()
                low, high = 1, len(words) - 1          # the most words that fit with "…" (at least one)
                while low < high:
                    middle = (low + high + 1) // 2
                    if fits(" ".join(words[:middle]) + " …"):
                        low = middle
                    else:
                        high = middle - 1
                shown = " ".join(words[:low]) + " …"
        self._shown_title = shown
        self._title_width = width
        self.title.setText(f"<span style='font-size:{TITLE_POINT_SIZE}pt'><b>{escape(shown)}</b></span>")
        self.title.setToolTip(full if shown != full else "")

    def event(self, event: QEvent) -> bool:
        """After a part asked for a new size (fields, links, a room's notice), share the height out again."""
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:
            if self.title.contentsRect().width() != self._title_width:
                self._fit_title()             # the header's other parts took or gave back room
            self._fit_guidance()
        return handled

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        """Share the height out again (see ``_fit_guidance``); a new width may wrap the title differently."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.status_label.setVisible(event.size().width() >= NARROW_HEADER_WIDTH)
            self._fit_title()
            self.updateGeometry()             # ``minimumSizeHint`` follows the title's wrapping
        self._fit_guidance()

    # ------------------------------------------------------------ showing a section
    def show_section(self, spec: SectionSpec, label: str, title: str, data: SectionData, findings: list[Finding],
                     appendices: list[AppendixSpec]) -> None:
        """Load *spec*'s data into every part of the pane."""
        self.section_id = spec.id
        self._title_text = f"{label} {title or display_title(spec.title)}".strip()
        self._fit_title()
        self.guidance.set_section(spec)
        self._set_links(appendices)           # before the fields: their decorations look at the links
        self.fields.set_fields(spec.fields, data.fields)
        self.fields_area.setVisible(bool(spec.fields))
        self._fields_min = min(FIELDS_MIN_HEIGHT, FIELD_ROW_HEIGHT * len(spec.fields) + 6) if spec.fields else 0
        self.group_note.setVisible(bool(spec.children))
        self.body.set_body(data.body)
        self.set_status(data.shown_status())
        self.set_findings(findings)
        self._chain_tab_order()
        self._guidance_forced = False
        self._apply_least_heights()
        self._fit_guidance()                  # the fields, links and title of this section take their room

    def _chain_tab_order(self) -> None:
        """Tab goes status → guidance → each field → appendix links → body → notes (widgets built per section)."""
        chain: list[QWidget] = [self.status, self.guidance.toggle]
        for key in self.fields.keys():
            widget = self.fields.widget(key)
            inner = [w for w in (getattr(widget, "kind", None), *getattr(widget, "boxes", {}).values()) if w]
            chain.extend(inner or [widget])
        for index in range(self.links.count()):
            item = self.links.itemAt(index)
            if item is not None and item.widget() is not None:
                chain.append(item.widget())
        chain.append(self.body)
        chain.append(self.tabs.tabBar())
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _set_links(self, appendices: list[AppendixSpec]) -> None:
        self.linked_appendix_ids = [a.id for a in appendices]    # the appendices the link row opens
        while self.links.count():
            item = self.links.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
        for appendix in appendices:
            button = QPushButton(S.APPENDIX_LINK.format(label=appendix.label), self)
            button.setToolTip(S.APPENDIX_LINK_TIP.format(label=appendix.label))
            button.clicked.connect(lambda _=False, aid=appendix.id: self.appendixRequested.emit(aid))
            self.links.addWidget(button)
        if appendices:
            self.links.addStretch(1)

    def refresh(self, data: SectionData) -> None:
        """Show *data* again after undo/redo, keeping the cursor where possible."""
        if self.body.body() != data.body:
            self.body.set_body(data.body, keep_cursor=True)
        self.fields.update_values(data.fields)
        self.set_status(data.shown_status())

    def set_status(self, status: SectionStatus) -> None:
        """Show *status* in the selector (nothing to do when it shows it already)."""
        index = STATUS_INDEX[SectionStatus(status)]
        if self.status.currentIndex() != index:
            self.status.setCurrentIndex(index)

    def set_findings(self, findings: list[Finding]) -> None:
        """List this section's findings under the editor."""
        self.findings.clear()
        self.shown_findings = list(findings)        # item row → finding (the Kiểm tra panel acts on them)
        for finding in findings:
            mark = CS.SEVERITY_LABELS.get(finding.severity, S.FINDING_WARNING)
            item = QListWidgetItem(f"{mark}: {finding.message}")
            item.setForeground({"error": Qt.GlobalColor.darkRed, "hint": Qt.GlobalColor.darkBlue}.get(
                finding.severity, Qt.GlobalColor.darkYellow))
            self.findings.addItem(item)
        if not findings:
            self.findings.addItem(QListWidgetItem(S.FINDINGS_NONE))
        self.tabs.setTabText(1, S.FINDINGS_TAB.format(n=len(findings)))

    def set_read_only(self, read_only: bool) -> None:
        """Refuse typing everywhere in the pane (text stays selectable and copyable)."""
        self.body.setReadOnly(read_only)
        self.notes.set_read_only(read_only)
        self.fields.set_read_only(read_only)
        self.status.setEnabled(not read_only)

    # ------------------------------------------------------------ signals out
    def _body_edited(self) -> None:
        if self.section_id:
            self.bodyEdited.emit(self.section_id)

    def set_note_base(self, base: int) -> None:
        """Number this section's notes as the report does: from *base* + 1."""
        if base != self.body.note_base:
            self.body.set_note_base(base)
            self._notes_changed()

    def _notes_changed(self) -> None:
        notes = self.body.notes()
        self.notes.set_notes(notes, self.body.note_base)
        self.tabs.setTabText(0, S.NOTES_TAB.format(n=len(notes)))

    def _note_inserted(self, note_id: str) -> None:
        self._notes_changed()
        self.tabs.setCurrentWidget(self.notes)
        self.notes.focus_note(note_id)

    def _remove_note(self, note_id: str) -> None:
        self.body.remove_note(note_id)
        self.body.setFocus()

    def _field_edited(self, key: str, value: object) -> None:
        if self.section_id:
            self.fieldEdited.emit(self.section_id, key, value)

    def _status_activated(self, index: int) -> None:
        if self.section_id:
            self.statusChosen.emit(self.section_id, list(SectionStatus)[index])

    def insert_note(self) -> str:
        """Insert a footnote at the body's cursor and move to its text (Ctrl+Alt+F)."""
        return self.body.insert_note(Note([[]]))
