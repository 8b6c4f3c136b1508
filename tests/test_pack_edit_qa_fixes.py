"""QA findings, headless: where a section's guidance lives (manifest or huong-dan.toml) and how an edit is
written back; tomllib's syntax errors in Vietnamese; a worker stopped on time names the template it was filling."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from baocao.errors import TemplateError
from baocao.render.worker import pack_texts, render_in_worker, timeout_error
from baocao.template.manifest import MANIFEST_NAME
from baocao.template.pack_edit import PackDraft
from baocao.template.registry import find_pack_dir
from baocao.template.toml_messages import TOML_REASONS, vietnamese_reason
from baocao.template.toml_source import parse_toml_text
from baocao.ui.packs.guidance_source import (IN_MANIFEST, apply_section_values, guidance_file, section_guidance,
                                             set_guidance)

GUIDE = "huong-dan.toml"


@pytest.fixture(scope="module")
def annual() -> PackDraft:
    return PackDraft(pack_texts(find_pack_dir("bao-cao-nam")))


def _section(draft: PackDraft, section_id: str) -> dict:
    return next(s for s in tomllib.loads(draft.files[MANIFEST_NAME])["sections"] if s["id"] == section_id)


# ------------------------------------------------------------------ guidance
def test_guidance_comes_from_the_guidance_file_the_manifest_names(annual):
    assert guidance_file(annual) == GUIDE
    expected = tomllib.loads(annual.files[GUIDE])["kinh-te"]["guidance"].strip()
    assert section_guidance(annual, "kinh-te") == (expected, GUIDE)
    assert section_guidance(annual, "y-te") == ("", GUIDE)         # no entry yet: a new one goes to the file


def test_an_edit_is_written_to_the_guidance_file_keeping_its_comments_and_other_keys(annual):
    before = tomllib.loads(annual.files[GUIDE])["kinh-te"]
    after = set_guidance(annual, "kinh-te", "Dòng một.\nDòng hai.")
    table = tomllib.loads(after.files[GUIDE])
    assert table["kinh-te"]["guidance"] == "Dòng một.\nDòng hai."
    assert {k: v for k, v in table["kinh-te"].items() if k != "guidance"} == \
        {k: v for k, v in before.items() if k != "guidance"}
    assert after.files[MANIFEST_NAME] == annual.files[MANIFEST_NAME]
    assert after.files[GUIDE].splitlines()[0] == annual.files[GUIDE].splitlines()[0]     # the file's comment
    assert section_guidance(after, "kinh-te") == ("Dòng một.\nDòng hai.", GUIDE)
    # a section without an entry gets one; an empty text removes the key again
    added = set_guidance(annual, "y-te", 'Có "ngoặc kép" và \\ gạch.')
    assert tomllib.loads(added.files[GUIDE])["y-te"]["guidance"] == 'Có "ngoặc kép" và \\ gạch.'
    removed = set_guidance(added, "y-te", "")
    assert "guidance" not in tomllib.loads(removed.files[GUIDE])["y-te"]


def test_the_manifest_guidance_wins_and_is_edited_in_the_manifest(annual):
    own = annual.set_section("kinh-te", guidance="Của manifest.")
    assert section_guidance(own, "kinh-te") == ("Của manifest.", IN_MANIFEST)
    edited = set_guidance(own, "kinh-te", "Sửa trong manifest.")
    assert _section(edited, "kinh-te")["guidance"] == "Sửa trong manifest."
    assert edited.files[GUIDE] == annual.files[GUIDE]


def test_a_pack_without_a_guidance_file_keeps_guidance_in_the_manifest(annual):
    files = {k: v for k, v in annual.files.items() if k != GUIDE}
    bare = PackDraft(files)
    assert guidance_file(bare) is None
    assert section_guidance(bare, "kinh-te") == ("", IN_MANIFEST)
    after = apply_section_values(bare, "kinh-te", {"guidance": "Mới.", "omit_if_empty": True})
    section = _section(after, "kinh-te")
    assert section["guidance"] == "Mới." and section["omit_if_empty"] is True


def test_a_broken_guidance_file_is_reported_not_overwritten(annual):
    broken = annual.with_file(GUIDE, annual.files[GUIDE] + "\n[\"y-te\"\nguidance = 1\n")
    with pytest.raises(TemplateError) as caught:
        set_guidance(broken, "y-te", "x")
    assert GUIDE in caught.value.message and caught.value.location.line is not None


# ------------------------------------------------------------------ TOML messages
@pytest.mark.parametrize("text, expected, line", [
    ("tieu_de = [lỗi\n", "giá trị viết sai", 1),
    ("a = 1\nb\n", "thiếu dấu «=»", 2),
    ("a = [1, 2\n", "chưa có dấu «]» đóng", 2),
    ('a = "x\n', "chưa có dấu ngoặc kép đóng", 1),
    ("a = 1\na = 2\n", "đã có giá trị", 2),
    ("[x]\n[x]\n", "bảng «x» được khai báo hai lần", 2),
    ("a = {b = 1\n", "bảng { … } chưa có dấu «}» đóng", 1),
    ('a = 1 "b"\n', "chữ thừa", 1),
])
def test_toml_syntax_errors_read_in_vietnamese_with_line_and_column(text, expected, line):
    with pytest.raises(TemplateError) as caught:
        parse_toml_text(text, Path("manifest.toml"))
    error = caught.value
    assert expected in error.message and "cú pháp TOML" in error.message
    assert "(" not in error.message.split("TOML", 1)[1][:2]          # no English reason in parentheses
    assert error.location.line == line and error.location.column


def test_every_reason_of_the_table_is_one_tomllib_really_says():
    """The table's patterns start with words tomllib's parser really uses (a typo would never match)."""
    import re

    source = Path(tomllib.__file__).with_name("_parser.py").read_text(encoding="utf-8")
    for pattern, _text in TOML_REASONS:
        words = re.split(r"[(\\']", pattern)[0].strip()
        assert words and words in source, pattern


def test_an_unknown_reason_stays_in_parentheses():
    assert vietnamese_reason("Something new") == "(Something new)"


# ------------------------------------------------------------------ time limit
def test_timeout_message_names_the_template_and_section_and_says_what_to_look_for():
    error = timeout_error("chi-dao-cap-tren\tmuc/chi-dao-cap-tren.j2", 10, {"muc/chi-dao-cap-tren.j2": ""})
    assert "«muc/chi-dao-cap-tren.j2»" in error.message
    assert "10 giây" in error.message
    assert "range(10**9)" in error.hint and "macro" in error.hint
    assert error.file == "muc/chi-dao-cap-tren.j2" and error.section == "chi-dao-cap-tren"
    built_in = timeout_error("kinh-te\t_mac-dinh.j2", 10, {"manifest.toml": ""})
    assert built_in.file is None and built_in.section == "kinh-te" and "_mac-dinh.j2" in built_in.message
    nothing = timeout_error("", 10, {})
    assert nothing.message == "Mẫu báo cáo chạy quá 10 giây nên đã bị dừng." and nothing.hint


def test_a_worker_stopped_on_time_names_the_template_it_was_filling(annual):
    name = "muc/chi-dao-cap-tren.j2"
    slow = ("{% for i in range(100000) %}{% for j in range(100000) %}{% set x = range(300)|sum %}"
            "{% endfor %}{% endfor %}")
    files = dict(annual.files)
    files[name] = files[name] + slow
    result = render_in_worker(files, None, timeout=8.0)
    assert len(result.errors) == 1
    error = result.errors[0]
    assert "chạy quá 8 giây" in error.message and f"«{name}»" in error.message, error.message
    assert error.file == name and error.section == "chi-dao-cap-tren"
    assert "range(10**9)" in error.hint
