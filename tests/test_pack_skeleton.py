"""Issue 10, must show: a pack with another province's skeleton, built only through the pack format.

Opening paragraph, "Phần thứ nhất/hai" at the top, Roman and Arabic levels,
"a." points, a run-in "Đánh giá chung:" paragraph with a footnote, a
numbered list of task paragraphs, an extra title-block line, a "Kính gửi"
line and a pack-specific signature — exported, then read back with
docx2python (headings and footnotes) and checked by the Open XML SDK
validator where it is installed.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from helpers import flatten, word_number_as_label

from baocao.docmodel import Heading, Paragraph
from baocao.model import Draft
from baocao.model.richtext import Note, Para, Span
from baocao.render import render_draft
from baocao.template import load_pack_dir
from baocao.writers.docx import write_docx
from baocao.writers.html import document_to_html

MANIFEST = r'''
[pack]
id = "bao-cao-tinh-khac"
name = "Báo cáo 6 tháng (khung Phần thứ nhất / Phần thứ hai)"
format = 2

[numbering]
levels = ["phan", "la-ma", "so", "chu-cham"]
paragraphs = "so"

[document]
summary = "Tình hình thực hiện nhiệm vụ {{ bc.ky }}"
title_lines = ["(Trình tại kỳ họp thứ Mười, HĐND tỉnh khóa X)"]
addressees = ["Thường trực HĐND tỉnh"]
closing_template = "ket-thuc.j2"
signature_patterns = { "TM." = ["TM. {body}", "CHỦ TỊCH"] }

[[sections]]
id = "mo-dau"
name = "Đoạn mở đầu"
template = "muc/mo-dau.j2"

[[sections]]
id = "phan-1"
title = "Kết quả thực hiện nhiệm vụ {{ bc.ky_khong_nam }}"

[[sections]]
id = "kinh-te"
parent = "phan-1"
title = "LĨNH VỰC KINH TẾ"

[[sections]]
id = "nong-nghiep"
parent = "kinh-te"
title = "Nông nghiệp"

[[sections]]
id = "trong-trot"
parent = "nong-nghiep"
title = "Trồng trọt"

[[sections]]
id = "chan-nuoi"
parent = "nong-nghiep"
title = "Chăn nuôi"

[[sections]]
id = "cong-nghiep"
parent = "kinh-te"
title = "Công nghiệp"

[[sections]]
id = "danh-gia-chung"
parent = "phan-1"
title = "Đánh giá chung:"
numbering = "chay-lien"

[[sections]]
id = "phan-2"
title = "Phương hướng, nhiệm vụ {{ bc.ky_tiep_theo }}"

[[sections]]
id = "nhiem-vu"
parent = "phan-2"
title = "NHIỆM VỤ TRỌNG TÂM"
template = "muc/nhiem-vu.j2"
'''

FILES = {
    "muc/mo-dau.j2": "<p>Thực hiện chỉ đạo của Thường trực Tỉnh ủy, {{ bc.co_quan_ngan }} báo cáo như sau:</p>\n{{ noi_dung }}",
    "muc/nhiem-vu.j2": "{{ noi_dung }}",
    "ket-thuc.j2": "<p>Trên đây là báo cáo của {{ bc.co_quan_ngan }}./.</p>",
}

HEADINGS = [
    "Phần thứ nhất\nKẾT QUẢ THỰC HIỆN NHIỆM VỤ 6 THÁNG ĐẦU NĂM",
    "I. LĨNH VỰC KINH TẾ",
    "1. Nông nghiệp",
    "a. Trồng trọt",
    "b. Chăn nuôi",
    "2. Công nghiệp",
    "Đánh giá chung:",
    "Phần thứ hai\nPHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026",
    "I. NHIỆM VỤ TRỌNG TÂM",
]
TASKS = ["Tập trung chỉ đạo thu ngân sách nhà nước.", "Đẩy nhanh giải ngân vốn đầu tư công.",
         "Triển khai chuyển đổi số trong cơ quan nhà nước."]


def _write(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "manifest.toml").write_text(textwrap.dedent(MANIFEST), encoding="utf-8")
    for name, text in FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def _draft() -> Draft:
    draft = Draft(template_id="bao-cao-tinh-khac")
    meta = draft.meta
    meta.locality, meta.place = "tỉnh Lâm Đồng", "Lâm Đồng"
    meta.period.year = 2026
    meta.signer.prefix, meta.signer.name = "TM.", "Nguyễn Văn A"
    draft.section("mo-dau").body = [Para.of("Kinh tế 6 tháng đầu năm tiếp tục phục hồi.")]
    draft.section("trong-trot").body = [Para.of("Diện tích gieo trồng đạt 101% kế hoạch.")]
    draft.section("chan-nuoi").body = [Para.of("Tổng đàn gia súc ổn định.")]
    draft.section("cong-nghiep").body = [Para.of("Chỉ số sản xuất công nghiệp tăng 8,2%.")]
    draft.section("danh-gia-chung").body = [
        Para([Span("công tác chỉ đạo, điều hành "), Span("kịp thời, quyết liệt", bold=True),
              Note.of("Đã ban hành 05 Chỉ thị và 12 Kế hoạch."), Span(", bám sát thực tiễn.")]),
        Para.of("Tuy nhiên, tiến độ giải ngân còn chậm."),
    ]
    draft.section("nhiem-vu").body = [Para([Span(t)], "number") for t in TASKS]
    return draft


@pytest.fixture
def skeleton(tmp_path):
    pack = load_pack_dir(_write(tmp_path / "bao-cao-tinh-khac"))
    draft = _draft()
    return pack, draft, render_draft(draft, pack)


def test_model_has_the_skeleton(skeleton):
    pack, _draft_, document = skeleton
    headings = document.headings()
    assert [h.display_text() if h.style != "phan" else f"{h.label}\n{h.title.upper()}" for h in headings] == HEADINGS
    opening = document.body[0]
    assert isinstance(opening, Paragraph) and opening.plain_text().startswith("Thực hiện chỉ đạo")
    run_in = next(h for h in headings if h.section_id == "danh-gia-chung")
    assert "kịp thời, quyết liệt" in "".join(getattr(i, "text", "") for i in run_in.inline)
    numbered = [b for b in document.body if isinstance(b, Paragraph) and b.numbered]
    assert [(b.bullet, b.plain_text()) for b in numbered] == [(f"{n}.", f"{n}. {t}") for n, t in enumerate(TASKS, 1)]
    assert document.header.title_lines == ["(Trình tại kỳ họp thứ Mười, HĐND tỉnh khóa X)"]
    assert document.header.addressees == ["Thường trực HĐND tỉnh"]
    assert document.signature.authority_lines == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert not any(isinstance(b, Heading) and not b.title for b in document.body)  # no empty heading


def test_exported_docx_read_back_by_docx2python(skeleton, tmp_path):
    from docx2python import docx2python
    from docx2python.iterators import iter_paragraphs

    pack, _d, document = skeleton
    out = tmp_path / "khung-khac.docx"
    write_docx(document, out, pack.reference_docx)
    with docx2python(out) as reader:
        paragraphs = list(iter_paragraphs(reader.document_pars))
        headings = [word_number_as_label(re.sub(r"----footnote\d+----", "", "".join(r.text for r in p.runs)))
                    for p in paragraphs if re.match(r"Heading\d", p.style or "")]
        body_text = [word_number_as_label(t) for t in flatten(reader.body) if t.strip()]
        notes = [t for t in flatten(reader.footnotes) if t.strip()]
    assert len(headings) == len(HEADINGS)
    for found, expected in zip(headings, HEADINGS, strict=True):
        assert found.startswith(expected.split("\n")[0])
        assert expected.split("\n")[-1] in found.upper() or expected.split("\n")[-1] in found
    run_in = headings[6]
    assert run_in.startswith("Đánh giá chung: công tác chỉ đạo, điều hành kịp thời, quyết liệt")
    assert any("Đã ban hành 05 Chỉ thị và 12 Kế hoạch." in n for n in notes)
    joined = "\n".join(body_text)
    for number, task in enumerate(TASKS, 1):
        assert f"{number}. {task}" in joined
    assert "(Trình tại kỳ họp thứ Mười, HĐND tỉnh khóa X)" in joined
    assert "Kính gửi: Thường trực HĐND tỉnh" in joined
    first_body = next(t for t in body_text if t.startswith("Thực hiện chỉ đạo"))
    assert body_text.index(first_body) < body_text.index(next(t for t in body_text if t.startswith("Phần thứ nhất")))


def test_exported_docx_is_valid_ooxml(skeleton, tmp_path):
    from ooxml_support import validate_docx

    pack, _d, document = skeleton
    out = tmp_path / "khung-khac.docx"
    write_docx(document, out, pack.reference_docx)
    assert validate_docx(out) == []


def test_preview_html_shows_the_same(skeleton):
    _p, _d, document = skeleton
    html = document_to_html(document)
    assert "Đánh giá chung:" in html and "(Trình tại kỳ họp thứ Mười" in html
    assert "3. Triển khai chuyển đổi số" in html
    assert "Phần thứ hai<br/>" in html


def test_forced_line_break_in_a_title(tmp_path):
    root = _write(tmp_path / "p")
    text = (root / "manifest.toml").read_text(encoding="utf-8")
    text = text.replace('title = "NHIỆM VỤ TRỌNG TÂM"', 'title = "NHIỆM VỤ TRỌNG TÂM\\nNĂM {{ bc.nam_tiep_theo }}"')
    (root / "manifest.toml").write_text(text, encoding="utf-8")
    document = render_draft(_draft(), load_pack_dir(root))
    heading = document.headings()[-1]
    assert heading.title == "NHIỆM VỤ TRỌNG TÂM\nNĂM 2026"
    out = tmp_path / "br.docx"
    write_docx(document, out)
    import zipfile

    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert re.search(r"NHIỆM VỤ TRỌNG TÂM</w:t><w:br/><w:t[^>]*>NĂM 2026", xml)


def test_text_of_removed_or_renamed_sections_is_never_dropped(skeleton):
    pack, draft, _doc = skeleton
    from baocao.model.draft import SectionData

    draft.sections["muc-cu-da-bo"] = SectionData(body=[Para([Span("Đoạn viết theo mẫu cũ"), Note.of("ghi chú cũ")])],
                                                  fields={"tong": 12})
    document = render_draft(draft, pack)
    headings = document.headings()
    assert headings[-1].title == "NỘI DUNG CHƯA XẾP MỤC"
    texts = [b.plain_text() for b in document.body if isinstance(b, Paragraph)]
    assert "Đoạn viết theo mẫu cũ" in texts and any("muc-cu-da-bo" in t for t in texts)
    assert any(n.plain_text() == "ghi chú cũ" for n in document.footnotes)
    assert "Đoạn viết theo mẫu cũ" in document_to_html(document)
