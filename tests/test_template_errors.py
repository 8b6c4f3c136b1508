"""A maintainer's mistakes in a pack are reported with file, section and line."""

import pytest

from baocao.errors import TemplateError
from baocao.model import Draft
from baocao.render import render_draft
from baocao.template import load_pack, load_pack_dir

MINIMAL = """
[pack]
id = "nho"
name = "Mẫu nhỏ"

[[sections]]
id = "mot"
title = "Một"
template = "mot.j2"
"""


def _render(pack):
    return render_draft(Draft(template_id=pack.id), pack)


def test_unknown_template_id_lists_the_known_ones():
    with pytest.raises(TemplateError) as info:
        load_pack("khong-co-mau-nay")
    assert "khong-co-mau-nay" in info.value.message
    assert "bao-cao-6-thang" in info.value.hint


def test_jinja_syntax_error_names_file_and_line(make_pack):
    pack = make_pack(MINIMAL, {"mot.j2": "<p>dòng một</p>\n<p>{% if bc.ky %}chưa đóng</p>\n"})
    with pytest.raises(TemplateError) as info:
        _render(pack)
    err = info.value
    assert "mot.j2" in err.location.file and err.location.section == "mot"
    assert err.location.line is not None
    assert "cú pháp Jinja" in err.message


def test_undefined_name_names_the_line(make_pack):
    pack = make_pack(MINIMAL, {"mot.j2": "<p>a</p>\n<p>b</p>\n<p>{{ bc.khong_co.x }}</p>\n"})
    with pytest.raises(TemplateError) as info:
        _render(pack)
    assert info.value.location.line == 3
    assert "chưa được định nghĩa" in info.value.message


def test_broken_markup_is_reported(make_pack):
    pack = make_pack(MINIMAL, {"mot.j2": "<p>mở mà không đóng\n"})
    with pytest.raises(TemplateError) as info:
        _render(pack)
    assert "sai cú pháp thẻ" in info.value.message


@pytest.mark.parametrize("body, words", [
    ("<p>a</p> chữ trôi", "ngoài đoạn văn"),
    ("<div>x</div>", "không được hỗ trợ"),
    ("<p><p>x</p></p>", "nằm trong một đoạn văn"),
    ('<table id="khong-co"/>', "bảng không có"),
    ('<p><fnref key="x"/></p>', "chú thích chưa có"),
])
def test_invalid_markup_vocabulary(make_pack, body, words):
    pack = make_pack(MINIMAL, {"mot.j2": body})
    with pytest.raises(TemplateError) as info:
        _render(pack)
    assert words in info.value.message


def test_missing_template_file(make_pack):
    pack = make_pack(MINIMAL)
    with pytest.raises(TemplateError) as info:
        _render(pack)
    assert "không tìm thấy tệp mẫu" in info.value.message


def test_toml_syntax_error_has_a_line(tmp_path):
    (tmp_path / "manifest.toml").write_text('[pack]\nid = "x"\nname = "chưa đóng\n', encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_pack_dir(tmp_path)
    assert info.value.location.line == 3


@pytest.mark.parametrize("extra, words", [
    ('[[sections]]\nid = "hai"\nparent = "khong-co"\ntitle = "x"\n', "Mục cha"),
    ('[[sections]]\nid = "mot"\ntitle = "trùng"\n', "bị trùng"),
    ('[[sections]]\nid = "Hai Ba"\ntitle = "x"\n', "không hợp lệ"),
    ('[[sections]]\nid = "hai"\ntitle = "x"\ntieu_de = "sai khóa"\n', "khóa không hợp lệ"),
    ('[[sections]]\nid = "hai"\ntitle = "x"\n[[sections.fields]]\nkey = "a"\nlabel = "A"\ntype = "tien"\n', "kiểu"),
    ('[numbering]\nlevels = ["la-ma", "abc"]\n', "Kiểu đánh số"),
])
def test_manifest_mistakes(make_pack, extra, words):
    with pytest.raises(TemplateError) as info:
        make_pack(MINIMAL + extra, {"mot.j2": "{{ noi_dung }}"})
    assert words in info.value.message
    assert info.value.location.file.endswith("manifest.toml")


def test_user_pack_overrides_builtin(builtin_pack_copy, monkeypatch):
    manifest = builtin_pack_copy / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(
        'title = "Ưu điểm"', 'title = "Những mặt làm được"'), encoding="utf-8")
    monkeypatch.setenv("BAOCAO_TEMPLATES", str(builtin_pack_copy.parent))
    pack = load_pack("bao-cao-6-thang")
    assert pack.section("uu-diem").title == "Những mặt làm được"
