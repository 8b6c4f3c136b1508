"""Citations typed in imported text become citations of the register («Quyết định số 42/QĐ-UBND …»).

The register room's own conversion (``register.convert``: its parser finds "<loại> số <số>/<ký hiệu>
[ngày …] [của …] [về …]" and short forms, matches them to entries by type and number) runs over the
imported paragraphs before they enter the draft, on a scratch draft that holds only them and the
target draft's register:

* a citation of a document **already in the register** always becomes a ``Cite`` of that entry;
* only documents whose every mention reads exactly as the report would print it (first in full, then
  short) are linked, so the import never changes a word; the others keep their words (counted);
* a document **not in the register** is offered («Thêm N văn bản vào danh mục», on by default): when
  taken, it is added to the register (the fullest mention fills it) and every mention becomes a ``Cite``;
  when not, its words stay as typed.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace

from ..model.draft import Draft, SectionData
from ..model.richtext import Body
from ..register.constants import EXTRA_NAME
from ..register.convert import ConversionPlan, conversion_edit, plan_conversion
from ..register.entries import Entry
from ..register.wording import full_form, short_form


@dataclass
class LinkedCitations:
    """The imported bodies with their citations linked, and what changed in the register."""

    bodies: dict[str, Body]
    register: object | None = None        # the register's new stored value; None when unchanged
    known: int = 0                        # mentions of documents already in the register
    new_entries: list[Entry] = field(default_factory=list)
    new_mentions: int = 0                 # mentions of those new documents
    kept: int = 0                         # mentions left as typed (linking them would change their words)

    def new_names(self) -> list[str]:
        """«Quyết định số 42/QĐ-UBND» for each document offered to the register."""
        return [short_form(e) for e in self.new_entries]


def _scratch(draft: Draft, bodies: dict[str, Body]) -> Draft:
    sections = {sid: SectionData(body=copy.deepcopy(body)) for sid, body in bodies.items()}
    extras = {EXTRA_NAME: copy.deepcopy(draft.extras[EXTRA_NAME])} if EXTRA_NAME in draft.extras else {}
    return Draft(draft.template_id, draft.meta, sections, {}, extras)


def proposals(draft: Draft, bodies: dict[str, Body]) -> ConversionPlan:
    """Every citation written in words in *bodies*, each with the entry (known or new) it would cite."""
    return plan_conversion(_scratch(draft, bodies), list(bodies))


def _reads_as(text: str, form: str) -> int | None:
    """Length of the mention when *text* is *form* — or *form* followed by more of the clause, which the
    parser took for the summary ("…năm 2021, các sở đã triển khai") — else None."""
    if text == form:
        return len(form)
    if text.startswith(form) and not text[len(form):len(form) + 1].isalnum():
        return len(form)
    return None


def _same_words(plan: ConversionPlan, draft: Draft, date_style: str) -> set[str]:
    """Entries whose mentions the report will print with the very words typed: the first in full, the
    others in short (each mention trimmed to those words in *plan*).  A document mentioned otherwise
    ("về thành lập …" where the register would write "thành lập …", a short form before the full one)
    keeps its words: linking it would change the text."""
    mentions: dict[str, list[int]] = {}
    for index, proposal in enumerate(plan.proposals):
        mentions.setdefault(proposal.entry_id, []).append(index)
    out = set()
    for entry_id, indices in mentions.items():
        entry = plan.entry(entry_id, draft)
        if entry is None:
            continue
        forms = [full_form(entry, date_style)] + [short_form(entry)] * (len(indices) - 1)
        lengths = [_reads_as(plan.proposals[i].text, form) for i, form in zip(indices, forms)]
        if all(n is not None for n in lengths):
            for i, n in zip(indices, lengths):
                proposal = plan.proposals[i]
                plan.proposals[i] = replace(proposal, end=proposal.start + n, text=proposal.text[:n])
            out.add(entry_id)
    return out


def link_citations(draft: Draft, bodies: dict[str, Body], add_new: bool = True,
                   date_style: str = "nd30") -> LinkedCitations:
    """*bodies* with the typed citations linked to *draft*'s register (new documents added when *add_new*);
    only documents whose every mention reads as the report would print it (see ``_same_words``)."""
    scratch = _scratch(draft, bodies)
    plan = plan_conversion(scratch, list(bodies))
    same = _same_words(plan, scratch, date_style)
    known = [i for i, p in enumerate(plan.proposals) if not p.is_new and p.entry_id in same]
    new = [i for i, p in enumerate(plan.proposals) if p.is_new and p.entry_id in same]
    chosen = known + (new if add_new else [])
    used = {plan.proposals[i].entry_id for i in new}
    result = LinkedCitations(bodies, None, len(known), [e for e in plan.new_entries if e.id in used], len(new),
                             len(plan.proposals) - len(known) - len(new))
    edit = conversion_edit(scratch, plan, chosen)
    if edit is None:
        return result
    edit.apply(scratch)
    result.bodies = {sid: scratch.sections[sid].body for sid in bodies}
    if add_new and result.new_entries:
        result.register = scratch.extras.get(EXTRA_NAME)
    return result


__all__ = ["LinkedCitations", "link_citations", "proposals"]
