"""The checks find exactly what they found before the speed work of issue 16 (`baocao check` ≤ 1.5 × import).

``tests/fixtures/checkspeed/expected.json.gz`` was written once by the code before that work
(commit 8724ce0): the printed and the ``--json`` output of ``baocao check`` on the large
report of ``bench/large_report.py``, and the per-string hits (``text_hits``, without and with
a learnt n-gram model) of every text of the sample draft and of the evaluation prose
(``bench/eval_checks``: clean and with the seeded errors), stored in ``texts.json.gz`` — all
with no machine dictionary and with the machine's Hunspell list.  Whatever the caches hold
(empty, warm, switched off), the output must be the same, byte for byte.  When a rule is
changed on purpose, rewrite the fixture with ``python tests/checkspeed_dump.py make-expected``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from helpers import run_cli

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "checkspeed"
SYSTEM_DIC = Path("/usr/share/hunspell/vi_VN.dic")
#: the machine dictionary the fixture was made with (sha256)
SYSTEM_DIC_SHA256 = "21d59c8385d2ac8d708bc5dfe83b62753d7769a8b2c9c38d319ce5c57bfba0c7"


@lru_cache(maxsize=1)
def expected() -> dict:
    return json.loads(gzip.decompress((FIXTURES / "expected.json.gz").read_bytes()))


def _dictionary(name: str) -> str:
    """BAOCAO_VI_DIC for a fixture variant ("nodic": none; "sysdic": the machine's, when it is the same file)."""
    if name == "nodic":
        return ""
    if not SYSTEM_DIC.is_file() or hashlib.sha256(SYSTEM_DIC.read_bytes()).hexdigest() != SYSTEM_DIC_SHA256:
        pytest.skip("the Vietnamese Hunspell list the fixture was made with is not on this machine")
    return str(SYSTEM_DIC)


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """The large report as a draft file and its synthetic pack."""
    sys.path.insert(0, str(ROOT / "bench"))
    import large_report
    from baocao.storage import save_draft

    folder = tmp_path_factory.mktemp("lon")
    large_report.write_pack(folder / "packs")
    save_draft(large_report.build_draft(), folder / "large.baocao")
    return folder


@pytest.mark.parametrize("dic", ["nodic", "sysdic"])
def test_large_report_findings_are_unchanged_cold_warm_and_without_cache(large, dic, tmp_path):
    want = expected()[dic]
    env = {"BAOCAO_VI_DIC": _dictionary(dic), "BAOCAO_TEMPLATES": str(large / "packs"),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    draft = str(large / "large.baocao")
    for label, args in (("cold", ()), ("warm", ()), ("no cache", ("--no-cache",))):
        result = run_cli("check", draft, *args, env=env)
        assert (result.returncode, result.stderr) == (want["large_status"], ""), label
        assert result.stdout == want["large_text"], label
    assert (tmp_path / "cache" / "baocao" / "kiem-tra").is_dir()
    for label in ("cold", "warm"):
        result = run_cli("check", draft, "--json", env=env)
        assert json.loads(result.stdout) == want["large_json"], label
    # only the per-string cache warm (the draft's printed result not known): still the same
    for path in (tmp_path / "cache" / "baocao" / "kiem-tra" / "ket-qua").iterdir():
        path.unlink()
    assert run_cli("check", draft, env=env).stdout == want["large_text"]


@pytest.mark.parametrize("dic", ["nodic", "sysdic"])
def test_per_string_hits_of_sample_and_evaluation_texts_are_unchanged(dic):
    env = {**os.environ, "BAOCAO_VI_DIC": _dictionary(dic)}
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "checkspeed_dump.py"), "texts",
                           str(FIXTURES / "texts.json.gz")], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    got, want = json.loads(done.stdout), expected()[dic]["texts"]
    assert set(got) == set(want)
    for name in want:
        for index, (g, w) in enumerate(zip(got[name], want[name], strict=True)):
            assert g == w, (name, index)
    # the fixture is not empty: the seeded errors give hits of many rules
    rules = {hit[0] for hits in want["eval_seeded+model"] for hit in hits}
    assert len(rules) >= 10 and sum(map(len, want["eval_seeded"])) >= 30
