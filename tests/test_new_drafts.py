"""New drafts start from the office and today's date, on the 2025 map; the sample says it is historical."""

from __future__ import annotations

import json
from datetime import date

import pytest
from helpers import run_cli

from baocao.constants import PeriodKind
from baocao.errors import BaocaoError
from baocao.localities import LOCALITIES, KIND_CITY, KIND_PROVINCE, find_locality, fold, locality_names, match_locality
from baocao.model.draft import Period, ReportMeta
from baocao.periods import period_from_option, reporting_period

try:
    import PySide6  # noqa: F401
    from ui_support import make_window, message_boxes  # noqa: F401 (autouse fixture)
    HAVE_QT = True
except ImportError:  # pragma: no cover - the window tests need Qt
    HAVE_QT = False
needs_qt = pytest.mark.skipif(not HAVE_QT, reason="PySide6 is not installed")

FIRST_HALF, WHOLE_YEAR, QUARTER = PeriodKind.FIRST_HALF, PeriodKind.WHOLE_YEAR, PeriodKind.QUARTER


# ---------------------------------------------------------------- the 34 units
def test_the_34_units_of_2025():
    names = locality_names()
    assert len(LOCALITIES) == 34 and len(names) == 34
    assert sum(u.kind == KIND_CITY for u in LOCALITIES) == 6
    assert sum(u.kind == KIND_PROVINCE for u in LOCALITIES) == 28
    assert len(set(names)) == 34 and len({fold(u.name) for u in LOCALITIES}) == 34     # no duplicates
    assert "tỉnh Lâm Đồng" in names and "thành phố Huế" in names and "thành phố Hồ Chí Minh" in names
    assert not any("Đắk Nông" in name for name in names)
    merged = [old for u in LOCALITIES for old in u.merged]
    assert len(merged) == 63 - 34 and len(set(merged)) == len(merged)                   # 63 became 34
    assert not set(merged) & {u.name for u in LOCALITIES}


def test_header_name_and_place_of_the_date_line():
    by_name = {u.name: u for u in LOCALITIES}
    assert (by_name["Lâm Đồng"].header_name, by_name["Lâm Đồng"].place) == ("tỉnh Lâm Đồng", "Lâm Đồng")
    assert (by_name["Hà Nội"].header_name, by_name["Hà Nội"].place) == ("thành phố Hà Nội", "Hà Nội")
    assert by_name["Hồ Chí Minh"].place == "Thành phố Hồ Chí Minh"       # named after a person: in full (NĐ 30)


@pytest.mark.parametrize("typed, header", [
    ("lam dong", "tỉnh Lâm Đồng"), ("Lâm Đồng", "tỉnh Lâm Đồng"), ("tỉnh Lâm Đồng", "tỉnh Lâm Đồng"),
    ("  LÂM   ĐỒNG ", "tỉnh Lâm Đồng"), ("Thanh Hoá", "tỉnh Thanh Hóa"), ("TP.HCM", "thành phố Hồ Chí Minh"),
    ("thành phố hồ chí minh", "thành phố Hồ Chí Minh"), ("hue", "thành phố Huế"), ("Bà Rịa - Vũng Tàu", "thành phố Hồ Chí Minh"),
])
def test_typed_names_match(typed, header):
    assert match_locality(typed).locality.header_name == header


def test_an_old_province_maps_to_its_unit_with_a_note():
    found = match_locality("Đắk Nông")
    assert found.locality.header_name == "tỉnh Lâm Đồng"
    assert "Đắk Nông" in found.note and "Lâm Đồng" in found.note and "01/7/2025" in found.note
    assert match_locality("tỉnh Lâm Đồng").note == ""


def test_an_unknown_name_lists_near_matches():
    with pytest.raises(BaocaoError) as caught:
        find_locality("Lam Dongg")
    assert "Không có tỉnh, thành phố «Lam Dongg»" in caught.value.message
    assert "tỉnh Lâm Đồng" in caught.value.hint
    with pytest.raises(BaocaoError) as caught:
        find_locality("xyz")
    assert "tỉnh An Giang" in caught.value.hint and "tỉnh Cà Mau" in caught.value.hint    # nothing near: the list
    assert match_locality("") is None and match_locality("Sở Nội vụ") is None


