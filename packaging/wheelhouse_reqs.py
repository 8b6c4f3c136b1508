"""The runtime requirements of baocao for another machine, markers resolved (used by wheelhouse.sh).

    python packaging/wheelhouse_reqs.py PLATFORM PYVER     → one requirement a line, no markers

``pip download --platform … --python-version …`` fetches wheels for another
machine, but it evaluates environment markers (``python_version < '3.12'``,
``sys_platform == 'win32'``) against the machine it runs on.  This module
evaluates pyproject.toml's markers for the *target* instead, so a wheelhouse
for Python 3.11 gets PySide6-Essentials < 6.12 (the QVariant refcount fault)
even when it is built on 3.12.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

try:
    from packaging.requirements import Requirement
except ModuleNotFoundError:  # pragma: no cover - pip always carries a copy
    from pip._vendor.packaging.requirements import Requirement  # type: ignore[no-redef]

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle_rules import runtime_requirements  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# Short names accepted for PLATFORM → (pip --platform tags, the marker environment of that platform).
PLATFORMS: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
    "linux": (("manylinux_2_28_x86_64", "manylinux_2_34_x86_64", "manylinux_2_39_x86_64",
               "manylinux2014_x86_64", "linux_x86_64"),
              {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix", "platform_machine": "x86_64"}),
    "windows": (("win_amd64",),
                {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64"}),
}
PLATFORM_ALIASES = {"linux-x86_64": "linux", "manylinux": "linux", "win": "windows", "win_amd64": "windows",
                    "win64": "windows"}
PYVER_RE = re.compile(r"^3\.(1[1-9])$")


class UsageError(ValueError):
    """PLATFORM or PYVER is not one wheelhouse.sh knows."""


def platform_key(name: str) -> str:
    """``linux``/``windows`` for PLATFORM (short names and aliases accepted); UsageError otherwise."""
    key = PLATFORM_ALIASES.get(name.lower(), name.lower())
    if key not in PLATFORMS:
        raise UsageError(f"PLATFORM must be one of {', '.join(PLATFORMS)} (got {name!r})")
    return key


def check_pyver(pyver: str) -> str:
    """PYVER as ``3.N`` (3.11 or later, the project's requires-python); UsageError otherwise."""
    if not PYVER_RE.match(pyver):
        raise UsageError(f"PYVER must look like 3.12 (3.11 or later), got {pyver!r}")
    return pyver


def marker_environment(platform: str, pyver: str) -> dict[str, str]:
    """The environment markers of the target machine."""
    env = dict(PLATFORMS[platform_key(platform)][1])
    env.update(python_version=check_pyver(pyver), python_full_version=f"{pyver}.0",
               implementation_name="cpython", platform_python_implementation="CPython")
    return env


def resolved_requirements(platform: str, pyver: str, pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """pyproject.toml's runtime dependencies that apply on the target, without their markers."""
    env = marker_environment(platform, pyver)
    result = []
    for text in runtime_requirements(pyproject):
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate(env):
            requirement.marker = None
            result.append(str(requirement))
    return result


def pip_platform_args(platform: str, pyver: str) -> list[str]:
    """The ``pip download`` options for the target (tags, Python version, ABI)."""
    tags = PLATFORMS[platform_key(platform)][0]
    args = [f"--platform={tag}" for tag in tags]
    nodot = check_pyver(pyver).replace(".", "")
    return [*args, f"--python-version={pyver}", "--implementation=cp", f"--abi=cp{nodot}", "--abi=abi3",
            "--abi=none", "--only-binary=:all:"]


def main(argv: list[str]) -> int:
    """Print the requirements (``--pip-args``: the pip options instead), one a line."""
    args = [a for a in argv if a != "--pip-args"]
    if len(args) != 2:
        print("usage: wheelhouse_reqs.py PLATFORM PYVER [--pip-args]", file=sys.stderr)
        return 2
    try:
        lines = pip_platform_args(*args) if "--pip-args" in argv else resolved_requirements(*args)
    except UsageError as exc:
        print(f"wheelhouse: {exc}", file=sys.stderr)
        return 2
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
