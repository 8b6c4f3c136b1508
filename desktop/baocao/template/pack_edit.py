"""Editing a pack as data: the pack editor's model (no Qt).

A ``PackDraft`` is the pack's text files (name → text).  Every change goes
through a method that returns a new ``PackDraft``, so the editor keeps an undo
history of snapshots and can always show or restore "the last good version".
``manifest.toml`` is changed with tomlkit, which keeps the maintainer's
comments and layout around the keys that did not change.

Sections are kept in tree order (each parent before its children, a
subtree contiguous) — the order the report prints them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table

from ..constants import NumberStyle
from ..errors import TemplateError
from .manifest import MANIFEST_NAME

SECTION_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
#: Section keys the editor's form sets (others in the file are kept as they are).
SECTION_FORM_KEYS = ("title", "name", "numbering", "numbered", "run_in", "required", "omit_if_empty",
                     "template", "guidance")
#: Keys of a field the editor's table sets.
FIELD_FORM_KEYS = ("key", "label", "type", "required", "min", "max", "pad", "help")
#: Report-level texts of [document] the editor shows.
DOCUMENT_FORM_KEYS = ("summary", "title_lines", "addressees", "parent_body", "recipients_heading",
                      "default_recipients", "attached_line")
#: Numbering styles with their Vietnamese names, in the order the editor lists them.
NUMBERING_CHOICES: tuple[tuple[str, str], ...] = (
    (NumberStyle.PART.value, "Phần thứ nhất, thứ hai …"),
    (NumberStyle.ROMAN.value, "I. II. III."),
    (NumberStyle.ARABIC.value, "1. 2. 3."),
    (NumberStyle.LETTER_PAREN.value, "a) b) c) … đ) e)"),
    (NumberStyle.LETTER_DOT.value, "a. b. c. … đ. e."),
    (NumberStyle.DASH.value, "- (gạch)"),
    (NumberStyle.PLUS.value, "+ (cộng)"),
    (NumberStyle.RUN_IN.value, "chạy liền («Đánh giá chung: …»)"),
    (NumberStyle.NONE.value, "không đánh số"),
)


def _fail(message: str, hint: str = "") -> TemplateError:
    return TemplateError(message, hint or "Kiểm tra lại rồi thử lại.")


@dataclass(frozen=True)
class SectionRow:
    """One section as the editor's tree shows it."""

    id: str
    parent: str | None
    level: int
    title: str
    name: str


