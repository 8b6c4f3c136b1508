"""The raw-OOXML lower bound of the export benchmark: the same report as a minimal .docx, by hand.

    python bench/raw_ooxml.py content.json out.docx

*content.json* (written by ``bench_export.prepare`` from the rendered large report) lists the
blocks in order — headings, paragraphs with their inline footnotes, tables — and this script
writes them as WordprocessingML with string concatenation and ``zipfile``: no styles, no
numbering, no page layout, no checks, no template.  It is what any Python exporter must at
least do (start Python, read the content, escape and join the XML, deflate the zip), so
baocao's whole ``export`` process is compared with it as a lower bound.
"""

from __future__ import annotations

import json
import sys
import zipfile
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<Types xmlns="{PKG}/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/footnotes.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    '</Types>')
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<Relationships xmlns="{PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/></Relationships>')
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<Relationships xmlns="{PKG}/relationships">'
    f'<Relationship Id="rId1" Type="{R}/footnotes" Target="footnotes.xml"/></Relationships>')
SEPARATORS = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
              '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
              '</w:p></w:footnote>')


def _run(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _paragraph(parts: list, notes: list[str]) -> str:
    """A paragraph of text runs and footnote references (each note's text goes to *notes*)."""
    out = ["<w:p>"]
    for part in parts:
        if isinstance(part, str):
            out.append(_run(part))
        else:
            notes.append(part["note"])
            out.append(f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                       f'<w:footnoteReference w:id="{len(notes)}"/></w:r>')
    out.append("</w:p>")
    return "".join(out)


def _table(rows: list[list[str]]) -> str:
    cells = "".join("<w:tr>" + "".join(f"<w:tc><w:p>{_run(c)}</w:p></w:tc>" for c in row) + "</w:tr>"
                    for row in rows)
    grid = "".join("<w:gridCol/>" for _ in rows[0]) if rows else ""
    return f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{cells}</w:tbl><w:p/>'


def build(blocks: list[dict]) -> tuple[str, str]:
    """document.xml and footnotes.xml of *blocks*."""
    notes: list[str] = []
    body = []
    for block in blocks:
        if block["kind"] == "heading":
            body.append(f"<w:p>{_run(block['text'], bold=True)}</w:p>")
        elif block["kind"] == "paragraph":
            body.append(_paragraph(block["parts"], notes))
        elif block["kind"] == "table":
            body.append(_table(block["rows"]))
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{R}">'
                f'<w:body>{"".join(body)}<w:sectPr/></w:body></w:document>')
    footnotes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 f'<w:footnotes xmlns:w="{W}" xmlns:r="{R}">{SEPARATORS}'
                 + "".join(f'<w:footnote w:id="{i}"><w:p>{_run(text)}</w:p></w:footnote>'
                           for i, text in enumerate(notes, start=1))
                 + "</w:footnotes>")
    return document, footnotes


def main(argv: list[str]) -> int:
    """Write ``argv[1]`` (.docx) from the content in ``argv[0]`` (.json)."""
    with open(argv[0], encoding="utf-8") as handle:
        blocks = json.load(handle)
    document, footnotes = build(blocks)
    with zipfile.ZipFile(argv[1], "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/footnotes.xml", footnotes)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
