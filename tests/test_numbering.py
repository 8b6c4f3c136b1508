"""Heading labels resolved in the document model from the pack's numbering styles."""

from baocao.model import Draft
from baocao.model.serialize import parse_shorthand
from baocao.render import render_draft

PART_SKELETON = """
[pack]
id = "thu-phan"
name = "Khung Phần thứ"

[numbering]
levels = ["phan", "la-ma", "chu-cham"]

[[sections]]
id = "p1"
title = "Kết quả"

[[sections]]
id = "p1-i"
parent = "p1"
title = "Lĩnh vực kinh tế"

{points}

[[sections]]
id = "p1-ii"
parent = "p1"
title = "Lĩnh vực xã hội"

[[sections]]
id = "danh-gia"
parent = "p1"
title = "Đánh giá chung"
numbered = false

[[sections]]
id = "p2"
title = "Nhiệm vụ"

[[sections]]
id = "p3"
title = "Kiến nghị"
omit_if_empty = true

[[sections]]
id = "p4"
title = "Tổ chức thực hiện"
"""


def _points(count):
    return "\n".join(f'[[sections]]\nid = "d{i}"\nparent = "p1-i"\ntitle = "Điểm {i}"\n' for i in range(1, count + 1))


def test_part_roman_and_letter_dot_labels(make_pack):
    pack = make_pack(PART_SKELETON.format(points=_points(7)))
    doc = render_draft(Draft(template_id=pack.id), pack)
    labels = [(h.level, h.label, h.title) for h in doc.headings()]
    assert labels[0] == (1, "Phần thứ nhất", "Kết quả")
    assert labels[1] == (2, "I.", "Lĩnh vực kinh tế")
    assert [label for level, label, _ in labels if level == 3] == ["a.", "b.", "c.", "d.", "đ.", "e.", "g."]
    assert (2, "II.", "Lĩnh vực xã hội") in labels
    assert (2, "", "Đánh giá chung") in labels          # numbered = false: no label, no number used
    tops = [label for level, label, _ in labels if level == 1]
    # p3 is empty and omit_if_empty: skipped, and it does not use up "Phần thứ ba".
    assert tops == ["Phần thứ nhất", "Phần thứ hai", "Phần thứ ba"]
    assert "Kiến nghị" not in [t for _, _, t in labels]


def test_omitted_section_appears_once_it_has_content(make_pack):
    pack = make_pack(PART_SKELETON.format(points=""))
    draft = Draft(template_id=pack.id)
    draft.section("p3").body = [parse_shorthand("Kiến nghị Chính phủ hỗ trợ vốn.")]
    labels = [(h.label, h.title) for h in render_draft(draft, pack).headings() if h.level == 1]
    assert labels == [("Phần thứ nhất", "Kết quả"), ("Phần thứ hai", "Nhiệm vụ"), ("Phần thứ ba", "Kiến nghị"),
                      ("Phần thứ tư", "Tổ chức thực hiện")]


def test_builtin_pack_numbering_matches_the_standard_report(pack, sample_document):
    labels = [(h.label, h.section_id) for h in sample_document.headings()]
    assert labels[:3] == [("I.", "ket-qua"), ("1.", "chi-dao-cap-tren"), ("a)", "nhiem-vu-cap-tren")]
    fields = [label for label, sid in labels if pack.section(sid).parent == "chi-dao-theo-linh-vuc"]
    assert fields == ["a)", "b)", "c)", "d)", "đ)", "e)"]
    assert [label for label, sid in labels if pack.section(sid).level == 1] == ["I.", "II.", "III."]


def test_item_bullets_dash_and_plus(pack):
    draft = Draft()
    draft.section("uu-diem").body = [parse_shorthand("- Một"), parse_shorthand("+ Hai"), parse_shorthand("Ba")]
    paragraphs = [b for b in render_draft(draft, pack).body if getattr(b, "section_id", None) == "uu-diem"
                  and not hasattr(b, "label")]
    assert [(p.bullet, p.plain_text()) for p in paragraphs] == [("-", "- Một"), ("+", "+ Hai"), (None, "Ba")]
