"""Template pack manifest: read ``manifest.toml`` (+ guidance file) into a ``Pack``.

The manifest describes a report kind without code: the section tree (flat
list in document order, ``parent`` gives the nesting), numbering per level,
titles, guidance, structured fields, tables and appendices.  Everything is
validated here so that a maintainer's mistake is reported with the file, the
section and (for TOML syntax errors) the line, in Vietnamese.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass, field, fields as dc_fields
from pathlib import Path
from typing import Any

from ..constants import NumberStyle, PeriodKind
from ..docmodel import PageSetup
from ..errors import Location, TemplateError
from .pack_files import pack_path, read_pack_text
from .toml_source import KeyLines, parse_toml_text

MANIFEST_NAME = "manifest.toml"
REFERENCE_NAME = "reference.docx"
PACK_FORMAT = 2
FIELD_TYPES = ("integer", "decimal", "text", "date", "docref", "choice")
COLUMN_TYPES = ("stt", "text", "integer", "decimal", "choice")
CHECK_KINDS = ("tong",)
ORIENTATIONS = ("portrait", "landscape")


@dataclass
class FieldSpec:
    """A structured field of a section (shown as a form control)."""

    key: str
    label: str
    type: str = "text"
    required: bool = False
    min: float | None = None
    max: float | None = None
    pad: int = 0                     # leading zeros: pad=2 → "05"
    choices: list[str] = field(default_factory=list)
    multiline: bool = False
    help: str = ""


@dataclass
class CheckSpec:
    """A rule over a section's fields: ``tong`` = total equals the sum of parts."""

    kind: str
    total: str
    parts: list[str]
    message: str = ""


@dataclass
class SectionSpec:
    """One section of the report kind."""

    id: str
    title: str = ""                  # "" → no heading: an opening paragraph, a closing passage
    parent: str | None = None
    level: int = 1
    template: str | None = None
    required: bool = False
    numbered: bool = True
    numbering: str | None = None     # overrides the level's style
    run_in: bool = False             # the title starts the body's first paragraph ("Đánh giá chung: …")
    omit_if_empty: bool = False
    name: str = ""                   # shown in the outline when the title is empty or a template
    guidance: str = ""
    topics: list[str] = field(default_factory=list)
    example: str = ""
    fields: list[FieldSpec] = field(default_factory=list)
    checks: list[CheckSpec] = field(default_factory=list)
    children: list[str] = field(default_factory=list)

    def field(self, key: str) -> FieldSpec | None:
        """The field spec named *key*, if any."""
        return next((f for f in self.fields if f.key == key), None)

    @property
    def untitled(self) -> bool:
        """True when the section prints no heading (its text stands on its own)."""
        return not self.title.strip()

    def display_name(self) -> str:
        """What the outline and the pack editor call this section."""
        return self.name or self.title or self.id


@dataclass
class ColumnSpec:
    """A table column."""

    key: str
    header: str
    type: str = "text"
    width_mm: float = 30.0
    group: str | None = None
    sum_of: list[str] = field(default_factory=list)
    total: bool = False
    required: bool = False
    formula: str = ""                 # computed column: "hoan_thanh / tong * 100" (baocao.tables.formula)
    decimals: int | None = None       # decimal places shown, rounded half up (decimal columns)
    choices: list[Any] = field(default_factory=list)   # type = "choice": [[tables.columns.choices]] → ChoiceSpec

    @property
    def numeric(self) -> bool:
        """True for integer and decimal columns."""
        return self.type in ("integer", "decimal")

    @property
    def computed(self) -> bool:
        """True when the cell is computed (row number, sum or formula), never typed."""
        return self.type == "stt" or bool(self.sum_of) or bool(self.formula)


@dataclass
class ChoiceSpec:
    """One value a ``choice`` column offers (a source of tasks): stored as *key*, printed as *label*.

    ``aliases``: other texts read as this choice (older drafts' free text, a spreadsheet's wording);
    ``section`` + ``fields``: that section's numeric fields are computed from this choice's group
    sub-totals (field key → formula over the table's columns), see ``baocao.tables.linked``.
    """

    key: str
    label: str
    aliases: list[str] = field(default_factory=list)
    section: str = ""
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class TableSpec:
    """A table the drafter fills row by row."""

    id: str
    columns: list[ColumnSpec]
    total_label: str = "Tổng cộng"
    group_by: str | None = None       # a text column: rows grouped, a sub-total row per group
    subtotal_label: str = "Cộng"
    note: str = ""                    # a line under the table (the draft may add its own)

    def column(self, key: str) -> ColumnSpec | None:
        """The column named *key*, if any."""
        return next((c for c in self.columns if c.key == key), None)

    def input_columns(self) -> list[ColumnSpec]:
        """Columns the drafter types into (not computed)."""
        return [c for c in self.columns if not c.computed]


