"""A reviewed .docx back into the draft: tracked changes become text changes, Word comments become
anchored comments; what matches no section is kept as *unplaced*, never dropped.

``plan_import`` only reads; ``ImportPlan.edit`` is the one undoable edit that
brings it all in (the caller saves a version first).  After the import the
drafter takes or leaves each change in the compare view (from that version to
now), one by one.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..constants import SectionStatus
from ..edits import Edit, SetExtra, SetSectionBody, SetTableRows
from ..model.draft import Draft
from ..model.richtext import Body, Note, Para
from . import anchors
from .approval import content_digest, keep_approved_content
from .compound import CompoundEdit
from .constants import (
    ANCHOR_SECTION, ANCHOR_TEXT, BASE_CURRENT_NOTE, BASE_VERSION_NOTE, EXTRA_NAME, MAX_QUOTE, NOTE_CELL, NOTE_CONFLICT,
    NOTE_NO_PARAGRAPH, NOTE_NO_PLACE, NOTE_NOTE, NOTE_ROW_ADDED, NOTE_ROW_REMOVED, ROWS_NOTE, UNMATCHED_NOTE,
)
from .diff import diff_text, similarity_over
from .docx_reader import ROW_ADDED, ReadComment, ReadDocument, read_bytes, read_docx
from .export_base import BASE_CURRENT, BASE_NONE, BASE_STORED, BASE_VERSION, ExportBase, VersionAt
from .import_cells import place_cells
from .import_notes import note_spot, quoted_note_spot, split_note_prefix
from .store import new_id, now_text, review_data
from .textops import replace_range
from .tokens import normalize
from .untracked import baseline_of, is_copy, restore

#: how similar a file paragraph must be to a draft paragraph to count as the same one, edited
MATCH_RATIO = 0.6
#: characters around a change that must match for it to count as made already
CONTEXT = 20
_MARKERS = ("- ", "+ ", "– ", "• ")


@dataclass
class Change:
    """One paragraph changed by the reviewer: where, before and after (for the report and --dry-run)."""

    section: str
    before: str
    after: str


@dataclass
class ImportPlan:
    """What a reviewed file brings: new bodies, new comment threads, replies, unplaced items."""

    source: str
    bodies: dict[str, Body] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    comments: list[dict[str, Any]] = field(default_factory=list)
    updates: dict[str, dict[str, Any]] = field(default_factory=dict)    # existing threads: new replies / done
    unplaced: list[dict[str, Any]] = field(default_factory=list)
    untracked: int = 0                     # edits found without track changes (counted in ``changes`` when placed)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)   # appendix tables with changed cells
    #: what the edits made without track changes were found against
    base: ExportBase = field(default_factory=lambda: ExportBase(BASE_STORED))
    rows: int = 0                          # whole table rows added or removed (listed under «Chưa gắn được»)

    def is_empty(self) -> bool:
        """True when the file brings nothing."""
        return not (self.changes or self.comments or self.updates or self.unplaced)

    def edit(self, draft: Draft) -> Edit | None:
        """The one undoable edit bringing the plan into *draft* (None when there is nothing)."""
        if self.is_empty():
            return None
        parts: list[Edit] = [SetSectionBody.make(draft, sid, body) for sid, body in self.bodies.items()
                             if body != draft.section(sid).body]
        parts += [SetTableRows.make(draft, table, rows) for table, rows in self.tables.items()]
        data = review_data(draft)
        for thread in data["comments"]:
            update = self.updates.get(thread["id"])
            if update:
                thread.setdefault("replies", []).extend(update.get("replies", []))
                if "resolved" in update:
                    thread["resolved"] = update["resolved"]
        data["comments"].extend(copy.deepcopy(self.comments))
        data["unplaced"].extend(copy.deepcopy(self.unplaced))
        keep_approved_content(data, draft, self.changed_sections(draft))    # «đã duyệt» shows the change
        parts.append(SetExtra.make(draft, EXTRA_NAME, data, "Nhập góp ý từ Word"))
        return CompoundEdit.of(f"Nhập góp ý từ «{self.source}»", *parts)

    def changed_sections(self, draft: Draft) -> list[str]:
        """The sections whose text the plan changes in *draft*."""
        return [sid for sid, body in self.bodies.items() if sid in draft.sections and body != draft.section(sid).body]

    def approvals_touched(self, draft: Draft) -> list[str]:
        """The «đã duyệt» sections of *draft* whose text the plan changes (their approval becomes outdated)."""
        return [sid for sid in self.changed_sections(draft) if draft.section(sid).status is SectionStatus.APPROVED
                and content_digest(replace(draft.section(sid), body=self.bodies[sid]))
                != content_digest(draft.section(sid))]

    def describe(self) -> list[str]:
        """Lines for ``baocao import-review --dry-run``."""
        lines = [f"Sửa {len(self.changes)} đoạn, {len(self.comments)} góp ý mới, "
                 f"{len(self.updates)} góp ý cũ có trả lời/đổi trạng thái, {len(self.unplaced)} mục chưa gắn được."]
        if self.untracked:
            lines.append(f"  (trong tệp có {self.untracked} chỗ sửa thẳng, không bật theo dõi thay đổi: "
                         "đã đọc như chỗ sửa có theo dõi)")
        if self.base.kind == BASE_VERSION:
            lines.append("  " + BASE_VERSION_NOTE.format(version=self.base.label))
        elif self.base.kind == BASE_CURRENT and self.untracked:
            lines.append("  " + BASE_CURRENT_NOTE)
        if self.rows:
            lines.append("  " + ROWS_NOTE.format(n=self.rows))
        if not self.base.matched and self.base.kind != BASE_NONE:
            lines.append("  " + UNMATCHED_NOTE)
        for change in self.changes:
            hunks = diff_text(change.before, change.after)
            shown = "; ".join(f"«{h.old_text[:60]}» → «{h.new_text[:60]}»" for h in hunks[:4])
            lines.append(f"  [{change.section}] {shown}{' …' if len(hunks) > 4 else ''}")
        for thread in self.comments:
            where = (thread.get("anchor") or {}).get("section", "")
            lines.append(f"  góp ý [{where}] {thread.get('author', '')}: {thread.get('text', '')[:80]}"
                         f" — «{thread.get('quote', '')[:50]}»")
        for item in self.unplaced:
            lines.append(f"  chưa gắn được ({item.get('kind')}): {item.get('author', '')} "
                         f"{item.get('text', '')[:80]} — «{item.get('quote', '')[:50]}»".replace("  ", " ", 1)
                         + (f" ({item['note']})" if item.get("note") else ""))
        return lines


def _strip_marker(text: str) -> str:
    for marker in _MARKERS:
        if text.startswith(marker):
            return text[len(marker):]
    return text


class _Matcher:
    """Finds the draft paragraph a file paragraph came from (exact text first, then the most similar)."""

    def __init__(self, bodies: dict[str, Body]):
        self.bodies = bodies
        self.index = [(sid, n, p.plain_text()) for sid, body in bodies.items() for n, p in enumerate(body)
                      if p.plain_text().strip()]
        self.used: set[tuple[str, int]] = set()

    def find(self, text: str) -> tuple[str, int] | None:
        """(section, paragraph index) of the draft paragraph *text* (the file's text before review) is."""
        text = _strip_marker(text)
        norm = normalize(text)
        if not norm:
            return None
        exact = [(s, n) for s, n, t in self.index if normalize(t) == norm and (s, n) not in self.used]
        if exact:
            return exact[0]
        best, score = None, MATCH_RATIO
        for s, n, t in self.index:
            if (s, n) in self.used or abs(len(t) - len(text)) > max(len(t), len(text)) * 0.6:
                continue
            ratio = similarity_over(normalize(t), norm, score)
            if ratio > score:
                best, score = (s, n), ratio
        return best


def _position_map(source: str, target: str):
    """A function taking an offset of *source* to the same place in *target* (None inside a changed part)."""
    hunks = diff_text(source, target)

    def mapped(pos: int) -> int | None:
        delta = 0
        for hunk in hunks:
            if pos <= hunk.old_start:
                break
            if pos < hunk.old_end:
                return None
            delta += (hunk.new_end - hunk.new_start) - (hunk.old_end - hunk.old_start)
        return pos + delta
    return mapped


def _apply_review(para: Para, before: str, after: str) -> tuple[Para, list[tuple[str, str]]]:
    """The reviewer's changes (*before* → *after*) made in *para*, which may have changed since the export.

    Each change is made where its text still is; a change whose text the
    drafter has since rewritten is returned as a conflict (old, new), not applied.
    """
    current = para.plain_text()
    where = _position_map(before, current)
    conflicts = []
    for hunk in reversed(diff_text(before, after)):
        context = after[max(0, hunk.new_start - CONTEXT):hunk.new_end + CONTEXT]
        if context != after and context in current and before[
                max(0, hunk.old_start - CONTEXT):hunk.old_end + CONTEXT] not in current:
            continue                                    # the draft reads like this already
        start, end = where(hunk.old_start), where(hunk.old_end)
        if start is None or end is None or current[start:end] != hunk.old_text:
            conflicts.append((hunk.old_text, hunk.new_text))
            continue
        para = replace_range(para, start, end, hunk.new_text)
    return para, conflicts


def _heading_section(text: str, titles: dict[str, str]) -> str | None:
    norm = normalize(text)
    if not norm:
        return None
    for sid, title in titles.items():
        t = normalize(title)
        if t and (t == norm or norm.endswith(t)):
            return sid
    return None


def _thread_from(comment: ReadComment, replies: list[ReadComment], anchor: dict[str, Any], quote: str,
                 comment_id: str) -> dict[str, Any]:
    return {"id": comment_id, "anchor": anchor, "quote": quote[:MAX_QUOTE],
            "author": comment.author or "Người góp ý", "initials": comment.initials, "at": comment.date or now_text(),
            "text": comment.text, "resolved": comment.done,
            "replies": [{"id": new_id(), "author": r.author, "initials": r.initials, "at": r.date or now_text(),
                         "text": r.text} for r in replies]}


def plan_import(draft: Draft, path: Path, titles: dict[str, str] | None = None, pack: Any = None,
                earlier: VersionAt | None = None) -> ImportPlan:
    """What the reviewed file *path* would bring into *draft* (nothing is changed).

    *titles* (section id → title) lets comments on a heading attach to the whole section.
    Edits made without track changes are found against the text the file was exported with
    (``review.baseline``); for a file that does not carry it, against the version *earlier* gives
    for the file's creation time (``review.export_base``), else against *draft* exported with
    *pack* now (then only paragraphs without tracked changes are compared, and ``plan.base`` says so).
    """
    document = read_docx(path)
    document, untracked, base = with_untracked(document, draft, pack, earlier)
    plan = plan_from_document(draft, document, Path(path).name, titles or {})
    plan.untracked = untracked
    plan.base = base
    return plan


def with_untracked(document: ReadDocument, draft: Draft, pack: Any = None,
                   earlier: VersionAt | None = None) -> tuple[ReadDocument, int, ExportBase]:
    """*document* with edits made without track changes read as tracked ones, how many there were,
    and what they were found against."""
    if document.baseline is not None:
        return (*restore(document, document.baseline), ExportBase(BASE_STORED, matched=is_copy(document,
                                                                                          document.baseline)))
    if pack is None:
        return document, 0, ExportBase(BASE_NONE)
    from ..render import render_draft
    from ..writers.docx import build_docx

    found = earlier(document.created) if earlier is not None else None
    base, label = found if found is not None else (draft, "")
    exported = read_bytes(build_docx(render_draft(base, pack), pack.reference_docx), "bản thảo")
    baseline = baseline_of(exported)
    matched = is_copy(document, baseline)
    document, untracked = restore(document, baseline, only_untracked=True)
    return document, untracked, ExportBase(BASE_VERSION if found is not None else BASE_CURRENT, label, matched)


def _existing(draft: Draft) -> dict[tuple[str, str], dict[str, Any]]:
    out = {}
    for thread in review_data(draft)["comments"]:
        out[(normalize(str(thread.get("author", ""))), normalize(str(thread.get("text", ""))))] = thread
    return out


def plan_from_document(draft: Draft, document: ReadDocument, source: str, titles: dict[str, str]) -> ImportPlan:
    """The plan for an already read file (see ``plan_import``)."""
    plan = ImportPlan(source)
    bodies = {sid: copy.deepcopy(data.body) for sid, data in draft.sections.items()}
    matcher = _Matcher(bodies)
    placed: dict[int, tuple[str, int]] = {}          # file paragraph → draft paragraph after the changes
    inserts: list[tuple[str, int, Para]] = []
    removals: list[tuple[str, int]] = []
    last: tuple[str, int] | None = None
    notes = [(sid, n, k, note) for sid, body in bodies.items() for n, p in enumerate(body)
             for k, note in enumerate(p.notes())]
    for number, para in enumerate(document.paragraphs):
        if para.where == "footnote":
            continue
        if para.inserted:
            if para.accepted.strip() and para.where == "body" and last is not None:
                inserts.append((last[0], last[1] + 1, Para.of(_strip_marker(para.accepted.strip()),
                                                              "dash" if para.accepted.startswith("- ") else "text")))
                plan.changes.append(Change(last[0], "", para.accepted))
            elif para.accepted.strip():
                plan.unplaced.append({"kind": "change", "text": para.accepted, "quote": "", "source": source,
                                      "note": NOTE_NO_PLACE})
            continue
        found = matcher.find(para.rejected) if para.where == "body" else None
        if found is None:
            if para.where == "table":
                continue                                # cells: see place_cells below
            if para.changed and (para.accepted.strip() or para.rejected.strip()):
                plan.unplaced.append({"kind": "change", "text": para.accepted, "quote": para.rejected,
                                      "source": source, "note": NOTE_NO_PARAGRAPH})
            continue
        matcher.used.add(found)
        last = found
        placed[number] = found
        if para.deleted:
            removals.append(found)
            plan.changes.append(Change(found[0], para.rejected, ""))
        elif para.changed:
            sid, n = found
            before = bodies[sid][n].plain_text()
            bodies[sid][n], conflicts = _apply_review(bodies[sid][n], _strip_marker(para.rejected),
                                                      _strip_marker(para.accepted))
            if bodies[sid][n].plain_text() != before:
                plan.changes.append(Change(sid, before, bodies[sid][n].plain_text()))
            for old_text, new_text in conflicts:        # the drafter changed that text since: shown, not forced
                plan.unplaced.append({"kind": "change", "text": new_text, "quote": old_text, "source": source,
                                      "where": sid, "note": NOTE_CONFLICT})
    for note_id, paras in document.footnotes().items():
        rejected = "\n".join(p.rejected for p in paras)
        accepted = "\n".join(p.accepted for p in paras)
        if rejected == accepted:
            continue
        match = next(((sid, n, k) for sid, n, k, note in notes if normalize(note.plain_text()) == normalize(rejected)),
                     None)
        if match is None:
            plan.unplaced.append({"kind": "change", "text": accepted, "quote": rejected, "source": source,
                                  "where": f"chú thích {note_id}", "note": NOTE_NOTE})
            continue
        sid, n, k = match
        count = -1
        content = []
        for item in bodies[sid][n].content:
            if isinstance(item, Note):
                count += 1
                if count == k and not accepted.strip():
                    continue                            # the reviewer deleted the footnote outright
                if count == k:
                    item = Note.of(accepted)
            content.append(item)
        bodies[sid][n] = replace(bodies[sid][n], content=content)
        plan.changes.append(Change(sid, rejected, accepted))
    plan.tables, cells, left, tracked_rows = place_cells(draft, document.paragraphs)
    for table, row, column, old_text, new_text in cells:
        plan.changes.append(Change(f"bảng {table}, dòng {row + 1}, cột {column}", old_text, new_text))
    for para in left:
        plan.unplaced.append({"kind": "change", "text": para.accepted, "quote": para.rejected, "source": source,
                              "where": "bảng", "note": NOTE_CELL})
    for row_edit in [*document.row_edits, *tracked_rows]:      # whole rows: listed with their text, never lost
        added = row_edit.kind == ROW_ADDED
        plan.unplaced.append({"kind": "change", "text": row_edit.text if added else "",
                              "quote": "" if added else row_edit.text, "source": source, "where": "bảng",
                              "note": NOTE_ROW_ADDED if added else NOTE_ROW_REMOVED})
        plan.rows += 1
    for sid, n in sorted(removals, reverse=True):
        del bodies[sid][n]
    for sid, n, new_para in sorted(inserts, key=lambda t: (t[0], t[1]), reverse=True):
        bodies[sid].insert(n, new_para)
    _place_comments(plan, draft, document, bodies, placed, removals, inserts, titles, source)
    plan.bodies = {sid: body for sid, body in bodies.items() if body != draft.section(sid).body}
    return plan


def _shift(sid: str, n: int, removals: list[tuple[str, int]], inserts: list[tuple[str, int, Para]]) -> int:
    """Where draft paragraph *n* of *sid* is after the removals and insertions."""
    n -= sum(1 for s, m in removals if s == sid and m < n)
    n += sum(1 for s, m, _p in inserts if s == sid and m <= n)
    return n


def _place_comments(plan: ImportPlan, draft: Draft, document: ReadDocument, bodies: dict[str, Body],
                    placed: dict[int, tuple[str, int]], removals, inserts, titles: dict[str, str],
                    source: str) -> None:
    existing = _existing(draft)
    replies: dict[str, list[ReadComment]] = {}
    for comment in document.comments.values():
        if comment.parent:
            replies.setdefault(comment.parent, []).append(comment)
    where: dict[str, tuple[int, int, int]] = {}
    for number, para in enumerate(document.paragraphs):
        for rng in para.comments:
            where.setdefault(rng.comment_id, (number, rng.start, rng.end))
    for comment in document.comments.values():
        if comment.parent:
            continue
        comment.text, note_quote = split_note_prefix(comment.text)     # on footnote words (baocao's export)
        known = existing.get((normalize(comment.author), normalize(comment.text)))
        if known is not None:                              # our own export coming back: new replies / done only
            have = {(normalize(str(r.get("author", ""))), normalize(str(r.get("text", ""))))
                    for r in known.get("replies") or []}
            fresh = [r for r in replies.get(comment.id, []) if (normalize(r.author), normalize(r.text)) not in have]
            update: dict[str, Any] = {}
            if fresh:
                update["replies"] = _thread_from(comment, fresh, {}, "", "")["replies"]
            if comment.done != bool(known.get("resolved")):
                update["resolved"] = comment.done
            if update:
                plan.updates[known["id"]] = update
            continue
        spot = where.get(comment.id)
        para = document.paragraphs[spot[0]] if spot else None
        quote = para.accepted[spot[1]:spot[2]] if para is not None and spot else ""
        cid = new_id()
        target = placed.get(spot[0]) if spot else None
        if note_quote:                                     # baocao's export: on the note's number, naming the words
            in_note = quoted_note_spot(bodies, note_quote, target[0] if target is not None else None)
            quote = note_quote
        else:                                              # a comment inside a footnote of the file
            in_note = note_spot(bodies, document, para, spot[1], spot[2]) if para is not None and spot else None
        if in_note is not None:
            n = in_note.paragraph                          # found in the bodies as they are now
            bodies[in_note.section][n] = anchors.mark_note_range(bodies[in_note.section][n], in_note.note,
                                                                 in_note.note_paragraph, in_note.start, in_note.end, cid)
            plan.comments.append(_thread_from(comment, replies.get(comment.id, []),
                                              {"kind": ANCHOR_TEXT, "section": in_note.section}, quote, cid))
            continue
        if target is not None and spot is not None and not para.deleted:
            sid = target[0]
            n = _shift(sid, target[1], removals, inserts)
            text = bodies[sid][n].plain_text()
            offset = _locate(text, quote, _strip_marker(para.accepted), spot[1] - (len(para.accepted) -
                                                                                 len(_strip_marker(para.accepted))))
            if offset is not None and quote.strip():
                start, end = offset, offset + len(quote)
                bodies[sid][n] = anchors.mark_range(bodies[sid][n], start, end, cid)
                plan.comments.append(_thread_from(comment, replies.get(comment.id, []),
                                                  {"kind": ANCHOR_TEXT, "section": sid}, quote, cid))
                continue
            plan.comments.append(_thread_from(comment, replies.get(comment.id, []),
                                              {"kind": ANCHOR_SECTION, "section": sid}, quote or text[:80], cid))
            continue
        heading = _heading_section(para.accepted, titles) if para is not None else None
        if heading is not None:
            plan.comments.append(_thread_from(comment, replies.get(comment.id, []),
                                              {"kind": ANCHOR_SECTION, "section": heading}, quote, cid))
            continue
        plan.unplaced.append({"kind": "comment", "author": comment.author, "initials": comment.initials,
                              "at": comment.date, "text": comment.text, "quote": quote or (para.accepted if para else ""),
                              "source": source,
                              "replies": [{"author": r.author, "text": r.text} for r in replies.get(comment.id, [])]})


def _locate(text: str, quote: str, file_text: str, file_offset: int) -> int | None:
    """Where *quote* is in the draft paragraph *text*: the occurrence nearest to its place in the file."""
    if not quote:
        return None
    hits, at = [], text.find(quote)
    while at >= 0:
        hits.append(at)
        at = text.find(quote, at + 1)
    if not hits:
        return None
    return min(hits, key=lambda h: abs(h - file_offset))


__all__ = ["Change", "ImportPlan", "plan_from_document", "plan_import", "with_untracked"]
