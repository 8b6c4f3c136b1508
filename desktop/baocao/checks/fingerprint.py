"""What the per-string findings depend on, as one short hash: the cache key of ``unit_cache``.  No Qt.

The findings of one string depend on the string, the rules (baocao's code), the word lists
(``resources/``), the machine's Hunspell list, the user's and the draft's own words and the
office's n-gram model.  Files are identified by path, size and modification time (``stat``,
no reading): an edited file, an upgrade or another dictionary gives another key, so a stale
cache is never used — it is simply not found.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

try:                                   # blake2 alone, without loading OpenSSL (hashlib's _hashlib): start-up time
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover - a Python without the _blake2 module
    from hashlib import blake2b as _blake2b

#: bump when the cached data's shape or meaning changes
CACHE_FORMAT = 1
#: package folders whose code no check runs (the window's)
_SKIP_FOLDERS = frozenset({"ui", "__pycache__"})


def _stat_line(path: str | os.PathLike[str]) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return f"{path}|-"
    return f"{path}|{st.st_size}|{st.st_mtime_ns}"


def _walk(folder: str, suffix: str, out: list[str]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if entry.name not in _SKIP_FOLDERS:
                _walk(entry.path, suffix, out)
        elif entry.name.endswith(suffix):
            out.append(_stat_line(entry.path))


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """baocao's version and every non-UI source file of the package (stat), as a hash; once per process."""
    from .. import __version__

    package = str(Path(__file__).resolve().parents[1])
    lines = [f"v{__version__}|f{CACHE_FORMAT}|{sys.version_info[:2]}|{sys.executable}"]
    _walk(package, ".py", lines)
    if len(lines) == 1:                               # a frozen app: its own executable stands for its code
        lines.append(_stat_line(sys.executable))
    return _digest(lines)


@lru_cache(maxsize=1)
def data_fingerprint() -> str:
    """The shipped resources, the machine dictionary and the office's n-gram model in use (stat), as a hash.

    Once per process, as the word lists (``lexicon``) and the model (``default_model``) are read once.
    """
    from ..paths import resources_dir
    from ..spelling.model_path import user_model_path
    from ..spelling.system_dictionary import dictionary_candidates

    deps = [("tree", str(resources_dir()))] if _has_resources() else []
    deps += [("file", str(path)) for path in dictionary_candidates()]
    deps.append(("file", str(user_model_path())))
    return _digest([dependency_digest(kind, path) for kind, path in deps])


def _has_resources() -> bool:
    from ..paths import resources_dir

    try:
        resources_dir()
    except FileNotFoundError:
        return False
    return True


def result_dependencies() -> list[tuple[str, str]]:
    """Every file and folder (besides the draft and the code) the printed result of ``baocao check`` depends on.

    ("tree", folder): every file below it; ("file", path): that file (absent counts too, so a
    dictionary or pack folder that appears later is noticed).  The shipped resources, the
    machine dictionary's candidates, the office's model, the user's own dictionary, and every
    folder packs are looked up in.
    """
    from ..paths import extra_template_dirs, templates_dir, user_templates_dir
    from ..spelling.model_path import user_model_path
    from ..spelling.system_dictionary import dictionary_candidates
    from .dismissals import user_dictionary_path

    deps: list[tuple[str, str]] = []
    if _has_resources():
        from ..paths import resources_dir

        deps.append(("tree", str(resources_dir())))
    deps += [("file", str(path)) for path in dictionary_candidates()]
    deps += [("file", str(user_model_path())), ("file", str(user_dictionary_path()))]
    folders = [*extra_template_dirs(), user_templates_dir()]
    try:
        folders.append(templates_dir())
    except FileNotFoundError:
        pass
    deps += [("tree", str(folder)) for folder in dict.fromkeys(folders)]
    return deps


def dependency_digest(kind: str, path: str) -> str:
    """A hash of what *path* is now: its stat ("file"), or the stat of every file below it ("tree")."""
    if kind == "file":
        return _digest([_stat_line(path)])
    lines = [f"tree:{path}|{os.path.isdir(path)}"]
    _walk(path, "", lines)
    return _digest(lines)


def words_fingerprint(words: frozenset[str]) -> str:
    """The user's and the draft's own words, as a hash."""
    return _digest(sorted(words))


def _digest(lines: list[str]) -> str:
    return _blake2b("\n".join(lines).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def new_digest():
    """A fresh 128-bit blake2b hash object (for hashing a file by chunks)."""
    return _blake2b(digest_size=16)


def environment_key(words: frozenset[str]) -> str:
    """Everything besides the string itself that its findings depend on (default model), as one hash."""
    return _digest([code_fingerprint(), data_fingerprint(), words_fingerprint(words)])


def pack_fingerprint(root: Path | None, pack_id: str) -> str:
    """A template pack's files (stat), its id, and the code that renders it, as a hash."""
    lines = [code_fingerprint(), data_fingerprint(), f"pack:{pack_id}"]
    if root is not None:
        _walk(str(root), "", lines)
    return _digest(lines)
