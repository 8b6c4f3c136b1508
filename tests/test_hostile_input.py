"""Hostile and broken input (issue 12): nothing lost, nothing hangs, every refusal explained in Vietnamese.

One test per item of the issue, named after it; then a property test that
feeds random JSON drafts to ``check`` and ``export``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baocao.errors import BaocaoError
from baocao.model.serialize import draft_to_dict
from baocao.storage import load_any, save_draft
from helpers import run_cli

BUG = "Lỗi ngoài dự kiến"


def _sample_dict(sample_draft) -> dict:
    return json.loads(json.dumps(draft_to_dict(sample_draft), ensure_ascii=False))


def _write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _refused(run, *words: str) -> None:
    assert run.returncode == 2, (run.returncode, run.stdout, run.stderr)
    assert BUG not in run.stderr
    for word in words:
        assert word in run.stderr, run.stderr


# ---------------------------------------------------------------- data loss
def test_1_no_command_writes_over_its_input_or_a_draft(tmp_path, draft_path):
    before = draft_path.read_bytes()
    _refused(run_cli("render", str(draft_path), "-o", str(draft_path)), "chính là tệp đang đọc vào")
    disguised = tmp_path / "ban-thao.docx"                  # a draft that happens to be named .docx
    disguised.write_bytes(before)
    for command in (["export", str(draft_path), "-o", str(disguised), "--chua-du", "--force"],
                    ["render", str(draft_path), "-o", str(disguised), "--force"]):
        _refused(run_cli(*command), "là một tệp bản thảo")
    assert draft_path.read_bytes() == before and disguised.read_bytes() == before
    other = tmp_path / "khac.html"
    other.write_text("cũ", encoding="utf-8")
    _refused(run_cli("render", str(draft_path), "-o", str(other)), "--ghi-de")
    assert other.read_text(encoding="utf-8") == "cũ"
    assert run_cli("render", str(draft_path), "-o", str(other), "--chua-du", "--force").returncode == 0
    assert "<html" in other.read_text(encoding="utf-8").lower()


def test_2_a_held_lock_wins_over_new_force(tmp_path, draft_path):
    from durability_support import foreign_lock

    foreign_lock(draft_path)
    before = draft_path.read_bytes()
    _refused(run_cli("new", "-o", str(draft_path), "--force", "--tinh", "Lâm Đồng"), "đang được", "tranthib")
    assert draft_path.read_bytes() == before
    foreign_lock(draft_path, minutes_ago=60)                 # the other session is long gone
    assert run_cli("new", "-o", str(draft_path), "--force", "--tinh", "Lâm Đồng").returncode == 0


# ---------------------------------------------------------------- hangs and unbounded work
@pytest.mark.parametrize("shape, words", [
    ("paragraphs", "đoạn văn trong một mục"),
    ("notes", "chú thích trong một mục"),
    ("rows", "dòng trong một bảng"),
])
def test_3_counts_are_capped_in_json_and_in_the_draft_file(tmp_path, sample_draft, shape, words):
    data = _sample_dict(sample_draft)
    if shape == "paragraphs":
        data["sections"]["uu-diem"]["body"] = ["x"] * 200_000
    elif shape == "notes":
        data["sections"]["uu-diem"]["body"] = [{"content": [{"note": [[{"text": "n"}]]}] * 10_000}]
    else:
        data["tables"]["nhiem-vu-theo-don-vi"] = [{"don_vi": "x"}] * 300_000
    started = time.monotonic()
    with pytest.raises(BaocaoError) as info:
        load_any(_write_json(tmp_path / "lon.json", data))
    assert words in info.value.message and "tối đa" in info.value.message
    # the same content inside a draft file
    path = tmp_path / "lon.baocao"
    save_draft(sample_draft, path)
    conn = sqlite3.connect(path)
    if shape == "rows":
        conn.execute("UPDATE tables_data SET rows = ? WHERE table_id = 'nhiem-vu-theo-don-vi'",
                     (json.dumps(data["tables"]["nhiem-vu-theo-don-vi"]),))
    else:
        conn.execute("UPDATE sections SET body = ? WHERE section_id = 'uu-diem'",
                     (json.dumps(data["sections"]["uu-diem"]["body"]),))
    conn.commit()
    conn.close()
    with pytest.raises(BaocaoError) as info:
        load_any(path)
    assert words in info.value.message
    assert time.monotonic() - started < 20


def test_3_json_drafts_have_a_size_cap(tmp_path, monkeypatch):
    import baocao.storage.interchange as interchange

    monkeypatch.setattr(interchange, "MAX_JSON_BYTES", 1000)
    path = tmp_path / "to.json"
    path.write_text(json.dumps({"format": "baocao-draft", "pad": "x" * 5000}), encoding="utf-8")
    with pytest.raises(BaocaoError) as info:
        load_any(path)
    assert "lớn quá" in info.value.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_4_only_regular_files_are_opened(tmp_path):
    fifo = tmp_path / "ong.json"
    os.mkfifo(fifo)
    run = run_cli("check", str(fifo))
    _refused(run, "không phải tệp thông thường")
    if Path("/dev/zero").exists():
        with pytest.raises(BaocaoError) as info:
            load_any("/dev/zero")                           # read as a draft file: refused by its kind
        assert "không phải tệp thông thường" in info.value.message
        from baocao.storage.interchange import load_json_draft

        with pytest.raises(BaocaoError):
            load_json_draft("/dev/zero")


def test_5_limits_keep_every_accepted_draft_exportable(sample_draft):
    from baocao.edits import SetMeta, SetSectionBody
    from baocao.limits import MAX_RECIPIENTS, MAX_SECTION_CHARS, edit_problem
    from baocao.model.richtext import Para

    huge = SetSectionBody.make(sample_draft, "uu-diem", [Para.of("x" * (MAX_SECTION_CHARS + 1))])
    assert "tối đa" in edit_problem(huge)
    meta = __import__("copy").deepcopy(sample_draft.meta)
    meta.recipients = [f"Đơn vị {i}" for i in range(MAX_RECIPIENTS + 1)]
    assert "Nơi nhận" in edit_problem(SetMeta.make(sample_draft, meta))
    assert edit_problem(SetSectionBody.make(sample_draft, "uu-diem", [Para.of("Một đoạn bình thường.")])) is None


# ---------------------------------------------------------------- unclean errors
@pytest.mark.parametrize("change, words", [
    (lambda d: d["meta"].__setitem__("period", "6 tháng"), "Kỳ báo cáo"),
    (lambda d: d["meta"].__setitem__("period", [2021]), "danh sách"),
    (lambda d: d["meta"]["period"].__setitem__("quarter", -3), "Quý «-3»"),
    (lambda d: d["meta"]["period"].__setitem__("year", "hai nghìn"), "Năm của kỳ báo cáo"),
    (lambda d: d.__setitem__("version", "abc"), "«abc»"),
    (lambda d: d["meta"].__setitem__("issue_date", "31/02/2021"), "Ngày ban hành"),
])
def test_6_draft_values_of_the_wrong_type_are_explained(tmp_path, sample_draft, change, words):
    data = _sample_dict(sample_draft)
    change(data)
    run = run_cli("check", str(_write_json(tmp_path / "sai.json", data)))
    _refused(run, words)


def test_6_deep_nesting_huge_integers_and_nul_paths(tmp_path, sample_draft):
    deep = tmp_path / "sau.json"
    deep.write_text('{"format": "baocao-draft", "extras": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}",
                    encoding="utf-8")
    _refused(run_cli("check", str(deep)), "lồng nhau quá sâu")
    data = _sample_dict(sample_draft)
    text = json.dumps(data, ensure_ascii=False).replace('"tong": 19', '"tong": ' + "9" * 5000, 1)
    digits = tmp_path / "so-dai.json"
    digits.write_text(text, encoding="utf-8")
    _refused(run_cli("check", str(digits)), "không đọc được")
    from baocao.session import DraftSession

    with pytest.raises(BaocaoError) as info:
        DraftSession.open(str(tmp_path / "a\x00b.baocao"))
    assert "NUL" in info.value.message


def test_6_cells_and_fields_that_are_not_finite_or_too_large_are_findings(sample_draft, pack):
    from baocao.checks import RULE_INVALID_VALUE, check_draft

    sample_draft.tables["nhiem-vu-theo-don-vi"][0]["dung_han"] = float("nan")
    sample_draft.tables["nhiem-vu-theo-don-vi"][1]["dung_han"] = 1e308
    sample_draft.section("nhiem-vu-cap-tren").fields["tong"] = 10 ** 30
    bad = [f for f in check_draft(sample_draft, pack) if f.rule == RULE_INVALID_VALUE]
    assert len(bad) == 3


def test_7_locks_that_lie_or_are_torn(tmp_path, draft_path):
    from datetime import timedelta

    from baocao.session import DraftSession
    from baocao.storage.locking import lock_path, read_lock
    from baocao.storage.proc import now_utc

    torn = lock_path(draft_path)
    torn.write_bytes(b'{"user": "Nguy\xe1\xbb\x85n V\xe1n", "host": ')    # torn, not UTF-8
    info = read_lock(draft_path)                                     # no UnicodeDecodeError any more
    assert info.unreadable and "tệp khóa bị hỏng" in info.describe()
    with pytest.raises(BaocaoError) as locked:                       # fresh: maybe being rewritten right now
        DraftSession.open(draft_path, threaded=False)
    assert "tệp khóa bị hỏng" in locked.value.message
    past = time.time() - 30                   # still unreadable after its creator would have finished: stale
    os.utime(torn, (past, past))
    assert read_lock(draft_path).is_stale()
    session = DraftSession.open(draft_path, threaded=False)
    assert not session.read_only and "bị hỏng" in session.lock_notice      # told, not silently taken
    session.close()
    future = (now_utc() + timedelta(days=3650)).isoformat()
    lock_path(draft_path).write_text(json.dumps({"user": "tranthib", "host": "MAY-KHAC", "pid": 1, "session_id": "s",
                                                  "since": future, "heartbeat": future}), encoding="utf-8")
    past = time.time() - 3600
    os.utime(lock_path(draft_path), (past, past))
    assert read_lock(draft_path).is_stale()                          # a heartbeat ten years ahead is not believed


def test_7_a_moved_open_file_is_not_called_read_only(tmp_path, draft_path):
    from baocao.storage.sqlitefile import sqlite_error

    moved = tmp_path / "da-chuyen.baocao"
    draft_path.rename(moved)
    error = sqlite_error(sqlite3.OperationalError("attempt to write a readonly database"), draft_path)
    assert "di chuyển" in error.message and "chỉ cho phép đọc" not in error.message


def test_8_names_near_the_file_system_limit(tmp_path, draft_path):
    from baocao.session import DraftSession

    long_docx = tmp_path / ("b" * 245 + ".docx")                     # 250 bytes
    run = run_cli("export", str(draft_path), "-o", str(long_docx), "--chua-du")
    assert run.returncode == 0, run.stderr
    assert long_docx.exists()
    long_draft = tmp_path / ("d" * 243 + ".baocao")                  # 250 bytes: no room for "-journal"
    _refused(run_cli("new", "-o", str(long_draft)), "tối đa 247 byte")
    session = DraftSession.open(draft_path, threaded=False)
    with pytest.raises(BaocaoError) as info:
        session.save_as(long_draft)
    assert "tối đa 247 byte" in info.value.message
    session.close()


# ---------------------------------------------------------------- wrong output
def _reference_with(tmp_path: Path, name: str, change) -> Path:
    from baocao.paths import resources_dir

    source = resources_dir() / "reference" / "reference.docx"
    target = tmp_path / name
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            zout.writestr(item, change(item.filename, data))
    return target


def test_9_reference_docx_with_a_dtd_or_a_bomb_is_refused(tmp_path, sample_document):
    from baocao.writers.docx import write_docx

    def with_dtd(name, data):
        if name == "word/styles.xml":
            return data.replace(b"<w:styles", b'<!DOCTYPE w:styles [<!ENTITY x "y">]><w:styles', 1)
        return data

    def bomb(name, data):
        return data + b"<!--" + b" " * (20 * 1024 * 1024) + b"-->" if name == "word/styles.xml" else data

    for name, change, words in (("dtd.docx", with_dtd, "DTD"), ("bom.docx", bomb, "lớn bất thường")):
        reference = _reference_with(tmp_path, name, change)
        out = tmp_path / f"ra-{name}"
        started = time.monotonic()
        with pytest.raises(BaocaoError) as info:
            write_docx(sample_document, out, reference)
        assert words in info.value.user_text() and not out.exists()
        assert time.monotonic() - started < 5


def test_10_recipients_must_be_a_list_and_a_bom_is_fine(tmp_path, sample_draft):
    data = _sample_dict(sample_draft)
    data["meta"]["recipients"] = "Sở Nội vụ"
    _refused(run_cli("check", str(_write_json(tmp_path / "noi-nhan.json", data))), "danh sách")
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + json.dumps(_sample_dict(sample_draft), ensure_ascii=False).encode("utf-8"))
    assert load_any(bom).meta.locality == sample_draft.meta.locality


# ---------------------------------------------------------------- property: random JSON drafts
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                         max_size=4),
                           max_leaves=20)


@st.composite
def hostile_drafts(draft, sample):
    data = json.loads(json.dumps(sample))
    for path in draft(st.lists(st.sampled_from([
            ("meta",), ("meta", "period"), ("meta", "recipients"), ("meta", "signer"), ("sections",),
            ("sections", "uu-diem"), ("sections", "uu-diem", "body"), ("sections", "nhiem-vu-cap-tren", "fields"),
            ("tables",), ("tables", "nhiem-vu-theo-don-vi"), ("extras",), ("version",), ("template_id",)]),
            min_size=1, max_size=3)):
        target = data
        for key in path[:-1]:
            target = target.setdefault(key, {}) if isinstance(target, dict) else {}
        if isinstance(target, dict):
            target[path[-1]] = draft(JSON_VALUES)
    return data


@pytest.fixture(scope="module")
def sample_json():
    from baocao.samples import load_sample

    return json.loads(json.dumps(draft_to_dict(load_sample()), ensure_ascii=False))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_json_drafts_get_a_message_or_a_valid_report(tmp_path_factory, sample_json, data):
    from baocao.checks import check_draft
    from baocao.render import render_draft
    from baocao.template import load_pack
    from baocao.writers.docx import write_docx

    draft_data = data.draw(hostile_drafts(sample_json))
    folder = tmp_path_factory.mktemp("ngau-nhien")
    path = folder / "d.json"
    path.write_text(json.dumps(draft_data, ensure_ascii=False, allow_nan=True), encoding="utf-8")
    outcome: dict = {}

    def work():
        try:
            draft = load_any(path)
            pack = load_pack(draft.template_id)
            check_draft(draft, pack)
            write_docx(render_draft(draft, pack), folder / "d.docx", pack.reference_docx)
            outcome["ok"] = True
        except BaocaoError as exc:
            outcome["message"] = exc.user_text()
        except BaseException as exc:  # noqa: BLE001 - what the test is looking for
            outcome["bug"] = exc

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    worker.join(30)
    assert not worker.is_alive(), "check/export took more than 30 s"
    assert "bug" not in outcome, f"{type(outcome['bug']).__name__}: {outcome['bug']}"
    if "message" in outcome:
        assert any(ch in outcome["message"] for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


# ---------------------------------------------------------------- item 6 (manifests) and item 4 (pack files)
def _pack_copy(tmp_path: Path, name: str) -> Path:
    import shutil

    from baocao.paths import templates_dir

    target = tmp_path / name
    shutil.copytree(templates_dir() / "bao-cao-6-thang", target)
    return target


@pytest.mark.parametrize("old, new, words", [
    ("margin_top_mm = 20", "margin_top_mm = nan", "«margin_top_mm» = nan"),
    ("body_size_pt = 14", "body_size_pt = 1e308", "«body_size_pt»"),
    ("format = 1", 'format = "mot"', "«format» phải là một số nguyên"),
])
def test_6_manifest_values_of_the_wrong_type_or_range(tmp_path, old, new, words):
    pack = _pack_copy(tmp_path, "goi")
    manifest = pack / "manifest.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    run = run_cli("templates", "check", str(pack))
    assert run.returncode != 0 and BUG not in run.stdout + run.stderr
    assert words in run.stdout + run.stderr and "dòng" in run.stdout + run.stderr


def test_6_deeply_nested_sections_and_division_by_zero(tmp_path):
    deep = tmp_path / "sau"
    deep.mkdir()
    lines = ['[pack]\nid = "sau"\nname = "Sâu"\n']
    for i in range(1500):
        lines.append(f'[[sections]]\nid = "m{i}"\ntitle = "Mục {i}"\n' + (f'parent = "m{i - 1}"\n' if i else ""))
    (deep / "manifest.toml").write_text("\n".join(lines), encoding="utf-8")
    run = run_cli("templates", "check", str(deep))
    assert run.returncode != 0 and BUG not in run.stdout + run.stderr and "tối đa 12 cấp" in run.stdout
    pack = _pack_copy(tmp_path, "chia")
    with (pack / "muc" / "nhom.j2").open("a", encoding="utf-8") as handle:
        handle.write("<p>{{ 1/0 }}</p>\n")
    run = run_cli("templates", "check", str(pack))
    assert "phép chia cho 0" in run.stdout and "nhom.j2" in run.stdout and "ZeroDivisionError" not in run.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_4_a_fifo_manifest_does_not_hang_templates(tmp_path, monkeypatch):
    folder = tmp_path / "ong"
    folder.mkdir()
    os.mkfifo(folder / "manifest.toml")
    run = run_cli("templates", "check", str(folder))
    assert run.returncode != 0 and "không phải tệp thông thường" in run.stdout + run.stderr


@pytest.mark.slow
def test_5_a_draft_at_the_caps_exports_and_converts_in_time(tmp_path, sample_draft):
    """A section at the character cap with the most recipients: the .docx converts well within 90 s."""
    from docx_support import convert, soffice

    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    from baocao.limits import MAX_RECIPIENTS, MAX_SECTION_CHARS
    from baocao.model.richtext import Para

    paragraph = "Ủy ban nhân dân tỉnh đã chỉ đạo các sở, ngành triển khai đồng bộ các nhiệm vụ trọng tâm. " * 12
    sample_draft.section("uu-diem").body = [Para.of(paragraph)] * (MAX_SECTION_CHARS // len(paragraph))
    sample_draft.meta.recipients = [f"Đơn vị nhận số {i}" for i in range(MAX_RECIPIENTS)]
    path = tmp_path / "o-gioi-han.baocao"
    save_draft(sample_draft, path)
    assert load_any(path).section("uu-diem").body        # accepted: within every bound
    out = tmp_path / "o-gioi-han.docx"
    assert run_cli("export", str(path), "-o", str(out), "--chua-du").returncode == 0
    started = time.monotonic()
    pdf = convert([out], "pdf", tmp_path, tmp_path / "lo")[0]
    assert pdf.exists() and time.monotonic() - started < 90
