"""Small pieces shared by the durability dialogs: questions, section names, previews."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from ...constants import DRAFT_SUFFIX
from ...model.draft import Draft, SectionData
from ...model.richtext import body_plain_text
from ...template import Pack

#: confirm(title, question) -> bool
Confirm = Callable[[str, str], bool]
#: ask_path(title, suggested) -> path or "" when cancelled
AskPath = Callable[[str, str], str]
#: ask_text(title, label) -> text or "" when cancelled
AskText = Callable[[str, str], str]


def confirm_with(parent: QWidget | None) -> Confirm:
    """A Yes/No question box (Vietnamese buttons)."""
    def confirm(title: str, question: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, question, parent=parent)
        yes = box.addButton("Đồng ý", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Hủy", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is yes
    return confirm


def ask_path_with(parent: QWidget | None) -> AskPath:
    """A Save As file dialog for draft files."""
    def ask(title: str, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, f"Bản thảo baocao (*{DRAFT_SUFFIX})")
        if path and not path.lower().endswith(DRAFT_SUFFIX):
            path += DRAFT_SUFFIX
        return path
    return ask


def ask_text_with(parent: QWidget | None) -> AskText:
    """A one-line text question."""
    def ask(title: str, label: str) -> str:
        text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal)
        return text.strip() if ok else ""
    return ask


def show_error(parent: QWidget | None, title: str, error: Exception) -> None:
    """Tell the user what went wrong (message and hint of a BaocaoError)."""
    text = getattr(error, "user_text", lambda: str(error))()
    QMessageBox.warning(parent, title, text)


def section_titles(pack: Pack | None) -> dict[str, str]:
    """Section id → title, for lists and messages."""
    if pack is None:
        return {}
    from ..navigation import display_title, section_labels

    labels = section_labels(pack)
    return {spec.id: f"{labels.get(spec.id, '')} {display_title(spec.title)}".strip() for spec in pack.sections}


def section_preview(data: SectionData | None) -> str:
    """A section as plain text: paragraphs with "- "/"+ " markers, footnotes listed below."""
    if data is None:
        return "(Mục này không có trong phiên bản đã chọn.)"
    text = body_plain_text(data.body) or "(không có nội dung)"
    notes = [n.plain_text() for para in data.body for n in para.notes()]
    if notes:
        text += "\n\nChú thích:\n" + "\n".join(f"[{i}] {n}" for i, n in enumerate(notes, 1))
    if data.fields:
        text += "\n\nSố liệu:\n" + "\n".join(f"{k}: {v}" for k, v in data.fields.items())
    return text + f"\n\nTrạng thái: {data.status.label}"


def changed_sections(before: Draft, after: Draft) -> list[str]:
    """Section ids whose content differs between two drafts."""
    from ...model.serialize import section_to_dict

    ids = list(dict.fromkeys([*before.sections, *after.sections]))
    return [sid for sid in ids
            if (sid in before.sections) != (sid in after.sections)
            or section_to_dict(before.sections[sid]) != section_to_dict(after.sections[sid])]
