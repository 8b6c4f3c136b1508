"""«Đưa các văn bản được trích vào danh mục»: pasted citations → register entries + citations.  No Qt.

``plan_conversion`` scans the draft's text (body paragraphs and footnotes, in document order) for
citations written in words, matches each to a register entry (same type and number/symbol) or
proposes a new one (the fullest mention of a document fills it), and ``conversion_edit`` turns the
chosen proposals into one undoable edit: the register and every changed section at once.  A citation
is only taken when it lies inside one run of text (not split by bold/italic or a footnote marker).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable

from ..edits import CompoundEdit, Edit, SetSectionBody
from ..model.draft import Draft
from ..model.richtext import Body, Cite, Inline, Note, Para, Span
from .entries import Entry, find_same, new_id, register_entries, set_entries
from .parsing import find_citations
from .usage import section_order

LABEL = "Đưa văn bản được trích vào danh mục"


@dataclass(frozen=True)
class Proposal:
    """One citation written in words and the register entry it will cite."""

    section: str
    para: int
    note: int | None          # index among the paragraph's notes, None in the paragraph itself
    note_para: int | None
    item: int                 # index of the span in the paragraph (or note paragraph)
    start: int                # offsets in that span's text
    end: int
    text: str
    entry_id: str
    is_new: bool


@dataclass
class ConversionPlan:
    """What the conversion would do: proposals in document order and the entries it would add."""

    proposals: list[Proposal] = field(default_factory=list)
    new_entries: list[Entry] = field(default_factory=list)

    def entry(self, entry_id: str, draft: Draft) -> Entry | None:
        """The entry (new or already in the register) a proposal cites."""
        for entry in self.new_entries + register_entries(draft):
            if entry.id == entry_id:
                return entry
        return None


def _fill(entry: Entry, more: Entry) -> Entry:
    """*entry* with its empty fields taken from *more* (another mention of the same document)."""
    return replace(entry, **{k: getattr(more, k) for k in ("date", "issuer", "summary")
                             if not getattr(entry, k) and getattr(more, k)})


def _spans(body: Body) -> Iterable[tuple[int, int | None, int | None, int, Span]]:
    for p, para in enumerate(body):
        note_index = -1
        for i, item in enumerate(para.content):
            if isinstance(item, Span):
                yield p, None, None, i, item
            elif isinstance(item, Note):
                note_index += 1
                for q, note_para in enumerate(item.paragraphs):
                    for j, span in enumerate(note_para):
                        if isinstance(span, Span):
                            yield p, note_index, q, j, span


def plan_conversion(draft: Draft, pack_order: Iterable[str] = ()) -> ConversionPlan:
    """Every citation written in words in *draft*, each with the entry it would cite."""
    plan = ConversionPlan()
    existing = register_entries(draft)
    for section_id in section_order(draft, pack_order):
        data = draft.sections.get(section_id)
        if data is None:
            continue
        for p, note, note_para, item, span in _spans(data.body):
            for found in find_citations(span.text):
                known = find_same(existing, found.entry)
                if known is None and not (found.entry.symbol or found.entry.date):
                    continue                # "Quyết định số 4" (still being typed): not a document to add
                if known is None:
                    index = next((n for n, e in enumerate(plan.new_entries)
                                  if find_same([e], found.entry) is not None), None)
                    if index is None:
                        plan.new_entries.append(replace(found.entry, id=new_id()))
                        index = len(plan.new_entries) - 1
                    else:
                        plan.new_entries[index] = _fill(plan.new_entries[index], found.entry)
                    entry_id, is_new = plan.new_entries[index].id, True
                else:
                    entry_id, is_new = known.id, False
                plan.proposals.append(Proposal(section_id, p, note, note_para, item, found.start, found.end,
                                               span.text[found.start:found.end], entry_id, is_new))
    return plan


def _replace_runs(items: list, cuts: dict[int, list[Proposal]]) -> list:
    out: list = []
    for index, item in enumerate(items):
        if index not in cuts:
            out.append(item)
            continue
        pos = 0
        for prop in sorted(cuts[index], key=lambda x: x.start):
            if prop.start > pos:
                out.append(replace(item, text=item.text[pos:prop.start]))
            out.append(Cite(prop.entry_id))
            pos = prop.end
        if pos < len(item.text):
            out.append(replace(item, text=item.text[pos:]))
    return out


def _converted_body(body: Body, proposals: list[Proposal]) -> Body:
    new_body: Body = []
    for p, para in enumerate(body):
        mine = [x for x in proposals if x.para == p]
        if not mine:
            new_body.append(para)
            continue
        in_para = {}
        for prop in (x for x in mine if x.note is None):
            in_para.setdefault(prop.item, []).append(prop)
        content: list[Inline] = _replace_runs(list(para.content), in_para)
        note_index = -1
        for i, item in enumerate(content):
            if isinstance(item, Note):
                note_index += 1
                paras = []
                for q, note_para in enumerate(item.paragraphs):
                    cuts: dict[int, list[Proposal]] = {}
                    for prop in (x for x in mine if x.note == note_index and x.note_para == q):
                        cuts.setdefault(prop.item, []).append(prop)
                    paras.append(_replace_runs(list(note_para), cuts) if cuts else note_para)
                content[i] = Note(paras)
        new_body.append(Para(content, para.kind))
    return new_body


def conversion_edit(draft: Draft, plan: ConversionPlan, chosen: Iterable[int] | None = None) -> Edit | None:
    """One undoable edit doing the *chosen* proposals (all when None); None when nothing is chosen."""
    picked = [plan.proposals[i] for i in (range(len(plan.proposals)) if chosen is None else sorted(set(chosen)))]
    if not picked:
        return None
    used = {p.entry_id for p in picked}
    parts: list[Edit] = []
    added = [e for e in plan.new_entries if e.id in used]
    if added:
        parts.append(set_entries(draft, register_entries(draft) + added, LABEL))
    for section_id in dict.fromkeys(p.section for p in picked):
        body = draft.section(section_id).body
        parts.append(SetSectionBody.make(draft, section_id,
                                         _converted_body(body, [p for p in picked if p.section == section_id])))
    return CompoundEdit.of(LABEL, *parts)
