"""Several edits applied and undone as one step (a comment is a text mark *and* a thread).

The edit itself is core: ``baocao.edits.CompoundEdit`` (replace-all uses it too).
"""

from __future__ import annotations

from ..edits import CompoundEdit

__all__ = ["CompoundEdit"]
