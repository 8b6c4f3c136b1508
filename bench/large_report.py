"""A "large" report for the export benchmark, as a real draft + a synthetic template pack.

Size (as the benchmark brief asks): 63 headings (3 × I., 12 × 1., 48 × a)),
400 body paragraphs, 300 footnotes, 6 landscape appendices each with a
60-row × 6-column table (grouped two-row header, computed totals).

* :func:`write_pack` writes the synthetic pack ``bench-lon`` (manifest.toml);
* :func:`build_draft` builds the matching :class:`~baocao.model.draft.Draft`;
* :func:`build_document` renders it to the document model;
* :func:`to_markdown` writes the same content as Pandoc Markdown (inline
  ``^[...]`` footnotes, pipe tables) for the pandoc side of the benchmark.
"""

from __future__ import annotations

import random
import textwrap
from datetime import date
from pathlib import Path

PACK_ID = "bench-lon"
TOP_SECTIONS = 3
CHILDREN = 4
GRANDCHILDREN = 4
PARAGRAPHS = 400
FOOTNOTES = 300
TABLES = 6
TABLE_ROWS = 60

_WORDS = tuple(
    "Ủy ban nhân dân tỉnh đã chỉ đạo các sở, ban, ngành và địa phương triển khai thực hiện "
    "nhiệm vụ kế hoạch phát triển kinh tế - xã hội bảo đảm tiến độ chất lượng hiệu quả theo "
    "Nghị quyết số 01/NQ-CP ngày 01/01/2021 của Chính phủ và Kế hoạch số 26/KH-UBND".split(" ")
)

_MANIFEST_HEAD = '''\
[pack]
id = "{pack_id}"
name = "Báo cáo lớn (đo hiệu năng)"
version = "1"
format = 1

[numbering]
levels = ["la-ma", "so", "chu-ngoac"]

[page]
margin_top_mm = 20
margin_bottom_mm = 20
margin_left_mm = 30
margin_right_mm = 15
font_name = "Times New Roman"
body_size_pt = 14
first_line_indent_cm = 1.27
space_after_pt = 6
line_spacing = 1.15

[document]
summary = "Công tác chỉ đạo, điều hành {{{{ bc.ky }}}} (báo cáo lớn để đo hiệu năng)"
default_recipients = ["Văn phòng Chính phủ", "Thường trực Tỉnh ủy", "Lưu: VT, TH"]
'''


def _leaf_ids() -> list[str]:
    return [f"muc-{i}-{j}-{k}" for i in range(1, TOP_SECTIONS + 1) for j in range(1, CHILDREN + 1)
            for k in range(1, GRANDCHILDREN + 1)]


