"""Draft ⇄ plain dict (JSON-ready).

Used by the draft file (each section's row holds JSON), by snapshots, and by
the JSON interchange files (the shipped sample draft, test fixtures).

Paragraphs are written as ``{"kind": "dash", "content": [...]}`` where content
items are ``{"text": "…", "b": true, "i": true}``, ``{"note": [[span, …], …]}`` or a citation of the
document register ``{"cite": "<document id>"}`` (also allowed among a note's spans).
When reading, a paragraph may also be a *shorthand string* (handy for
hand-written samples): a leading "- " or "+ " makes an item, ``[^…]`` is a
footnote and ``**…**`` is bold.  Shorthand is only read, never written.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import date
from typing import Any

from ..constants import PeriodKind, SectionStatus
from .. import limits
from ..errors import DraftDataError
from ..text import clean_text
from .draft import Draft, Period, ReportMeta, SectionData, Signer
from .richtext import PARA_KINDS, Body, Cite, Inline, Note, Para, Span

INTERCHANGE_FORMAT = "baocao-draft"
INTERCHANGE_VERSION = 1

#: What a file that lacks these keys has always been read as.  baocao writes every key, so only
#: hand-written interchange files can lack one; they keep loading as they did before new drafts
#: stopped starting from the 2021 Đắk Nông sample.  New drafts never use these (see ``drafts.new_meta``).
LEGACY_META_DEFAULTS = {"locality": "tỉnh Đắk Nông", "place": "Đắk Nông"}
LEGACY_PERIOD_YEAR = 2021

_SHORTHAND = re.compile(r"\[\^(?P<note>[^\]]*)\]|\*\*(?P<bold>.+?)\*\*")


# ---------------------------------------------------------------- rich text
def span_to_dict(span: Span) -> dict[str, Any]:
    """A span as a dict; formatting flags only when set."""
    out: dict[str, Any] = {"text": span.text}
    if span.bold:
        out["b"] = True
    if span.italic:
        out["i"] = True
    if span.comments:
        out["c"] = list(span.comments)
    return out


def inline_to_dict(item: Span | Cite) -> dict[str, Any]:
    """A span or a citation (inside a paragraph or a note) as a dict."""
    if isinstance(item, Cite):
        return {"cite": item.doc_id}
    return span_to_dict(item)


def inline_from_dict(data: Any) -> Span | Cite:
    """Read a span dict, a bare string or a citation ``{"cite": id}``."""
    if isinstance(data, dict) and "cite" in data:
        doc_id = data.get("cite")
        if not isinstance(doc_id, str) or not doc_id.strip():
            raise DraftDataError("Một trích dẫn văn bản trong bản thảo không có mã văn bản hợp lệ.",
                                 "Tệp có thể đã bị sửa bằng công cụ khác; hãy mở bản sao lưu.")
        return Cite(clean_text(doc_id).strip())
    return span_from_dict(data)


def span_from_dict(data: Any) -> Span:
    """Read a span dict (or a bare string)."""
    if isinstance(data, str):
        return Span(clean_text(data))
    if not isinstance(data, dict) or not isinstance(data.get("text", ""), str):
        raise DraftDataError("Một đoạn chữ trong bản thảo có dạng không hợp lệ.",
                             "Tệp có thể đã bị sửa bằng công cụ khác; hãy mở bản sao lưu.")
    comments = data.get("c") or ()
    ids = tuple(str(c) for c in comments) if isinstance(comments, list) else ()
    return Span(clean_text(data.get("text", "")), bool(data.get("b")), bool(data.get("i")), ids)


def para_to_dict(para: Para) -> dict[str, Any]:
    """A paragraph as a dict."""
    content: list[dict[str, Any]] = []
    for item in para.content:
        if isinstance(item, Note):
            content.append({"note": [[inline_to_dict(s) for s in p] for p in item.paragraphs]})
        else:
            content.append(inline_to_dict(item))
    out: dict[str, Any] = {"kind": para.kind, "content": content}
    if para.origin:
        out["o"] = para.origin
    return out


def parse_shorthand(text: str) -> Para:
    """Read the shorthand paragraph form ("- text[^note] **bold**")."""
    text = clean_text(text).strip()
    kind = "text"
    if text.startswith("- "):
        kind, text = "dash", text[2:].lstrip()
    elif text.startswith("+ "):
        kind, text = "plus", text[2:].lstrip()
    content: list[Inline] = []
    pos = 0
    for match in _SHORTHAND.finditer(text):
        if match.start() > pos:
            content.append(Span(text[pos:match.start()]))
        if match.group("note") is not None:
            content.append(Note.of(match.group("note").replace(" // ", "\n")))
        else:
            content.append(Span(match.group("bold"), bold=True))
        pos = match.end()
    if pos < len(text):
        content.append(Span(text[pos:]))
    return Para(content, kind)  # type: ignore[arg-type]


def para_from_dict(data: Any) -> Para:
    """Read a paragraph dict or shorthand string."""
    if isinstance(data, str):
        return parse_shorthand(data)
    if not isinstance(data, dict):
        raise DraftDataError("Một đoạn văn trong bản thảo có dạng không hợp lệ.",
                             "Tệp có thể đã bị sửa bằng công cụ khác; hãy mở bản sao lưu.")
    kind = data.get("kind", "text")
    if kind not in PARA_KINDS:
        kind = "text"
    content: list[Inline] = []
    for item in data.get("content", []) or []:
        if isinstance(item, dict) and "note" in item:
            paragraphs = [[inline_from_dict(s) for s in p] for p in item["note"] or []]
            content.append(Note(paragraphs or [[Span("")]]))
        else:
            content.append(inline_from_dict(item))
    origin = data.get("o", "")
    return Para(content, kind, clean_text(origin).strip() if isinstance(origin, str) else "")


def body_to_list(body: Body) -> list[dict[str, Any]]:
    """A body as a list of paragraph dicts."""
    return [para_to_dict(p) for p in body]


def body_from_list(data: Any) -> Body:
    """Read a body list (dicts or shorthand strings)."""
    if data is None:
        return []
    if not isinstance(data, list):
        raise DraftDataError("Nội dung một mục của bản thảo không phải danh sách đoạn văn.",
                             "Tệp có thể đã bị sửa bằng công cụ khác; hãy mở bản sao lưu.")
    return [para_from_dict(p) for p in data]


# ---------------------------------------------------------------- sections
def section_to_dict(section: SectionData) -> dict[str, Any]:
    """A section's data as a dict."""
    return {"status": section.status.value, "body": body_to_list(section.body), "fields": dict(section.fields)}


