"""Rendering: draft + template pack → document model."""

from .renderer import Renderer, render_draft

__all__ = ["Renderer", "render_draft"]