def write_pack(folder: Path) -> Path:
    """Write the synthetic pack into ``folder/bench-lon`` and return that folder."""
    root = Path(folder) / PACK_ID
    root.mkdir(parents=True, exist_ok=True)
    parts = [_MANIFEST_HEAD.format(pack_id=PACK_ID)]
    for i in range(1, TOP_SECTIONS + 1):
        parts.append(f'[[sections]]\nid = "muc-{i}"\ntitle = "PHẦN NỘI DUNG LỚN SỐ {i}"\n')
        for j in range(1, CHILDREN + 1):
            parts.append(f'[[sections]]\nid = "muc-{i}-{j}"\nparent = "muc-{i}"\n'
                         f'title = "Nhóm nhiệm vụ {i}.{j} về phát triển kinh tế - xã hội"\n')
            for k in range(1, GRANDCHILDREN + 1):
                parts.append(f'[[sections]]\nid = "muc-{i}-{j}-{k}"\nparent = "muc-{i}-{j}"\n'
                             f'title = "Lĩnh vực {i}.{j}.{k}"\n')
    for t in range(1, TABLES + 1):
        parts.append(textwrap.dedent(f'''\
            [[tables]]
            id = "bang-{t}"
              [[tables.columns]]
              key = "stt"
              header = "STT"
              type = "stt"
              width_mm = 12
              [[tables.columns]]
              key = "don_vi"
              header = "Cơ quan, đơn vị, địa phương"
              type = "text"
              width_mm = 90
              [[tables.columns]]
              key = "tong"
              header = "Tổng số nhiệm vụ"
              type = "integer"
              width_mm = 30
              sum_of = ["dung_han", "qua_han", "chua_xong"]
              total = true
              [[tables.columns]]
              key = "dung_han"
              header = "Đúng hạn"
              group = "Đã hoàn thành"
              type = "integer"
              width_mm = 30
              total = true
              [[tables.columns]]
              key = "qua_han"
              header = "Quá hạn"
              group = "Đã hoàn thành"
              type = "integer"
              width_mm = 30
              total = true
              [[tables.columns]]
              key = "chua_xong"
              header = "Chưa hoàn thành"
              type = "integer"
              width_mm = 30
              total = true
            [[appendices]]
            id = "phu-luc-{t:02d}"
            label = "Phụ lục {t:02d}"
            title = "BẢNG SỐ LIỆU SỐ {t}"
            orientation = "landscape"
            table = "bang-{t}"
            '''))
    (root / "manifest.toml").write_text("\n".join(parts), encoding="utf-8")
    return root


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def build_draft(seed: int = 2021, scale: int = 1):
    """The draft for the synthetic pack: 400 paragraphs, 300 notes, 6 × 60 table rows (× *scale*)."""
    from baocao.model.draft import Draft, Period, ReportMeta, SectionData, Signer
    from baocao.model.richtext import Note, Para, Span

    rng = random.Random(seed)
    leaves = _leaf_ids()
    draft = Draft(template_id=PACK_ID, meta=ReportMeta(
        locality="tỉnh Đắk Nông", place="Đắk Nông", period=Period(year=2021),   # the 2021 sample's header
        issue_date=date(2021, 7, 5), signer=Signer(name="Lê Văn Khánh"),
        recipients=["Văn phòng Chính phủ", "Thường trực Tỉnh ủy", "Lưu: VT, TH"]))
    notes_left = FOOTNOTES * scale
    for index in range(PARAGRAPHS * scale):
        section = draft.sections.setdefault(leaves[index % len(leaves)], SectionData())
        content: list = [Span(_sentence(rng, 70))]
        if notes_left and index % 4 != 3:
            content.append(Note([[Span(_sentence(rng, 24))]]))
            notes_left -= 1
        content.append(Span(" " + _sentence(rng, 20)))
        section.body.append(Para(content, "dash" if index % 5 == 4 else "text"))
    for t in range(1, TABLES + 1):
        draft.tables[f"bang-{t}"] = [
            {"don_vi": f"Đơn vị số {r + 1} của tỉnh", "dung_han": rng.randint(10, 400),
             "qua_han": rng.randint(0, 30), "chua_xong": rng.randint(0, 50)}
            for r in range(TABLE_ROWS * scale)
        ]
    return draft


def build_document(pack_folder: Path):
    """Render the large draft with the synthetic pack in *pack_folder* (see :func:`write_pack`)."""
    from baocao.render import render_draft
    from baocao.template import load_pack_dir

    return render_draft(build_draft(), load_pack_dir(write_pack(pack_folder)))


def _md_escape(text: str) -> str:
    for char in "\\*_[]^`#<>|":
        text = text.replace(char, "\\" + char)
    return text


def _md_inlines(inlines, notes) -> str:
    from baocao.docmodel import FootnoteRef, Text

    parts = []
    for item in inlines:
        if isinstance(item, Text):
            text = _md_escape(item.text)
            parts.append(f"**{text}**" if item.bold else f"*{text}*" if item.italic else text)
        elif isinstance(item, FootnoteRef):
            parts.append(f"^[{_md_escape(notes[item.number].plain_text())}]")
    return "".join(parts)


