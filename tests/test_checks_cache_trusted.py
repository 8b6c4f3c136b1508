"""The per-string cache trusts what this process put or already checked (issue 16).

A text used twice in one report, and every text of the window's next whole-report check, is
answered from memory without checking the entry's shape again; an entry read from the file is
still checked (once) before it is used, and a damaged one is still dropped.
"""

from __future__ import annotations

import json

import pytest

from baocao.checks import check_draft, unit_cache
from baocao.checks.hits import Hit


@pytest.fixture(autouse=True)
def _fresh_process_caches():
    unit_cache.forget_loaded()
    yield
    unit_cache.forget_loaded()


@pytest.fixture
def validations(monkeypatch):
    """How many times an entry's shape was checked."""
    calls: list[str] = []
    real = unit_cache._valid_hits

    def counting(raw, text):
        calls.append(text)
        return real(raw, text)

    monkeypatch.setattr(unit_cache, "_valid_hits", counting)
    return calls


HIT = Hit("lap-tu", "warning", 0, 4, "Từ «một» bị lặp.", "", "Bỏ từ lặp")


def test_an_entry_put_in_this_process_is_answered_without_checking_it(tmp_path, validations):
    cache = unit_cache.UnitCache("k", tmp_path)
    cache.put("một một", [HIT])
    assert cache.get("một một") == (HIT,) and cache.get("một một") == (HIT,)
    assert validations == []


def test_an_entry_read_from_the_file_is_checked_once(tmp_path, validations):
    cache = unit_cache.UnitCache("k", tmp_path)
    cache.put("một một", [HIT])
    assert cache.save()
    again = unit_cache.UnitCache("k", tmp_path)            # as a new process would
    assert again.get("một một") == (HIT,) and again.get("một một") == (HIT,)
    assert validations == ["một một"]


def test_a_damaged_entry_in_the_file_is_still_dropped(tmp_path):
    cache = unit_cache.UnitCache("k", tmp_path)
    cache.put("một một", [HIT])
    cache.save()
    data = json.loads(cache.path.read_text(encoding="utf-8"))
    data["units"][unit_cache.text_key("một một")] = [["lap-tu", "warning", 0, 99, "ngoài chuỗi", "", ""]]
    cache.path.write_text(json.dumps(data), encoding="utf-8")
    assert unit_cache.UnitCache("k", tmp_path).get("một một") is None


def test_a_second_whole_report_check_checks_no_entry_again(sample_draft, pack, validations):
    first = check_draft(sample_draft, pack, cache=True)
    checked = len(validations)                 # texts used twice in the draft were answered from memory
    assert check_draft(sample_draft, pack, cache=True) == first
    assert len(validations) == checked == 0