@dataclass(frozen=True)
class PackDraft:
    """The texts of a pack being edited (immutable; every change makes a new one)."""

    files: dict[str, str] = field(default_factory=dict)

    # ---------------------------------------------------------------- reading
    def manifest(self) -> tomlkit.TOMLDocument:
        """A fresh parse of manifest.toml (TemplateError with line and column when it does not parse)."""
        from pathlib import Path

        from .manifest import parse_toml_text

        text = self.files.get(MANIFEST_NAME, "")
        parse_toml_text(text, Path(MANIFEST_NAME))      # our message, with line and column
        return tomlkit.parse(text)

    def sections(self) -> list[SectionRow]:
        """The sections in file order, with their levels."""
        rows: list[SectionRow] = []
        levels: dict[str, int] = {}
        for table in self._sections(self.manifest()):
            sid = str(table.get("id", ""))
            parent = str(table["parent"]) if table.get("parent") else None
            level = levels.get(parent, 0) + 1 if parent else 1
            levels[sid] = level
            rows.append(SectionRow(sid, parent, level, str(table.get("title", "")), str(table.get("name", ""))))
        return rows

    def section_values(self, section_id: str) -> dict[str, Any]:
        """The keys of one section (plain Python values)."""
        return _plain(self._find(self.manifest(), section_id))

    def document_values(self) -> dict[str, Any]:
        """The [document] table (plain values)."""
        return _plain(self.manifest().get("document", {}))

    def numbering_levels(self) -> list[str]:
        """``[numbering] levels``."""
        numbering = self.manifest().get("numbering", {})
        return [str(x) for x in numbering.get("levels", ["la-ma", "so", "chu-ngoac"])]

    def template_name(self, section_id: str) -> str | None:
        """The template file of a section, if it has one."""
        value = self.section_values(section_id).get("template")
        return str(value) if value else None

    # ---------------------------------------------------------------- changing
    def with_file(self, name: str, text: str) -> "PackDraft":
        """This draft with file *name* holding *text*."""
        return PackDraft({**self.files, name: text})

    def _with_manifest(self, doc: tomlkit.TOMLDocument) -> "PackDraft":
        return self.with_file(MANIFEST_NAME, tomlkit.dumps(doc))

    def add_section(self, new_id: str, title: str, after: str | None = None, parent: str | None = None) -> "PackDraft":
        """A new section *new_id* after section *after* (its subtree), as a sibling; or as last child of *parent*."""
        if not SECTION_ID.fullmatch(new_id):
            raise _fail(f"Mã mục «{new_id}» không hợp lệ.", "Chỉ dùng chữ thường không dấu, số và dấu gạch ngang.")
        doc = self.manifest()
        tables = list(self._sections(doc))
        if any(str(t.get("id")) == new_id for t in tables):
            raise _fail(f"Mã mục «{new_id}» đã có.", "Chọn một mã khác.")
        table = tomlkit.table()
        table["id"] = new_id
        table["title"] = title
        rows = self.sections()
        if parent is not None:
            table["parent"] = parent
            position = _subtree_end(rows, parent)
        elif after is not None:
            anchor = next(r for r in rows if r.id == after)
            if anchor.parent:
                table["parent"] = anchor.parent
            position = _subtree_end(rows, after)
        else:
            position = len(tables)
        tables.insert(position, table)
        return self._with_manifest(_set_sections(doc, tables))

    def remove_section(self, section_id: str) -> "PackDraft":
        """Remove a section and its subsections."""
        doc = self.manifest()
        rows = self.sections()
        doomed = set(_subtree_ids(rows, section_id))
        tables = [t for t in self._sections(doc) if str(t.get("id")) not in doomed]
        return self._with_manifest(_set_sections(doc, tables))

    def move_section(self, section_id: str, delta: int) -> "PackDraft":
        """Move a section (with its subtree) before the previous sibling (-1) or after the next one (+1)."""
        rows = self.sections()
        row = next(r for r in rows if r.id == section_id)
        siblings = [r.id for r in rows if r.parent == row.parent]
        index = siblings.index(section_id)
        target = index + delta
        if not 0 <= target < len(siblings):
            return self
        order = [s for s in siblings]
        order[index], order[target] = order[target], order[index]
        return self._reorder(row.parent, order)

    def indent_section(self, section_id: str) -> "PackDraft":
        """Make a section the last child of its previous sibling."""
        rows = self.sections()
        row = next(r for r in rows if r.id == section_id)
        siblings = [r.id for r in rows if r.parent == row.parent]
        index = siblings.index(section_id)
        if index == 0:
            return self
        return self._reparent(section_id, siblings[index - 1])

    def outdent_section(self, section_id: str) -> "PackDraft":
        """Make a section the next sibling of its parent."""
        rows = self.sections()
        row = next(r for r in rows if r.id == section_id)
        if row.parent is None:
            return self
        grand = next(r for r in rows if r.id == row.parent).parent
        return self._reparent(section_id, grand, after=row.parent)

    def set_section(self, section_id: str, **values: Any) -> "PackDraft":
        """Set (or, with ``None``/``""``/``False`` defaults, remove) keys of one section."""
        doc = self.manifest()
        table = self._find(doc, section_id)
        _update(table, values)
        return self._with_manifest(doc)

    def set_document(self, **values: Any) -> "PackDraft":
        """Set keys of [document]."""
        doc = self.manifest()
        if "document" not in doc:
            doc["document"] = tomlkit.table()
        _update(doc["document"], values)
        return self._with_manifest(doc)

    def set_numbering(self, levels: list[str], paragraphs: str | None = None) -> "PackDraft":
        """Set ``[numbering]``."""
        doc = self.manifest()
        if "numbering" not in doc:
            doc["numbering"] = tomlkit.table()
        doc["numbering"]["levels"] = list(levels)
        if paragraphs:
            doc["numbering"]["paragraphs"] = paragraphs
        return self._with_manifest(doc)

    def set_fields(self, section_id: str, fields: list[dict[str, Any]]) -> "PackDraft":
        """Replace the structured fields of a section."""
        doc = self.manifest()
        table = self._find(doc, section_id)
        if not fields:
            table.pop("fields", None)
        else:
            aot = tomlkit.aot()
            for item in fields:
                entry = tomlkit.table()
                _update(entry, item)
                aot.append(entry)
            table["fields"] = aot
        return self._with_manifest(doc)

    def ensure_template(self, section_id: str) -> tuple["PackDraft", str]:
        """The section's template file, created ("muc/<id>.j2" holding ``{{ noi_dung }}``) when it has none."""
        name = self.template_name(section_id)
        if name:
            return (self if name in self.files else self.with_file(name, "{{ noi_dung }}\n")), name
        name = f"muc/{section_id}.j2"
        draft = self.set_section(section_id, template=name)
        return draft.with_file(name, self.files.get(name, "{{ noi_dung }}\n")), name

    # ---------------------------------------------------------------- internals
    @staticmethod
    def _sections(doc: tomlkit.TOMLDocument) -> list[Table]:
        value = doc.get("sections")
        return list(value) if value is not None else []

    def _find(self, doc: tomlkit.TOMLDocument, section_id: str) -> Table:
        for table in self._sections(doc):
            if str(table.get("id")) == section_id:
                return table
        raise _fail(f"Không có mục «{section_id}» trong manifest.toml.")

    def _reorder(self, parent: str | None, sibling_order: list[str]) -> "PackDraft":
        doc = self.manifest()
        rows = self.sections()
        by_id = {str(t.get("id")): t for t in self._sections(doc)}
        ordered: list[str] = []

        def emit(pid: str | None) -> None:
            kids = [r.id for r in rows if r.parent == pid]
            if pid == parent:
                kids = sibling_order
            for kid in kids:
                ordered.append(kid)
                emit(kid)

        emit(None)
        return self._with_manifest(_set_sections(doc, [by_id[i] for i in ordered]))

    def _reparent(self, section_id: str, new_parent: str | None, after: str | None = None) -> "PackDraft":
        doc = self.manifest()
        table = self._find(doc, section_id)
        if new_parent is None:
            table.pop("parent", None)
        else:
            table["parent"] = new_parent
        draft = self._with_manifest(doc)
        rows = draft.sections()
        siblings = [r.id for r in rows if r.parent == new_parent and r.id != section_id]
        position = siblings.index(after) + 1 if after in siblings else len(siblings)
        siblings.insert(position, section_id)
        return draft._reorder(new_parent, siblings)