@dataclass
class AppendixSpec:
    """An appendix: a new page with a label, a title, optional text and a table."""

    id: str
    label: str
    title: str
    orientation: str = "portrait"
    table: str | None = None
    template: str | None = None


@dataclass
class DocumentSpec:
    """Fixed wording of the report kind (header, summary, closing, recipients)."""

    national_title: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto: str = "Độc lập - Tự do - Hạnh phúc"
    doc_type: str = "Báo cáo"
    draft_mark: str = "DỰ THẢO"
    summary: str = ""
    closing_template: str | None = None
    recipients_heading: str = "Nơi nhận:"
    attached_line: str = "(Kèm theo Báo cáo số {{ bc.so_ky_hieu }} ngày {{ bc.ngay_ban_hanh }} của {{ bc.co_quan_ngan }})"
    default_recipients: list[str] = field(default_factory=list)
    citation_date_style: str = "nd30"
    title_lines: list[str] = field(default_factory=list)        # extra lines under the summary (Jinja)
    addressee_heading: str = "Kính gửi:"
    addressees: list[str] = field(default_factory=list)          # "Kính gửi: …" lines (Jinja); empty → none
    show_header: bool = True                                     # the header table (issuer, number, motto, date)
    parent_body: str = ""                                        # default parent body line (Jinja) when the draft has none
    show_signature: bool = True
    show_recipients: bool = True
    signature_patterns: dict[str, list[str]] = field(default_factory=dict)  # prefix → lines ({body} {head} {title})


@dataclass
class Pack:
    """A loaded, validated template pack."""

    id: str
    name: str
    version: str
    root: Path
    description: str = ""
    default_period: PeriodKind = PeriodKind.FIRST_HALF
    numbering: list[str] = field(default_factory=lambda: [NumberStyle.ROMAN.value, NumberStyle.ARABIC.value,
                                                          NumberStyle.LETTER_PAREN.value])
    paragraph_numbering: str = NumberStyle.ARABIC.value   # labels of numbered paragraphs ("1.", "a)" …)
    page: PageSetup = field(default_factory=PageSetup)
    document: DocumentSpec = field(default_factory=DocumentSpec)
    sections: list[SectionSpec] = field(default_factory=list)
    tables: dict[str, TableSpec] = field(default_factory=dict)
    appendices: list[AppendixSpec] = field(default_factory=list)
    reference_docx: Path | None = None

    def section(self, section_id: str) -> SectionSpec:
        """The section spec *section_id* (KeyError when unknown)."""
        return self._index()[section_id]

    def has_section(self, section_id: str) -> bool:
        """True when the pack defines *section_id*."""
        return section_id in self._index()

    def _index(self) -> dict[str, SectionSpec]:
        index = self.__dict__.get("_section_index")
        if index is None:
            index = self.__dict__["_section_index"] = {s.id: s for s in self.sections}
        return index

    def top_level(self) -> list[SectionSpec]:
        """Sections without a parent, in order."""
        return [s for s in self.sections if s.parent is None]

    def children(self, section_id: str) -> list[SectionSpec]:
        """Direct children of *section_id*, in order."""
        return [self.section(c) for c in self.section(section_id).children]

    def style_for(self, section: SectionSpec) -> str:
        """The numbering style of *section* (its own, else its level's, else none)."""
        if not section.numbered or section.untitled:
            return NumberStyle.NONE.value
        if section.numbering:
            return section.numbering
        if section.level <= len(self.numbering):
            return self.numbering[section.level - 1]
        return NumberStyle.NONE.value

    def is_run_in(self, section: SectionSpec) -> bool:
        """True when *section*'s heading runs into its first paragraph."""
        return section.run_in or self.style_for(section) == NumberStyle.RUN_IN.value

    def takes_number(self, section: SectionSpec) -> bool:
        """True when *section* counts among its siblings' numbers."""
        return section.numbered and not section.untitled and self.style_for(section) not in (
            NumberStyle.NONE.value, NumberStyle.RUN_IN.value)


# ---------------------------------------------------------------- loading
_STATE = threading.local()


