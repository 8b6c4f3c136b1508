"""Crash test: a child process edits through DraftSession (the window's code path) and is killed
with SIGKILL at random moments; every acknowledged edit must be in a sound file afterwards."""

from __future__ import annotations

import os
import random
import signal
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from baocao.session import DraftSession
from baocao.storage import save_draft
from durability_support import replay_hashes, run_crash_round

ROUNDS = 30
EDITS = 300
SEED = 20210705

pytestmark = pytest.mark.skipif(sys.platform == "win32" or not hasattr(signal, "SIGKILL"),
                                reason="SIGKILL is POSIX")


def test_killed_writer_never_loses_acknowledged_edits(tmp_path, sample_draft):
    base = tmp_path / "goc.baocao"
    save_draft(sample_draft, base)
    hashes = replay_hashes(base, SEED, EDITS)
    rng = random.Random(SEED)
    delays = [rng.uniform(0.0, 0.35) for _ in range(ROUNDS)]
    env = dict(os.environ)

    def one(i: int):
        return run_crash_round(base, tmp_path / f"vong-{i}.baocao", SEED, EDITS, hashes, delays[i], env)

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(one, range(ROUNDS)))
    for i, result in enumerate(results):
        assert result.integrity, f"round {i}: integrity check failed"
        assert result.matched is not None, f"round {i}: file holds no state ≥ acknowledged {result.acked}"
    interrupted = [r for r in results if not r.done]
    assert len(interrupted) >= ROUNDS // 3           # most kills land mid-work, not after the end
    assert any(r.acked > 0 for r in interrupted)


def test_after_a_kill_the_file_reopens_for_editing(tmp_path, sample_draft):
    """The dead child's lock does not block and its torn write is rolled back."""
    base = tmp_path / "goc.baocao"
    save_draft(sample_draft, base)
    hashes = replay_hashes(base, SEED + 1, 120)
    work = tmp_path / "mo-lai.baocao"
    result = run_crash_round(base, work, SEED + 1, 120, hashes, 0.05, dict(os.environ))
    assert result.matched is not None
    session = DraftSession.open(work, threaded=False)
    assert not session.read_only
    session.close()
