"""The checks' caches (issue 16): same findings with and without, untrusted files ignored, bounded, keyed right."""

from __future__ import annotations

import json
import time

import pytest
from helpers import run_cli

from baocao.checks import check_draft
from baocao.checks import result_cache, unit_cache
from baocao.checks.hits import Hit
from baocao.model.richtext import Para
from baocao.storage import save_draft


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    unit_cache.forget_loaded()
    yield
    unit_cache.forget_loaded()


def _cache_files():
    folder = unit_cache.cache_folder()
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def _with_errors(draft):
    draft.section("y-te").body.append(Para.of("Tiêm vắc-xin cho các các nhóm  đối tượng ,theo Quyết định số "
                                              "12/QĐ-UBND ngày 31/02/2021 về chỉ đạo quyêt liệt.", "dash"))
    return draft


def _as_json(findings):
    return [f.to_json() for f in findings]


def test_check_draft_through_the_cache_finds_the_same_cold_and_warm(sample_draft, pack):
    draft = _with_errors(sample_draft)
    plain = _as_json(check_draft(draft, pack))
    assert {"lap-tu", "ngay-khong-co-that", "khoang-trang-thua", "khoang-trang-dau-cau", "chinh-ta"} <= {f["rule"] for f in plain}
    cold = _as_json(check_draft(draft, pack, cache=True))
    files = _cache_files()
    assert len(files) == 1 and json.loads(files[0].read_text(encoding="utf-8"))["units"]
    unit_cache.forget_loaded()                                    # as a new process would
    warm = _as_json(check_draft(draft, pack, cache=True))
    assert cold == plain and warm == plain


def test_a_cached_hit_is_what_is_reported(sample_draft, pack):
    """The warm check really reads the file: a (well-formed) entry planted there is what it reports."""
    draft = _with_errors(sample_draft)
    check_draft(draft, pack, cache=True)
    path = _cache_files()[0]
    data = json.loads(path.read_text(encoding="utf-8"))
    text = draft.section("y-te").body[-1].content[0].text
    data["units"][unit_cache.text_key(text)] = [["lap-tu", "warning", 0, 4, "Thử bộ nhớ đệm.", "", "Bỏ"]]
    path.write_text(json.dumps(data), encoding="utf-8")
    unit_cache.forget_loaded()
    messages = [f.message for f in check_draft(draft, pack, cache=True)]
    assert "Thử bộ nhớ đệm." in messages and "Từ «các» bị lặp." not in messages


@pytest.mark.parametrize("damage", [
    b"\x00\xff not json at all",
    b"[1, 2, 3]",
    b"[" * 100_000 + b"]" * 100_000,                                          # nesting deep enough to recurse
    "wrong-format",
    "wrong-key",
    "offset-outside",
    "wrong-types",
    "bool-for-int",
])
def test_a_damaged_or_hostile_cache_file_is_ignored_and_rebuilt(sample_draft, pack, damage):
    draft = _with_errors(sample_draft)
    plain = _as_json(check_draft(draft, pack))
    check_draft(draft, pack, cache=True)
    path = _cache_files()[0]
    data = json.loads(path.read_text(encoding="utf-8"))
    text = draft.section("y-te").body[-1].content[0].text
    key = unit_cache.text_key(text)
    if isinstance(damage, bytes):
        path.write_bytes(damage)
    elif damage == "wrong-format":
        path.write_text(json.dumps({**data, "format": "khac"}), encoding="utf-8")
    elif damage == "wrong-key":
        path.write_text(json.dumps({**data, "key": "0" * 32}), encoding="utf-8")
    else:
        bad = {"offset-outside": [["lap-tu", "warning", len(text), 5, "x", "", ""]],
               "wrong-types": [["lap-tu", "warning", "0", 4, "x", "", ""]],
               "bool-for-int": [["lap-tu", "warning", True, 4, "x", "", ""]]}[damage]
        data["units"][key] = bad
        path.write_text(json.dumps(data), encoding="utf-8")
    unit_cache.forget_loaded()
    assert _as_json(check_draft(draft, pack, cache=True)) == plain
    rebuilt = json.loads(path.read_text(encoding="utf-8"))          # written again, well formed
    assert rebuilt["format"] == unit_cache.FILE_FORMAT and unit_cache._valid_hits(rebuilt["units"][key], text)


