"""The pack editor's model: section tree changes through the format, comments kept, undoable snapshots."""

from __future__ import annotations

import tomllib

import pytest

from baocao.errors import TemplateError
from baocao.paths import templates_dir
from baocao.render.worker import pack_texts
from baocao.template.pack_edit import PackDraft, variables_for


@pytest.fixture
def draft() -> PackDraft:
    return PackDraft(pack_texts(templates_dir() / "bao-cao-nam"))


def _ids(d: PackDraft) -> list[tuple[str, str | None]]:
    return [(r.id, r.parent) for r in d.sections()]


def test_add_remove_reorder_nest(draft):
    d = draft.add_section("moi", "Mục mới", after="chi-dao-cap-tren")
    ids = [i for i, _ in _ids(d)]
    assert ids[ids.index("chi-dao-cap-tren") + 1] == "moi" and dict(_ids(d))["moi"] == "ket-qua"
    d = d.move_section("moi", -1)
    ids = [i for i, _ in _ids(d)]
    assert ids.index("moi") < ids.index("chi-dao-cap-tren")
    d = d.indent_section("theo-linh-vuc")          # becomes the last child of chi-dao-cap-tren
    assert dict(_ids(d))["theo-linh-vuc"] == "chi-dao-cap-tren"
    ids = [i for i, _ in _ids(d)]
    assert ids.index("kinh-te") > ids.index("theo-linh-vuc")        # its subtree moved with it
    d = d.outdent_section("theo-linh-vuc")
    assert dict(_ids(d))["theo-linh-vuc"] == "ket-qua"
    d = d.remove_section("van-hoa-xa-hoi")
    assert not {"van-hoa-xa-hoi", "giao-duc", "y-te", "an-sinh"} & set(dict(_ids(d)))
    tomllib.loads(d.files["manifest.toml"])                          # still valid TOML
    assert "# Mẫu báo cáo công tác chỉ đạo, điều hành năm" in d.files["manifest.toml"]   # comments kept
    assert draft.files == PackDraft(pack_texts(templates_dir() / "bao-cao-nam")).files   # snapshots unchanged


def test_section_keys_and_template(draft):
    d = draft.set_section("kinh-te", title="Về kinh tế", run_in=True, numbering="chu-ngoac", required=False)
    values = d.section_values("kinh-te")
    assert values["title"] == "Về kinh tế" and values["run_in"] is True and "required" not in values
    d, name = d.ensure_template("kinh-te")
    assert name == "muc/kinh-te.j2" and d.files[name] == "{{ noi_dung }}\n"
    d = d.set_fields("kinh-te", [{"key": "tang_truong", "label": "Tăng trưởng (%)", "type": "decimal", "required": True}])
    assert d.section_values("kinh-te")["fields"][0]["key"] == "tang_truong"
    d = d.set_numbering(["phan", "la-ma", "so", "chu-ngoac"])
    assert d.numbering_levels()[-1] == "chu-ngoac"


def test_bad_ids_and_broken_toml_are_refused(draft):
    with pytest.raises(TemplateError):
        draft.add_section("Mục Mới", "x")
    with pytest.raises(TemplateError):
        draft.add_section("kinh-te", "x")
    broken = draft.with_file("manifest.toml", draft.files["manifest.toml"].replace('id = "mo-dau"', 'id = "mo-dau'))
    with pytest.raises(TemplateError) as info:
        broken.sections()
    assert info.value.location.line and info.value.location.column


def test_variables_list_names_the_fields_and_period_words():
    names = dict(variables_for("x", ["tong"]))
    assert "truong.tong" in names and "bc.ky_khong_nam" in names and "noi_dung" in names
