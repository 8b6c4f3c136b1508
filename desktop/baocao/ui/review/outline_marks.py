"""Who set a reviewer status and when, in the outline; the review progress line under it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QTreeWidgetItemIterator

from ...constants import SectionStatus
from ...review import operations as ops
from ...review.store import local_time_text
from ..navigation import is_appendix_key
from ..outline import KEY_ROLE
from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

#: how many "still to fix" sections the progress line names before "…"
MAX_NAMED = 4
SHORT_TITLE = 38


def _short(title: str) -> str:
    return title if len(title) <= SHORT_TITLE else title[:SHORT_TITLE - 1].rstrip() + "…"


class OutlineMarks:
    """Adds the reviewer's initials to the outline rows and a review progress line."""

    def __init__(self, window: "MainWindow"):
        self.window = window
        self.label = QLabel("", window.outline)
        self.label.setWordWrap(True)
        self.label.setObjectName("review_progress")
        window.outline.layout().addWidget(self.label)
        self.label.hide()
        self._timer = QTimer(window)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh_now)

    def refresh(self) -> None:
        """Update soon (after the outline has refreshed its own columns)."""
        self._timer.start()

    def status_by(self, key: str) -> str:
        """The "who, when" text of *key*'s reviewer status ("" when none) — tests, tooltips."""
        session = self.window.session
        if session is None:
            return ""
        record = ops.status_record(session.draft, key)
        if record is None:
            return ""
        status = session.draft.section(key).shown_status()
        return S.STATUS_BY.format(status=status.label, author=record.get("author", ""),
                                  when=local_time_text(record.get("at", "")))

    def refresh_now(self) -> None:
        """Re-apply the marks to every section row and recount."""
        session = self.window.session
        if session is None:
            return
        draft, pack = session.draft, session.pack
        iterator = QTreeWidgetItemIterator(self.window.outline.tree)
        while iterator.value() is not None:
            item = iterator.value()
            iterator += 1
            key = item.data(0, KEY_ROLE)
            if not key or is_appendix_key(key) or not pack.has_section(key):
                continue
            status = draft.section(key).shown_status()
            record = ops.status_record(draft, key)
            if record is not None:
                item.setText(1, f"{status.label} · {record.get('initials') or record.get('author', '')}")
                item.setToolTip(1, self.status_by(key))
            elif item.text(1) != status.label:
                item.setText(1, status.label)
                item.setToolTip(1, "")
        leaves = [k for k in self.window.outline.keys() if not is_appendix_key(k) and pack.has_section(k)
                  and not pack.section(k).children]
        approved = [k for k in leaves if draft.section(k).shown_status() is SectionStatus.APPROVED]
        needs = [k for k in leaves if draft.section(k).shown_status() is SectionStatus.NEEDS_WORK]
        text = S.REVIEW_PROGRESS.format(approved=len(approved), total=len(leaves), needs=len(needs))
        if needs:
            titles = self.window.outline.numbered_titles()
            named = [_short(titles.get(k, k)) for k in needs[:MAX_NAMED]]
            text += "\n" + S.REVIEW_LEFT.format(sections="; ".join(named) + (" …" if len(needs) > MAX_NAMED else ""))
        self.label.setText(text)
        self.label.setVisible(bool(approved or needs))
