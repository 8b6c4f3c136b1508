"""The import plan: the file cut into pieces by heading, each piece's target section, the edit that applies it.

    plan = plan_import(draft, pack, path)          # reads, matches (DocxImportError for a bad file)
    plan.set_target(2, "uu-diem")                  # the drafter changes one line of the mapping
    edit = plan.edit(draft, MODE_APPEND)           # one CompoundEdit: bodies and tables; undo takes it all back

Nothing is dropped: text before the first heading, after the closing "./.",
under headings that match no section, and tables whose columns match no
appendix table go to the orphan section ``UNPLACED_ID`` ("nội dung chưa xếp
mục"), each piece preceded by an italic line saying where it came from.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..edits import CompoundEdit, Edit, RestoreSection, SetExtra, SetFieldValue, SetSectionBody, SetTableRows
from ..errors import BaocaoError
from ..model.draft import Draft, SectionData
from ..model.richtext import Body, Para, Span
from ..register.constants import EXTRA_NAME as REGISTER_EXTRA
from ..template.manifest import Pack
from .constants import (EDITED_ORIGINAL_CHARS, END_OF_BODY, FIGURES_LINE, IMPORT_EDIT_LABEL, MODE_APPEND,
                        MODE_REPLACE, MODES, UNPLACED_EDITED_GENERATED, UNPLACED_EDITED_TABLE, UNPLACED_FROM_FRONT,
                        UNPLACED_FROM_HEADING, UNPLACED_FROM_TABLE, UNPLACED_FROM_TAIL, UNPLACED_ID, UNPLACED_LABEL)
from .matcher import Target, match_headings, section_targets
from .own_import import OwnExport, recognise

if TYPE_CHECKING:  # pragma: no cover
    from .citations import LinkedCitations

#: the label of the register's change
CITATIONS_LABEL = "Thêm văn bản được trích trong tệp nhập vào danh mục"
from .reader import ImportedDocument, SourceHeading, SourceParagraph, SourceTable, read_report
from .tables import TableMatch, match_table, merge_rows, table_as_text

FRONT, HEADING, TAIL = "front", "heading", "tail"


class ImportPlanError(BaocaoError):
    """An import that cannot be applied as asked (unknown section, result over a bound)."""


@dataclass
class Segment:
    """A piece of the file: its heading (None for the front and the tail) and what follows until the next one."""

    kind: str
    heading: SourceHeading | None
    blocks: list[SourceParagraph | SourceTable] = field(default_factory=list)
    target: str = UNPLACED_ID
    suggested: str = UNPLACED_ID
    score: float = 0.0
    inherited: bool = False         # a sub-heading kept inside its parent's section (as a bold line)

    def source_text(self) -> str:
        """How the preview names the piece."""
        if self.heading is not None:
            return self.heading.display()
        return "(phần đầu văn bản)" if self.kind == FRONT else "(phần cuối văn bản)"

    def paragraphs(self) -> list[Para]:
        """Its paragraphs (tables not counted)."""
        return [b.para for b in self.blocks if isinstance(b, SourceParagraph)]

    def is_empty(self) -> bool:
        """True when the piece holds no text, note or table (a heading followed directly by its sub-heading)."""
        return not any(isinstance(b, SourceTable) or not b.para.is_blank() for b in self.blocks)


def _segments(document: ImportedDocument) -> list[Segment]:
    segments = [Segment(FRONT, None)]
    for block in document.blocks:
        if isinstance(block, SourceHeading):
            segments.append(Segment(HEADING, block))
            continue
        current = segments[-1]
        if isinstance(block, SourceParagraph) and current.kind == HEADING and \
                END_OF_BODY.search(block.para.plain_text()):
            current = Segment(TAIL, None)          # the closing sentence and what follows it: not section text
            segments.append(current)
        current.blocks.append(block)
    return segments


@dataclass
class ImportPlan:
    """A read file, its pieces with their targets, and its tables matched to appendix tables."""

    name: str
    segments: list[Segment]
    targets: list[Target]
    tables: dict[int, TableMatch]                  # id(SourceTable) → match
    footnotes: int = 0
    #: what our own export's payload brings back (field values, table rows, edited sentences); None otherwise
    own: OwnExport | None = None
    #: add the cited documents the register lacks («Thêm N văn bản vào danh mục»), so their mentions are linked
    add_citations: bool = True
    #: how the pack writes a citation's date (``Pack.document.citation_date_style``)
    citation_style: str = "nd30"
    #: appendix table id → its label ("Phụ lục 01"), for notes
    table_titles: dict[str, str] = field(default_factory=dict)

    # ------------------------------------------------------------ editing the mapping
    def target_ids(self) -> list[str]:
        """Every section a piece may go to, the unplaced section last."""
        return [t.id for t in self.targets] + [UNPLACED_ID]

    def target_label(self, section_id: str) -> str:
        """How a target is named in the preview and the CLI."""
        if section_id == UNPLACED_ID:
            return UNPLACED_LABEL
        target = next((t for t in self.targets if t.id == section_id), None)
        return target.display() if target is not None else section_id

    def set_target(self, index: int, section_id: str) -> None:
        """Send piece *index* to *section_id* (a pack section or ``UNPLACED_ID``)."""
        if section_id not in self.target_ids():
            raise ImportPlanError(f"Mẫu báo cáo không có mục «{section_id}».",
                                  "Hãy chọn một mục trong danh sách, hoặc «nội dung chưa xếp mục».")
        self.segments[index].target = section_id

    def set_piece_target(self, number: int, section_id: str) -> None:
        """Send the *number*-th piece shown (1-based, as ``describe`` numbers them) to *section_id*."""
        pieces = self.pieces()
        if not 1 <= number <= len(pieces):
            raise ImportPlanError(f"Không có phần số {number} (tệp có {len(pieces)} phần).",
                                  "Xem số thứ tự các phần bằng --dry-run.")
        self.set_target(pieces[number - 1][0], section_id)

    def pieces(self) -> list[tuple[int, Segment]]:
        """The pieces shown in the preview, with their index: every heading, and the front and tail when not empty."""
        return [(i, s) for i, s in enumerate(self.segments) if s.heading is not None or not s.is_empty()]

    # ------------------------------------------------------------ results
    def _unplaced_intro(self, segment: Segment) -> Para:
        if segment.kind == FRONT:
            text = UNPLACED_FROM_FRONT.format(name=self.name)
        elif segment.kind == TAIL:
            text = UNPLACED_FROM_TAIL.format(name=self.name)
        else:
            text = UNPLACED_FROM_HEADING.format(name=self.name, heading=segment.source_text())
        return Para([Span(text, italic=True)])

    def bodies(self) -> dict[str, Body]:
        """The imported paragraphs per target section, in file order (unplaced ones with their origin line)."""
        out: dict[str, Body] = {}
        for segment in self.segments:
            placed = segment.target != UNPLACED_ID
            keeps_heading = placed and segment.inherited and segment.target == segment.suggested
            if segment.is_empty() and (placed or segment.heading is None) and not keeps_heading:
                continue            # an unplaced heading with nothing under it still brings its words
            body: Body = [] if placed else [self._unplaced_intro(segment)]
            if keeps_heading:
                body.append(Para([Span(segment.source_text(), bold=True)]))
            loose: Body = []
            for block in segment.blocks:
                if isinstance(block, SourceParagraph):
                    if not block.para.is_blank():
                        body.append(copy.deepcopy(block.para))
                elif id(block) in self.tables:
                    notes = self.tables[id(block)].notes
                    if notes:
                        loose.append(Para([Span(f"Chú thích trong bảng «{self.tables[id(block)].table_id}»: ")]
                                          + copy.deepcopy(notes)))
                else:
                    rows = table_as_text(block)
                    if placed:
                        loose.append(Para([Span(UNPLACED_FROM_TABLE.format(name=self.name), italic=True)]))
                        loose.extend(rows)
                    else:
                        body.extend(rows)
            if body:
                out.setdefault(segment.target, []).extend(body)
            if loose:
                out.setdefault(UNPLACED_ID, []).extend(loose)
        for edited in (self.own.edited if self.own is not None else []):
            original = edited.original if len(edited.original) <= EDITED_ORIGINAL_CHARS else \
                edited.original[:EDITED_ORIGINAL_CHARS].rstrip() + "…"
            note = UNPLACED_EDITED_GENERATED.format(name=self.name, section=self.target_label(edited.section),
                                                    original=original)
            out.setdefault(UNPLACED_ID, []).extend([Para([Span(note, italic=True)]), copy.deepcopy(edited.para)])
        for changed in (self.own.edited_tables if self.own is not None else []):
            note = UNPLACED_EDITED_TABLE.format(name=self.name, table=self.table_titles.get(changed.table_id,
                                                                                           changed.table_id))
            out.setdefault(UNPLACED_ID, []).extend([Para([Span(note, italic=True)]), *table_as_text(changed.table)])
        return out

    def table_rows(self) -> dict[str, list[dict]]:
        """The rows imported per appendix table, in file order (our own export's: its payload's rows)."""
        out: dict[str, list[dict]] = {}
        for table_id, rows in (self.own.tables.items() if self.own is not None else ()):
            out[table_id] = copy.deepcopy(rows)
        for match in self._matches():
            out.setdefault(match.table_id, []).extend(copy.deepcopy(match.rows))
        return out

    def field_values(self) -> dict[str, dict]:
        """The field values our own export brings back, per section (empty for any other file)."""
        return copy.deepcopy(self.own.fields) if self.own is not None else {}

    def _matches(self) -> list[TableMatch]:
        return [self.tables[id(b)] for s in self.segments for b in s.blocks
                if isinstance(b, SourceTable) and id(b) in self.tables]

    def is_empty(self) -> bool:
        """True when the file brings nothing."""
        return not self.bodies() and not any(self.table_rows().values()) and not self.field_values()

    def edit(self, draft: Draft, mode: str = MODE_APPEND) -> Edit | None:
        """One undoable step writing the import into *draft*: append to (or replace) each target's body and
        each matched table's rows (appended rows fill the rows of the same unit, ``merge_rows``); unplaced
        text is always appended.  None when there is nothing to write."""
        if mode not in MODES:
            raise ImportPlanError(f"Cách nhập «{mode}» không có.", "Chọn «thêm vào cuối» hoặc «thay thế».")
        from ..limits import edit_problem

        parts: list[Edit] = []
        linked = self.citations(draft)
        if linked.register is not None:
            parts.append(SetExtra.make(draft, REGISTER_EXTRA, linked.register, CITATIONS_LABEL))
        for section_id, body in linked.bodies.items():
            if section_id not in draft.sections:       # the unplaced section is new: undo removes it again
                parts.append(RestoreSection.make(draft, section_id, SectionData(body=copy.deepcopy(body))))
                continue
            old = draft.sections[section_id].body
            new = body if mode == MODE_REPLACE and section_id != UNPLACED_ID else copy.deepcopy(old) + body
            parts.append(SetSectionBody(copy.deepcopy(new), copy.deepcopy(old), section_id))
        for section_id, values in self.field_values().items():
            fields = draft.sections[section_id].fields if section_id in draft.sections else {}
            for key, value in values.items():      # appending keeps what the drafter already entered
                if mode == MODE_REPLACE or fields.get(key) in (None, "", [], {}):
                    parts.append(SetFieldValue(copy.deepcopy(value), copy.deepcopy(fields.get(key)), section_id, key))
        keys = {m.table_id: m.key for m in self._matches()}
        keys.update(self.own.keys if self.own is not None else {})
        for table_id, rows in self.table_rows().items():
            old_rows = draft.tables.get(table_id, [])
            new_rows = rows if mode == MODE_REPLACE else merge_rows(old_rows, rows, keys.get(table_id))
            parts.append(SetTableRows(copy.deepcopy(new_rows), copy.deepcopy(old_rows), table_id))
        for part in parts:
            problem = edit_problem(part)
            if problem:
                raise ImportPlanError(f"Không nhập được «{self.name}»: {problem}",
                                      "Hãy tách tệp thành nhiều phần rồi nhập lần lượt.")
        if not parts:
            return None
        return CompoundEdit.of(IMPORT_EDIT_LABEL.format(name=self.name), *parts)

    # ------------------------------------------------------------ for people
    def describe(self, draft: Draft | None = None) -> list[str]:
        """The mapping in words, one line per piece and per table (for the CLI and the dry run); with *draft*,
        also the citations found and the documents offered to its register."""
        lines = [f"Tệp «{self.name}»: {len(self.pieces())} phần, {self.footnotes} chú thích, "
                 f"{len(self.tables)} bảng khớp với bảng phụ lục."]
        lines += self.describe_own()
        lines += self.describe_citations(draft) if draft is not None else []
        for number, (_index, segment) in enumerate(self.pieces(), start=1):
            paras = len([p for p in segment.paragraphs() if not p.is_blank()])
            notes = sum(len(p.notes()) for p in segment.paragraphs())
            tables = [b for b in segment.blocks if isinstance(b, SourceTable)]
            extra = f", {notes} chú thích" if notes else ""
            extra += f", {len(tables)} bảng" if tables else ""
            lines.append(f"  {number:>2}. «{segment.source_text()[:80]}» → {self.target_label(segment.target)} "
                         f"({paras} đoạn{extra})")
            for table in tables:
                match = self.tables.get(id(table))
                where = f"bảng phụ lục «{match.table_id}» ({len(match.rows)} dòng)" if match else \
                    f"{UNPLACED_LABEL} (dạng chữ, {len(table.rows)} dòng)"
                lines.append(f"        bảng {table.width()} cột → {where}")
        return lines


    def citations(self, draft: Draft) -> "LinkedCitations":
        """The imported bodies with typed citations linked to *draft*'s register (``importing.citations``)."""
        from .citations import link_citations

        return link_citations(draft, self.bodies(), self.add_citations, self.citation_style)

    def describe_citations(self, draft: Draft) -> list[str]:
        """The citations found, in words: linked to the register, and the documents offered to it."""
        linked = self.citations(draft)
        if not linked.known and not linked.new_entries:
            return []
        parts = [f"Trích dẫn văn bản: {linked.known} chỗ khớp danh mục văn bản (thành trích dẫn)"]
        if linked.new_entries:
            parts.append(f"{len(linked.new_entries)} văn bản chưa có trong danh mục ({linked.new_mentions} chỗ) — "
                         + ("sẽ thêm vào danh mục" if self.add_citations else "giữ nguyên chữ"))
        if linked.kept:
            parts.append(f"{linked.kept} chỗ giữ nguyên chữ vì viết khác cách danh mục sẽ in")
        lines = ["; ".join(parts) + (":" if linked.new_entries else ".")]
        lines += [f"    + {name}" for name in linked.new_names()]
        return lines

    def figures_text(self) -> str:
        """«Số liệu: 12 trường, 2 bảng» for our own export ("" for any other file)."""
        if self.own is None:
            return ""
        return FIGURES_LINE.format(fields=self.own.field_count(), tables=len(self.own.tables))

    def describe_own(self) -> list[str]:
        """What our own export's data brings, in words (empty for any other file)."""
        own = self.own
        if own is None:
            return []
        lines = [f"{self.figures_text()} (tệp do baocao xuất, mẫu «{own.pack}»)."]
        for section_id, values in own.fields.items():
            shown = ", ".join(f"{k} = {v}" for k, v in values.items())
            lines.append(f"    {self.target_label(section_id)[:60]}: {shown[:160]}")
        for table_id, rows in own.tables.items():
            lines.append(f"    bảng «{table_id}»: {len(rows)} dòng")
        how = "" if own.marks else " (tệp đã mất dấu đánh dấu, nhận ra theo chữ)"
        lines.append(f"  Câu do mẫu viết từ số liệu: {own.generated} câu không nhập thành nội dung{how}"
                     + (f"; {len(own.edited)} câu đã sửa trong Word → {UNPLACED_LABEL}" if own.edited else "") + ".")
        if own.edited_tables:
            lines.append(f"  {len(own.edited_tables)} bảng phụ lục đã sửa ô trong Word → {UNPLACED_LABEL} (dạng chữ).")
        return lines


def build_plan(document: ImportedDocument, pack: Pack, draft: Draft) -> ImportPlan:
    """Cut *document* by headings and propose a target for each piece and each table."""
    targets = section_targets(pack, draft)
    segments = _segments(document)
    own = recognise(segments, document.payload, pack) if document.payload is not None else None
    headed = [s for s in segments if s.heading is not None]
    for segment, match in zip(headed, match_headings([s.heading for s in headed], targets)):
        segment.target = segment.suggested = match.target
        segment.score, segment.inherited = match.score, match.inherited
    tables: dict[int, TableMatch] = {}
    for table in (b for s in segments for b in s.blocks if isinstance(b, SourceTable)):
        found = match_table(table, pack)
        if found is not None:
            tables[id(table)] = found
    return ImportPlan(document.name, segments, targets, tables, document.footnotes, own,
                      citation_style=getattr(pack.document, "citation_date_style", "nd30"),
                      table_titles={a.table: a.label for a in pack.appendices if a.table})


def plan_import(draft: Draft, pack: Pack, path: str | Path) -> ImportPlan:
    """Read the .docx at *path* and build its plan against *draft* and *pack* (``DocxImportError`` when bad)."""
    return build_plan(read_report(path), pack, draft)
