"""The request a unit fills in Word: section headings with their codes, the guidance, places to write.

The file is an ordinary report-like .docx from the product's own writer
(Decree 30 page, real heading styles), so Word and LibreOffice users can
type, add footnotes and tables in it.  What makes it readable back:

* the request's code on its own line ("Mã phiếu: YC-7F3A9C21 …");
* each requested section as a heading ending with "[mã mục: <id>]";
* the instructions, the guidance ("Gợi ý: …", italic) and the placeholder line,
  which the reader recognises and leaves out if they come back unchanged.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..docmodel import Block, Document, Heading, HeaderInfo, Paragraph, RecipientsInfo, SignatureInfo, Text
from ..model.draft import Draft
from ..render import render_draft
from ..template.manifest import Pack
from .constants import (GUIDANCE_PREFIX, PLACEHOLDER, REQUEST_CODE_LINE, REQUEST_DEADLINE_LINE, REQUEST_DOC_TYPE,
                        REQUEST_INSTRUCTIONS, REQUEST_SUMMARY, REQUEST_UNIT_LINE, SECTION_CODE_TEXT)
from .errors import ContributionError
from .store import Request


def deadline_text(day: date | None) -> str:
    """"20/06/2026" (the decree's date form), "" without a deadline."""
    return day.strftime("%d/%m/%Y") if day else ""


def check_sections(pack: Pack, section_ids: list[str]) -> list[str]:
    """The requested ids in the pack's order; ``ContributionError`` naming any id the pack lacks."""
    unknown = [sid for sid in section_ids if not pack.has_section(sid)]
    if unknown:
        known = ", ".join(spec.id for spec in pack.sections if not spec.children)
        raise ContributionError(f"Mẫu báo cáo không có mục «{', '.join(unknown)}».",
                                f"Các mã mục có thể đề nghị: {known}.")
    if not section_ids:
        raise ContributionError("Chưa chọn mục nào để đề nghị đơn vị viết.", "Hãy chọn ít nhất một mục.")
    order = {spec.id: index for index, spec in enumerate(pack.sections)}
    return sorted(dict.fromkeys(section_ids), key=order.__getitem__)


def guidance_lines(pack: Pack, section_id: str) -> list[str]:
    """The guidance printed under a requested section's heading (the reader drops them when unchanged)."""
    spec = pack.section(section_id)
    lines = [" ".join(spec.guidance.split())] if spec.guidance.strip() else []
    lines += [f"- {' '.join(topic.split())}" for topic in spec.topics if topic.strip()]
    if lines:
        lines[0] = GUIDANCE_PREFIX + lines[0]
    return lines


def heading_text(pack: Pack, section_id: str, labels: dict[str, str]) -> str:
    """"1. Title [mã mục: id]" — the label as the report numbers it now, when the section has one."""
    spec = pack.section(section_id)
    title = spec.title or spec.name or section_id
    label = labels.get(section_id, "")
    return f"{label} {title} {SECTION_CODE_TEXT.format(id=section_id)}".strip()


def instruction_lines() -> list[str]:
    """The instructions printed above the sections."""
    return [line.format(placeholder=PLACEHOLDER) for line in REQUEST_INSTRUCTIONS]


def request_day(req: Request) -> date:
    """The day the request was made (today when it carries no time)."""
    try:
        return date.fromisoformat(req.created[:10])
    except ValueError:
        return date.today()


def rendered_for_request(draft: Draft, pack: Pack, req: Request | None) -> Document:
    """The report as it renders on the request's day (its header and heading labels are reused)."""
    meta = replace(draft.meta, issue_date=request_day(req) if req is not None else draft.meta.issue_date)
    return render_draft(replace(draft, meta=meta), pack)


def section_labels(draft: Draft, pack: Pack) -> dict[str, str]:
    """Section id → "I. 1. a) Kết quả …": the section's title after its and its parents' numbers, as printed."""
    report = render_draft(draft, pack)
    numbered = {h.section_id: h.label for h in report.headings() if h.section_id}
    out: dict[str, str] = {}
    for spec in pack.sections:
        chain, parent = [spec], spec.parent
        while parent:
            chain.insert(0, pack.section(parent))
            parent = pack.section(parent).parent
        prefix = " ".join(numbered[s.id] for s in chain if numbered.get(s.id))
        out[spec.id] = f"{prefix} {spec.title or spec.name or spec.id}".strip()
    return out


def request_document(draft: Draft, pack: Pack, req: Request) -> Document:
    """The request as a document for the DOCX writer."""
    sections = check_sections(pack, req.sections)
    report = rendered_for_request(draft, pack, req)
    labels = {h.section_id: h.label for h in report.headings() if h.section_id}
    header = report.header
    title_lines = [REQUEST_UNIT_LINE.format(unit=req.unit)]
    if req.deadline:
        title_lines.append(REQUEST_DEADLINE_LINE.format(deadline=deadline_text(req.deadline)))
    title_lines.append(REQUEST_CODE_LINE.format(code=req.id))
    info = HeaderInfo(header.issuer_lines, header.parent_line_count, "", header.national_title, header.motto,
                      header.date_line, REQUEST_DOC_TYPE, REQUEST_SUMMARY.format(summary=header.summary),
                      None, "", title_lines, show_table=header.show_table)
    body: list[Block] = [Paragraph([Text(line, italic=True)]) for line in instruction_lines()]
    for section_id in sections:
        body.append(Heading(1, "", heading_text(pack, section_id, labels), "khong", section_id))
        body += [Paragraph([Text(line, italic=True)]) for line in guidance_lines(pack, section_id)]
        body.append(Paragraph([Text(PLACEHOLDER)]))
    return Document(replace(report.page), info, body, [], SignatureInfo([], ""), RecipientsInfo("", []), [], [],
                    template_id=pack.id, show_signature=False, show_recipients=False)


def request_docx(draft: Draft, pack: Pack, req: Request) -> bytes:
    """The request .docx as bytes (the pack's own styles when it carries a reference .docx)."""
    from ..writers.docx import build_docx

    return build_docx(request_document(draft, pack, req), pack.reference_docx)
