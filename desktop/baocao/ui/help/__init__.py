"""The window a Word user expects: help (F1), about, shortcuts, zoom, print, full screen, icons, palette."""

from .install import install_window_tools

__all__ = ["install_window_tools"]
