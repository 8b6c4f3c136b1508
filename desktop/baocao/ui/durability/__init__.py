"""Dialogs for drafts that never lose work: recovery after a crash, locked files, history, backups.

Standalone widgets over ``baocao.session`` and ``baocao.storage``; the main
window creates them (see each module) and decides what to open afterwards.
Every question they ask (confirm, file name, version name) goes through a
callable that tests replace, so no dialog blocks a test.
"""

from .backups_dialog import BackupsDialog
from .history_dialog import HistoryDialog
from .lock_dialog import LockChoice, LockDialog, open_with_lock_dialog
from .recovery_dialog import RecoveryDialog, offer_recovery

__all__ = ["BackupsDialog", "HistoryDialog", "LockChoice", "LockDialog", "RecoveryDialog", "offer_recovery",
           "open_with_lock_dialog"]
