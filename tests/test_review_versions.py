"""One list of versions for the compare view, «Xuất bản so sánh» and History: labels told apart, sensible default."""

from __future__ import annotations

import copy
from datetime import datetime, timezone

from baocao.review.seeds import seed_versions
from baocao.review.textops import replace_range
from baocao.review.version_list import default_index, same_text, unique_labels, version_choices
from baocao.samples import load_sample
from baocao.storage.history import VersionInfo


def _info(n, second, kind="save", name=""):
    return VersionInfo(n, kind, name, datetime(2026, 12, 2, 4, 53, second, tzinfo=timezone.utc), "")


def test_repeated_labels_show_seconds_then_a_number():
    labels = [c.label for c in version_choices([_info(3, 40), _info(2, 7), _info(1, 7), _info(0, 59, "auto")], [])]
    assert len(set(labels)) == 4
    assert ":53:40" in labels[0] and ":53:07" in labels[1] and labels[2].endswith("(2)")
    assert ":53:" not in labels[3].replace("04:53 ", "")          # a label that is not repeated keeps its minute


def test_unique_labels_numbers_repeats_only():
    assert unique_labels(["A", "B", "A", "A"]) == ["A", "B", "A (2)", "A (3)"]


def test_the_sample_s_versions_follow_the_history_newest_first():
    draft = load_sample()
    choices = version_choices([_info(1, 0)], seed_versions(draft))
    assert [c.key for c in choices] == [1, "m2", "m1"] and "phiên bản của bản mẫu" in choices[1].label


def test_the_default_is_the_newest_version_that_differs():
    current = load_sample()
    changed = copy.deepcopy(current)
    sid = "nhiem-vu-cap-tren"
    body = changed.sections[sid].body
    body[0] = replace_range(body[0], 0, 0, "Nhìn chung, ")
    drafts = {3: current, 2: copy.deepcopy(current), 1: changed}
    choices = version_choices([_info(3, 30), _info(2, 20), _info(1, 10)], [])
    assert same_text(drafts[3], current) and not same_text(changed, current)
    assert choices[default_index(choices, drafts.__getitem__, current)].key == 1
    assert default_index(choices[:2], drafts.__getitem__, current) == 0          # none differs: the newest
