"""The printed result of ``baocao check FILE`` for a draft file checked before, unchanged.  No Qt.

What ``baocao check`` prints depends only on the draft file's bytes (SQLite write-ahead log
included), baocao's code, the output form (text or ``--json``) and a few files and folders:
the shipped word lists, the machine dictionary, the office's n-gram model, the user's own
dictionary and the folders packs are found in (``fingerprint.result_dependencies``).  The
result is filed under a hash of the first three (``result_key``); the entry lists the files
and folders with a hash of their state (stat of each file), and is used only while every one
of them is as it was.  So an unchanged draft is answered without loading the draft, the pack,
the rules or even platformdirs: little more than starting Python.

The files are untrusted: one that is too big, not of this format or key, with a status other
than 0/1 or a malformed line is ignored (and replaced by the next check).  At most
``MAX_RESULTS`` results are kept (the most recently used).  Template errors are never kept.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path

from .cache_dir import cache_folder
from .fingerprint import _digest, code_fingerprint, dependency_digest, new_digest

RESULTS_FOLDER = "ket-qua"
FILE_MAGIC = "baocao-ket-qua-kiem-tra 1"
MAX_RESULTS = 16
MAX_RESULT_BYTES = 64 * 1024 * 1024
MAX_DEPENDENCIES = 64
#: variables that decide where the dependencies are looked for (platformdirs, packs, dictionary)
PATH_VARIABLES = ("BAOCAO_TEMPLATES", "BAOCAO_VI_DIC", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "HOME", "USERPROFILE",
                  "APPDATA", "LOCALAPPDATA", "ProgramFiles", "ProgramFiles(x86)")
_CHUNK = 1 << 20


def file_token(path: str) -> str | None:
    """A hash of a draft file's bytes (and of its ``-wal`` log, when there is one); None when unreadable.

    Only regular files are read (opened without blocking, checked before reading): a pipe or a
    device named as the draft is left to the loader, which refuses it with its own message.
    """
    digest = new_digest()
    for name in (path, path + "-wal"):
        try:
            fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            if name == path:
                return None
            continue
        except OSError:
            return None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            with os.fdopen(fd, "rb", closefd=False) as stream:
                while chunk := stream.read(_CHUNK):
                    digest.update(chunk)
        except OSError:
            return None
        finally:
            os.close(fd)
        digest.update(b"\x00")
    return digest.hexdigest()


def result_key(token: str, variant: str) -> str:
    """The key of the result for a draft of content *token*, printed as *variant* ("text", "json")."""
    where = [f"{name}={os.environ.get(name, '')}" for name in PATH_VARIABLES]
    return _digest([code_fingerprint(), sys.platform, *where, f"draft:{token}", f"form:{variant}"])


def _path(key: str) -> Path:
    return cache_folder() / RESULTS_FOLDER / f"{key}.txt"


def cached_result(key: str) -> tuple[int, str] | None:
    """(exit status, printed text) of an earlier check with *key*, when its dependencies are unchanged; else None."""
    try:
        path = _path(key)
        with path.open("rb") as stream:
            data = stream.read(MAX_RESULT_BYTES + 1)
        if len(data) > MAX_RESULT_BYTES:
            return None
        text = data.decode("utf-8")
    except (OSError, ValueError):
        return None
    parsed = _parse(text, key)
    if parsed is None:
        return None
    status, deps, output = parsed
    if any(dependency_digest(kind, dep_path) != digest for kind, dep_path, digest in deps):
        return None
    try:
        os.utime(path)                     # recently used: kept longest
    except OSError:
        pass
    return status, output


def _parse(text: str, key: str) -> tuple[int, list[tuple[str, str, str]], str] | None:
    """Header (magic, key, status, dependency count, one line per dependency), then the output."""
    head = text.split("\n", 4)
    if len(head) < 5 or head[0] != FILE_MAGIC or head[1] != key or head[2] not in ("0", "1"):
        return None
    if not head[3].isdigit() or int(head[3]) > MAX_DEPENDENCIES:
        return None
    count = int(head[3])
    lines = head[4].split("\n", count)
    if len(lines) != count + 1:
        return None
    deps = []
    for line in lines[:count]:
        parts = line.split("\t")
        if len(parts) != 3 or parts[0] not in ("file", "tree") or len(parts[2]) != 32:
            return None
        deps.append((parts[0], parts[1], parts[2]))
    return int(head[2]), deps, lines[count]


def remember_result(key: str, status: int, output: str) -> None:
    """Keep the result of a check with the state of its dependencies; an unwritable folder is left alone."""
    from .fingerprint import result_dependencies

    try:
        deps = result_dependencies()
    except Exception:  # noqa: BLE001 - a folder that cannot be found: nothing to remember, nothing wrong
        return
    if len(deps) > MAX_DEPENDENCIES or any("\n" in p or "\t" in p for _, p in deps):
        return                                 # a path this format cannot hold: not cached
    lines = [FILE_MAGIC, key, str(status), str(len(deps)),
             *(f"{kind}\t{path}\t{dependency_digest(kind, path)}" for kind, path in deps)]
    import threading                   # here, not at the top: the cached answer never writes

    try:
        path = _path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text("\n".join(lines) + "\n" + output, encoding="utf-8", newline="")
        os.replace(tmp, path)
    except (OSError, RuntimeError, UnicodeError):
        return
    _prune(path.parent, path)


def _prune(folder: Path, keep: Path) -> None:
    try:
        stamped = sorted(((p.stat().st_mtime, p) for p in folder.iterdir() if p != keep), reverse=True)
    except OSError:
        return
    now, kept = time.time(), 1
    for mtime, path in stamped:
        if path.suffix == ".txt" and kept < MAX_RESULTS:
            kept += 1
            continue
        if path.suffix == ".txt" or now - mtime > 3600:
            try:
                path.unlink()
            except OSError:
                pass
