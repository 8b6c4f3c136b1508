"""The Jinja loader of a pack: every template is read through ``pack_files`` (inside the pack, no links)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import jinja2

from ..errors import TemplateError
from .pack_files import _unchanged, pack_path, read_pack_text


class PackLoader(jinja2.BaseLoader):
    """Jinja loader of a pack's templates; *overrides* holds unsaved texts (the pack editor)."""

    def __init__(self, root: Path, builtins: dict[str, str], overrides: dict[str, str] | None = None):
        self.root = root
        self.builtins = builtins
        self.overrides = overrides or {}

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Callable[[], bool] | None]:
        if template in self.overrides:
            return self.overrides[template], template, lambda: False
        if template in self.builtins:
            return self.builtins[template], None, lambda: True
        try:
            path = pack_path(self.root, template, must_exist=False)
        except TemplateError as exc:
            raise jinja2.TemplateNotFound(f"{template} ({exc.message})") from exc
        if not path.is_file():
            raise jinja2.TemplateNotFound(template)
        text = read_pack_text(self.root, template)
        mtime = path.stat().st_mtime
        return text, str(path), lambda: _unchanged(path, mtime)