def section_from_dict(data: Any) -> SectionData:
    """Read a section dict; an unknown status becomes 'trống'."""
    if not isinstance(data, dict):
        raise DraftDataError("Dữ liệu một mục của bản thảo không hợp lệ.",
                             "Tệp có thể đã bị sửa bằng công cụ khác; hãy mở bản sao lưu.")
    try:
        status = SectionStatus(data.get("status", SectionStatus.EMPTY.value))
    except ValueError:
        status = SectionStatus.EMPTY
    fields = data.get("fields") or {}
    if not isinstance(fields, dict):
        fields = {}
    return SectionData(body=body_from_list(data.get("body")), fields=_clean_json(fields), status=status)


#: JSON scalars that hold no text (returned as they are)
_SCALAR_TYPES = frozenset((int, float, bool, type(None)))


def _clean_json(value: Any) -> Any:
    """Sanitize every string inside a JSON value."""
    kind = type(value)                    # exact JSON types first: a table's rows are thousands of values
    if kind is str:
        return clean_text(value)
    if kind in _SCALAR_TYPES:
        return value
    if kind is dict:
        return {clean_text(k if type(k) is str else str(k)): v if type(v) in _SCALAR_TYPES else _clean_json(v)
                for k, v in value.items()}
    if kind is list:
        return [v if type(v) in _SCALAR_TYPES else _clean_json(v) for v in value]
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_clean_json(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(str(k)): _clean_json(v) for k, v in value.items()}
    return value