def test_an_oversized_cache_file_is_not_read(tmp_path, monkeypatch):
    cache = unit_cache.UnitCache("k", tmp_path)
    cache.put("một hai", [Hit("lap-tu", "warning", 0, 3, "m")])
    assert cache.save()
    monkeypatch.setattr(unit_cache, "MAX_FILE_BYTES", 10)
    assert unit_cache.UnitCache("k", tmp_path).get("một hai") is None
    monkeypatch.setattr(unit_cache, "MAX_FILE_BYTES", 10_000)
    assert unit_cache.UnitCache("k", tmp_path).get("một hai") == (Hit("lap-tu", "warning", 0, 3, "m"),)


def test_the_cache_is_bounded_most_recent_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(unit_cache, "MAX_ENTRIES", 3)
    cache = unit_cache.UnitCache("k", tmp_path)
    for index in range(5):
        cache.put(f"đoạn {index}", [])
    cache.save()
    again = unit_cache.UnitCache("k", tmp_path)
    assert [again.get(f"đoạn {i}") for i in range(5)] == [(), (), (), None, None]    # at most 3 (first used first)
    monkeypatch.setattr(unit_cache, "MAX_FILES", 2)
    for name in ("a", "b", "c"):
        other = unit_cache.UnitCache(name, tmp_path)
        other.put("x", [])
        other.save()
        time.sleep(0.01)
    assert sorted(p.name for p in tmp_path.glob("*.json")) == ["b.json", "c.json"]


def test_the_window_saves_at_most_every_interval(tmp_path):
    cache = unit_cache.UnitCache("k", tmp_path)
    cache.put("a", [])
    assert cache.save(min_interval_s=30.0)                 # the first time: at once
    cache.put("b", [])
    assert not cache.save(min_interval_s=30.0)             # then at most every 30 s
    assert cache.save()


def test_no_cache_when_switched_off(sample_draft, pack, monkeypatch, tmp_path):
    monkeypatch.setenv(unit_cache.ENV_NO_CACHE, "1")
    check_draft(sample_draft, pack, cache=True)
    assert _cache_files() == []
    path = _saved(sample_draft, tmp_path / "d.baocao")
    assert run_cli("check", path).returncode == 0 and not unit_cache.cache_folder().exists()


