"""Timing whole processes for the benchmarks: wall time, CPU time, peak memory, instruction counts.

On a shared machine (here 8 engineers on 2 cores) wall time swings with the load; the CPU time
a process used (user + system, from ``os.wait4``) swings much less, and valgrind's instruction
count not at all.  Each benchmark runs its commands interleaved and reports medians of both
times; ``instructions()`` gives the exact count for one run (slow: ~50× under callgrind).
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

PYCACHE = tempfile.mkdtemp(prefix="baocao-bench-pycache-")


DESKTOP = Path(__file__).resolve().parents[1] / "desktop"


def put_source_on_path(caller: str) -> None:
    """This tree's ``desktop/`` first on ``sys.path`` when *caller* (its ``__name__``) runs as a script.

    A script measures (or regenerates fixtures from) this working copy; a module a test imports
    adds nothing when baocao is installed, so a process never holds two copies (CI installs it:
    a second copy gave the preview process another pack root).
    """
    import importlib.util
    import sys

    if (caller == "__main__" or importlib.util.find_spec("baocao") is None) and str(DESKTOP) not in sys.path:
        sys.path.insert(0, str(DESKTOP))


#: The offscreen platform's screen is 800×800 unless told otherwise; the window keeps itself inside
#: its screen (ui/window_fit.py), so the benchmarks give it a 1920×1080 screen and the window keeps
#: the 1366×768 it has always been measured at.
_SCREEN_CONFIG = ('{"synchronousWindowSystemEvents": false, "windowFrameMargins": false, "screens": '
                  '[{"name": "bench", "x": 0, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, '
                  '"logicalBaseDpi": 96, "dpr": 1}]}')


def offscreen_platform() -> str:
    """``QT_QPA_PLATFORM`` for a benchmark child: offscreen, with a 1920×1080 screen."""
    path = Path(tempfile.gettempdir()) / "baocao-bench-screen.json"
    if not path.exists() or path.read_text(encoding="utf-8") != _SCREEN_CONFIG:
        path.write_text(_SCREEN_CONFIG, encoding="utf-8")
    return f"offscreen:configfile={path}"


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a measured Python child: this working copy's ``baocao`` first (absolute
    paths: the children run in other folders), bytecode cached as in an installed app, outside the tree."""
    paths = [str(DESKTOP), *(str(Path(p).resolve()) for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p)]
    env = dict(os.environ, PYTHONPYCACHEPREFIX=PYCACHE, PYTHONPATH=os.pathsep.join(paths), **extra)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


@dataclass
class Sample:
    """One run of one command."""

    wall_s: float
    cpu_s: float
    max_rss_kib: int


def run_once(command: list[str], env: dict[str, str], cwd: str | None = None,
             ok_status: tuple[int, ...] = (0,)) -> Sample:
    """Run *command* to the end (its output discarded); wall and CPU time, peak resident memory.

    An exit status outside *ok_status* stops the benchmark with the command's error output.
    """
    with tempfile.TemporaryFile() as errors:             # a file, not a pipe: a chatty child cannot block
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in ok_status:
            errors.seek(0)
            text = errors.read().decode("utf-8", "replace")
            raise SystemExit(f"{command[:4]} failed ({process.returncode}):\n{text[-2000:]}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


@dataclass
class Series:
    """Repeated runs of one command."""

    samples: list[Sample] = field(default_factory=list)

    def wall(self) -> float:
        return statistics.median(s.wall_s for s in self.samples)

    def cpu(self) -> float:
        return statistics.median(s.cpu_s for s in self.samples)

    def rss_mib(self) -> float:
        return statistics.median(s.max_rss_kib for s in self.samples) / 1024


def interleaved(commands: dict[str, tuple[list[str], dict[str, str]]], runs: int, cwd: str | None = None,
                warmup: int = 1, ok_status: tuple[int, ...] = (0,)) -> dict[str, Series]:
    """Run every command *runs* times, round-robin (after *warmup* uncounted rounds)."""
    series = {name: Series() for name in commands}
    for round_ in range(warmup + runs):
        for name, (command, env) in commands.items():
            sample = run_once(command, env, cwd, ok_status)
            if round_ >= warmup:
                series[name].samples.append(sample)
    return series


def instructions(command: list[str], env: dict[str, str], cwd: str | None = None) -> int | None:
    """Instructions executed by *command* (valgrind callgrind, children included); None without valgrind.

    One ordinary run first, so that bytecode is cached and not compiled inside the count.
    """
    if subprocess.run(["which", "valgrind"], capture_output=True).returncode != 0:
        return None
    subprocess.run(command, env=env, cwd=cwd, capture_output=True, timeout=600)
    with tempfile.TemporaryDirectory(prefix="baocao-callgrind-") as tmp:
        done = subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes",
                               f"--callgrind-out-file={tmp}/cg.%p", *command],
                              env=env, cwd=cwd, capture_output=True, text=True, timeout=3600)
        if done.returncode not in (0, 1):       # 1: `baocao check` found something
            raise SystemExit(f"valgrind {command[:4]} failed:\n{done.stderr[-2000:]}")
        return sum(int(n.replace(",", "")) for n in re.findall(r"Collected : ([\d,]+)", done.stderr))


def ratio(a: float, b: float) -> float:
    """a / b rounded for a report."""
    return round(a / b, 2) if b else float("inf")