# ---------------------------------------------------------------- the period from today
@pytest.mark.parametrize("kind, today, quarter, expected", [
    (FIRST_HALF, date(2026, 1, 3), None, Period(FIRST_HALF, 2026)),
    (FIRST_HALF, date(2026, 6, 12), None, Period(FIRST_HALF, 2026)),      # written in June
    (FIRST_HALF, date(2026, 7, 8), None, Period(FIRST_HALF, 2026)),       # the half just ended
    (FIRST_HALF, date(2026, 12, 31), None, Period(FIRST_HALF, 2026)),
    (WHOLE_YEAR, date(2026, 11, 20), None, Period(WHOLE_YEAR, 2026)),
    (WHOLE_YEAR, date(2027, 1, 10), None, Period(WHOLE_YEAR, 2026)),      # the year just ended
    (WHOLE_YEAR, date(2027, 1, 16), None, Period(WHOLE_YEAR, 2027)),
    (QUARTER, date(2026, 3, 18), None, Period(QUARTER, 2026, 1)),
    (QUARTER, date(2026, 4, 10), None, Period(QUARTER, 2026, 1)),         # the quarter just ended
    (QUARTER, date(2026, 4, 16), None, Period(QUARTER, 2026, 2)),
    (QUARTER, date(2027, 1, 2), None, Period(QUARTER, 2026, 4)),
    (QUARTER, date(2026, 2, 1), 4, Period(QUARTER, 2025, 4)),             # quý 4 has not begun this year
    (QUARTER, date(2026, 2, 1), 1, Period(QUARTER, 2026, 1)),
])
def test_reporting_period(kind, today, quarter, expected):
    assert reporting_period(kind, today, quarter) == expected


def test_period_options():
    today = date(2026, 9, 30)
    assert period_from_option(None, FIRST_HALF, None, today) == Period(FIRST_HALF, 2026)
    assert period_from_option("quy-2", FIRST_HALF, 2025, today) == Period(QUARTER, 2025, 2)
    assert period_from_option("ca-nam", FIRST_HALF, None, today) == Period(WHOLE_YEAR, 2026)
    assert period_from_option("quy", FIRST_HALF, None, today) == Period(QUARTER, 2026, 3)


# ---------------------------------------------------------------- defaults and loading
def test_defaults_do_not_bake_in_the_sample(pack):
    from baocao.drafts import new_draft

    meta = ReportMeta()
    assert (meta.locality, meta.place) == ("", "")
    assert meta.period.year == date.today().year
    draft = new_draft(pack, today=date(2027, 3, 1))
    assert (draft.meta.locality, draft.meta.place, draft.meta.period) == ("", "", Period(FIRST_HALF, 2027))
    recipients = draft.meta.recipients
    assert "UBND các xã, phường" in recipients and recipients[-1] == "Lưu: VT, TH"
    assert not [r for r in recipients if "huyện" in r]


def test_a_file_lacking_keys_loads_as_before():
    from baocao.model.serialize import meta_from_dict

    meta = meta_from_dict({"body": "Ủy ban nhân dân"})
    assert (meta.locality, meta.place, meta.period.year) == ("tỉnh Đắk Nông", "Đắk Nông", 2021)
    meta = meta_from_dict({"locality": "", "place": "", "period": {"kind": "ca-nam", "year": 2026}})
    assert (meta.locality, meta.place, meta.period) == ("", "", Period(WHOLE_YEAR, 2026))


def test_checks_report_an_empty_or_old_province(pack, sample_draft):
    from baocao.checks import check_meta
    from baocao.drafts import new_draft

    draft = new_draft(pack, today=date(2026, 6, 1))
    messages = [f.message for f in check_meta(draft) if f.severity == "error"]
    assert any("Chưa chọn tỉnh, thành phố" in m for m in messages)
    draft.meta.locality, draft.meta.place = "tỉnh Đắk Nông", "Đắk Nông"
    warnings = [f.message for f in check_meta(draft) if f.severity == "warning"]
    assert any("đã hợp nhất vào tỉnh Lâm Đồng" in m for m in warnings)
    assert not [f for f in check_meta(sample_draft) if "tỉnh" in f.message]             # 2021: right for its time


def test_office_profile_round_trip_and_bad_file(tmp_path):
    from baocao.model.draft import Signer
    from baocao.office_profile import OfficeProfile, load_profile, save_profile

    path = tmp_path / "cfg" / "don-vi.json"
    assert load_profile(path).is_empty()
    profile = OfficeProfile("tỉnh Gia Lai", "Gia Lai", "Ủy ban nhân dân", "", Signer("TM.", "Chủ tịch", "Chủ tịch", "A"))
    assert save_profile(profile, path)
    assert load_profile(path) == profile
    path.write_text("{ hỏng", encoding="utf-8")
    assert load_profile(path).is_empty()


