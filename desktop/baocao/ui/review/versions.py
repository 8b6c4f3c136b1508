"""The versions the window offers (compare view, «Xuất bản so sánh»): the file's history and the sample's.

Chosen by position, never by label text, so two versions saved in the same minute
are two different choices (``review.version_list`` makes their labels differ too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...model.draft import Draft
from ...review.version_list import VersionChoice, default_index, version_choices
from .picking import pick_index

__all__ = ["choices", "default_choice", "load", "pick_index"]

if TYPE_CHECKING:  # pragma: no cover
    from ..main_window import MainWindow


def _seeds(window: "MainWindow") -> list:
    from ...review.seeds import seed_versions

    shipped = getattr(getattr(window, "review", None), "shipped", None)
    return seed_versions(window.session.draft, shipped) if window.session is not None else []


def choices(window: "MainWindow") -> list[VersionChoice]:
    """Every version of the open draft: its history (newest first), then the sample's versions."""
    session = window.session
    if session is None:
        return []
    return version_choices(session.versions(), _seeds(window))


def load(window: "MainWindow", key: Any) -> Draft:
    """The draft of version *key* (a history id or a sample key such as "m1")."""
    if isinstance(key, str):
        seed = next((s for s in _seeds(window) if s.key == key), None)
        if seed is None:
            from ...errors import DraftFileError

            raise DraftFileError(f"Không có phiên bản «{key}».", "Hãy chọn lại phiên bản trong danh sách.")
        return seed.draft
    return window.session.view_version(key)


def default_choice(window: "MainWindow", options: list[VersionChoice]) -> int:
    """The newest version whose text differs from the current draft (index into *options*)."""
    return default_index(options, lambda key: load(window, key), window.session.draft)
