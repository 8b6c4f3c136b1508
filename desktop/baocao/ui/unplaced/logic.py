"""Which sections of a draft the pack does not have, and the one edit that moves one into a pack section.  No Qt.

An *orphan* is any section id of the draft that the pack lacks: a section removed or renamed
in a newer version of the pack, or text an import could not match to a section.  Orphans with
content are printed under "Nội dung chưa xếp mục" (``render.renderer.Renderer._unplaced``, same rule).
"""

from __future__ import annotations

from ...edits import CompoundEdit, RestoreSection, SetSectionBody
from ...model.draft import Draft, SectionData
from ...model.richtext import Para, Span, body_plain_text
from ...template.manifest import Pack
from . import strings as S


def orphan_ids(pack: Pack, draft: Draft, keep: str | None = None) -> list[str]:
    """Section ids of *draft* with content that *pack* lacks, in the draft's order (*keep* listed even if empty)."""
    return [sid for sid, data in draft.sections.items()
            if not pack.has_section(sid) and (not data.is_empty() or sid == keep)]


def is_orphan(pack: Pack, draft: Draft, key: str | None) -> bool:
    """True when *key* names a section of the draft that the pack does not have."""
    return bool(key) and key in draft.sections and not pack.has_section(key)


def orphan_key(key: str) -> str:
    """The section id behind a preview link of the unplaced text ("chua-xep-muc:<id>" → "<id>")."""
    from ...constants import UNPLACED_PREFIX

    return key[len(UNPLACED_PREFIX):] if key.startswith(UNPLACED_PREFIX) else key


def row_text(section_id: str, data: SectionData) -> str:
    """The outline row of an orphan: its id and the start of its text."""
    text = " ".join(body_plain_text(data.body).split())
    if not text:
        text = "; ".join(str(v) for v in data.fields.values() if v not in (None, "", [], {}))
    if not text:
        return S.ROW_EMPTY.format(id=section_id)
    if len(text) > S.ROW_TEXT_CHARS:
        text = text[:S.ROW_TEXT_CHARS].rstrip() + "…"
    return S.ROW.format(id=section_id, text=text)


def moved_body(data: SectionData) -> list[Para]:
    """What the orphan brings along: its paragraphs, then its field values as one line (nothing is lost)."""
    body = list(data.body)
    values = [S.FIELDS_LINE.format(key=k, value=v) for k, v in data.fields.items() if v not in (None, "", [], {})]
    if values:
        body.append(Para([Span("; ".join(values))]))
    return body


def move_edit(draft: Draft, orphan_id: str, target_id: str) -> CompoundEdit:
    """One undoable step: the orphan's text appended to *target_id*'s body, the orphan emptied.

    Emptied rather than removed, so that undo puts it back in its place among the draft's sections
    (the order of the printed unplaced text); an empty orphan is neither listed nor printed.
    """
    target = draft.section(target_id)
    orphan = draft.sections[orphan_id]
    body = list(target.body) + moved_body(orphan)
    return CompoundEdit.of(S.MOVE_LABEL.format(id=orphan_id),
                           SetSectionBody.make(draft, target_id, body),
                           RestoreSection.make(draft, orphan_id, SectionData()))