def _error(message: str, path: Path, section: str | None = None, line: int | None = None,
           hint: str = "Sửa tệp mẫu theo hướng dẫn trong templates/README.md rồi thử lại.",
           key: str | None = None, after: str | None = None) -> TemplateError:
    lines: KeyLines | None = getattr(_STATE, "lines", None)
    if line is None and lines is not None and path.name == MANIFEST_NAME:
        if key:
            line = lines.find(key, section, after)
        if line is None and section:
            line = lines.section(section)
    return TemplateError(message, hint, Location(file=str(path), section=section, line=line))


def read_toml(path: Path, root: Path | None = None) -> dict[str, Any]:
    """Parse a TOML file of a pack (read inside *root*, no links); errors carry line and column."""
    root = root or path.parent
    try:
        text = read_pack_text(root, path.relative_to(root).as_posix())
    except ValueError as exc:
        raise _error(f"Tệp «{path.name}» nằm ngoài thư mục mẫu.", path) from exc
    except TemplateError as exc:
        if "UTF-8" in exc.message:
            raise _error(f"Tệp «{path.name}» không phải văn bản UTF-8.", path,
                         hint="Lưu lại tệp với bảng mã UTF-8 rồi thử lại.") from exc
        if "Không tìm thấy" in exc.message:
            raise _error(f"Không tìm thấy tệp «{path.name}» của mẫu báo cáo.", path) from exc
        raise
    return parse_toml_text(text, path)


#: Dataclass fields computed by the loader, never written in manifest.toml.
_COMPUTED = {"level", "children"}
#: deepest nesting of sections (reports use 3–5 levels); deeper packs are refused before anything recurses
MAX_SECTION_DEPTH = 12
#: Annotation → (check, Vietnamese name of the expected kind of value).
_KINDS: dict[str, tuple[Any, str]] = {
    "bool": (lambda v: isinstance(v, bool), "true hoặc false"),
    "str": (lambda v: isinstance(v, str), "một chuỗi trong ngoặc kép"),
    "str | None": (lambda v: isinstance(v, str), "một chuỗi trong ngoặc kép"),
    "int": (lambda v: isinstance(v, int) and not isinstance(v, bool), "một số nguyên"),
    "int | None": (lambda v: isinstance(v, int) and not isinstance(v, bool), "một số nguyên"),
    "float": (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), "một số"),
    "float | None": (lambda v: isinstance(v, (int, float)) and not isinstance(v, bool), "một số"),
    "list[str]": (lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v), "danh sách chuỗi [\"…\", \"…\"]"),
    "dict[str, list[str]]": (lambda v: isinstance(v, dict) and all(
        isinstance(x, list) and all(isinstance(y, str) for y in x) for x in v.values()), "bảng { khóa = [\"…\"] }"),
}


def _build(cls: type, data: Any, path: Path, what: str, section: str | None = None) -> Any:
    """Instantiate dataclass *cls* from a TOML table, rejecting unknown keys and wrong kinds of value."""
    if not isinstance(data, dict):
        raise _error(f"{what} phải là một bảng TOML.", path, section)
    declared = {f.name: f for f in dc_fields(cls) if f.name not in _COMPUTED}
    unknown = sorted(set(data) - set(declared))
    if unknown:
        raise _error(f"{what} có khóa không hợp lệ: {', '.join(unknown)}. Các khóa được dùng: {', '.join(sorted(declared))}.",
                     path, section, key=unknown[0],
                     hint="Kiểm tra chính tả tên khóa; mọi khóa được giải thích trong templates/README.md.")
    for key, value in data.items():
        kind = _KINDS.get(str(declared[key].type))
        if kind is not None and not kind[0](value):
            raise _error(f"{what}: khóa «{key}» phải là {kind[1]}, đang ghi {value!r}.", path, section, key=key)
    try:
        return cls(**data)
    except TypeError as exc:
        missing = re.findall(r"'(\w+)'", str(exc))
        raise _error(f"{what} thiếu khóa bắt buộc: {', '.join(missing) or exc}.", path, section) from exc


#: sensible bounds of every number in [page] (Nghị định 30 asks for less; other report kinds may need a little more)
PAGE_RANGES: dict[str, tuple[float, float]] = {
    "width_mm": (100, 500), "height_mm": (100, 500),
    "margin_top_mm": (5, 60), "margin_bottom_mm": (5, 60), "margin_left_mm": (5, 60), "margin_right_mm": (5, 60),
    "body_size_pt": (8, 28), "first_line_indent_cm": (0, 5), "space_after_pt": (0, 36), "line_spacing": (0.8, 3),
}