# ---------------------------------------------------------------- baocao new
def test_cli_new_with_province_year_and_period(tmp_path):
    from baocao.storage import load_any

    out = tmp_path / "x.baocao"
    result = run_cli("new", "-o", str(out), "--tinh", "lam dong", "--nam", "2026", "--ky", "6-thang-dau")
    assert result.returncode == 0, result.stderr
    meta = load_any(out).meta
    assert (meta.locality, meta.place, meta.period) == ("tỉnh Lâm Đồng", "Lâm Đồng", Period(FIRST_HALF, 2026))
    assert "UBND các xã, phường" in meta.recipients
    assert not [r for r in meta.recipients if "huyện" in r]
    result = run_cli("new", "-o", str(tmp_path / "q.json"), "--tinh", "Đắk Nông", "--ky", "quy-2", "--nam", "2025")
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "q.json").read_text(encoding="utf-8"))["meta"]
    assert (data["locality"], data["period"]) == ("tỉnh Lâm Đồng", {"kind": "quy", "year": 2025, "quarter": 2})
    assert "đã hợp nhất vào tỉnh Lâm Đồng" in result.stderr


def test_cli_new_unknown_province(tmp_path):
    out = tmp_path / "x.baocao"
    result = run_cli("new", "-o", str(out), "--tinh", "Lam Dongg")
    assert result.returncode == 2
    assert "Không có tỉnh, thành phố «Lam Dongg»" in result.stderr and "tỉnh Lâm Đồng" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    result = run_cli("new", "-o", str(out), "--nam", "hai nghìn")
    assert result.returncode == 2 and "năm «hai nghìn» không hợp lệ" in result.stderr
    assert not out.exists()


def test_cli_new_defaults_this_year_and_warns_without_province(tmp_path):
    from baocao.storage import load_any

    out = tmp_path / "x.baocao"
    result = run_cli("new", "-o", str(out))
    assert result.returncode == 0, result.stderr
    meta = load_any(out).meta
    assert meta.period.year == date.today().year and meta.locality == "" and meta.place == ""
    assert "--tinh" in result.stderr and "chưa biết tỉnh, thành phố" in result.stderr


