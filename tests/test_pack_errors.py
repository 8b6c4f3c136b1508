"""Issue 10, gap 7: every bad-pack case is an error that points at the file and the line."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from helpers import run_cli

from baocao.errors import TemplateError
from baocao.model import Draft
from baocao.render import render_draft
from baocao.template import load_pack_dir
from baocao.template.validate import check_pack_dir

GOOD = """\
[pack]
id = "mau-thu"
name = "Mẫu thử"

[[sections]]
id = "mot"
title = "Một"
template = "mot.j2"

  [[sections.fields]]
  key = "tong"
  label = "Tổng"
  type = "integer"
"""


def _pack(root: Path, manifest: str = GOOD, template: str = "<p>{{ truong.tong | so }}</p>") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "manifest.toml").write_text(textwrap.dedent(manifest), encoding="utf-8")
    (root / "mot.j2").write_text(template, encoding="utf-8")
    return root


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("broken, needle, words", [
    (GOOD.replace('name = "Mẫu thử"', 'name = "Mẫu thử'), 'name = "Mẫu thử', "cú pháp TOML"),
    (GOOD.replace('title = "Một"', 'title "Một"'), 'title "Một"', "cú pháp TOML"),
])
def test_toml_syntax_error_has_line_and_column(tmp_path, broken, needle, words):
    root = _pack(tmp_path / "p", broken)
    with pytest.raises(TemplateError) as info:
        load_pack_dir(root)
    err = info.value
    assert words in err.message and err.location.line == _line(broken, needle)
    assert err.location.column is not None and f"cột {err.location.column}" in err.user_text()


@pytest.mark.parametrize("change, needle, words", [
    (('title = "Một"', 'tittle = "Một"'), "tittle", "khóa không hợp lệ: tittle"),
    (('type = "integer"', 'type = "so-nguyen"'), 'type = "so-nguyen"', "không hợp lệ"),
    (('title = "Một"', 'title = "Một"\nrequired = "co"'), 'required = "co"', "true hoặc false"),
    (('title = "Một"', 'title = "Một"\nnumbering = "la-mã"'), 'numbering = "la-mã"', "Kiểu đánh số"),
    (('title = "Một"', 'title = "Một"\nparent = "khong-co"'), 'parent = "khong-co"', "Mục cha"),
    (('name = "Mẫu thử"', 'name = "Mẫu thử"\nguidance = "x"'), 'guidance = "x"', "[pack] có khóa không hợp lệ"),
    (('title = "Một"', 'title = ""\nrun_in = true'), "run_in", "chạy liền"),
])
def test_manifest_mistakes_point_at_their_line(tmp_path, change, needle, words):
    text = GOOD.replace(*change)
    root = _pack(tmp_path / "p", text)
    with pytest.raises(TemplateError) as info:
        load_pack_dir(root)
    assert words in info.value.message
    assert info.value.location.line == _line(text, needle), info.value.user_text()


def test_unknown_top_level_table_is_named_with_its_line(tmp_path):
    text = GOOD + "\n[documnet]\nmotto = \"x\"\n"
    root = _pack(tmp_path / "p", text)
    with pytest.raises(TemplateError) as info:
        load_pack_dir(root)
    assert "[documnet]" in info.value.message and info.value.location.line == _line(text, "[documnet]")


@pytest.mark.parametrize("template, words", [
    ("<p>a</p>\n<p>{{ truong.tongg | so }}</p>", "không có trường «tongg»"),
    ("<p>a</p>\n<p>{{ bc.ky_sau }}</p>", "ky_sau"),
    ("<p>a</p>\n<p>{{ khong_co_ten }}</p>", "khong_co_ten"),
    ("<p>a</p>\n<p>{{ bc }}</p>", "đối tượng"),
    ("<p>a</p>\n<p>{% if truong.co('tongg') %}x{% endif %}</p>", "tongg"),
])
def test_unknown_variable_or_misspelt_field_is_an_error_with_its_line(tmp_path, template, words):
    root = _pack(tmp_path / "p", template=template)
    pack = load_pack_dir(root)
    with pytest.raises(TemplateError) as info:
        render_draft(Draft(template_id=pack.id), pack)
    assert words in info.value.user_text()
    assert info.value.location.line == 2
    assert "object" not in info.value.message and "MetaView" not in info.value.message


def test_check_finds_errors_in_branches_an_empty_draft_skips(tmp_path):
    root = _pack(tmp_path / "p", template="{% if truong.co('tong') %}\n<p>{{ truong.tong | sooo }}</p>\n{% endif %}")
    report = check_pack_dir(root)
    assert not report.ok
    assert any("sooo" in e.message for e in report.errors)


def test_check_lists_every_broken_section(tmp_path):
    text = GOOD + '\n[[sections]]\nid = "hai"\ntitle = "Hai {{ bc.khong }}"\n'
    root = _pack(tmp_path / "p", text, template="<p>{{ truong.x }}</p>")
    report = check_pack_dir(root)
    assert {e.location.section for e in report.errors} == {"mot", "hai"}


def test_cli_lists_a_broken_pack_with_its_reason(tmp_path):
    user = tmp_path / "mau"
    _pack(user / "hong", GOOD.replace('id = "mau-thu"', 'id = "mau-hong"').replace('title = "Một"', 'title = "Một'))
    result = run_cli("templates", env={"BAOCAO_TEMPLATES": str(user)})
    assert result.returncode == 1
    line = next(l for l in result.stdout.splitlines() if l.startswith("hong"))
    assert "LỖI" in line and "cú pháp TOML" in line and "dòng 7" in line and "cột" in line
    assert "bao-cao-6-thang" in result.stdout and "bao-cao-nam" in result.stdout


def test_a_draft_of_a_broken_pack_says_why_instead_of_unknown_pack(tmp_path):
    user = tmp_path / "mau"
    _pack(user / "mau-thu", GOOD.replace('title = "Một"', 'title = "Một'))
    draft = tmp_path / "b.json"
    from baocao.storage import save_json_draft

    save_json_draft(Draft(template_id="mau-thu"), draft)
    result = run_cli("check", str(draft), env={"BAOCAO_TEMPLATES": str(user)})
    assert result.returncode == 2
    assert "cú pháp TOML" in result.stderr and "không có mẫu báo cáo" not in result.stderr.lower()


def test_cli_templates_check(tmp_path):
    good = _pack(tmp_path / "tot")
    bad = _pack(tmp_path / "xau", template="<p>\n{{ truong.tongg }}</p>")
    ok = run_cli("templates", "check", str(good))
    assert ok.returncode == 0 and "không có lỗi" in ok.stdout
    ko = run_cli("templates", "check", str(bad))
    assert ko.returncode == 1 and "tongg" in ko.stdout and "dòng 2" in ko.stdout
    for pack_id in ("bao-cao-6-thang", "bao-cao-nam"):
        assert run_cli("templates", "check", pack_id).returncode == 0


def test_baocao_check_renders_the_drafts_pack(tmp_path):
    user = tmp_path / "mau"
    _pack(user / "mau-thu", template="<p>a</p>\n<p>{{ truong.tongg }}</p>")
    draft = tmp_path / "b.json"
    from baocao.storage import save_json_draft

    save_json_draft(Draft(template_id="mau-thu"), draft)
    result = run_cli("check", str(draft), env={"BAOCAO_TEMPLATES": str(user)})
    assert result.returncode == 1
    assert "LỖI MẪU" in result.stdout and "tongg" in result.stdout and "dòng 2" in result.stdout


def test_every_manifest_key_is_documented():
    from dataclasses import fields

    from baocao.docmodel import PageSetup
    from baocao.template import manifest as m

    readme = (Path(__file__).resolve().parent.parent / "templates" / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", readme))
    keys = set(m.PACK_KEYS) | {"levels", "paragraphs"}
    for cls in (m.SectionSpec, m.FieldSpec, m.CheckSpec, m.ColumnSpec, m.TableSpec, m.AppendixSpec, m.DocumentSpec,
                PageSetup):
        keys |= {f.name for f in fields(cls) if f.name not in m._COMPUTED}
    missing = sorted(k for k in keys if k not in documented)
    assert not missing, f"undocumented manifest keys: {missing}"


def test_every_period_variable_is_documented_and_never_prints_none_or_a_code():
    from baocao.constants import PeriodKind
    from baocao.render.period_words import PERIOD_VARIABLES, period_variables

    readme = (Path(__file__).resolve().parent.parent / "templates" / "README.md").read_text(encoding="utf-8")
    for name in PERIOD_VARIABLES:
        assert f"bc.{name}" in readme, name
    for kind in PeriodKind:
        for quarter in (None, 1, 2, 4):
            values = period_variables(kind, 2026, quarter if kind is PeriodKind.QUARTER else None)
            assert set(values) == set(PERIOD_VARIABLES)
            for value in values.values():
                assert value is not None and str(value) not in {k.value for k in PeriodKind} and "None" not in str(value)
    q2 = period_variables(PeriodKind.QUARTER, 2026, 2)
    assert (q2["ky_khong_nam"], q2["ten_quy"], q2["ky_tiep_theo"], q2["ky_truoc"]) == (
        "quý II", "quý II", "quý III năm 2026", "quý I năm 2026")
    half = period_variables(PeriodKind.FIRST_HALF, 2026, None)
    assert (half["ky_khong_nam"], half["nam"], half["quy"], half["loai_ky"]) == ("6 tháng đầu năm", 2026, "", "6 tháng")
    year = period_variables(PeriodKind.WHOLE_YEAR, 2026, None)
    assert (year["ky_tiep_theo"], year["nam_tiep_theo"]) == ("năm 2027", 2027)


def test_printing_an_empty_value_never_shows_none(tmp_path):
    root = _pack(tmp_path / "p", template="<p>[{{ bc.co_quan_chu_quan }}][{{ truong.tong }}][{{ bc.quy }}]</p>")
    pack = load_pack_dir(root)
    document = render_draft(Draft(template_id=pack.id), pack)
    text = document.body[1].plain_text()
    assert "None" not in text and text == "[][][]"
