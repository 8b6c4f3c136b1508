"""The two File-menu commands: import a .docx through the mapping preview; a new draft from the last period."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from ...constants import DRAFT_SUFFIX
from ...errors import BaocaoError
from .. import prompts, strings as WS
from . import strings as S
from .mapping_dialog import ImportDialog

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow

STATUS_MS = 15000


# ---------------------------------------------------------------- import a .docx
def start_import(window: "MainWindow", path: str | None = None) -> ImportDialog | None:
    """Read *path* (asked when None), show the mapping preview (window-modal, not blocking); None when nothing
    to show.  Accepting it applies the import (``apply_import``)."""
    from ...importing import plan_import

    session = window.session
    if session is None:
        prompts.show_error(window, S.IMPORT_FAILED, S.NEEDS_DRAFT)
        return None
    if window.controller.is_read_only():
        window.statusBar().showMessage(WS.READ_ONLY_REFUSED, STATUS_MS)
        return None
    if path is None:
        path, _f = QFileDialog.getOpenFileName(window, S.IMPORT_TITLE, window.settings.last_dir(), S.DOCX_FILTER)
        if not path:
            return None
    try:
        plan = plan_import(session.draft, session.pack, Path(path))
    except BaocaoError as exc:
        prompts.show_error(window, S.IMPORT_FAILED, exc)
        return None
    if plan.is_empty():
        window.statusBar().showMessage(S.IMPORT_NOTHING.format(name=plan.name), STATUS_MS)
        return None
    titles = {a.table: a.label or a.table for a in session.pack.appendices if a.table}
    dialog = ImportDialog(plan, titles, window, session.draft)
    dialog.importRequested.connect(lambda: apply_import(window, dialog))
    window._import_dialog = dialog
    dialog.open()
    return dialog


def apply_import(window: "MainWindow", dialog: ImportDialog) -> bool:
    """Save a named version, then push the import as one undoable step."""
    from ...importing.constants import IMPORT_VERSION_NAME

    session = window.session
    if session is None:
        return False
    plan = dialog.plan
    try:
        edit = plan.edit(session.draft, dialog.mode())
        if edit is None:
            window.statusBar().showMessage(S.IMPORT_NOTHING.format(name=plan.name), STATUS_MS)
            return False
        version = IMPORT_VERSION_NAME.format(name=plan.name)
        session.save_named_version(version)
    except BaocaoError as exc:
        prompts.show_error(window, S.IMPORT_FAILED, exc)
        return False
    if not window.controller.push(edit):
        return False
    from ..review.commands import show_long_message

    show_long_message(window, S.IMPORT_DONE.format(name=short_name(plan.name)),      # fits at 1366 px
                      S.IMPORT_DONE_TIP.format(name=plan.name, version=version), STATUS_MS)
    return True


def short_name(name: str, most: int = S.STATUS_NAME_MAX) -> str:
    """*name* as the status bar shows it: whole up to *most* characters, else its start and end around «…»."""
    if len(name) <= most:
        return name
    tail = max(8, most // 3)
    return name[:most - tail - 1] + "…" + name[-tail:]


# ---------------------------------------------------------------- new draft from the last period
def prepare_from_previous(path: str | Path):
    """(pack, new draft, what was kept and cleared) for the previous draft at *path* (``BaocaoError``)."""
    from ...importing.last_period import draft_from_previous
    from ...storage import load_any
    from ...template import load_pack

    previous = load_any(str(path))
    pack = load_pack(previous.template_id)
    draft, report = draft_from_previous(previous, pack)
    return pack, previous, draft, report


def create_from_previous(window: "MainWindow", pack, draft, save_path: str | Path) -> bool:
    """Open *draft* as the window's draft and save it as *save_path*."""
    from ...session import DraftSession

    window.controller.set_session(DraftSession.new(pack, draft))
    if not window.controller.save_as(save_path):
        return False
    window.statusBar().showMessage(S.FROM_PREVIOUS_DONE.format(name=Path(save_path).name,
                                                               period=draft.meta.period.phrase()), STATUS_MS)
    return True


def new_from_previous(window: "MainWindow", previous_path: str | None = None) -> bool:
    """File → New from last period: choose the previous draft, preview what is kept and cleared, save as."""
    from .previous_dialog import PreviousDialog

    if not window.controller.maybe_save_changes():
        return False
    if previous_path is None:
        previous_path, _f = QFileDialog.getOpenFileName(window, S.FROM_PREVIOUS_OPEN, window.settings.last_dir(),
                                                        S.DRAFT_FILTER)
        if not previous_path:
            return False
    try:
        pack, previous, draft, report = prepare_from_previous(previous_path)
    except BaocaoError as exc:
        prompts.show_error(window, S.FROM_PREVIOUS_FAILED, exc)
        return False
    dialog = PreviousDialog(Path(previous_path).name, previous, draft, report, window)
    if dialog.exec() != PreviousDialog.DialogCode.Accepted:
        return False
    suggested = Path(previous_path).with_name(
        f"bao-cao-{draft.meta.period.kind.value}-{draft.meta.period.year}{DRAFT_SUFFIX}")
    save_path = prompts.ask_save_path(window, str(suggested), WS.SAVE_FILTER, DRAFT_SUFFIX, S.FROM_PREVIOUS_SAVE)
    if not save_path:
        return False
    return create_from_previous(window, pack, draft, save_path)
