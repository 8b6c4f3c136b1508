"""Sending the preview's document model back from the worker without the parts the window already has.

After an edit the worker's renderer reuses the very block objects of the
sections and tables that did not change (``ui/preview_render.py``,
``preview_memo.py``).  Pickling the whole model again would copy them all over
the pipe and unpickle them on the window's side (most of a refresh, on the large
report).  ``shrink`` replaces every part that is the same object as in the last
document sent — a body block, a footnote's paragraphs, an appendix block — by
its place in that document, a plain ``int`` (no part is an int; the footnotes
travel as plain ``(number, paragraphs or place)`` pairs: cheaper to pickle and
unpickle than hundreds of objects);
``expand`` on the window's side puts back its own copy of the part from the last
document it received.  Both sides number
the parts the same way (``parts``), so the document expanded is the document
rendered.  A reused paragraph whose number label (the one field the renderer sets
again on a reused block) changed is sent again.  No Qt here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..docmodel import Document, Footnote, Paragraph


def parts(doc: Document) -> list[Any]:
    """The document's reusable parts in a fixed order: body blocks, footnote paragraphs, appendix blocks."""
    out: list[Any] = list(doc.body)
    out.extend(note.paragraphs for note in doc.footnotes)
    for appendix in doc.appendices:
        out.extend(appendix.blocks)
    return out


def _mark(part: Any) -> Any:
    return part.bullet if isinstance(part, Paragraph) else None


class Shrinker:
    """The worker's side: remembers the last document sent."""

    def __init__(self) -> None:
        self._known: dict[int, tuple[int, Any, Any]] = {}

    def forget(self) -> None:
        """Send every part next time (always safe: a document without places expands to itself)."""
        self._known = {}

    def shrink(self, doc: Document) -> Document:
        """*doc* with its already-sent parts as their places (ints); remembers *doc* as the last one sent."""
        known = self._known

        def ref(part: Any) -> Any:
            entry = known.get(id(part))
            if entry is not None and entry[1] is part and entry[2] == _mark(part):
                return entry[0]
            return part

        small = replace(
            doc, body=[ref(b) for b in doc.body],
            footnotes=[(n.number, ref(n.paragraphs)) for n in doc.footnotes],
            appendices=[replace(a, blocks=[ref(b) for b in a.blocks]) for a in doc.appendices])
        self._known = {id(p): (i, p, _mark(p)) for i, p in enumerate(parts(doc))}
        return small


def expand(small: Document, last: Document | None) -> Document:
    """The window's side: *small* with every place (int) replaced by the part of *last* (the last expanded)."""
    table = parts(last) if last is not None else []

    def get(part: Any) -> Any:
        return table[part] if isinstance(part, int) else part

    return replace(
        small, body=[get(b) for b in small.body],
        footnotes=[Footnote(number, get(paragraphs)) for number, paragraphs in small.footnotes],
        appendices=[replace(a, blocks=[get(b) for b in a.blocks]) for a in small.appendices])
