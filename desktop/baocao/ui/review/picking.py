"""Choosing one item of a list by its position (labels may repeat: the second «X» is shown as «X (2)»)."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

from ...review.version_list import unique_labels


def pick_index(parent: QWidget | None, title: str, text: str, labels: list[str], default: int = 0) -> int | None:
    """Ask for one of *labels* (repeats told apart); its index, or None when cancelled."""
    shown = unique_labels(labels)
    chosen, ok = QInputDialog.getItem(parent, title, text, shown, default, False)
    if not ok or chosen not in shown:
        return None
    return shown.index(chosen)
