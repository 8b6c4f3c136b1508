"""The template maintainers' room of the window: template manager and pack editor."""

from .install import install_packs

__all__ = ["install_packs"]
