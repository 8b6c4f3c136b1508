"""Rendering: draft + template pack → document model.

``Renderer`` and ``render_draft`` are loaded on first use, so that modules which
only need ``baocao.render.numbering`` (the window's outline) do not pull in
Jinja at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .renderer import Renderer, render_draft

__all__ = ["Renderer", "render_draft"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import renderer

        return getattr(renderer, name)
    raise AttributeError(name)
