"""What the drafter does with a finding: apply its fix, dismiss it, add a word to a dictionary."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ...checks.dismissals import EXTRA_NAME, KEY_DISMISSED, add_user_word, add_word_value, dismiss_value
from ...checks.findings import Finding
from ...edits import SetExtra
from . import strings as CS

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow


def _after_change(window: "MainWindow") -> None:
    window._refresh_findings()                 # noqa: SLF001 - the window's own refresh of the list
    checks = getattr(window, "checks", None)
    if checks is not None:
        checks.live.check_now()
        checks.panel.refill()


def apply_fix(window: "MainWindow", finding: Finding, replacement: str | None = None) -> bool:
    """Apply *finding*'s fix (or *replacement*) as one undoable edit; False when it no longer applies."""
    session = window.session
    if session is None or window.controller.is_read_only():
        return False
    from ...checks.fixes import fix_edit

    if replacement is not None:
        finding = replace(finding, fix=replacement, fix_label=f"Sửa thành «{replacement}»")
    edit = fix_edit(session.draft, finding)
    if edit is None:
        window.statusBar().showMessage(CS.FIX_STALE if finding.fix is not None else CS.NO_FIX, 6000)
        _after_change(window)
        return False
    window.controller.push(edit)
    _after_change(window)
    return True


def dismiss(window: "MainWindow", finding: Finding) -> None:
    """Dismiss *finding* (kept in the draft, undoable)."""
    session = window.session
    if session is None or window.controller.is_read_only():
        return
    value = dismiss_value(session.draft, finding.key())
    window.controller.push(SetExtra.make(session.draft, EXTRA_NAME, value, CS.DISMISS_LABEL))
    _after_change(window)


def restore_dismissed(window: "MainWindow") -> None:
    """Report every dismissed finding again (undoable)."""
    session = window.session
    if session is None or window.controller.is_read_only():
        return
    value = dict(session.draft.extras.get(EXTRA_NAME) or {})
    value[KEY_DISMISSED] = []
    window.controller.push(SetExtra.make(session.draft, EXTRA_NAME, value, CS.RESTORE_LABEL))
    _after_change(window)


def add_to_dictionary(window: "MainWindow", word: str, draft_only: bool = False) -> None:
    """Add *word* to the user's dictionary (or only this draft's, kept in the draft and undoable)."""
    session = window.session
    if session is None:
        return
    if not draft_only:
        try:
            add_user_word(word)
        except OSError as exc:
            from ...oserrors import os_error_text

            window.statusBar().showMessage(CS.ADD_WORD_FAILED.format(error=os_error_text(exc)), 8000)
            draft_only = True
    if draft_only and not window.controller.is_read_only():
        window.controller.push(SetExtra.make(session.draft, EXTRA_NAME, add_word_value(session.draft, word),
                                             CS.ADD_WORD_LABEL))
    from ...checks import spelling_rule
    from ...spelling import words

    words.spelling_problems.cache_clear()      # the dictionary changed: words flagged before may be fine now
    spelling_rule.spelling_hits.cache_clear()
    window.statusBar().showMessage(CS.WORD_ADDED.format(word=word), 5000)
    _after_change(window)
