"""Where the shipped data lives: template packs and resources.

In an installed package (wheel, frozen app) they are copied to
``baocao/_data/templates`` and ``baocao/_data/resources``.  In a source
checkout used in place (editable install, ``python -m`` from ``desktop/``)
they are read from the repository's top-level ``templates/`` and
``resources/`` folders.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    bundled = _PACKAGE_DIR / "_data" / name
    if bundled.is_dir():
        return bundled
    frozen = Path(getattr(sys, "_MEIPASS", "")) / "baocao" / "_data" / name
    if getattr(sys, "frozen", False) and frozen.is_dir():
        return frozen
    checkout = _PACKAGE_DIR.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"baocao data folder {name!r} not found next to {_PACKAGE_DIR}")


@lru_cache(maxsize=None)
def templates_dir() -> Path:
    """The folder of built-in template packs."""
    return _data_dir("templates")


@lru_cache(maxsize=None)
def resources_dir() -> Path:
    """The folder of shipped resources (sample drafts, reference .docx, icons)."""
    return _data_dir("resources")


def user_templates_dir() -> Path:
    """The folder where a maintainer may put extra or customised packs.

    ``BAOCAO_TEMPLATES`` overrides it (several folders separated by os.pathsep are allowed).
    """
    from platformdirs import user_data_dir

    return Path(user_data_dir("baocao", appauthor=False)) / "templates"


def extra_template_dirs() -> list[Path]:
    """Folders searched for packs before the built-in ones."""
    env = os.environ.get("BAOCAO_TEMPLATES", "")
    dirs = [Path(p) for p in env.split(os.pathsep) if p]
    dirs.append(user_templates_dir())
    return [d for d in dirs if d.is_dir()]
