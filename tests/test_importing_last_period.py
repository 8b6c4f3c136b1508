"""A new draft from the last period (baocao.importing.last_period, checklist) and ``baocao new --from``."""

from __future__ import annotations

import copy

import pytest
from helpers import run_cli

from baocao.constants import PeriodKind
from baocao.importing.checklist import checklist, plan_sections, toggled
from baocao.importing.constants import CHECKLIST_EXTRA
from baocao.importing.last_period import draft_from_previous, next_period
from baocao.model.draft import Period
from baocao.samples import load_sample
from baocao.template import load_pack

H, Y, Q = PeriodKind.FIRST_HALF, PeriodKind.WHOLE_YEAR, PeriodKind.QUARTER


@pytest.mark.parametrize("previous, kind, expected", [
    (Period(H, 2026), H, Period(H, 2027)),
    (Period(H, 2026), Y, Period(Y, 2026)),          # 6 tháng đầu năm N → cả năm N (a whole-year pack)
    (Period(Y, 2026), Y, Period(Y, 2027)),
    (Period(Y, 2026), H, Period(H, 2027)),
    (Period(Q, 2026, 4), Q, Period(Q, 2027, 1)),
    (Period(Q, 2026, 2), Q, Period(Q, 2026, 3)),
    (Period(H, 2026), Q, Period(Q, 2026, 3)),
])
def test_next_period_by_the_packs_kind(previous, kind, expected):
    assert next_period(previous, kind) == expected


@pytest.fixture
def previous():
    """The sample with a register and a dictionary of its own, as standing data."""
    draft = load_sample()
    draft.extras["van-ban"] = {"documents": [{"id": "vb1", "type": "Quyết định", "number": "42/QĐ-UBND"}]}
    draft.extras["kiem-tra"] = {"bo-qua": ["x"], "tu-dien": ["Krông"]}
    return draft


def test_new_draft_keeps_standing_data_and_clears_the_period(previous):
    pack = load_pack(previous.template_id)
    before = copy.deepcopy(previous)
    draft, report = draft_from_previous(previous, pack)
    assert previous == before                                        # the old draft is not touched
    assert draft.meta.period == Period(H, 2022)
    meta, old = draft.meta, previous.meta
    assert (meta.body, meta.locality, meta.place, meta.signer, meta.recipients) == \
        (old.body, old.locality, old.place, old.signer, old.recipients)
    assert meta.number == "" and meta.issue_date is None and meta.is_draft
    assert set(draft.sections) == {s.id for s in pack.sections}     # the structure of the pack
    assert all(data.is_empty() for data in draft.sections.values())
    assert draft.extras["van-ban"] == previous.extras["van-ban"]
    assert draft.extras["kiem-tra"] == {"tu-dien": ["Krông"]}        # dismissed findings belong to the old text
    assert "gop-y" not in draft.extras
    units = [r["don_vi"] for r in draft.tables["nhiem-vu-theo-don-vi"]]
    assert units == [r["don_vi"] for r in previous.tables["nhiem-vu-theo-don-vi"]]
    assert all(set(r) == {"don_vi"} for r in draft.tables["nhiem-vu-theo-don-vi"])     # figures cleared
    text = "\n".join(report.describe())
    assert "danh mục văn bản" in text and "6 tháng đầu năm 2021 → 6 tháng đầu năm 2022" in text


def test_the_old_plans_become_the_checklist(previous):
    pack = load_pack(previous.template_id)
    assert plan_sections(pack, previous) == ["phuong-huong", "muc-tieu", "nhiem-vu-cu-the"]
    draft, report = draft_from_previous(previous, pack)
    items = checklist(draft)["items"]
    expected = [p.plain_text() for sid in ("muc-tieu", "nhiem-vu-cu-the") for p in previous.sections[sid].body]
    assert [i["text"] for i in items] == [" ".join(t.split()) for t in expected]
    assert {i["group"] for i in items} == {"Mục tiêu tổng quát", "Nhiệm vụ cụ thể"}
    assert not any(i["done"] for i in items) and report.checklist == len(items)
    assert checklist(draft)["from"] == "6 tháng đầu năm 2021"


def test_ticking_an_item_is_an_undoable_edit_that_never_changes_the_stored_value(previous):
    pack = load_pack(previous.template_id)
    draft, _ = draft_from_previous(previous, pack)
    stored = draft.extras[CHECKLIST_EXTRA]
    snapshot = copy.deepcopy(stored)
    edit = toggled(draft, "v2", True)
    assert stored == snapshot                                        # copied, not changed in place
    edit.apply(draft)
    assert [i["done"] for i in checklist(draft)["items"]][:3] == [False, True, False]
    assert toggled(draft, "v2", True) is None and toggled(draft, "khong-co", True) is None
    edit.revert(draft)
    assert draft.extras[CHECKLIST_EXTRA] == snapshot


def test_the_annual_pack_finds_its_plans_by_id_or_title():
    pack = load_pack("bao-cao-nam")
    from baocao.drafts import new_draft

    draft = new_draft(pack)
    sections = plan_sections(pack, draft)
    assert sections and sections[0] == "phuong-huong"
    assert all(pack.section(s).parent in (None, "phuong-huong") or s == "phuong-huong" for s in sections)


def test_a_draft_without_plans_gives_no_checklist():
    from baocao.drafts import new_draft

    pack = load_pack("bao-cao-6-thang")
    draft, report = draft_from_previous(new_draft(pack), pack)
    assert CHECKLIST_EXTRA not in draft.extras and report.checklist == 0


# ---------------------------------------------------------------- baocao new --from
def test_cli_new_from_previous(tmp_path):
    previous = tmp_path / "ky-truoc.baocao"
    assert run_cli("new", "--sample", "-o", str(previous)).returncode == 0
    out = tmp_path / "ky-nay.baocao"
    result = run_cli("new", "--from", str(previous), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "6 tháng đầu năm 2022" in result.stdout and "Giữ lại" in result.stdout
    from baocao.storage import load_any

    draft = load_any(str(out))
    assert draft.meta.period == Period(H, 2022) and draft.meta.locality == "tỉnh Đắk Nông"
    assert len(checklist(draft)["items"]) > 10
    again = run_cli("new", "--from", str(previous), "-o", str(tmp_path / "nam.baocao"), "--nam", "2030")
    assert again.returncode == 0 and load_any(str(tmp_path / "nam.baocao")).meta.period.year == 2030


def test_cli_new_from_refuses_a_missing_file_and_sample(tmp_path):
    missing = run_cli("new", "--from", str(tmp_path / "khong-co.baocao"), "-o", str(tmp_path / "x.baocao"))
    assert missing.returncode == 2 and "Không tìm thấy" in missing.stderr and "Traceback" not in missing.stderr
    both = run_cli("new", "--from", "a.baocao", "--sample", "-o", str(tmp_path / "y.baocao"))
    assert both.returncode == 2 and "--sample" in both.stderr
    assert not (tmp_path / "x.baocao").exists() and not (tmp_path / "y.baocao").exists()
