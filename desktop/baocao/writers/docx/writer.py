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
from .sections import (HEADER_DEFAULT_PART, HEADER_DEFAULT_RID, HEADER_FIRST_PART, HEADER_FIRST_RID,
                       appendix_intro_xml, appendix_section, empty_header, main_section,
                       page_number_header, section_end)
from .signature import signature_block_xml
from .style_cache import StyleParts, cache_key, load, store
from .style_ids import HEADING_STYLES, S

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .reference import ReferenceParts

#: Every style id the writer refers to.
REQUIRED_STYLES: tuple[str, ...] = tuple(
    value for name, value in vars(S).items() if name.isupper() and isinstance(value, str)
) + HEADING_STYLES
DEFAULT_LANGUAGE = "vi-VN"
_MIN_TEXT_WIDTH_MM = 40.0
_REUSED_PARTS = ("theme", "font_table", "web_settings", "numbering")


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


def _language(document: Document) -> str:
    return clean_line(document.language or "") or DEFAULT_LANGUAGE


def build_docx(document: Document, reference_docx: Path | str | None = None) -> bytes:
    """The .docx file of *document* as bytes (styles from *reference_docx* or the shipped one).

    The parts adapted from the reference come from :mod:`.style_cache` when an earlier export
    had the same reference, page setup, language and headings (no XML parsing, no lxml).
    """
    reference = Path(reference_docx) if reference_docx is not None else None
    _check_page(document)
    language = _language(document)
    runs = _heading_runs(document)
    key = cache_key(reference, reference is not None, document.page, language, runs, REQUIRED_STYLES)
    styles = load(key)
    if styles is None:
        from .reference import load_reference
        from .style_parts import derive_style_parts

        styles = derive_style_parts(load_reference(reference), reference is not None, document.page, language,
                                    runs, REQUIRED_STYLES)
        store(key, styles)
    return _assemble(document, styles, language, runs)


def build_from_parts(document: Document, parts: ReferenceParts, complete: bool = True) -> bytes:
    """The .docx of *document* with the styles of already-loaded reference *parts* (never cached).

    With *complete*, styles the reference lacks are taken from the shipped reference.
    """
    from .style_parts import derive_style_parts

    _check_page(document)
    language = _language(document)
    runs = _heading_runs(document)
    return _assemble(document, derive_style_parts(parts, complete, document.page, language, runs, REQUIRED_STYLES),
                     language, runs)


def _assemble(document: Document, styles: StyleParts, language: str, runs: list[list[Heading]]) -> bytes:
    """The package of *document* with the reference-derived *styles*."""
    numbering = plan_numbering(runs, styles.heading_styles, ids=styles.ids)
    ctx = BuildContext(
        page=document.page,
        footnotes=FootnoteRegistry(document.footnotes, count_citations(document)),
        sheet=styles,
        heading_styles=styles.heading_styles,
        numbering=numbering,
        marks=document.roundtrip.marks if document.roundtrip is not None else None,   # type: ignore[attr-defined]
    )
    package = Package()
    package.add("word/document.xml", "document", _document_xml(document, ctx))
    package.add(PART_NAMES["styles"], "styles", styles.parts["styles"], "rIdBcStyles")
    package.add(PART_NAMES["settings"], "settings", styles.parts["settings"], "rIdBcSettings")
    for name in _REUSED_PARTS:
        data = styles.parts.get(name)
        if data is not None:
            package.add(PART_NAMES[name], name, data, f"rIdBc_{name}")
    package.add(PART_NAMES["footnotes"], "footnotes", ctx.footnotes.part(), "rIdBcFootnotes")
    package.add(HEADER_DEFAULT_PART, "header", page_number_header(), HEADER_DEFAULT_RID)
    package.add(HEADER_FIRST_PART, "header", empty_header(), HEADER_FIRST_RID)
    if document.roundtrip is not None:          # what our own import reads back (roundtrip.py)
        from .roundtrip import add_parts

        add_parts(package, document.roundtrip)  # type: ignore[arg-type]
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
