"""The template manager: built-in and user packs; copy, edit, share, styles."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QInputDialog, QLabel, QMessageBox,
                               QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from ...errors import BaocaoError
from ...paths import user_templates_dir
from ...template.manifest import MANIFEST_NAME
from ...template.registry import PackInfo, list_packs
from .. import prompts
from . import strings as S
from .pack_names import copy_name, name_problem, renamed_manifest, write_name

if TYPE_CHECKING:  # pragma: no cover
    from .editor import PackEditor

INFO_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def removed_labels(removed: list[Any]) -> list[str]:
    """One numbered line per removed pack (two removals of one folder in the same minute stay apart)."""
    return [S.REMOVED_ITEM.format(n=number, name=item.name, folder=item.folder_name, when=item.removed_at or "?")
            for number, item in enumerate(removed, 1)]


class TemplateManager(QDialog):
    """Lists every pack (broken ones with the reason) and acts on the selected one."""

    def __init__(self, parent: QWidget | None = None, open_draft=None):
        super().__init__(parent)
        self.setWindowTitle(S.MANAGER_TITLE)
        self.resize(900, 460)
        self.open_draft = open_draft          # callable → the window's open draft (or None), for the preview
        self.editors: list["PackEditor"] = []
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([S.COL_NAME, S.COL_ID, S.COL_ORIGIN])
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnWidth(0, 380)
        self.tree.setColumnWidth(1, 190)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)    # a long name keeps its «(bản sao 2)» in view
        self.tree.itemDoubleClicked.connect(lambda *_: self.edit())
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, slot in (("copy", S.BTN_COPY, self.copy), ("edit", S.BTN_EDIT, self.edit),
                                ("rename", S.BTN_RENAME, self.rename),
                                ("remove", S.BTN_REMOVE_PACK, self.remove), ("restore", S.BTN_RESTORE_PACK, self.restore),
                                ("export", S.BTN_EXPORT, self.export), ("import", S.BTN_IMPORT, self.import_zip),
                                ("styles", S.BTN_STYLES, self.open_styles), ("folder", S.BTN_FOLDER, self.open_folder)):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _checked=False, act=slot: act())    # not clicked(bool) as an argument
            self.buttons[key] = button
            row.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(S.BTN_CLOSE)
        close.rejected.connect(self.reject)
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label = QLabel(S.USER_FOLDER.format(path=user_templates_dir()), self)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.folder_label)
        layout.addLayout(row)
        layout.addWidget(close)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    # ------------------------------------------------------------ list
    def refresh(self, select: str | None = None) -> None:
        """Read the packs again (after a copy, an import, an edit)."""
        current = select or (self.current().id if self.current() else None)
        self.tree.clear()
        for info in list_packs(include_broken=True):
            origin = S.ORIGIN_BUILTIN if info.builtin else (S.ORIGIN_OVERRIDES if info.overrides_builtin else S.ORIGIN_USER)
            if info.error is not None:
                origin = S.BROKEN.format(reason=info.error.user_text().splitlines()[0])
            item = QTreeWidgetItem([info.name, info.id, origin])
            item.setData(0, INFO_ROLE, info)
            item.setToolTip(0, f"{info.name}\n{info.root}")
            item.setToolTip(2, info.error.user_text() if info.error else str(info.root))
            if info.error is not None:
                item.setForeground(2, Qt.GlobalColor.darkRed)
            self.tree.addTopLevelItem(item)
            if info.id == current:
                self.tree.setCurrentItem(item)
        if self.tree.currentItem() is None and self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update_buttons()

    def current(self) -> PackInfo | None:
        """The selected pack."""
        item = self.tree.currentItem()
        return item.data(0, INFO_ROLE) if item is not None else None

    def _update_buttons(self) -> None:
        info = self.current()
        if info is None:
            self.detail.setText("")
        else:
            text = S.DETAIL.format(name=info.name, id=info.id, version=info.version or "—", path=info.root)
            self.detail.setText(text + (f"\n{info.error.user_text()}" if info.error else ""))
        for key in ("copy", "export", "styles", "folder"):
            self.buttons[key].setEnabled(info is not None)
        self.buttons["edit"].setEnabled(info is not None and not info.builtin)
        self.buttons["rename"].setEnabled(info is not None and not info.builtin and not info.broken)
        self.buttons["remove"].setEnabled(info is not None and self._removable(info))
        from ...template.removed_packs import list_removed

        self.buttons["restore"].setEnabled(bool(list_removed()))
        self.buttons["export"].setEnabled(info is not None and not info.broken)
        self.buttons["copy"].setEnabled(info is not None and not info.broken)

    # ------------------------------------------------------------ actions
    def copy(self, new_id: str | None = None, new_name: str | None = None) -> Path | None:
        """Copy the selected pack into the user folder (asks for the id — same id overrides — and the name).

        The copy's name is offered distinct from every listed pack («<tên> (bản sao)», «(bản sao 2)» …)
        and written into the copy's manifest; with *new_id* given and no *new_name*, the offered name is taken.
        """
        from ...template.user_packs import start_user_pack

        info = self.current()
        if info is None:
            return None
        ask = new_id is None and new_name is None          # asked as the id is; given ids take the offered name
        if new_id is None:
            text, ok = QInputDialog.getText(self, S.COPY_TITLE, S.COPY_ASK_ID.format(id=info.id), text=info.id)
            if not ok or not text.strip():
                return None
            new_id = text.strip()
        taken = self._names()
        name = self._ask_name(S.COPY_TITLE, S.COPY_ASK_NAME, new_name or copy_name(info.name, taken), taken, ask)
        if name is None:
            return None
        try:
            target = start_user_pack(info.root, new_id)
            write_name(target, name)
        except (BaocaoError, OSError) as exc:
            prompts.show_error(self, S.ERROR_TITLE, exc if isinstance(exc, BaocaoError) else str(exc))
            return None
        self.refresh(select=new_id)
        return target

    @staticmethod
    def _names(leave_out: Path | None = None) -> list[str]:
        """The names of the listed packs (but the one in folder *leave_out*)."""
        return [p.name for p in list_packs(include_broken=True) if leave_out is None or p.root != leave_out]

    def _ask_name(self, title: str, question: str, name: str, taken: list[str], ask: bool = True) -> str | None:
        """*name*, or what the maintainer types for it (asked again, with the reason, until it can be used).

        Without *ask* the given name is only checked: a name that cannot be used is shown and None returned.
        """
        while True:
            if ask:
                name, ok = QInputDialog.getText(self, title, question, text=name)
                if not ok:
                    return None
            problem = name_problem(name, taken)
            if problem is None:
                return name.strip()
            QMessageBox.warning(self, title, problem)
            if not ask:
                return None

    def rename(self, new_name: str | None = None) -> str | None:
        """Give the selected office pack another name (asked; the previous manifest goes to the backups)."""
        from ...template.user_packs import save_pack

        info = self.current()
        if info is None or info.builtin or info.broken:
            return None
        if any(e.isVisible() and e.root == info.root for e in self.editors):
            QMessageBox.information(self, S.RENAME_TITLE, S.RENAME_IN_EDITOR.format(name=info.name))
            return None
        name = self._ask_name(S.RENAME_TITLE, S.RENAME_ASK.format(name=info.name, id=info.id),
                              new_name or info.name, self._names(leave_out=info.root), ask=new_name is None)
        if name is None or name == info.name:
            return None
        try:
            text = (info.root / MANIFEST_NAME).read_text(encoding="utf-8")
            save_pack(info.root, {MANIFEST_NAME: renamed_manifest(text, name)})
        except (BaocaoError, OSError) as exc:
            prompts.show_error(self, S.RENAME_TITLE, exc if isinstance(exc, BaocaoError) else str(exc))
            return None
        self.refresh(select=info.id)
        self.detail.setText(f"{self.detail.text()}\n{S.RENAME_DONE.format(name=name)}")
        return name

    @staticmethod
    def _removable(info: PackInfo) -> bool:
        """Only the office's own packs in the user pack folder can be removed here."""
        try:
            return not info.builtin and info.root.resolve().parent == user_templates_dir().resolve()
        except OSError:
            return False

    def remove(self, confirm: bool = True) -> Path | None:
        """Move the selected office pack aside (after asking); «Mẫu đã xóa…» brings it back."""
        from ...template.removed_packs import remove_user_pack

        info = self.current()
        if info is None or not self._removable(info):
            return None
        if confirm:
            answer = QMessageBox.question(self, S.REMOVE_PACK_TITLE, S.REMOVE_PACK_CONFIRM.format(name=info.name, id=info.id),
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return None
        try:
            moved = remove_user_pack(info.root)
        except BaocaoError as exc:
            prompts.show_error(self, S.REMOVE_PACK_TITLE, exc)
            return None
        self.refresh()
        return moved

    def restore(self, choice: int | None = None) -> Path | None:
        """Choose a removed pack and move it back into the user pack folder."""
        from ...template.removed_packs import list_removed, restore_removed

        removed = list_removed()
        if not removed:
            return None
        if choice is None:
            labels = removed_labels(removed)
            text, ok = QInputDialog.getItem(self, S.RESTORE_PACK_TITLE, S.RESTORE_PACK_ASK, labels, 0, False)
            if not ok or text not in labels:
                return None
            choice = labels.index(text)             # labels are numbered, so each names one entry
        item = removed[choice]
        try:
            target = restore_removed(item)
        except BaocaoError as exc:
            prompts.show_error(self, S.RESTORE_PACK_TITLE, exc)
            return None
        self.refresh()
        for index in range(self.tree.topLevelItemCount()):
            found = self.tree.topLevelItem(index)
            if found.data(0, INFO_ROLE).root.resolve() == target.resolve():
                self.tree.setCurrentItem(found)
        return target

    def edit(self) -> "PackEditor | None":
        """Open the pack editor on the selected user pack."""
        from .editor import PackEditor

        info = self.current()
        if info is None:
            return None
        if info.builtin:
            QMessageBox.information(self, S.ERROR_TITLE, S.EDIT_BUILTIN)
            return None
        editor = PackEditor(info.root, open_draft=self.open_draft, parent=self)
        editor.saved.connect(lambda: self.refresh())
        self.editors.append(editor)
        editor.show()
        return editor

    def export(self, path: str | None = None) -> Path | None:
        """Save the selected pack as .zip."""
        from ...template.sharing import export_zip

        info = self.current()
        if info is None:
            return None
        if path is None:
            path = prompts.ask_save_path(self, str(Path.home() / f"{info.id}.zip"), S.ZIP_FILTER, ".zip", S.EXPORT_TITLE)
            if not path:
                return None
        try:
            names = export_zip(info.root, Path(path), info.id)
        except (BaocaoError, OSError) as exc:
            prompts.show_error(self, S.ERROR_TITLE, exc if isinstance(exc, BaocaoError) else str(exc))
            return None
        QMessageBox.information(self, S.EXPORT_TITLE, S.EXPORT_DONE.format(id=info.id, count=len(names), path=path))
        return Path(path)

    def import_zip(self, path: str | None = None) -> Path | None:
        """Look into a pack .zip, show what it will install, and install it when confirmed."""
        from PySide6.QtWidgets import QFileDialog

        from ...template.sharing import inspect_zip, install_zip
        from ...template.user_packs import backups_dir

        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, S.IMPORT_TITLE, str(Path.home()), S.ZIP_FILTER)
            if not path:
                return None
        try:
            plan = inspect_zip(Path(path))
        except BaocaoError as exc:
            prompts.show_error(self, S.IMPORT_TITLE, exc)
            return None
        same = [p for p in list_packs(include_broken=True) if p.id == plan.pack_id]
        replace = ""
        if same:
            what = S.ORIGIN_BUILTIN if same[0].builtin else str(same[0].root)
            replace = S.IMPORT_REPLACES.format(what=f"mẫu {what}")
        files = "\n".join(f"  {name} ({size:,} byte)".replace(",", ".") for name, size in plan.files[:25])
        text = S.IMPORT_CONFIRM.format(file=Path(path).name, id=plan.pack_id, name=plan.name,
                                       version=f", phiên bản {plan.version}" if plan.version else "",
                                       count=len(plan.files), size=f"{plan.total_bytes:,}".replace(",", "."),
                                       files=files, replace=replace)
        answer = QMessageBox.question(self, S.IMPORT_TITLE, text)
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            final = install_zip(plan, user_templates_dir(), backups_dir())
        except BaocaoError as exc:
            prompts.show_error(self, S.IMPORT_TITLE, exc)
            return None
        self.refresh(select=plan.pack_id)
        QMessageBox.information(self, S.IMPORT_TITLE, S.IMPORT_DONE.format(id=plan.pack_id))
        return final

    def open_styles(self) -> Path | None:
        """Open the pack's reference.docx in Word (created from the default styles for a user pack without one)."""
        from ...template.user_packs import ensure_reference

        info = self.current()
        if info is None:
            return None
        if info.builtin and not (info.root / "reference.docx").exists():
            QMessageBox.information(self, S.ERROR_TITLE, S.STYLES_BUILTIN)
            return None
        try:
            existed = (info.root / "reference.docx").exists()
            target = ensure_reference(info.root)
        except (BaocaoError, OSError) as exc:
            prompts.show_error(self, S.ERROR_TITLE, exc if isinstance(exc, BaocaoError) else str(exc))
            return None
        if not existed:
            QMessageBox.information(self, S.ERROR_TITLE, S.STYLES_COPIED.format(path=target))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        return target

    def open_folder(self) -> None:
        """Show the pack's folder in the file manager."""
        info = self.current()
        if info is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(info.root)))
