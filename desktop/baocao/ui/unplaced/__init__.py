"""The "Nội dung chưa xếp mục" room: text of sections the pack no longer has, shown and moved in the window."""

from .install import install_unplaced

__all__ = ["install_unplaced"]
