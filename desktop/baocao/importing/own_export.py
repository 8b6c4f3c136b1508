"""An export that our own import recognises: which paragraphs the template wrote, and the data behind them.

    document = render_draft(draft, pack)
    attach_roundtrip(document, draft, pack)      # before write_docx: adds the custom XML part and the marks

The payload (``writers.docx.roundtrip``) holds the pack id, the sections' field values, the tables'
rows, every **generated** paragraph (a paragraph the section's template wrote, not the drafter) with
its text and the text of its footnotes, and the **frame** lines (header block, title, closing,
signature, "Nơi nhận", appendix titles and tables).  Generated paragraphs are found by rendering the
draft once more with every section's text left out: what still comes out of a section is the
template's (the numbers sentence of I.1.a, I.3.a, the documents sentence and its footnote, the
meetings sentence …); each is matched, in order, to the same paragraph of the full rendering.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from typing import Any

from ..docmodel import Block, Document, FootnoteRef, Paragraph, Table, Text
from ..model.draft import Draft, SectionData
from ..template.manifest import Pack
from ..writers.docx.roundtrip import APP, FORMAT, RoundTrip


def norm(text: str) -> str:
    """Text for comparison: NFC, single spaces (no-break spaces too), case folded."""
    return " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split()).casefold()


def _inline_text(paragraph: Paragraph) -> str:
    return "".join(i.text for i in paragraph.inlines if isinstance(i, Text))


def _note_texts(paragraph: Paragraph, document: Document) -> list[str]:
    notes = document.footnotes
    return [notes[i.number - 1].plain_text() for i in paragraph.inlines
            if isinstance(i, FootnoteRef) and 0 < i.number <= len(notes)]


def _by_section(blocks: list[Block]) -> dict[str, list[Paragraph]]:
    out: dict[str, list[Paragraph]] = {}
    for block in blocks:
        if isinstance(block, Paragraph) and block.section_id:
            out.setdefault(block.section_id, []).append(block)
    return out


def _bare(draft: Draft) -> Draft:
    """*draft* with every section's text left out (fields, status, tables, register kept; nothing copied)."""
    sections = {sid: SectionData(body=[], fields=data.fields, status=data.status)
                for sid, data in draft.sections.items()}
    return Draft(draft.template_id, draft.meta, sections, draft.tables, draft.extras)


def _table_lines(table: Table) -> list[str]:
    """A table's header and total row: an appendix table without rows comes back as just these (one with rows
    is recognised by its columns and its rows, from the payload's tables)."""
    return [c.header for c in table.columns] + [c.group or "" for c in table.columns] + list(table.total_row or [])


def frame_lines(document: Document) -> list[str]:
    """Every line the export writes outside the sections: header block, closing, signature, appendices."""
    header = document.header
    lines = [*header.issuer_lines, header.number_line, header.national_title, header.motto, header.date_line,
             header.doc_type, header.summary, header.draft_mark or "", *header.title_lines,
             header.addressee_heading, *header.addressees,
             *(p.plain_text() for p in document.closing), *document.signature.authority_lines,
             document.signature.name, document.recipients.heading, *document.recipients.entries]
    lines += [f"- {e}" for e in document.recipients.entries]           # as the writer prints them
    for appendix in document.appendices:
        lines += [appendix.label, appendix.title, appendix.attached_line]
        for block in appendix.blocks:
            if isinstance(block, Paragraph):
                lines.append(block.plain_text())
            elif isinstance(block, Table):
                lines.extend(_table_lines(block))
    out: dict[str, None] = {}
    for line in lines:
        for part in str(line).split("\n"):
            key = norm(part)
            if key:
                out[key] = None
    return list(out)


#: id(pack) → (pack, renderer of the same pack with empty appendices): the text-less rendering needs the
#: sections only (their templates still read every table), and the appendices' tables are most of a rendering
_BARE_RENDERERS: dict[int, tuple[Pack, Any]] = {}


def _sections_renderer(pack: Pack):
    cached = _BARE_RENDERERS.get(id(pack))
    if cached is None or cached[0] is not pack:
        from ..render.renderer import Renderer, renderer_for

        hollow = [replace(a, table=None, template=None) for a in pack.appendices]   # named, not filled
        bare = Renderer(replace(pack, appendices=hollow), like=renderer_for(pack))   # same compiled templates
        cached = _BARE_RENDERERS[id(pack)] = (pack, bare)
    return cached[1]


def _key(paragraph: Paragraph) -> tuple[str | None, str]:
    return paragraph.bullet, " ".join(_inline_text(paragraph).split())


def generated_paragraphs(document: Document, draft: Draft, pack: Pack) -> list[tuple[str, Paragraph]]:
    """(section id, paragraph of *document*) for each paragraph a section's template wrote, in order."""
    bare = _by_section(_sections_renderer(pack).render(_bare(draft)).body)
    full = _by_section(document.body)
    out: list[tuple[str, Paragraph]] = []
    for section_id, expected in bare.items():
        if not pack.has_section(section_id):
            continue                          # text of sections the pack no longer has: the drafter's
        shown = full.get(section_id, [])
        keys = [_key(p) for p in shown]
        position = 0
        for paragraph in expected:
            key = _key(paragraph)
            found = next((i for i in range(position, len(shown)) if keys[i] == key), None)
            if found is not None:             # not found: it reads otherwise with the text in (left unmarked)
                out.append((section_id, shown[found]))
                position = found + 1
    return out


def roundtrip_payload(document: Document, draft: Draft, pack: Pack) -> RoundTrip:
    """The data and marks an export of *draft* carries for our own import."""
    generated = generated_paragraphs(document, draft, pack)
    fields = {sid: dict(data.fields) for sid, data in draft.sections.items()
              if pack.has_section(sid) and any(v not in (None, "", [], {}) for v in data.fields.values())}
    tables = {tid: [dict(r) for r in rows] for tid, rows in draft.tables.items() if tid in pack.tables and rows}
    payload: dict[str, Any] = {
        "format": FORMAT, "app": APP, "pack": pack.id, "fields": fields, "tables": tables,
        "generated": [{"section": sid, "text": _inline_text(p), "notes": _note_texts(p, document)}
                      for sid, p in generated],
        "frame": frame_lines(document),
    }
    return RoundTrip(payload, {id(p): index for index, (_sid, p) in enumerate(generated)})


def attach_roundtrip(document: Document, draft: Draft, pack: Pack) -> Document:
    """*document* (the rendering of *draft*) made to carry what our own import reads back; returned."""
    document.roundtrip = roundtrip_payload(document, draft, pack)
    return document


__all__ = ["attach_roundtrip", "frame_lines", "generated_paragraphs", "norm", "roundtrip_payload"]
