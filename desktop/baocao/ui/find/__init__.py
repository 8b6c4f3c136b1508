"""Find and replace across the whole report (Ctrl+F, Ctrl+H): a dock over ``baocao.search``."""

from .install import install_find

__all__ = ["install_find"]
