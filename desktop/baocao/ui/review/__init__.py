"""The reviewers' room of the window: comments panel, section approval, compare view, Word round trip."""

from .install import install_review

__all__ = ["install_review"]
