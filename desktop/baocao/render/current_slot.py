"""What a worker child is filling, written where its parent can read it after stopping the child.  No Qt.

A template that loops for ever is killed; the message names the template it was in.  The child
writes ``"section\\ttemplate"`` before each template it fills, and the parent reads the last one
after a timeout or a crash.  This used to be a ``multiprocessing`` shared array
(``sharedctypes``), which loads ``ctypes``, libffi and the shared-memory heap into the window
(~0.5 MiB and ~4 ms of its start-up, before the first paint); a small private file does the same:

- ``CurrentSlot`` (the parent): makes the file (``tempfile.mkstemp``: created anew, readable by this
  user only), passes its path to the child, reads it, removes it (``close``, or at exit).
- ``SlotWriter`` (the child): opens the path once and overwrites the first ``SLOT_BYTES`` bytes,
  padded with NUL, before each template (two system calls; the file never grows).

A name cut short by a kill in the middle of a write is still a name (decoded with replacement).
"""

from __future__ import annotations

import os
import tempfile
import weakref

#: bytes kept of what the child is filling (UTF-8; longer names are cut)
SLOT_BYTES = 400
SLOT_PREFIX = "baocao-dang-dien-"


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:                       # already gone, or (Windows) still open by a child being killed
        pass


class CurrentSlot:
    """The parent's side: a fresh slot file; ``path`` goes to the child, ``read`` says what it last wrote."""

    def __init__(self) -> None:
        fd, self.path = tempfile.mkstemp(prefix=SLOT_PREFIX)
        os.close(fd)
        self._finalizer = weakref.finalize(self, _remove, self.path)

    def read(self) -> str:
        """What the child wrote last ("" when nothing, or the file cannot be read)."""
        try:
            with open(self.path, "rb") as stream:
                data = stream.read(SLOT_BYTES)
        except OSError:
            return ""
        return data.split(b"\0", 1)[0].decode("utf-8", "replace")

    def close(self) -> None:
        """Remove the file (once the child has stopped)."""
        self._finalizer()


class SlotWriter:
    """The child's side: ``write(name)`` before each template; a slot that cannot be written is left alone."""

    def __init__(self, path: str) -> None:
        self.last = ""                    # what was written last (the child names it after a MemoryError)
        try:
            self._fd: int | None = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
        except OSError:
            self._fd = None

    def write(self, name: str) -> None:
        """Replace what the slot says with *name* (cut to ``SLOT_BYTES`` − 1 bytes)."""
        self.last = name
        if self._fd is None:
            return
        data = name.encode("utf-8", "replace")[:SLOT_BYTES - 1]
        try:
            os.lseek(self._fd, 0, os.SEEK_SET)
            os.write(self._fd, data + b"\0" * (SLOT_BYTES - len(data)))
        except OSError:
            pass
