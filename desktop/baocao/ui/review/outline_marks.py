"""Who set a reviewer status and when, in the outline; the review progress line under it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QTreeWidgetItemIterator

from ...constants import SectionStatus
from ...review import operations as ops
from ...review.store import local_time_text
from ..icons import STATUS_COLOURS
from ..navigation import is_appendix_key
from ..outline import KEY_ROLE
from . import strings as S

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

#: how many "still to fix" sections the progress line names before "…"
MAX_NAMED = 4
SHORT_TITLE = 38
#: an approval the content no longer matches: the outline's status text and the editor's banner
OUTDATED_COLOUR = "#c77c02"
BANNER_STYLE = "background:#fff3e0; color:#7a4a00; border:1px solid #f0b060; border-radius:3px; padding:2px 6px;"


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
        self.banner = QLabel("", window.editor)          # over the section's text: «có thay đổi sau khi duyệt»
        self.banner.setWordWrap(True)
        self.banner.setObjectName("review_outdated")
        self.banner.setStyleSheet(BANNER_STYLE)
        window.editor.layout().insertWidget(1, self.banner)
        self.banner.hide()
        window.outline.entrySelected.connect(lambda _key: self.update_banner())
        self._timer = QTimer(window)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh_now)

    def refresh(self) -> None:
        """Update soon (after the outline has refreshed its own columns)."""
        self._timer.start()

    def _outdated(self, key: str) -> bool:
        room = getattr(self.window, "review", None)
        return room is not None and room.is_outdated(key)

    def status_by(self, key: str) -> str:
        """The "who, when" text of *key*'s reviewer status ("" when none) — tests, tooltips."""
        session = self.window.session
        if session is None:
            return ""
        record = ops.status_record(session.draft, key)
        outdated = self._outdated(key)
        if record is None or not (record.get("author") or record.get("at")):
            return S.OUTDATED_LABEL if outdated else ""
        status = session.draft.section(key).shown_status()
        label = S.OUTDATED_LABEL if outdated else status.label
        return (S.OUTDATED_BY if outdated else S.STATUS_BY).format(
            status=label, author=record.get("author", ""), when=local_time_text(record.get("at", "")))

    def update_banner(self) -> None:
        """Show, over the section shown, that its approval no longer matches its content (hidden otherwise)."""
        session, key = self.window.session, self.window.current_key
        if session is None or not key or key not in session.draft.sections or not self._outdated(key):
            self.banner.hide()
            return
        record = ops.status_record(session.draft, key) or {}
        who = record.get("initials") or record.get("author", "")          # one line: the editor keeps its height
        self.banner.setText(S.OUTDATED_BANNER.format(who=S.OUTDATED_BANNER_WHO.format(who=who) if who else ""))
        when = S.OUTDATED_BANNER_WHEN.format(when=local_time_text(record.get("at", "")), author=record.get("author"))
        self.banner.setToolTip((when if record.get("author") else "") + S.OUTDATED_BANNER_TIP)
        self.banner.show()

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
            outdated = self._outdated(key)
            if outdated:
                item.setText(1, S.OUTDATED_SHORT)
                item.setToolTip(1, self.status_by(key))
                item.setForeground(1, QBrush(QColor(OUTDATED_COLOUR)))
            elif record is not None:
                item.setText(1, f"{status.label} · {record.get('initials') or record.get('author', '')}".rstrip(" ·"))
                item.setToolTip(1, self.status_by(key))
                item.setForeground(1, QBrush(STATUS_COLOURS[status]))
            elif item.text(1) != status.label:
                item.setText(1, status.label)
                item.setToolTip(1, "")
                item.setForeground(1, QBrush(STATUS_COLOURS[status]))
        leaves = [k for k in self.window.outline.keys() if not is_appendix_key(k) and pack.has_section(k)
                  and not pack.section(k).children]
        outdated = [k for k in leaves if self._outdated(k)]
        approved = [k for k in leaves if draft.section(k).shown_status() is SectionStatus.APPROVED
                    and k not in outdated]
        needs = [k for k in leaves if draft.section(k).shown_status() is SectionStatus.NEEDS_WORK]
        text = (S.REVIEW_PROGRESS_OUTDATED if outdated else S.REVIEW_PROGRESS).format(
            approved=len(approved), total=len(leaves), needs=len(needs), outdated=len(outdated))
        titles = self.window.outline.numbered_titles() if needs or outdated else {}
        if needs:
            named = [_short(titles.get(k, k)) for k in needs[:MAX_NAMED]]
            text += "\n" + S.REVIEW_LEFT.format(sections="; ".join(named) + (" …" if len(needs) > MAX_NAMED else ""))
        # no line more under the outline (it has no room at 1366×768): the outdated ones are named in the tooltip
        self.label.setToolTip(S.REVIEW_OUTDATED.format(sections="; ".join(titles.get(k, k) for k in outdated))
                              if outdated else "")
        self.label.setText(text)
        self.label.setVisible(bool(approved or needs or outdated))
        self.update_banner()
