"""Help → About names every runtime dependency of pyproject.toml (and nothing that is not one)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from baocao.ui.help.about import LIBRARIES

#: shown because a listed library needs it at run time, though pyproject does not name it
TRANSITIVE = {"markupsafe"}


def test_about_lists_the_runtime_dependencies():
    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text("utf-8"))
    wanted = {re.split(r"[<>=;!~ \[]", dep, maxsplit=1)[0].strip().lower() for dep in project["project"]["dependencies"]}
    shown = {name.lower() for name, _what, _licence in LIBRARIES}
    assert shown - TRANSITIVE == wanted
