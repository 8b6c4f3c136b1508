"""Which section of the pack each heading of an imported file goes to: title similarity and numbering.

A heading is compared with every section's title as the draft shows it (the
rendered title: "PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026"), on words with
their diacritics, figures and noise words ("Về") left out.  The label ("II.")
and the parent (the section the enclosing heading went to) add a bonus, so
"1. Ưu điểm" under "II. ĐÁNH GIÁ CHUNG" finds the right "Ưu điểm".  Below
``MATCH_THRESHOLD`` the heading goes to "nội dung chưa xếp mục"; the mapping is
only a proposal, the preview lets the drafter change every line.  A heading
deeper than the pack (under a heading that went to a section without
sub-sections) stays in that section as a bold line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..docmodel import Heading
from ..model.draft import Draft
from ..template.manifest import Pack
from .constants import LABEL_BONUS, MATCH_THRESHOLD, PARENT_BONUS, TITLE_NOISE, UNPLACED_ID

if TYPE_CHECKING:  # pragma: no cover - the reader (and lxml) is not needed to list targets
    from .reader import SourceHeading

_WORD = re.compile(r"[^\W\d_]+", re.U)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


@dataclass
class Target:
    """A section the imported text can go to, as the drafter sees it."""

    id: str
    label: str
    title: str
    level: int
    parent: str | None

    def display(self) -> str:
        """"II. ĐÁNH GIÁ CHUNG" (indented by level in lists)."""
        return f"{self.label} {self.title}".strip() or self.id


def words(text: str) -> list[str]:
    """The words of a title for comparison: NFC, lower case, without figures, punctuation and a leading "Về"."""
    tokens = _WORD.findall(unicodedata.normalize("NFC", text).casefold())
    while len(tokens) > 1 and tokens[0] in TITLE_NOISE:
        tokens.pop(0)
    return tokens


def similarity(a: str, b: str) -> float:
    """0…1: how alike two titles are (word sequence ratio)."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    from difflib import SequenceMatcher

    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def _label_key(label: str) -> str:
    return label.strip().rstrip(".):").casefold()


def section_targets(pack: Pack, draft: Draft) -> list[Target]:
    """Every section of *pack* with its label and title as *draft* renders them (in order).

    Rendering may fail on a broken pack; the titles are then the manifest's, with Jinja parts left out.
    """
    rendered: dict[str, Heading] = {}
    try:
        from ..render import render_draft

        for block in render_draft(draft, pack).body:
            if isinstance(block, Heading) and block.section_id:
                rendered[block.section_id] = block
    except Exception:  # noqa: BLE001 - a pack that does not render still gets its titles
        rendered = {}
    out: list[Target] = []
    for spec in pack.sections:
        heading = rendered.get(spec.id)
        if heading is not None:
            label, title = heading.label, heading.title
        else:
            label, title = "", " ".join(_JINJA.sub("", spec.title).split()) or spec.name or spec.id
        out.append(Target(spec.id, label, title, spec.level, spec.parent))
    return out


@dataclass
class Match:
    """The proposed section for one heading and how sure the proposal is (score 0…~1.2).

    ``inherited``: the heading matched nothing but sits under a heading that went to a section without
    sub-sections (a department's own "- Về công nghiệp" level): it stays in that section, its words kept.
    """

    target: str
    score: float
    inherited: bool = False


def match_headings(headings: list[SourceHeading], targets: list[Target]) -> list[Match]:
    """One ``Match`` per heading, in order; unmatched headings get ``UNPLACED_ID``."""
    out: list[Match] = []
    parents = {t.parent for t in targets if t.parent}
    stack: list[tuple[int, str | None]] = []
    for heading in headings:
        while stack and stack[-1][0] >= heading.level:
            stack.pop()
        parent = next((t for _lvl, t in reversed(stack) if t and t != UNPLACED_ID), None)
        best, best_score = UNPLACED_ID, 0.0
        for target in targets:
            score = similarity(heading.title, target.title)
            if score < 0.3:
                continue
            if heading.label and target.label and _label_key(heading.label) == _label_key(target.label):
                score += LABEL_BONUS
            if parent is not None and target.parent == parent:
                score += PARENT_BONUS
            if score > best_score:
                best, best_score = target.id, score
        inherited = False
        if best_score < MATCH_THRESHOLD:
            enclosing = stack[-1][1] if stack else None
            inherited = enclosing not in (None, UNPLACED_ID) and enclosing not in parents
            best = enclosing if inherited else UNPLACED_ID
        out.append(Match(best, round(best_score, 3), inherited))
        stack.append((heading.level, best))
    return out
