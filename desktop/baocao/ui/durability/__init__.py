"""Dialogs for drafts that never lose work: recovery after a crash, locked files, history, backups.

Standalone widgets over ``baocao.session`` and ``baocao.storage``; the main
window creates them (see each module) and decides what to open afterwards.
Every question they ask (confirm, file name, version name) goes through a
callable that tests replace, so no dialog blocks a test.
"""

from ...lazy import lazy_attributes

#: name → module, loaded on first use (PEP 562): the window's first frame needs none of the dialogs
_LAZY = {"BackupsDialog": "backups_dialog", "HistoryDialog": "history_dialog", "LockChoice": "lock_dialog",
         "LockDialog": "lock_dialog", "open_with_lock_dialog": "lock_dialog", "RecoveryDialog": "recovery_dialog",
         "offer_recovery": "recovery_dialog"}

__all__ = ["BackupsDialog", "HistoryDialog", "LockChoice", "LockDialog", "RecoveryDialog", "offer_recovery",
           "open_with_lock_dialog"]

__getattr__ = lazy_attributes(__name__, _LAZY, globals())