def _md_table(table) -> str:
    header = "| " + " | ".join(_md_escape(c.header) for c in table.columns) + " |"
    rule = "|" + "|".join("---:" if c.numeric else "---" for c in table.columns) + "|"
    rows = [header, rule]
    for row in [*table.rows, *([table.total_row] if table.total_row else [])]:
        rows.append("| " + " | ".join(_md_escape(v) for v in row) + " |")
    return "\n".join(rows)


def to_markdown(document) -> str:
    """The same report as Pandoc Markdown: headings, paragraphs, inline notes, pipe tables."""
    from baocao.docmodel import Heading, PageBreak, Paragraph, Table

    notes = {n.number: n for n in document.footnotes}
    info = document.header
    out = [*(_md_escape(line) for line in info.issuer_lines), "", _md_escape(info.number_line), "",
           _md_escape(info.national_title), "", _md_escape(info.motto), "", _md_escape(info.date_line), "",
           f"**{_md_escape(info.doc_type)}**", "", f"**{_md_escape(info.summary)}**", ""]

    def blocks(items) -> None:
        for block in items:
            if isinstance(block, Heading):
                out.append("#" * min(block.level, 6) + " " + _md_escape(block.display_text()))
            elif isinstance(block, Paragraph):
                bullet = f"\\{block.bullet} " if block.bullet else ""
                out.append(bullet + _md_inlines(block.inlines, notes))
            elif isinstance(block, Table):
                out.append(_md_table(block))
            elif isinstance(block, PageBreak):
                out.append("\\newpage")
            out.append("")

    blocks(document.body)
    blocks(document.closing)
    out.extend([_md_escape(document.recipients.heading), ""])
    out.extend(f"\\- {_md_escape(e)}\n" for e in document.recipients.entries)
    out.extend([*(_md_escape(line) + "\n" for line in document.signature.authority_lines),
                f"**{_md_escape(document.signature.name)}**", ""])
    for appendix in document.appendices:
        out.extend([f"**{_md_escape(appendix.label)}**", "", f"**{_md_escape(appendix.title)}**", "",
                    f"*{_md_escape(appendix.attached_line)}*", ""])
        blocks(appendix.blocks)
    return "\n".join(out)


def to_blocks(document) -> list[dict]:
    """The same report as plain blocks for ``raw_ooxml.py``: headings, paragraphs (text + notes), tables."""
    from baocao.docmodel import FootnoteRef, Heading, Paragraph, Table, Text

    notes = {n.number: n for n in document.footnotes}
    info = document.header
    out: list[dict] = [{"kind": "paragraph", "parts": [line]} for line in
                       (*info.issuer_lines, info.number_line, info.national_title, info.motto, info.date_line,
                        info.doc_type, info.summary)]

    def blocks(items) -> None:
        for block in items:
            if isinstance(block, Heading):
                out.append({"kind": "heading", "text": block.display_text()})
            elif isinstance(block, Paragraph):
                parts: list = []
                for item in block.inlines:
                    if isinstance(item, Text):
                        parts.append(item.text)
                    elif isinstance(item, FootnoteRef):
                        parts.append({"note": notes[item.number].plain_text()})
                out.append({"kind": "paragraph", "parts": parts})
            elif isinstance(block, Table):
                rows = [[c.header for c in block.columns], *block.rows,
                        *([block.total_row] if block.total_row else [])]
                out.append({"kind": "table", "rows": [[str(v) for v in row] for row in rows]})

    blocks(document.body)
    blocks(document.closing)
    out.append({"kind": "paragraph", "parts": [document.recipients.heading]})
    out.extend({"kind": "paragraph", "parts": [e]} for e in document.recipients.entries)
    out.extend({"kind": "paragraph", "parts": [line]} for line in document.signature.authority_lines)
    out.append({"kind": "paragraph", "parts": [document.signature.name]})
    for appendix in document.appendices:
        out.extend({"kind": "paragraph", "parts": [t]} for t in (appendix.label, appendix.title, appendix.attached_line))
        blocks(appendix.blocks)
    return out
