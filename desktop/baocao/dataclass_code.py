"""The compiled methods ``dataclasses`` writes for our classes, kept between processes.  No Qt.

``@dataclass`` writes the source of ``__init__``, ``__repr__``, ``__eq__`` … of every class and
compiles it with ``exec``: about 260 small compilations, ~⅛ of a whole ``baocao export``.  The
result depends only on that source text and the Python version, never on a draft, so the code
objects are kept in the user cache (``…/baocao/code/dataclasses-<python>.bin``, a CRC-checked
``marshal`` entry, see ``cache_entries``) and reused: :func:`install` gives the ``dataclasses``
module an ``exec`` of its own that runs the kept code object of the same source, or compiles it
as ``exec`` would (filename ``<string>``, no inherited ``__future__`` flags) and remembers it;
:func:`save` writes what is new.  The classes come out exactly as before — same text, same
compiler.  A damaged, foreign or missing entry is only slower; ``BAOCAO_NO_CACHE=1`` turns it off.
Like Jinja's compiled templates (``template/jinja_env.py``) the entry is trusted as much as the
user's own cache folder.
"""

from __future__ import annotations

import builtins
import os
import sys
from pathlib import Path
from typing import Any

FORMAT = 1
CACHE_FOLDER = "code"
#: Sources kept at most (our ~260 plus what a window's rooms add); beyond it nothing new is kept.
MAX_SOURCES = 4000
_OFF = "BAOCAO_NO_CACHE"
_KEY = f"dataclasses-{sys.implementation.cache_tag}-{sys.hexversion:x}"


class _State:
    """What one process has: the kept code objects, and whether some are new."""

    codes: dict[str, Any] | None = None
    dirty = False
    folder: Path | None = None


def _folder() -> Path | None:
    if os.environ.get(_OFF, "") not in ("", "0"):
        return None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("baocao", appauthor=False)) / CACHE_FOLDER


def _code_exec(source: Any, globals: Any = None, locals: Any = None) -> None:
    """``exec`` for ``dataclasses``: a source text seen before runs its kept code object."""
    codes = _State.codes
    if type(source) is not str or codes is None:
        return builtins.exec(source, globals, locals)
    code = codes.get(source)
    if code is None:
        code = compile(source, "<string>", "exec", dont_inherit=True)   # what exec(source) compiles
        if len(codes) < MAX_SOURCES:
            codes[source] = code
            _State.dirty = True
    return builtins.exec(code, globals, locals)


def install() -> bool:
    """Make ``@dataclass`` reuse kept code from now on; False when the cache is off or unusable."""
    import dataclasses

    if _State.codes is not None:
        return True
    folder = _folder()
    if folder is None or not hasattr(dataclasses, "_create_fn") and not hasattr(dataclasses, "_FuncBuilder"):
        return False
    from .cache_entries import read_entry

    stored = read_entry(folder, _KEY, FORMAT)
    codes = stored if type(stored) is dict else {}
    if not all(type(k) is str and type(v) is type(install.__code__) for k, v in codes.items()):
        codes = {}
    _State.codes, _State.folder, _State.dirty = codes, folder, False
    dataclasses.exec = _code_exec            # type: ignore[attr-defined]  # found before the builtin
    return True


def save() -> None:
    """Write the kept code if this process compiled something new (write failures are ignored)."""
    if not _State.dirty or _State.codes is None or _State.folder is None:
        return
    from .cache_entries import write_entry

    write_entry(_State.folder, _KEY, FORMAT, _State.codes, max_entries=8)
    _State.dirty = False


def uninstall() -> None:
    """Back to the plain builtin ``exec`` (tests)."""
    import dataclasses

    if getattr(dataclasses, "exec", None) is _code_exec:
        del dataclasses.exec             # type: ignore[attr-defined]
    _State.codes, _State.folder, _State.dirty = None, None, False
