"""Long crash test: kill an editing process at random moments, many times, and count losses.

Each round copies a draft, starts ``tests/durability_support.py crash-child``
(which edits through ``DraftSession`` exactly as the window does and prints
``ACK n`` once ``n`` edits are on disk), SIGKILLs it after a random delay, and
checks that the file passes ``PRAGMA integrity_check``, loads, and equals a
deterministic replay of the script at some point ≥ the last acknowledgement.

    python bench/bench_crash.py [--rounds 300] [--edits 400] [--workers 3] [--json]

Exit status 1 on any lost acknowledged edit or damaged file.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import durability_support  # noqa: E402


def run(rounds: int, edits: int, workers: int, seed: int, folder: Path) -> dict[str, object]:
    os.environ["BAOCAO_DATA_DIR"] = str(folder / "data")
    from baocao.samples import load_sample
    from baocao.storage import save_draft

    base = folder / "goc.baocao"
    save_draft(load_sample(), base)
    hashes = durability_support.replay_hashes(base, seed, edits)
    rng = random.Random(seed)
    delays = [rng.uniform(0.0, 0.5) for _ in range(rounds)]
    env = dict(os.environ)

    def one(i: int):
        return durability_support.run_crash_round(base, folder / f"r{i}.baocao", seed, edits, hashes, delays[i], env)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(one, range(rounds)))
    elapsed = time.perf_counter() - start
    failures = [i for i, r in enumerate(results) if not r.integrity or r.matched is None]
    ahead = [r.matched - r.acked for r in results if r.matched is not None and not r.done]
    return {
        "rounds": rounds, "edits_per_round": edits, "seconds": round(elapsed, 1),
        "killed_mid_work": sum(not r.done for r in results),
        "killed_mid_transaction": sum(r.torn for r in results),
        "failures": failures,
        "edits_on_disk_beyond_last_ack_median": statistics.median(ahead) if ahead else 0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--edits", type=int, default=400)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20210705)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="baocao-crash-") as tmp:
        result = run(args.rounds, args.edits, args.workers, args.seed, Path(tmp))
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print(f"{result['rounds']} vòng × {result['edits_per_round']} lần sửa trong {result['seconds']} s: "
              f"{result['killed_mid_work']} lần bị giết giữa chừng, {result['killed_mid_transaction']} lần giữa một "
              f"giao dịch ghi; lỗi: {len(result['failures'])}.")
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