def _check_page(page: Any, path: Path) -> None:
    """Every number of [page] finite and within ``PAGE_RANGES`` (nan, 1e308 or 0 would break the layout)."""
    for key, (low, high) in PAGE_RANGES.items():
        value = getattr(page, key)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                or not low <= value <= high:
            raise _error(f"Bảng [page]: «{key}» = {value!r} nằm ngoài khoảng cho phép ({low:g}–{high:g}).", path,
                         key=key, hint="Nghị định 30/2020: lề trên, dưới 20–25 mm, trái 30–35 mm, phải 15–20 mm; "
                                       "cỡ chữ 13–14; thụt đầu dòng 1–1,27 cm.")


def _load_fields(raw: list[Any], path: Path, section_id: str) -> list[FieldSpec]:
    specs = [_build(FieldSpec, f, path, "Trường dữ liệu", section_id) for f in raw]
    seen: set[str] = set()
    for spec in specs:
        if spec.type not in FIELD_TYPES:
            raise _error(f"Trường «{spec.key}» có kiểu «{spec.type}» không hợp lệ (dùng: {', '.join(FIELD_TYPES)}).",
                         path, section_id, key="type", after=f'"{spec.key}"')
        if spec.key in seen:
            raise _error(f"Trường «{spec.key}» bị khai báo hai lần.", path, section_id, key="key", after=f'"{spec.key}"')
        if not spec.key.isidentifier() or not spec.key.isascii():
            raise _error(f"Tên trường «{spec.key}» chỉ được gồm chữ không dấu, số và dấu gạch dưới.", path, section_id,
                         key="key", after=f'"{spec.key}"')
        seen.add(spec.key)
    return specs