# ---------------------------------------------------------------- metadata
def meta_to_dict(meta: ReportMeta) -> dict[str, Any]:
    """Metadata as a dict (dates as ISO text)."""
    out = asdict(meta)
    out["issue_date"] = meta.issue_date.isoformat() if meta.issue_date else None
    out["period"] = {"kind": meta.period.kind.value, "year": meta.period.year, "quarter": meta.period.quarter}
    return out


def meta_from_dict(data: Any) -> ReportMeta:
    """Read metadata; unknown keys are ignored, missing ones take defaults (``LEGACY_META_DEFAULTS``)."""
    if not isinstance(data, dict):
        raise DraftDataError("Thông tin chung của báo cáo trong tệp không hợp lệ.",
                             "Tệp có thể đã bị sửa bằng công cụ khác; hãy mở bản sao lưu.")
    meta = ReportMeta(**LEGACY_META_DEFAULTS, period=Period(year=LEGACY_PERIOD_YEAR))
    for key in ("body", "locality", "parent_body", "place", "number", "symbol", "doc_type", "summary"):
        if key in data and data[key] is not None:
            setattr(meta, key, clean_text(str(data[key])))
    meta.is_draft = bool(data.get("is_draft", True))
    try:
        if data.get("issue_date"):
            meta.issue_date = date.fromisoformat(str(data["issue_date"]))
    except (ValueError, TypeError) as exc:
        raise DraftDataError(f"Ngày ban hành «{str(data.get('issue_date'))[:40]}» trong tệp không hợp lệ.",
                             "Ngày viết dạng năm-tháng-ngày, ví dụ 2026-07-05; hoặc mở «Thông tin báo cáo» "
                             "và nhập lại.") from exc
    meta.period = _period_from_dict(data.get("period"), meta.period.year)
    signer = data.get("signer") or {}
    if isinstance(signer, dict):
        meta.signer = Signer(**{k: clean_text(str(v)) for k, v in signer.items()
                                if k in Signer.__dataclass_fields__ and v is not None})
    recipients = data.get("recipients") or []
    if not isinstance(recipients, list) or not all(isinstance(r, str) for r in recipients):
        raise DraftDataError("«Nơi nhận» (recipients) trong tệp phải là một danh sách các dòng chữ, "
                             "ví dụ [\"Sở Nội vụ\", \"Lưu: VT, TH\"].",
                             "Sửa tệp cho đúng dạng đó, hoặc nhập lại nơi nhận trong «Thông tin báo cáo».")
    limits.check_count("dòng «Nơi nhận»", len(recipients), limits.MAX_RECIPIENTS)
    cleaned = (clean_text(r) for r in recipients)
    meta.recipients = [r for r in cleaned if r.strip()]
    limits.check_value(meta_to_dict(meta), "thông tin chung của báo cáo")
    return meta


def _period_from_dict(period: Any, default_year: int) -> Period:
    """The reporting period, with a message that says which part is wrong."""
    hint = ("Kỳ báo cáo viết dạng {\"kind\": \"6-thang-dau\" | \"ca-nam\" | \"quy\", \"year\": 2026, "
            "\"quarter\": 1–4 (chỉ với quý)}; hoặc mở «Thông tin báo cáo» và chọn lại kỳ.")
    if period is None:
        period = {}
    if not isinstance(period, dict):
        raise DraftDataError("Kỳ báo cáo (period) trong tệp phải là một đối tượng, không phải "
                             f"{'danh sách' if isinstance(period, list) else 'chữ hay số'}.", hint)
    try:
        kind = PeriodKind(period.get("kind", PeriodKind.FIRST_HALF.value))
    except (ValueError, TypeError):
        raise DraftDataError(f"Loại kỳ báo cáo «{str(period.get('kind'))[:40]}» không có.", hint) from None
    year = period.get("year", default_year)
    if isinstance(year, bool) or not isinstance(year, int) or not 1 <= year <= 9999:
        raise DraftDataError(f"Năm của kỳ báo cáo «{str(year)[:40]}» không hợp lệ (phải là một năm, ví dụ 2026).", hint)
    quarter = period.get("quarter")
    if quarter in (None, 0, ""):
        quarter = None
    elif isinstance(quarter, bool) or not isinstance(quarter, int) or not 1 <= quarter <= 4:
        raise DraftDataError(f"Quý «{str(quarter)[:40]}» của kỳ báo cáo không hợp lệ (phải từ 1 đến 4).", hint)
    return Period(kind, year, quarter)


