"""The checklist of what to report on: the old draft's plans ("phương hướng, nhiệm vụ …"), one item each.

Stored in ``draft.extras["viec-can-bao-cao"]`` as::

    {"from": "6 tháng đầu năm 2026",                  # the period the plans were written in
     "items": [{"id": "v1", "group": "Nhiệm vụ cụ thể", "text": "…", "done": false}, …]}

Ticking an item is an undoable ``SetExtra`` (``toggled``): the stored value is
copied, never changed in place.
"""

from __future__ import annotations

import copy
import unicodedata
from typing import Any

from ..edits import SetExtra
from ..model.draft import Draft
from ..template.manifest import Pack
from .constants import CHECKLIST_EXTRA, PLAN_SECTION_IDS, PLAN_TITLE_STARTS
from .matcher import section_targets

TICK_LABEL = "Đánh dấu việc cần báo cáo"


def _plain_words(text: str) -> str:
    """Lower case without diacritics ("Phương hướng" → "phuong huong")."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def plan_sections(pack: Pack, draft: Draft) -> list[str]:
    """Ids of the sections holding the plans for the next period: a top-level section with a known id, or whose
    title starts with "Phương hướng" / "Nhiệm vụ", and all its sub-sections (in pack order)."""
    targets = section_targets(pack, draft)
    roots = [t.id for t in targets if t.parent is None and t.id in PLAN_SECTION_IDS]
    if not roots:
        roots = [t.id for t in targets if t.parent is None
                 and _plain_words(t.title).startswith(PLAN_TITLE_STARTS)][:1]
    out: list[str] = []
    for target in targets:
        node: str | None = target.id
        while node is not None and node not in roots:
            node = pack.section(node).parent if pack.has_section(node) else None
        if node is not None:
            out.append(target.id)
    return out


def checklist_from(previous: Draft, pack: Pack) -> dict[str, Any] | None:
    """The checklist made of *previous*'s plans (None when it wrote none)."""
    titles = {t.id: t.title for t in section_targets(pack, previous)}
    items: list[dict[str, Any]] = []
    for section_id in plan_sections(pack, previous):
        data = previous.sections.get(section_id)
        if data is None:
            continue
        for para in data.body:
            text = " ".join(para.plain_text().split())
            if text:
                items.append({"id": f"v{len(items) + 1}", "group": titles.get(section_id, section_id),
                              "section": section_id, "text": text, "done": False})
    if not items:
        return None
    return {"from": previous.meta.period.phrase(), "items": items}


def checklist(draft: Draft) -> dict[str, Any]:
    """The draft's checklist (an empty one when it has none or the stored value is not usable)."""
    value = draft.extras.get(CHECKLIST_EXTRA)
    if not isinstance(value, dict) or not isinstance(value.get("items"), list):
        return {"from": "", "items": []}
    items = [i for i in value["items"] if isinstance(i, dict) and isinstance(i.get("text"), str)]
    return {"from": str(value.get("from") or ""), "items": items}


def toggled(draft: Draft, item_id: str, done: bool) -> SetExtra | None:
    """The undoable edit ticking (or unticking) one item; None when there is no such item or nothing changes."""
    value = copy.deepcopy(checklist(draft))
    item = next((i for i in value["items"] if i.get("id") == item_id), None)
    if item is None or bool(item.get("done")) == done:
        return None
    item["done"] = done
    return SetExtra.make(draft, CHECKLIST_EXTRA, value, TICK_LABEL)
