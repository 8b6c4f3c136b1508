"""The window's import room: mapping preview of a .docx import, new draft from the last period, checklist dock."""

from .install import install_importing

__all__ = ["install_importing"]