def test_an_unwritable_cache_folder_changes_nothing(sample_draft, pack, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setattr(unit_cache, "cache_folder", lambda: blocker / "kiem-tra")
    draft = _with_errors(sample_draft)
    assert _as_json(check_draft(draft, pack, cache=True)) == _as_json(check_draft(draft, pack))


# --- the command line: the printed result of an unchanged file ------------------------------------------------


def _saved(draft, path):
    save_draft(draft, path)
    return str(path)


def test_cli_result_cache_follows_the_file_the_user_dictionary_and_the_pack(tmp_path, sample_draft, make_pack):
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data")}
    path = _saved(_with_errors(sample_draft), tmp_path / "d.baocao")
    first = run_cli("check", path, env=env)
    assert first.returncode == 1 and "quyêt" in first.stdout
    results = tmp_path / "cache" / "baocao" / "kiem-tra" / result_cache.RESULTS_FOLDER
    assert len(list(results.glob("*.txt"))) == 1
    assert run_cli("check", path, env=env).stdout == first.stdout

    # the draft changes: checked again
    sample_draft.section("y-te").body.append(Para.of("Tổ chức tập huấn cho cho cán bộ.", "dash"))
    _saved(sample_draft, tmp_path / "d.baocao")
    second = run_cli("check", path, env=env)
    assert "Từ «cho» bị lặp." in second.stdout and second.stdout != first.stdout

    # a word added to the user's own dictionary: no longer flagged, although the file is the same
    words = tmp_path / "data" / "baocao" / "tu-dien-rieng.txt"
    words.parent.mkdir(parents=True, exist_ok=True)
    words.write_text("quyêt\n", encoding="utf-8")
    third = run_cli("check", path, env=env)
    assert "quyêt" not in third.stdout and "Từ «cho» bị lặp." in third.stdout
    assert run_cli("check", path, "--no-cache", env=env).stdout == third.stdout


def test_cli_a_damaged_result_file_is_ignored(tmp_path, sample_draft):
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    path = _saved(_with_errors(sample_draft), tmp_path / "d.baocao")
    first = run_cli("check", path, env=env)
    (result,) = (tmp_path / "cache" / "baocao" / "kiem-tra" / result_cache.RESULTS_FOLDER).glob("*.txt")
    good = result.read_text(encoding="utf-8")
    magic, key, status, count, rest = good.split("\n", 4)
    assert (magic, status) == (result_cache.FILE_MAGIC, "1") and int(count) >= 3
    planted = "\n".join([magic, key, "0", count, rest.replace("[LỖI]", "[đã sửa]")])
    result.write_text(planted, encoding="utf-8", newline="")
    assert run_cli("check", path, env=env).stdout == first.stdout.replace("[LỖI]", "[đã sửa]")   # it is read
    for damage in (good.replace(f"\n{status}\n", "\n7\n", 1), good.replace(key, "khac", 1),
                   good.replace(f"\n{count}\n", "\n999999\n", 1), good.replace("\ttree\t", "\tx\t"),
                   good.replace("\t", " "), "rác", "", "\x00" * 100):
        result.write_text(damage, encoding="utf-8", newline="")
        again = run_cli("check", path, env=env)
        assert (again.returncode, again.stdout) == (first.returncode, first.stdout)


def test_cli_result_is_not_used_when_a_dependency_changed(tmp_path, sample_draft):
    """A result stays valid only while the files it was made with are the same: a pack folder added counts."""
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data")}
    path = _saved(_with_errors(sample_draft), tmp_path / "d.baocao")
    first = run_cli("check", path, env=env)
    results = tmp_path / "cache" / "baocao" / "kiem-tra" / result_cache.RESULTS_FOLDER
    (result,) = results.glob("*.txt")
    planted = result.read_text(encoding="utf-8").replace("[LỖI]", "[cũ]")
    result.write_text(planted, encoding="utf-8", newline="")
    assert "[cũ]" in run_cli("check", path, env=env).stdout
    (tmp_path / "data" / "baocao" / "templates").mkdir(parents=True)       # the user's pack folder appears
    assert run_cli("check", path, env=env).stdout == first.stdout


def test_cli_template_errors_are_found_again_after_a_pack_is_edited(tmp_path):
    """A pack that rendered cleanly is remembered by its files: edit a template and the error is reported."""
    from baocao.model.draft import Draft

    packs = tmp_path / "packs"
    root = packs / "goi-thu"
    (root / "muc").mkdir(parents=True)
    (root / "manifest.toml").write_text(
        '[pack]\nid = "goi-thu"\nname = "Gói thử"\nversion = "1"\nformat = 1\n\n'
        '[[sections]]\nid = "a"\ntitle = "Mục A"\ntemplate = "muc/a.j2"\n', encoding="utf-8")
    template = root / "muc" / "a.j2"
    template.write_text("{{ noi_dung }}\n", encoding="utf-8")
    path = _saved(Draft(template_id="goi-thu"), tmp_path / "d.baocao")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "BAOCAO_TEMPLATES": str(packs)}
    assert "LỖI MẪU" not in run_cli("check", path, env=env).stdout
    assert "LỖI MẪU" not in run_cli("check", path, env=env).stdout
    template.write_text("{{ bien_khong_co.x }}\n", encoding="utf-8")
    broken = run_cli("check", path, env=env)
    assert broken.returncode == 1 and "LỖI MẪU" in broken.stdout


def test_cli_a_model_learnt_after_a_check_is_used_at_once(tmp_path, sample_draft):
    """The office's n-gram model is one of the results' dependencies: learning one re-checks the file."""
    import docx

    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    sample_draft.section("y-te").body.append(Para.of("Tập trung dải quyết kiến nghị của cử tri.", "dash"))
    path = _saved(sample_draft, tmp_path / "d.baocao")

    def real_word_findings():
        data = json.loads(run_cli("check", path, "--json", env=env).stdout)
        return [(f["text"], f["fix"]) for f in data["findings"] if f["rule"] == "tu-de-nham"]

    assert real_word_findings() == [] and real_word_findings() == []     # no model yet (cold, then warm)
    folder = tmp_path / "bao-cao"
    folder.mkdir()
    document = docx.Document()
    for _ in range(4):
        document.add_paragraph("Tập trung giải quyết kiến nghị của cử tri.")
    document.save(folder / "a.docx")
    assert run_cli("hoc-tu-vung", str(folder), env=env).returncode == 0
    assert real_word_findings() == [("dải", "giải")]
