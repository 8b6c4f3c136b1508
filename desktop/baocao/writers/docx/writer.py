"""Assemble one report: reference styles + body XML + footnotes + headers → .docx bytes."""

from __future__ import annotations

from pathlib import Path

from ...docmodel import Document, Heading
from ...errors import ExportError
from ...fsutil import atomic_write
from ...text import clean_line
from .blocks import blocks_xml, closing_xml
from .context import BuildContext
from .footnotes import FootnoteRegistry, count_citations
from .header_block import header_block_xml
from .layout import text_width_mm
from .numbering import plan_numbering
from .ooxml import ROOT_NS, XML_DECL
from .package import PART_NAMES, Package
from .reference import ReferenceParts, bad_reference, load_reference
from .sections import (HEADER_DEFAULT_PART, HEADER_DEFAULT_RID, HEADER_FIRST_PART, HEADER_FIRST_RID,
                       appendix_intro_xml, appendix_section, empty_header, main_section,
                       page_number_header, section_end)
from .settings import settings_part
from .signature import signature_block_xml
from .style_ids import HEADING_STYLES, S
from .stylesheet import StyleSheet

#: Every style id the writer refers to.
REQUIRED_STYLES: tuple[str, ...] = tuple(
    value for name, value in vars(S).items() if name.isupper() and isinstance(value, str)
) + HEADING_STYLES
DEFAULT_LANGUAGE = "vi-VN"
_MIN_TEXT_WIDTH_MM = 40.0
_REUSED_PARTS = ("theme", "font_table", "web_settings", "numbering")


def _stylesheet(parts: ReferenceParts, complete: bool) -> StyleSheet:
    """The reference's styles, completed from the shipped reference when some are missing."""
    sheet = StyleSheet(parts.styles)
    missing = sheet.missing(REQUIRED_STYLES)
    if missing and complete:
        sheet.copy_styles_from(StyleSheet(load_reference(None).styles), missing)
        missing = sheet.missing(REQUIRED_STYLES)
    if missing:
        raise bad_reference(parts.source, "thiếu các kiểu định dạng " + ", ".join(missing[:5]))
    return sheet


def _check_page(document: Document) -> None:
    for landscape in (False, True):
        if text_width_mm(document.page, landscape) < _MIN_TEXT_WIDTH_MM:
            raise ExportError("Lề trang quá lớn so với khổ giấy, không còn chỗ cho nội dung.",
                              "Hãy sửa lề trang trong gói mẫu (mục [page]) rồi xuất lại.")


def _heading_runs(document: Document) -> list[list[Heading]]:
    """Headings of the body, then of each appendix (each run is numbered from 1)."""
    runs = [document.body] + [appendix.blocks for appendix in document.appendices]
    return [[b for b in blocks if isinstance(b, Heading)] for blocks in runs]


def _document_xml(document: Document, ctx: BuildContext) -> bytes:
    parts = [f"{XML_DECL}<w:document {ROOT_NS}><w:body>",
             header_block_xml(document.header, ctx),
             blocks_xml(document.body, ctx),
             closing_xml(document.closing, ctx),
             signature_block_xml(document.signature, document.recipients, ctx,
                                 document.show_signature, document.show_recipients)
             if document.show_signature or document.show_recipients else ""]
    last_section = main_section(document.page)
    for index, appendix in enumerate(document.appendices, start=1):
        ctx.numbering.start_run(index)
        parts.append(section_end(last_section))
        ctx.landscape = appendix.orientation == "landscape"
        parts.append(appendix_intro_xml(appendix))
        parts.append(blocks_xml(appendix.blocks, ctx))
        last_section = appendix_section(document.page, appendix)
    parts.append(f"{last_section}</w:body></w:document>")
    return "".join(parts).encode("utf-8")


def build_docx(document: Document, reference_docx: Path | str | None = None) -> bytes:
    """The .docx file of *document* as bytes (styles from *reference_docx* or the shipped one)."""
    reference = Path(reference_docx) if reference_docx is not None else None
    return build_from_parts(document, load_reference(reference), complete=reference is not None)


def build_from_parts(document: Document, parts: ReferenceParts, complete: bool = True) -> bytes:
    """The .docx of *document* with the styles of already-loaded reference *parts*.

    With *complete*, styles the reference lacks are taken from the shipped reference.
    """
    _check_page(document)
    language = clean_line(document.language or "") or DEFAULT_LANGUAGE
    sheet = _stylesheet(parts, complete)
    sheet.apply_page(document.page, language, S.BODY)
    runs = _heading_runs(document)
    heading_styles = sheet.bind_headings((b.level, b.style) for run in runs for b in run)
    numbering = plan_numbering(runs, heading_styles, parts.numbering)
    sheet.link_numbering(numbering.style_links(), numbering.first_num_id)
    ctx = BuildContext(
        page=document.page,
        footnotes=FootnoteRegistry(document.footnotes, count_citations(document)),
        sheet=sheet,
        heading_styles=heading_styles,
        numbering=numbering,
    )
    package = Package()
    package.add("word/document.xml", "document", _document_xml(document, ctx))
    package.add(PART_NAMES["styles"], "styles", sheet.to_bytes(), "rIdBcStyles")
    package.add(PART_NAMES["settings"], "settings", settings_part(parts.settings, language), "rIdBcSettings")
    for name in _REUSED_PARTS:
        data = numbering.part(parts.numbering) if name == "numbering" else getattr(parts, name)
        if data is not None:
            package.add(PART_NAMES[name], name, data, f"rIdBc_{name}")
    package.add(PART_NAMES["footnotes"], "footnotes", ctx.footnotes.part(), "rIdBcFootnotes")
    package.add(HEADER_DEFAULT_PART, "header", page_number_header(), HEADER_DEFAULT_RID)
    package.add(HEADER_FIRST_PART, "header", empty_header(), HEADER_FIRST_RID)
    title = clean_line(f"{document.header.doc_type} {document.header.summary}")
    return package.to_bytes(title, language)


def write_docx(document: Document, path: str | Path, reference_docx: Path | None = None) -> None:
    """Write *document* to *path* as a .docx an office can issue as is.

    Styles come from *reference_docx* (a template pack's own reference) or the
    shipped ``resources/reference/reference.docx``.  The file is written
    atomically: a failure leaves any previous file at *path* untouched.

    Raises :class:`~baocao.errors.ExportError` (Vietnamese message and hint)
    when the reference is unusable or the target cannot be written.
    """
    data = build_docx(document, reference_docx)
    with atomic_write(path) as handle:
        handle.write(data)