def _subtree_ids(rows: list[SectionRow], section_id: str) -> list[str]:
    out = [section_id]
    for row in rows:
        if row.parent in out:
            out.append(row.id)
    return out


def _subtree_end(rows: list[SectionRow], section_id: str) -> int:
    ids = set(_subtree_ids(rows, section_id))
    return max(i for i, r in enumerate(rows) if r.id in ids) + 1


def _set_sections(doc: tomlkit.TOMLDocument, tables: list[Table]) -> tomlkit.TOMLDocument:
    aot = AoT([])
    for table in tables:
        aot.append(table)
    if "sections" in doc:
        doc["sections"] = aot
    else:
        doc.append("sections", aot)
    return doc


_DEFAULTS: dict[str, Any] = {"numbered": True, "run_in": False, "required": False, "omit_if_empty": False,
                             "multiline": False}


def _update(table: Any, values: dict[str, Any]) -> None:
    for key, value in values.items():
        if value is None or value == "" or value == [] or (key in _DEFAULTS and value == _DEFAULTS[key]):
            if key in table:
                del table[key]
        else:
            table[key] = value


def _plain(value: Any) -> Any:
    if hasattr(value, "unwrap"):
        return value.unwrap()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def variables_for(section_id: str | None, fields: list[str]) -> list[tuple[str, str]]:
    """The names a section's template may use (name, what it holds), for the editor's list."""
    from ..render.period_words import PERIOD_VARIABLES

    names = [("noi_dung", "phần người soạn viết cho mục này")]
    names += [(f"truong.{key}", "trường số liệu của mục") for key in fields]
    if fields:
        names.append(("truong.co('…')", "đã nhập trường chưa"))
    names += [("muc('mã-mục')", "mục khác: .truong, .noi_dung, .trong"), ("muc_nay.tieu_de", "tiêu đề mục này"),
              ("bang('mã-bảng').tong('cột')", "tổng một cột của bảng"), ("phu_luc('mã')", "nhãn phụ lục")]
    names += [("bc.co_quan", "cơ quan ban hành"), ("bc.co_quan_ngan", "«UBND tỉnh»"),
              ("bc.co_quan_chu_quan", "cơ quan chủ quản"), ("bc.dia_danh", "địa danh"),
              ("bc.so_ky_hieu", "số, ký hiệu"), ("bc.ngay_thang", "ngày tháng năm ban hành"),
              ("bc.nguoi_ky", "người ký")]
    names += [(f"bc.{name}", text) for name, text in PERIOD_VARIABLES.items()]
    return names
