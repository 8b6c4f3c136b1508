"""``baocao check`` prints exactly what it printed before the speed work of this change, on the repo's drafts.

``tests/fixtures/checkspeed/drafts-expected.json.gz`` holds the printed and the ``--json``
output (and exit status) of ``baocao check --no-cache`` made by the code before the change
(commit 5c7b57b) for: the sample draft, the sample draft with seeded mistakes
(``seeded_sample``: spaces and punctuation, repeated words, spelling, citations, one name
written two ways, quotes and brackets), the format fixtures ``draft-v1..v3`` and the
task-sources draft — no machine dictionary.  Cold, warm and without cache, the output must
be the same, byte for byte (the large report is ``test_checks_unchanged``).  When a rule is
changed on purpose, rewrite the fixture: ``python tests/test_checks_unchanged_drafts.py``.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = ROOT / "tests" / "fixtures" / "checkspeed" / "drafts-expected.json.gz"
DRAFTS = ("tests/fixtures/formats/draft-v1.baocao", "tests/fixtures/formats/draft-v2.baocao",
          "tests/fixtures/formats/draft-v3.baocao", "tests/fixtures/task-sources/draft-free-text-sources.baocao")
#: seeded mistakes, one paragraph each, appended to the sample's first sections in turn
SEEDS = (
    "UBND tỉnh đã  chỉ đạo các sở , ngành ; địa phương . Tăng trưởng đạt 7,1 % so với cùng kỳ ,cao hơn.Tiếp tục.",
    "Tiêm vắc-xin cho các các nhóm  đối tượng ,theo Quyết định số 12/QĐ-UBND ngày 31/02/2021 về chỉ đạo quyêt liệt.",
    "Triển khai ứng dụng Covid-19 và COVID-19 ; xử lý hành vi vi phạm ! Còn lại ? Xem www.a.vn . Tỷ lệ 10  %.",
    'Kế hoạch (giai đoạn 2021-2025 "mục tiêu kép" đã được ban hành theo Kế hoạch số 26/QĐ-UBND ngày 5/3/2021.',
    "Tổng số 12 nhiệm vụ, đã hoàn thành 10 (đúng hạn 6, quá hạn 3), chưa hoàn thành 3; 2 + 3 = 6 ;hienj nay.",
)


def seeded_sample():
    """The sample draft with ``SEEDS`` appended (one to each of its first sections)."""
    from baocao.model.richtext import Para
    from baocao.samples import load_sample

    draft = load_sample()
    for text, section in zip(SEEDS, list(draft.sections.values())):
        section.body.append(Para.of(text))
    return draft


def _environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "BAOCAO_TEMPLATES"}
    env.update({v: str(home / v.lower()) for v in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME",
                                                    "XDG_CACHE_HOME")})
    env["BAOCAO_VI_DIC"] = ""
    return env


def _drafts(folder: Path) -> dict[str, Path]:
    """The drafts checked, by name (the sample and the seeded sample saved into *folder*)."""
    from baocao.samples import load_sample
    from baocao.storage import save_draft

    save_draft(load_sample(), folder / "mau.baocao")
    save_draft(seeded_sample(), folder / "mau-co-loi.baocao")
    return {"sample": folder / "mau.baocao", "seeded": folder / "mau-co-loi.baocao",
            **{name: ROOT / name for name in DRAFTS}}


def _check(path: Path, env: dict[str, str], *extra: str) -> list:
    done = subprocess.run([sys.executable, "-m", "baocao", "check", str(path), *extra], env=env,
                          capture_output=True, text=True, timeout=120)
    return [done.returncode, done.stdout, done.stderr]


@lru_cache(maxsize=1)
def expected() -> dict:
    return json.loads(gzip.decompress(EXPECTED.read_bytes()))


@pytest.mark.parametrize("name", ["sample", "seeded", *DRAFTS])
def test_check_output_is_unchanged_cold_warm_and_without_cache(name, tmp_path):
    env = _environment(tmp_path / "home")
    path = _drafts(tmp_path)[name]
    want = expected()[name]
    for label in ("cold", "warm", "no cache"):
        extra = ("--no-cache",) if label == "no cache" else ()
        assert _check(path, env, *extra) == want["text"], label
        assert _check(path, env, "--json", *extra) == want["json"], label


def test_the_seeded_sample_gives_findings_of_every_rewritten_rule():
    """The fixture is not trivially empty: the seeded sample shows the spacing rules this change rewrote."""
    text = expected()["seeded"]["text"][1]
    assert "Thừa khoảng trắng giữa hai từ" in text and "Thừa khoảng trắng trước dấu câu" in text
    assert "đặt trước dấu câu" in text and "giữa số và dấu %" in text and "bị lặp" in text


def make_expected() -> None:
    """Write the fixture with the code on ``sys.path`` (run it with the code *before* a change)."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = _environment(Path(tmp) / "home")
        for name, path in _drafts(Path(tmp)).items():
            out[name] = {"text": _check(path, env, "--no-cache"), "json": _check(path, env, "--no-cache", "--json")}
    EXPECTED.write_bytes(gzip.compress(json.dumps(out, ensure_ascii=False, sort_keys=True).encode("utf-8"), mtime=0))


if __name__ == "__main__":
    make_expected()
