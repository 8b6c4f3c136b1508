"""Our own export read back: field values and table rows from its custom XML part, generated text left out.

A .docx baocao exported (``own_export``) carries a JSON payload and a ``bc_sinh_<n>`` bookmark on every
paragraph a template wrote from figures.  On import:

* the **field values** and **table rows** come back from the payload (validated against the target
  pack: unknown sections, fields, tables and columns are left out, every string is cleaned), and the
  appendix tables of the file are not read a second time — one whose cells were changed in Word is kept
  as text in «Nội dung chưa xếp mục» with a note (the payload's rows still fill the table);
* a **marked paragraph** whose text (and footnotes) still equal what the template wrote is left out;
  one the reviewer rewrote in Word goes to «Nội dung chưa xếp mục» with a note and the original
  sentence — never dropped;
* when a tool dropped the bookmarks but kept the part, an unmarked paragraph equal to a generated one
  is still left out (an edited one then cannot be told from the drafter's text and stays where it is);
* the **frame** (header block, title, closing, signature, "Nơi nhận", appendix labels, titles and
  tables) is left out where it comes back unchanged; anything added there stays unplaced as before.

A file without the part (any other .docx, or one whose part a tool dropped) is imported as before.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..model.richtext import Para
from ..template.manifest import Pack
from ..text import clean_text
from ..writers.docx.roundtrip import APP, FORMAT, NAMESPACE, ROOT
from .constants import MAX_BLOCKS
from .own_export import norm
from .package import DocxImportError
from .reader import SourceHeading, SourceParagraph, SourceTable
from .tables import match_table

#: bounds on what a payload may bring (it is untrusted like the rest of the file)
MAX_DEPTH = 4
MAX_TEXT = 20_000


@dataclass
class EditedSentence:
    """A generated paragraph the reviewer changed: the section it belongs to, the paragraph as read, and the
    sentence the template wrote."""

    section: str
    para: Para
    original: str


@dataclass
class EditedTable:
    """An appendix table whose cells the reviewer changed in Word (its rows differ from the payload's)."""

    table_id: str
    table: SourceTable


@dataclass
class OwnExport:
    """What the import took from our own export's payload, and what it left out."""

    pack: str
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    keys: dict[str, str | None] = field(default_factory=dict)     # table id → its name column (rows merge on it)
    generated: int = 0                  # generated paragraphs found unchanged: not imported as text
    edited: list[EditedSentence] = field(default_factory=list)
    edited_tables: list[EditedTable] = field(default_factory=list)
    frame: int = 0                      # frame paragraphs and tables left out
    marks: bool = True                  # False: the bookmarks were gone, generated text recognised by its words

    def field_count(self) -> int:
        """How many field values come back."""
        return sum(len(values) for values in self.fields.values())


# ---------------------------------------------------------------- reading the part
def _is_item(name: str) -> bool:
    leaf = name.rsplit("/", 1)[-1]
    return name.startswith("customXml/") and leaf.startswith("item") and leaf.endswith(".xml") \
        and not leaf.startswith("itemProps")


def read_payload(parts) -> dict[str, Any] | None:
    """The payload of our own export in *parts* (``BoundedParts``), or None (another file, a damaged part)."""
    for name in sorted(n for n in parts.parts if _is_item(n)):
        try:
            root = parts.xml(name)
        except DocxImportError:
            continue                     # someone else's broken part: not ours to refuse the file for
        if root is None or root.tag != f"{{{NAMESPACE}}}{ROOT}":
            continue
        try:
            data = json.loads(root.text or "")
        except ValueError:
            return None
        if isinstance(data, dict) and data.get("app") == APP and isinstance(data.get("format"), int) \
                and 1 <= data["format"] <= FORMAT:
            return data
    return None


def _clean(value: Any, depth: int = 0) -> tuple[bool, Any]:
    """(acceptable, cleaned) for a JSON value from the file: primitives, short lists and dicts of them."""
    if value is None or isinstance(value, (bool, int, float)):
        return True, value
    if isinstance(value, str):
        return len(value) <= MAX_TEXT, clean_text(value)
    if depth >= MAX_DEPTH:
        return False, None
    if isinstance(value, list):
        items = [_clean(v, depth + 1) for v in value[:MAX_BLOCKS]]
        return all(ok for ok, _v in items), [v for _ok, v in items]
    if isinstance(value, dict):
        items = {clean_text(str(k)): _clean(v, depth + 1) for k, v in list(value.items())[:MAX_BLOCKS]}
        return all(ok for ok, _v in items.values()), {k: v for k, (_ok, v) in items.items()}
    return False, None


def _fields(payload: dict[str, Any], pack: Pack) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    given = payload.get("fields")
    for section_id, values in (given.items() if isinstance(given, dict) else ()):
        if not isinstance(values, dict) or not pack.has_section(str(section_id)):
            continue
        spec = pack.section(str(section_id))
        kept = {}
        for key, value in values.items():
            ok, cleaned = _clean(value)
            if ok and spec.field(str(key)) is not None and cleaned not in (None, "", [], {}):
                kept[str(key)] = cleaned
        if kept:
            out[str(section_id)] = kept
    return out


def _tables(payload: dict[str, Any], pack: Pack) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    given = payload.get("tables")
    for table_id, rows in (given.items() if isinstance(given, dict) else ()):
        spec = pack.tables.get(str(table_id))
        if spec is None or not isinstance(rows, list):
            continue
        keys = {c.key for c in spec.columns if not c.computed} | ({spec.group_by} if spec.group_by else set())
        kept = []
        for row in rows[:MAX_BLOCKS]:
            if not isinstance(row, dict):
                continue
            cleaned = {}
            for key, value in row.items():
                ok, value = _clean(value)
                if ok and key in keys and value not in (None, ""):
                    cleaned[key] = value
            if cleaned:
                kept.append(cleaned)
        if kept:
            out[str(table_id)] = kept
    return out


def _generated(payload: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """(section, text, footnote texts) of each generated paragraph, by index (bad entries kept as blanks)."""
    out = []
    given = payload.get("generated")
    for item in (given if isinstance(given, list) else [])[:MAX_BLOCKS]:
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            notes = [n for n in item.get("notes") or [] if isinstance(n, str)] \
                if isinstance(item.get("notes"), list) else []
            out.append((clean_text(str(item.get("section", ""))), clean_text(item["text"]), notes))
        else:
            out.append(("", "", []))
    return out


def _same_rows(read: list[dict[str, Any]], stored: list[dict[str, Any]]) -> bool:
    """True when the rows read from the file's table say what the payload's rows say, on the columns the
    table prints (computed ones are never read)."""
    if len(read) != len(stored):
        return False
    columns = set().union(*(row.keys() for row in read)) if read else set()
    return all({k: norm(str(a.get(k, ""))) for k in columns} == {k: norm(str(b.get(k, ""))) for k in columns}
               for a, b in zip(read, stored))


# ---------------------------------------------------------------- recognising the text
class _Recogniser:
    def __init__(self, payload: dict[str, Any], pack: Pack, marks: bool):
        self.pack = pack
        tables = _tables(payload, pack)
        keys = {tid: next((c.key for c in pack.tables[tid].columns if c.type == "text"), None) for tid in tables}
        self.result = OwnExport(clean_text(str(payload.get("pack", ""))), _fields(payload, pack), tables, keys,
                                marks=marks)
        self.generated = _generated(payload)
        self.keys = [(norm(text), [norm(n) for n in notes]) for _s, text, notes in self.generated]
        self.used: set[int] = set()
        frame = payload.get("frame")
        self.frame = {norm(x) for x in (frame if isinstance(frame, list) else [])[:MAX_BLOCKS]
                      if isinstance(x, str) and len(x) <= MAX_TEXT}

    def _key(self, para: Para) -> tuple[str, list[str]]:
        return norm(para.plain_text()), [norm(n.plain_text()) for n in para.notes()]

    def keep_paragraph(self, block: SourceParagraph, in_body: bool) -> bool:
        """False when *block* is generated or frame text (left out, or moved to the edited sentences)."""
        key = self._key(block.para)
        mark = block.mark
        if mark is not None and 0 <= mark < len(self.generated) and mark not in self.used:
            self.used.add(mark)
            if key == self.keys[mark]:
                self.result.generated += 1
            else:
                section, text, _notes = self.generated[mark]
                self.result.edited.append(EditedSentence(section, block.para, text))
            return False
        if not in_body:
            if key[0] in self.frame and not key[1]:
                self.result.frame += 1
                return False
            return True
        found = next((i for i, k in enumerate(self.keys) if i not in self.used and k == key and k[0]), None)
        if found is not None:               # no mark (a tool dropped it): recognised by its words
            self.used.add(found)
            self.result.generated += 1
            return False
        return True

    def keep_table(self, table: SourceTable) -> bool:
        """False for an appendix table whose rows the payload brings, and for the frame's own tables."""
        match = match_table(table, self.pack)
        if match is not None and match.table_id in self.result.tables:
            if not _same_rows(match.rows, self.result.tables[match.table_id]):
                self.result.edited_tables.append(EditedTable(match.table_id, table))   # kept, with a note
            self.result.frame += 1
            return False
        lines = [norm(line) for row in table.rows for cell in row if not cell.continued
                 for line in cell.text.split("\n") if norm(line)]
        if lines and all(line in self.frame for line in lines) and not any(c.notes for r in table.rows for c in r):
            self.result.frame += 1
            return False
        return True

    def is_frame_heading(self, heading: SourceHeading) -> bool:
        return norm(heading.display()) in self.frame or norm(heading.title) in self.frame


def recognise(segments: list, payload: dict[str, Any], pack: Pack) -> OwnExport:
    """Take generated and frame text out of *segments* (``plan.Segment``, changed in place) and return what
    the payload brings.  Headings after the closing that are frame lines (the appendices' labels) are
    folded into the tail, so the preview does not list them."""
    from .plan import HEADING, TAIL

    marks = any(isinstance(b, SourceParagraph) and b.mark is not None for s in segments for b in s.blocks)
    recogniser = _Recogniser(payload, pack, marks)
    tail_seen = False
    kept_segments: list = []
    for segment in segments:
        tail_seen = tail_seen or segment.kind == TAIL
        blocks = segment.blocks
        if segment.kind == HEADING and tail_seen and segment.heading is not None and kept_segments \
                and recogniser.is_frame_heading(segment.heading):
            recogniser.result.frame += 1
            host = kept_segments[-1]
        else:
            segment.blocks = []
            kept_segments.append(segment)
            host = segment
        _filter_into(host, blocks, recogniser, segment.kind == HEADING and not tail_seen)
    segments[:] = kept_segments
    return recogniser.result


def _filter_into(host, blocks: list, recogniser: _Recogniser, in_body: bool) -> None:
    for block in blocks:
        if isinstance(block, SourceParagraph):
            if recogniser.keep_paragraph(block, in_body):
                host.blocks.append(block)
        elif isinstance(block, SourceTable):
            if recogniser.keep_table(block):
                host.blocks.append(block)
        else:
            host.blocks.append(block)


__all__ = ["EditedSentence", "EditedTable", "OwnExport", "read_payload", "recognise"]