def _load_sections(raw: list[Any], path: Path, guidance: dict[str, Any]) -> list[SectionSpec]:
    sections: list[SectionSpec] = []
    by_id: dict[str, SectionSpec] = {}
    for item in raw:
        if not isinstance(item, dict):
            raise _error("Mỗi mục [[sections]] phải là một bảng TOML.", path)
        section_id = item.get("id")
        item = dict(item)
        fields_raw = item.pop("fields", [])
        checks_raw = item.pop("checks", [])
        spec: SectionSpec = _build(SectionSpec, item, path, "Mục", section_id)
        if not isinstance(spec.id, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", spec.id):
            raise _error(f"Mã mục «{spec.id}» không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch ngang.",
                         path, str(spec.id))
        if spec.id in by_id:
            raise _error(f"Mã mục «{spec.id}» bị trùng.", path, spec.id)
        if spec.parent is not None:
            parent = by_id.get(spec.parent)
            if parent is None:
                raise _error(f"Mục cha «{spec.parent}» không có hoặc đứng sau mục con.", path, spec.id, key="parent",
                             hint="Mục cha phải được khai báo trước các mục con của nó.")
            spec.level = parent.level + 1
            if spec.level > MAX_SECTION_DEPTH:
                raise _error(f"Mục «{spec.id}» lồng tới cấp {spec.level}; mẫu chỉ cho tối đa {MAX_SECTION_DEPTH} cấp.",
                             path, spec.id, key="parent",
                             hint="Một báo cáo thường chỉ có 3–5 cấp (Phần, I., 1., a), -); hãy bớt cấp lồng nhau.")
            parent.children.append(spec.id)
        if spec.numbering is not None:
            _numbering_style(spec.numbering, path, spec.id, "numbering")
        if spec.run_in and spec.untitled:
            raise _error(f"Mục «{spec.id}» chạy liền (run_in = true) nhưng chưa có tiêu đề.", path, spec.id, key="run_in",
                         hint="Mục chạy liền in tiêu đề rồi nội dung trên cùng một dòng, ví dụ title = \"Đánh giá chung:\".")
        spec.fields = _load_fields(fields_raw, path, spec.id)
        spec.checks = [_build(CheckSpec, c, path, "Quy tắc kiểm tra", spec.id) for c in checks_raw]
        for check in spec.checks:
            if check.kind not in CHECK_KINDS:
                raise _error(f"Quy tắc kiểm tra «{check.kind}» không hợp lệ.", path, spec.id)
            for key in [check.total, *check.parts]:
                if spec.field(key) is None:
                    raise _error(f"Quy tắc kiểm tra nhắc tới trường «{key}» không có trong mục.", path, spec.id)
        extra = guidance.get(spec.id, {})
        if isinstance(extra, dict):
            spec.guidance = spec.guidance or str(extra.get("guidance", "")).strip()
            spec.topics = spec.topics or [str(t) for t in extra.get("topics", [])]
            spec.example = spec.example or str(extra.get("example", "")).strip()
        sections.append(spec)
        by_id[spec.id] = spec
    return sections


def _load_tables(raw: list[Any], path: Path) -> dict[str, TableSpec]:
    tables: dict[str, TableSpec] = {}
    for item in raw:
        item = dict(item) if isinstance(item, dict) else item
        columns_raw = item.pop("columns", []) if isinstance(item, dict) else []
        spec: TableSpec = _build(TableSpec, {**item, "columns": []}, path, "Bảng")
        spec.columns = [_build(ColumnSpec, c, path, f"Cột của bảng «{spec.id}»") for c in columns_raw]
        for column in spec.columns:      # [[tables.columns.choices]] (issue 13: sources of tasks)
            where = f"Lựa chọn của cột «{column.key}» (bảng «{spec.id}»)"
            if not isinstance(column.choices, list):
                raise _error(f"{where} phải là danh sách [[tables.columns.choices]].", path)
            column.choices = [_build(ChoiceSpec, c, path, where) for c in column.choices]
        keys = {c.key for c in spec.columns}
        for column in spec.columns:
            if column.type not in COLUMN_TYPES:
                raise _error(f"Cột «{column.key}» của bảng «{spec.id}» có kiểu «{column.type}» không hợp lệ "
                             f"(dùng: {', '.join(COLUMN_TYPES)}).", path)
            missing = [k for k in column.sum_of if k not in keys]
            if missing:
                raise _error(f"Cột «{column.key}» của bảng «{spec.id}» cộng các cột không có: {', '.join(missing)}.", path)
        if not spec.columns:
            raise _error(f"Bảng «{spec.id}» chưa có cột nào.", path)
        from ..tables.spec import table_spec_problem   # formulas, decimals, group_by (issue 13)
        if problem := table_spec_problem(spec):
            raise _error(problem, path, hint="Cách viết bảng: xem templates/README.md, mục «Cột tính, số lẻ, nhóm».")
        tables[spec.id] = spec
    return tables


def _numbering_style(value: Any, path: Path, section: str | None, key: str) -> str:
    valid = {s.value for s in NumberStyle}
    if value not in valid:
        raise _error(f"Kiểu đánh số «{value}» không hợp lệ (dùng: {', '.join(sorted(valid))}).", path, section, key=key)
    return str(value)


def _check_pack_files(pack: Pack, path: Path) -> None:
    """Every file the manifest names lies inside the pack and is no link (missing templates are reported at render)."""
    named = [(s.template, s.id, "template") for s in pack.sections if s.template]
    named += [(a.template, None, "template") for a in pack.appendices if a.template]
    if pack.document.closing_template:
        named.append((pack.document.closing_template, None, "closing_template"))
    for name, section, key in named:
        try:
            pack_path(pack.root, str(name), must_exist=False)
        except TemplateError as exc:
            raise _error(exc.message, path, section, key=key, hint=exc.hint) from exc


def load_manifest(root: Path) -> Pack:
    """Load and validate the pack in folder *root*."""
    path = root / MANIFEST_NAME
    text = read_pack_text(root, MANIFEST_NAME) if (root / MANIFEST_NAME).exists() or (root / MANIFEST_NAME).is_symlink() \
        else None
    if text is None:
        raise _error(f"Không tìm thấy tệp «{MANIFEST_NAME}» của mẫu báo cáo.", path)
    _STATE.lines = KeyLines(text)
    try:
        return _load(root, path, parse_toml_text(text, path))
    finally:
        _STATE.lines = None


def _load(root: Path, path: Path, data: dict[str, Any]) -> Pack:
    info = data.get("pack")
    if not isinstance(info, dict) or not info.get("id"):
        raise _error("Tệp mẫu thiếu bảng [pack] với khóa «id».", path)
    unknown = sorted(set(info) - set(PACK_KEYS))
    if unknown:
        raise _error(f"Bảng [pack] có khóa không hợp lệ: {', '.join(unknown)}. Các khóa được dùng: "
                     f"{', '.join(PACK_KEYS)}.", path, key=unknown[0])
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", str(info["id"])):
        raise _error(f"Mã mẫu «{info['id']}» không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch ngang.",
                     path, key="id")
    try:
        pack_format = int(info.get("format", PACK_FORMAT))
    except (TypeError, ValueError):
        raise _error("Khóa «format» phải là một số nguyên.", path, key="format") from None
    if pack_format > PACK_FORMAT:
        raise _error("Mẫu báo cáo được viết cho phiên bản baocao mới hơn.", path, key="format",
                     hint="Hãy cập nhật baocao lên phiên bản mới nhất.")
    guidance: dict[str, Any] = {}
    if info.get("guidance_file"):
        name = str(info["guidance_file"])
        try:
            guide = pack_path(root, name)
        except TemplateError as exc:
            raise _error(exc.message, path, key="guidance_file", hint=exc.hint) from exc
        guidance = read_toml(guide, root)
    try:
        default_period = PeriodKind(info.get("default_period", PeriodKind.FIRST_HALF.value))
    except ValueError as exc:
        raise _error(f"Kỳ báo cáo mặc định «{info.get('default_period')}» không hợp lệ (dùng: "
                     f"{', '.join(k.value for k in PeriodKind)}).", path, key="default_period") from exc
    pack = Pack(id=str(info["id"]), name=str(info.get("name", info["id"])), version=str(info.get("version", "1")),
                root=root, description=str(info.get("description", "")), default_period=default_period)
    numbering = data.get("numbering") or {}
    unknown = sorted(set(numbering) - {"levels", "paragraphs"})
    if unknown:
        raise _error(f"Bảng [numbering] có khóa không hợp lệ: {', '.join(unknown)} (dùng: levels, paragraphs).",
                     path, key=unknown[0])
    if numbering.get("levels") is not None:
        if not isinstance(numbering["levels"], list) or not numbering["levels"]:
            raise _error("Khóa «levels» phải là danh sách kiểu số, ví dụ [\"la-ma\", \"so\"].", path, key="levels")
        pack.numbering = [_numbering_style(n, path, None, "levels") for n in numbering["levels"]]
    if numbering.get("paragraphs") is not None:
        pack.paragraph_numbering = _numbering_style(numbering["paragraphs"], path, None, "paragraphs")
    for table in set(data) - set(TOP_LEVEL_KEYS):
        raise _error(f"Tệp mẫu có bảng [{table}] không được dùng (dùng: {', '.join(TOP_LEVEL_KEYS)}).", path,
                     line=_STATE.lines.table(str(table)))
    pack.page = _build(PageSetup, data.get("page", {}), path, "Bảng [page]")
    _check_page(pack.page, path)
    pack.document = _build(DocumentSpec, data.get("document", {}), path, "Bảng [document]")
    for prefix in pack.document.signature_patterns:
        if not prefix.strip():
            raise _error("signature_patterns: tên kiểu ký không được để trống.", path, key="signature_patterns")
    pack.sections = _load_sections(data.get("sections", []), path, guidance)
    if not pack.sections:
        raise _error("Mẫu báo cáo chưa có mục nào ([[sections]]).", path)
    pack.tables = _load_tables(data.get("tables", []), path)
    pack.appendices = [_build(AppendixSpec, a, path, "Phụ lục") for a in data.get("appendices", [])]
    for appendix in pack.appendices:
        if appendix.orientation not in ORIENTATIONS:
            raise _error(f"Phụ lục «{appendix.id}»: hướng trang «{appendix.orientation}» không hợp lệ.", path,
                         key="orientation")
        if appendix.table and appendix.table not in pack.tables:
            raise _error(f"Phụ lục «{appendix.id}» dùng bảng «{appendix.table}» không có trong mẫu.", path)
    from ..tables.linked import links_problem      # choices whose figures fill a section's fields (issue 13)
    if problem := links_problem(pack):
        raise _error(problem, path, hint="Cách viết: xem templates/README.md, mục «Nguồn nhiệm vụ».")
    _check_pack_files(pack, path)
    try:
        reference = pack_path(root, REFERENCE_NAME, must_exist=False)
    except TemplateError as exc:
        raise _error(exc.message, path, hint=exc.hint) from exc
    pack.reference_docx = reference if reference.is_file() else None
    return pack


#: Keys of [pack] (documented in templates/README.md).
PACK_KEYS = ("id", "name", "version", "format", "description", "guidance_file", "default_period")
#: Top-level tables of manifest.toml.
TOP_LEVEL_KEYS = ("pack", "numbering", "page", "document", "sections", "tables", "appendices")