def test_cli_new_uses_the_remembered_office(tmp_path):
    from baocao.office_profile import OfficeProfile, save_profile
    from baocao.storage import load_any

    assert save_profile(OfficeProfile(locality="tỉnh Gia Lai", place="Gia Lai"))    # where the window keeps it
    out = tmp_path / "x.baocao"
    result = run_cli("new", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert (load_any(out).meta.locality, load_any(out).meta.place) == ("tỉnh Gia Lai", "Gia Lai")
    assert "chưa biết tỉnh" not in result.stderr


def test_cli_new_sample_says_it_is_historical(tmp_path):
    result = run_cli("new", "-o", str(tmp_path / "mau.baocao"), "--sample")
    assert result.returncode == 0, result.stderr
    assert "ví dụ lịch sử" in result.stdout and "2021" in result.stdout and "2025" in result.stdout
    result = run_cli("new", "-o", str(tmp_path / "mau2.baocao"), "--sample", "--tinh", "Huế")
    assert result.returncode == 2 and "--sample" in result.stderr


# ---------------------------------------------------------------- the wizard
def _wizard(qtbot, settings, today):
    from baocao.ui.wizard import NewDraftWizard

    wizard = NewDraftWizard(settings=settings, today=today)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.restart()
    wizard.start.from_pack.setChecked(True)
    wizard.start.packs.setCurrentRow(0)
    wizard.next()
    assert wizard.currentPage() is wizard.issuer
    return wizard


def _finish(wizard) -> None:
    while wizard.currentPage() is not wizard.recipients:
        wizard.next()
    wizard.accept()


@needs_qt
def test_wizard_province_is_chosen_and_remembered(qtbot, tmp_path):
    from ui_support import type_text

    from baocao.ui.settings import AppSettings

    settings = AppSettings.at(tmp_path / "settings.ini")
    wizard = _wizard(qtbot, settings, date(2026, 6, 10))
    issuer = wizard.issuer.part
    assert issuer.locality.text() == "" and issuer.place.text() == ""        # no sample province
    assert issuer.locality.count() == 34 and issuer.locality.findText("tỉnh Lâm Đồng") >= 0
    issuer.locality.lineEdit().setFocus()
    type_text(qtbot, issuer.locality.lineEdit(), "lam dong")
    issuer.locality.lineEdit().editingFinished.emit()                       # leaving the field
    assert issuer.locality.text() == "tỉnh Lâm Đồng"
    assert issuer.place.text() == "Lâm Đồng"                                 # the date line's place follows
    issuer.locality.setText("thành phố Hồ Chí Minh")
    assert issuer.place.text() == "Thành phố Hồ Chí Minh"
    issuer.place.setText("Thủ Đức")                                          # the drafter's own place …
    issuer.locality.setText("tỉnh Lâm Đồng")
    assert issuer.place.text() == "Thủ Đức"                                  # … is not overwritten
    issuer.place.setText("Lâm Đồng")
    _finish(wizard)
    _, draft = wizard.result_draft()
    assert (draft.meta.locality, draft.meta.place, draft.meta.period.year) == ("tỉnh Lâm Đồng", "Lâm Đồng", 2026)
    assert "UBND các xã, phường" in draft.meta.recipients

    again = _wizard(qtbot, settings, date(2027, 6, 1))                       # the office's next draft
    assert again.issuer.part.locality.text() == "tỉnh Lâm Đồng"
    assert again.issuer.part.place.text() == "Lâm Đồng"
    again.next()
    assert again.period.part.year.value() == 2027


@needs_qt
def test_wizard_period_follows_today(qtbot, tmp_path):
    from baocao.ui.settings import AppSettings

    wizard = _wizard(qtbot, AppSettings.at(tmp_path / "settings.ini"), date(2027, 1, 5))
    wizard.next()
    period = wizard.period.part
    assert period.period() == Period(FIRST_HALF, 2027)
    period.kind.setCurrentIndex(period.kind.findData(WHOLE_YEAR.value))
    assert period.period() == Period(WHOLE_YEAR, 2026)                       # 5 January: the year just ended
    period.kind.setCurrentIndex(period.kind.findData(QUARTER.value))
    assert period.period() == Period(QUARTER, 2026, 4)
    period.year.setValue(2027)                                               # set by hand: kept from now on
    period.kind.setCurrentIndex(period.kind.findData(FIRST_HALF.value))
    assert period.period() == Period(FIRST_HALF, 2027)


@needs_qt
def test_wizard_period_page_has_no_stray_widgets(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication, QWidget

    from baocao.ui.settings import AppSettings

    wizard = _wizard(qtbot, AppSettings.at(tmp_path / "settings.ini"), date(2026, 6, 10))
    wizard.next()
    assert wizard.currentPage() is wizard.period
    QApplication.processEvents()
    part = wizard.period.part
    assert all(getattr(part, name) is None or not getattr(part, name).isVisible()
               for name in ("issue_date", "summary", "is_draft", "date_error"))
    area = part.layout().contentsRect()
    shown = [w for w in part.findChildren(QWidget) if w.parent() is part and w.isVisible()]
    assert len(shown) >= 8
    for widget in shown:
        assert area.contains(widget.geometry()), widget
    for i, one in enumerate(shown):
        for other in shown[i + 1:]:
            assert not one.geometry().intersects(other.geometry()), (one, other)


@needs_qt
def test_wizard_from_the_sample_points_out_the_old_province(qtbot, tmp_path, sample_draft):
    from baocao.storage import save_draft
    from baocao.ui.settings import AppSettings
    from baocao.ui.wizard import NewDraftWizard

    previous = tmp_path / "ky-truoc.baocao"
    save_draft(sample_draft, previous)
    wizard = NewDraftWizard(settings=AppSettings.at(tmp_path / "settings.ini"))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.restart()
    wizard.start.from_draft.setChecked(True)
    wizard.start.path.setText(str(previous))
    wizard.next()
    issuer = wizard.issuer.part
    assert issuer.locality.text() == "tỉnh Đắk Nông"                         # standing data kept as it was
    assert issuer.locality_hint.isVisible() and "tỉnh Lâm Đồng" in issuer.locality_hint.text()
    issuer.locality.setText("tỉnh Lâm Đồng")
    assert issuer.place.text() == "Lâm Đồng" and not issuer.locality_hint.isVisible()


@needs_qt
def test_the_sample_at_start_says_it_is_historical(qtbot, tmp_path):
    from ui_support import sample_session

    from baocao.ui.app import open_initial
    from baocao.ui.sample_notice import SampleNotice

    window = make_window(qtbot, tmp_path)
    open_initial(window, [])
    assert window.session.draft.meta.locality == "tỉnh Đắk Nông"            # the sample's data is unchanged
    assert "ví dụ lịch sử" in window.windowTitle() and "2021" in window.windowTitle()
    notices = [n for n in window.findChildren(SampleNotice) if n.isVisible()]
    assert len(notices) == 1
    assert "2021" in notices[0].label.text() and "Lâm Đồng" in notices[0].label.text()
    notices[0].close_button.click()
    assert not notices[0].isVisible()

    open_initial(window, [])                                                 # again, then another draft opens
    notice = next(n for n in window.findChildren(SampleNotice) if n.isVisible())
    window.controller.set_session(sample_session())
    assert not notice.isVisible()
