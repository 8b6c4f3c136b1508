"""What section templates can read: the ``bc``, ``truong``, ``muc()``, ``bang()`` … names.

Every view here is read-only and returns plain strings/numbers or ``Markup``
built by baocao.  The names are Vietnamese because maintainers write the
templates; templates/README.md lists them.
"""

from __future__ import annotations

import copy
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..constants import BODY_ABBREVIATIONS
from ..fields import value_problem
from ..formatting import format_citation_date, format_date_line, parse_date, parse_number
from ..model.draft import Draft, SectionData
from ..model.richtext import Body, Cite, Note, Span, body_is_empty
from ..register.listing import register_items
from ..register.usage import cite_text
from ..template.manifest import FieldSpec, Pack, SectionSpec, TableSpec
from .period_words import period_variables
from ..tables.views import TableView


def _spans_markup(spans: list[Span | Cite]) -> str:
    out = []
    for span in spans:
        if isinstance(span, Cite):  # a citation of the register: plain words, full or short form
            out.append(str(escape(cite_text(span))))
            continue
        text = str(escape(span.text))
        if span.italic:
            text = f"<i>{text}</i>"
        if span.bold:
            text = f"<b>{text}</b>"
        out.append(text)
    return "".join(out)


def body_markup(body: Body) -> Markup:
    """The drafter's body as block markup; every character of their text is escaped."""
    out = []
    for para in body:
        if para.is_blank():
            continue
        inner = []
        for item in para.content:
            if isinstance(item, Note):
                if len(item.paragraphs) > 1:
                    inner.append("<fn>" + "".join(f"<p>{_spans_markup(p)}</p>" for p in item.paragraphs) + "</fn>")
                else:
                    inner.append(f"<fn>{_spans_markup(item.paragraphs[0] if item.paragraphs else [])}</fn>")
            else:
                inner.append(_spans_markup([item]))
        text = "".join(inner)
        if para.kind == "dash":
            out.append(f"<li>{text}</li>")
        elif para.kind == "plus":
            out.append(f'<li level="2">{text}</li>')
        elif para.kind == "number":
            out.append(f"<np>{text}</np>")
        else:
            out.append(f"<p>{text}</p>")
    return Markup("\n".join(out))


def short_body_name(body: str, locality: str) -> str:
    """"UBND tỉnh" from "Ủy ban nhân dân" + "tỉnh Đắk Nông" (abbreviation table in constants)."""
    short = body.strip()
    for long, abbr in BODY_ABBREVIATIONS.items():
        if short.lower() == long.lower():
            short = abbr
            break
    unit = locality.strip().split(" ")[0] if locality.strip() else ""
    if unit.lower() == "thành":  # "thành phố …"
        unit = "thành phố"
    return f"{short} {unit}".strip()


class MetaView:
    """``bc``: the report's metadata, formatted."""

    def __init__(self, draft: Draft, citation_style: str = "nd30"):
        meta = draft.meta
        self.co_quan = f"{meta.body} {meta.locality}".strip()
        self.co_quan_ngan = short_body_name(meta.body, meta.locality)
        self.co_quan_chu_quan = meta.parent_body
        self.dia_danh = meta.place
        for name, value in period_variables(meta.period.kind, meta.period.year, meta.period.quarter).items():
            setattr(self, name, value)
        self.so = meta.number
        self.ky_hieu = meta.symbol
        self.so_ky_hieu = f"{meta.number or '…'}/{meta.symbol}"
        self.ngay_ban_hanh = format_citation_date(meta.issue_date, citation_style) if meta.issue_date else "…"
        self.ngay_thang = format_date_line(meta.issue_date) if meta.issue_date else f"ngày … tháng … năm {meta.period.year}"
        self.du_thao = meta.is_draft
        self.nguoi_ky = meta.signer.name
        self.chuc_vu_nguoi_ky = meta.signer.title


def typed_value(spec: FieldSpec | None, raw: Any) -> Any:
    """A field value as its type says: numbers as Decimal, dates as date; invalid or empty → None.

    Invalid means what the form refuses (``fields.value_problem``), not only what cannot be read:
    "2,573" in a count field reads as 2,573 but is refused, so the report shows "…", never it.
    """
    if raw in (None, ""):
        return None
    if spec is None:
        return raw
    if value_problem(spec, raw) is not None:
        return None  # the form shows it in red and the checks report it; the preview shows "…"
    try:
        if spec.type in ("integer", "decimal"):
            return parse_number(raw)
        if spec.type == "date":
            return parse_date(raw)
    except ValueError:
        return None  # the checks report the bad value; the preview shows "…"
    return raw


class FieldsView:
    """``truong``: a section's field values, typed; a field never filled reads as empty (None)."""

    def __init__(self, values: dict[str, Any], spec: SectionSpec | None = None):
        self._values = values
        self._spec = spec

    def _get(self, key: str) -> Any:
        field_spec = self._spec.field(key) if self._spec else None
        if field_spec is None:
            where = f"mục «{self._spec.id}»" if self._spec else "phần này của mẫu"
            known = ", ".join(f.key for f in self._spec.fields) if self._spec and self._spec.fields else "(không có)"
            raise jinja2.UndefinedError(f"{where} không có trường «{key}»; các trường có: {known}")
        value = typed_value(field_spec, self._values.get(key))
        return copy.deepcopy(value) if isinstance(value, (dict, list)) else value  # templates never reach the draft

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_"):
            raise AttributeError(key)
        return self._get(key)

    def __getitem__(self, key: str) -> Any:
        return self._get(key)

    def co(self, key: str) -> bool:
        """True when field *key* has a value (``{% if truong.co('x') %}``)."""
        return self._get(key) not in (None, "", [], {})


class SectionInfo:
    """``muc_nay``: the section being rendered — its id, level and title (read-only copies)."""

    def __init__(self, spec: SectionSpec):
        self.ma = spec.id
        self.id = spec.id
        self.cap = spec.level
        self.tieu_de = spec.title


class SectionView:
    """``muc('id')``: another section's fields, body and emptiness."""

    def __init__(self, data: SectionData, spec: SectionSpec):
        self.ma = spec.id
        self.cap = spec.level
        self.truong = FieldsView(data.fields, spec)
        self.noi_dung = body_markup(data.body)
        self.trong = body_is_empty(data.body)


def build_globals(draft: Draft, pack: Pack) -> dict[str, Any]:
    """Names shared by every template of one render."""
    sections: dict[str, SectionView] = {}
    tables: dict[str, TableView] = {}

    def muc(section_id: str) -> SectionView:
        if not pack.has_section(section_id):
            raise KeyError(f"không có mục «{section_id}»")
        if section_id not in sections:
            sections[section_id] = SectionView(draft.sections.get(section_id) or SectionData(),
                                                   pack.section(section_id))
        return sections[section_id]

    def bang(table_id: str) -> TableView:
        if table_id not in tables:
            tables[table_id] = TableView(pack.tables[table_id], draft.tables.get(table_id, []))
        return tables[table_id]

    def phu_luc(appendix_id: str) -> str:
        for appendix in pack.appendices:
            if appendix.id == appendix_id:
                return appendix.label
        raise KeyError(f"không có phụ lục «{appendix_id}»")

    items = register_items(draft, pack.document.citation_date_style)
    return {"bc": MetaView(draft, pack.document.citation_date_style), "muc": muc, "bang": bang, "phu_luc": phu_luc,
            "van_ban": items, "van_ban_trong_ky": [item for item in items if item.trong_ky]}
