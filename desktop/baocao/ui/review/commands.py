"""The "Góp ý" menu's commands that open dialogs or write files (identity, compare, Word export/import)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from ...errors import BaocaoError
from .. import prompts
from . import strings as S
from .identity import ask_reviewer

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow


def change_identity(window: "MainWindow") -> None:
    """Góp ý → Người góp ý: change the name and initials kept in the preferences."""
    ask_reviewer(window, window.settings, force=True)


def show_compare(window: "MainWindow"):
    """Open (or raise) the compare view."""
    from .compare_view import CompareView

    if window.session is None:
        return None
    view = getattr(window, "_review_compare", None)
    if view is None or not view.isVisible():
        view = CompareView(window)
        window._review_compare = view
    view.show()
    view.raise_()
    return view


def _target(window: "MainWindow", suffix: str) -> str | None:
    session = window.session
    base = session.path or session.source or Path(window.settings.last_dir()) / "bao-cao"
    path, _filter = QFileDialog.getSaveFileName(window, S.ACT_EXPORT_COMMENTS.replace("&", "").rstrip("…"),
                                                str(Path(base).with_name(Path(base).stem + suffix)),
                                                "Tệp Word (*.docx)")
    if path and not path.lower().endswith(".docx"):
        path += ".docx"
    return path or None


def _exports(window: "MainWindow"):
    return window.review.exports


def export_with_comments(window: "MainWindow", path: str | None = None) -> bool:
    """Write the report with its comments as Word comments, in the background; False when nothing was started."""
    import copy

    from ...outputs import check_output
    from ...render import render_draft
    from ...review.docx_comments import chosen_threads, comments_docx

    session = window.session
    if session is None:
        return False
    path = path or _target(window, "-gop-y.docx")
    if not path:
        return False
    try:             # rendered here, as the normal export is; the job gets copies only
        check_output(path, [session.path, session.source], force=True)
        document = render_draft(session.draft, session.pack)
        if window.controller.settings.roundtrip_data():     # the reviewer's copy comes back with its figures
            from ...importing.own_export import attach_roundtrip

            attach_roundtrip(document, session.draft, session.pack)
        draft = copy.deepcopy(session.draft)
    except BaocaoError as exc:
        prompts.show_error(window, S.EXPORT_FAILED, exc)
        return False
    threads, reference = chosen_threads(draft), session.pack.reference_docx

    def build() -> tuple[bytes, int]:
        return comments_docx(document, draft, threads, reference), len(threads)

    return _exports(window).start(build, Path(path), S.EXPORT_COMMENTS_DONE)


def _pick_version(window: "MainWindow"):
    """Ask which version to compare with (history and sample versions, as in the compare view): its key."""
    from . import versions as V

    options = V.choices(window)
    if not options:
        prompts.show_error(window, S.EXPORT_FAILED, S.COMPARE_NO_VERSIONS)
        return None
    index = V.pick_index(window, S.PICK_VERSION_TITLE, S.PICK_VERSION_TEXT, [o.label for o in options],
                         V.default_choice(window, options))
    return options[index].key if index is not None else None


def export_tracked(window: "MainWindow", version_id=None, path: str | None = None) -> bool:
    """Write the comparison copy (the current report as tracked changes against a chosen version) in the background.

    *version_id*: a history id or a sample version's key ("m1"); None asks.
    """
    from ...outputs import check_output
    from ...render import render_draft
    from ...review.docx_tracked import tracked_from_documents
    from .identity import stored_reviewer

    session = window.session
    if session is None:
        return False
    version_id = version_id if version_id is not None else _pick_version(window)
    if version_id is None:
        return False
    path = path or _target(window, "-so-sanh.docx")
    if not path:
        return False
    who = stored_reviewer(window.settings)
    try:
        check_output(path, [session.path, session.source], force=True)
        from .versions import load

        old = render_draft(load(window, version_id), session.pack)
        new = render_draft(session.draft, session.pack)
    except BaocaoError as exc:
        prompts.show_error(window, S.EXPORT_FAILED, exc)
        return False
    reference, author = session.pack.reference_docx, who.name if who else ""

    def build() -> tuple[bytes, int]:
        return tracked_from_documents(old, new, reference, author)

    return _exports(window).start(build, Path(path), S.EXPORT_TRACKED_DONE)


def import_review(window: "MainWindow", path: str | None = None) -> bool:
    """Bring a reviewed .docx back: a version is saved first, then one undoable edit.

    The status bar gets one short line; what was and was not taken is in a window (``import_report``).
    """
    from ...review.constants import IMPORT_VERSION_NAME
    from ...review.export_base import session_versions
    from ...review.importer import plan_import
    from . import import_report

    session = window.session
    if session is None or window.controller.is_read_only():
        return False
    if path is None:
        path, _f = QFileDialog.getOpenFileName(window, S.IMPORT_TITLE, window.settings.last_dir(), S.IMPORT_FILTER)
        if not path:
            return False
    try:
        plan = plan_import(session.draft, Path(path), {spec.id: spec.title for spec in session.pack.sections},
                           session.pack, session_versions(session))
        version = IMPORT_VERSION_NAME.format(name=Path(path).name)
        session.save_named_version(version)
    except BaocaoError as exc:
        prompts.show_error(window, S.IMPORT_FAILED, exc)
        return False
    titles = window.outline.numbered_titles()
    approved = [titles.get(sid, sid) for sid in plan.approvals_touched(session.draft)]
    edit = plan.edit(session.draft)
    if edit is not None:
        window.controller.push(edit)
    window.review.fitter.show_dock()
    window.review.panel.refresh()
    lines = import_report.detail_lines(plan, version, approved)
    show_long_message(window, import_report.short_line(plan), "\n".join(lines), 15000)
    box = import_report.report_box(window, Path(path).name, lines)
    window.review.import_report = box                  # tests, and a second import replaces it
    box.open()
    return True


def show_long_message(window: "MainWindow", short: str, whole: str, timeout: int) -> None:
    """*short* in the status bar (it fits), *whole* as the status bar's tooltip while *short* is shown."""
    bar = window.statusBar()
    bar.showMessage(short, timeout)
    bar.setToolTip(whole)

    def cleared(text: str) -> None:
        if text != short:
            bar.setToolTip("")
            bar.messageChanged.disconnect(cleared)
    bar.messageChanged.connect(cleared)