# ---------------------------------------------------------------- draft
def draft_to_dict(draft: Draft) -> dict[str, Any]:
    """The whole draft as a JSON-ready dict in the interchange format."""
    return {
        "format": INTERCHANGE_FORMAT,
        "version": INTERCHANGE_VERSION,
        "template_id": draft.template_id,
        "meta": meta_to_dict(draft.meta),
        "sections": {sid: section_to_dict(s) for sid, s in draft.sections.items()},
        "tables": {tid: [dict(r) for r in rows] for tid, rows in draft.tables.items()},
        **({"extras": dict(draft.extras)} if draft.extras else {}),
    }


def draft_from_dict(data: Any) -> Draft:
    """Read a draft dict in the interchange format."""
    if not isinstance(data, dict) or data.get("format") != INTERCHANGE_FORMAT:
        raise DraftDataError("Đây không phải tệp bản thảo báo cáo (thiếu dấu hiệu «baocao-draft»).",
                             "Hãy chọn một tệp bản thảo do baocao tạo ra.")
    version = data.get("version", 0)
    if isinstance(version, bool) or not isinstance(version, int):
        raise DraftDataError(f"Phiên bản định dạng «{str(version)[:40]}» trong tệp bản thảo không phải một số nguyên.",
                             "Tệp có thể đã bị sửa bằng công cụ khác; dòng \"version\" phải là một số, ví dụ 1.")
    if version > INTERCHANGE_VERSION:
        raise DraftDataError("Tệp được tạo bởi phiên bản baocao mới hơn.",
                             "Hãy cập nhật baocao lên phiên bản mới nhất rồi mở lại.")
    sections = data.get("sections") or {}
    tables = data.get("tables") or {}
    if not isinstance(sections, dict) or not isinstance(tables, dict):
        raise DraftDataError("Phần nội dung của tệp bản thảo không hợp lệ.",
                             "Tệp có thể đã bị sửa bằng công cụ khác; hãy mở bản sao lưu.")
    draft = Draft(template_id=clean_text(str(data.get("template_id") or "")) or Draft().template_id,
                  meta=meta_from_dict(data.get("meta") or {}))
    for section_id, value in sections.items():
        limits.check_raw_section(str(section_id), value)
    for table_id, rows in tables.items():
        limits.check_raw_table(str(table_id), rows)
    draft.sections = {clean_text(str(k)): section_from_dict(v) for k, v in sections.items()}
    for table_id, rows in tables.items():
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise DraftDataError(f"Bảng «{table_id}» trong tệp bản thảo không hợp lệ.",
                                 "Tệp có thể đã bị sửa bằng công cụ khác; hãy mở bản sao lưu.")
        draft.tables[clean_text(str(table_id))] = _clean_json(rows)
    extras = data.get("extras") or {}
    if not isinstance(extras, dict):
        raise DraftDataError("Phần «extras» của tệp bản thảo không hợp lệ (phải là một đối tượng JSON).",
                             "Tệp có thể đã bị sửa bằng công cụ khác; hãy mở bản sao lưu.")
    draft.extras = {clean_text(str(k)): _clean_json(v) for k, v in extras.items()}
    limits.check_value(draft.extras, "phần «extras»")
    limits.check_draft(draft)
    return draft
