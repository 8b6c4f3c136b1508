"""The reference-derived parts of exports (:mod:`.style_parts`), kept on disk between exports.

Adapting the reference .docx to a document is pure: its result depends only on the reference
file(s), the page setup, the language and the headings (level, number style, label).  Parsing
and rewriting ``styles.xml`` & co. needs lxml, whose import alone is a good share of a small
export, so the result is kept in the user cache folder (``…/baocao/docx/<key>.bin``), keyed by
a SHA-256 of all those inputs plus the program version and the size and time of the writer's
own source files (a changed writer never reuses an old entry).

A cache entry is a CRC-32 followed by a ``marshal`` tuple that repeats its key; an entry that
is unreadable, truncated, of another format or for another key is ignored (and rewritten), so
a damaged cache is only slower, never wrong.  ``BAOCAO_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from ... import __version__
from ...cache_entries import read_entry, write_entry
from ...docmodel import Heading, PageSetup

#: Layout of an entry; change it when the tuple below changes.
FORMAT = 1
#: Folder under the user cache folder.
CACHE_FOLDER = "docx"
#: Writer modules whose code decides the derived parts (their size and time are part of the key).
_SOURCES = ("style_parts.py", "style_cache.py", "stylesheet.py", "numbering.py", "settings.py", "reference.py",
            "xmlparse.py", "style_ids.py", "ooxml.py")
#: Entries kept; the oldest are removed when a new one is written.
MAX_ENTRIES = 64
_HERE = Path(__file__).resolve().parent
_OFF = "BAOCAO_NO_CACHE"
_MEMORY: dict[str, StyleParts] = {}      # this process's entries (the window exports more than once)


class StyleParts:
    """What the export takes from the reference: parts as bytes, heading style mapping, numbering ids,
    and the run format (size in pt, bold, caps) of every style, for measuring text."""

    __slots__ = ("heading_styles", "ids", "parts", "formats")

    def __init__(self, heading_styles: dict[tuple[str, str], str], ids: tuple[int, int],
                 parts: dict[str, bytes], formats: dict[str, tuple[float, bool, bool]]):
        self.heading_styles = heading_styles
        self.ids = ids
        self.parts = parts
        self.formats = formats

    def run_format(self, style_id: str) -> "RunFormat":
        """Size, bold and caps of *style_id* (the default size for an unknown style)."""
        size, bold, caps = self.formats.get(style_id, (14.0, False, False))
        return RunFormat(size, bold, caps)

    def to_tuple(self) -> tuple:
        return (tuple((k[0], k[1], v) for k, v in self.heading_styles.items()), self.ids, self.parts,
                self.formats)

    @classmethod
    def from_tuple(cls, value: tuple) -> StyleParts:
        """Rebuild from :meth:`to_tuple` (raises TypeError/ValueError on anything else)."""
        headings, ids, parts, formats = value
        mapping = {(str(a), str(b)): str(c) for a, b, c in headings}
        first, second = ids
        if not (isinstance(first, int) and isinstance(second, int) and isinstance(parts, dict)
                and isinstance(formats, dict) and "styles" in parts):
            raise TypeError("not a style-parts entry")
        if not all(isinstance(k, str) and isinstance(v, bytes) for k, v in parts.items()):
            raise TypeError("not a style-parts entry")
        checked = {str(k): (float(s), bool(b), bool(c)) for k, (s, b, c) in formats.items()}
        return cls(mapping, (first, second), parts, checked)


class RunFormat:
    """Resolved character format of a paragraph style (for measuring text)."""

    __slots__ = ("size_pt", "bold", "caps")

    def __init__(self, size_pt: float, bold: bool, caps: bool):
        self.size_pt = size_pt
        self.bold = bold
        self.caps = caps

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RunFormat) and (self.size_pt, self.bold, self.caps) == (
            other.size_pt, other.bold, other.caps)

    def __repr__(self) -> str:
        return f"RunFormat(size_pt={self.size_pt!r}, bold={self.bold!r}, caps={self.caps!r})"


def _stamp(path: Path | None) -> tuple[str, int, int] | None:
    target = path
    if target is None:
        from .reference import default_reference_path   # no lxml: reference imports its parser lazily

        target = default_reference_path()
    stat = target.stat()
    return str(target.resolve()), stat.st_size, stat.st_mtime_ns


def _sources_stamp() -> tuple:
    """Size and time of the writer's source files; of the program file when they are not files (a frozen app)."""
    try:
        return tuple((name, (s := (_HERE / name).stat()).st_size, s.st_mtime_ns) for name in _SOURCES)
    except OSError:
        import sys

        program = Path(sys.executable).stat()
        return ("program", sys.executable, program.st_size, program.st_mtime_ns)


def cache_key(reference: Path | None, complete: bool, page: PageSetup, language: str,
              runs: Sequence[Sequence[Heading]], required: Sequence[str]) -> str | None:
    """The key of the derived parts for these inputs; None when a file cannot be looked at (no caching)."""
    try:
        sources = _sources_stamp()
        references = (_stamp(reference), _stamp(None)) if reference is not None else (_stamp(None),)
    except OSError:
        return None
    headings = tuple(tuple((b.level, b.style, b.label.strip()) for b in run) for run in runs)
    text = repr((FORMAT, __version__, sources, references, complete, page, language, headings, tuple(required)))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def cache_folder() -> Path | None:
    """Where entries live (None when caching is off)."""
    if os.environ.get(_OFF, "") not in ("", "0"):
        return None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("baocao", appauthor=False)) / CACHE_FOLDER


def load(key: str | None) -> StyleParts | None:
    """The entry for *key*, or None (missing, damaged, another format or key, caching off)."""
    folder = cache_folder() if key else None
    if folder is None:
        return None
    if key in _MEMORY:
        return _MEMORY[key]
    value = read_entry(folder, key, FORMAT)
    if value is None:
        return None
    try:
        parts = StyleParts.from_tuple(value)
    except (ValueError, TypeError, KeyError, IndexError):
        return None
    _remember(key, parts)
    return parts


def _remember(key: str, parts: StyleParts) -> None:
    while len(_MEMORY) >= 8:                  # exports may run on a worker thread of the window
        try:
            _MEMORY.pop(next(iter(_MEMORY)), None)
        except (RuntimeError, StopIteration):
            break
    _MEMORY[key] = parts


def store(key: str | None, parts: StyleParts) -> None:
    """Keep *parts* under *key* (replaced atomically; a failure to write is silently ignored)."""
    folder = cache_folder() if key else None
    if folder is None:
        return
    _remember(key, parts)
    write_entry(folder, key, FORMAT, parts.to_tuple(), MAX_ENTRIES)
