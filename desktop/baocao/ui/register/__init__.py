"""The document register's room of the window: dock, form, autocomplete, citation tokens, conversion."""

from .install import install_register

__all__ = ["install_register"]
