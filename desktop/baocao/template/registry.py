"""Finding template packs: the built-in ones and those a maintainer adds.

A pack is a folder holding ``manifest.toml``.  Folders named by
``BAOCAO_TEMPLATES`` and the user's data folder are searched before the
built-in packs, so a maintainer can override a built-in pack by copying it
there and editing the copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import TemplateError
from ..paths import extra_template_dirs, templates_dir
from .manifest import MANIFEST_NAME, Pack, load_manifest, read_toml
from . import toml_cache
from .pack_files import read_pack_text

_CACHE: dict[Path, tuple[float, Pack]] = {}


@dataclass
class PackInfo:
    """A pack found on disk, before it is fully loaded."""

    id: str
    name: str
    root: Path
    builtin: bool
    error: TemplateError | None = None      # why the pack cannot be used (None: it loads)
    version: str = ""
    overrides_builtin: bool = False          # a user pack with the id of a built-in one

    @property
    def broken(self) -> bool:
        """True when the pack cannot be loaded."""
        return self.error is not None


def _search_dirs() -> list[tuple[Path, bool]]:
    return [(d, False) for d in extra_template_dirs()] + [(templates_dir(), True)]


def _probe(root: Path, builtin: bool) -> PackInfo:
    """What a pack folder holds: its id and name, and the error that stops it loading, if any."""
    try:
        pack = load_pack_dir(root)
        return PackInfo(pack.id, pack.name, root, builtin, None, pack.version)
    except TemplateError as exc:
        try:
            info = read_toml(root / MANIFEST_NAME).get("pack", {})
        except TemplateError:
            info = {}
        info = info if isinstance(info, dict) else {}
        pack_id = str(info.get("id") or root.name)
        return PackInfo(pack_id, str(info.get("name", pack_id)), root, builtin, exc, str(info.get("version", "")))


def list_packs(include_broken: bool = False) -> list[PackInfo]:
    """Every pack found, first occurrence of an id wins (user packs before built-in).

    Broken packs (a TOML syntax error, a bad key …) are left out unless *include_broken*;
    then they are listed with the error that stops them.
    """
    found: dict[str, PackInfo] = {}
    for folder, builtin in _search_dirs():
        for manifest in sorted(folder.glob(f"*/{MANIFEST_NAME}")):
            info = _probe(manifest.parent, builtin)
            if info.id in found:
                if builtin and not found[info.id].builtin:
                    found[info.id].overrides_builtin = True
                continue
            found[info.id] = info
    return [p for p in found.values() if include_broken or not p.broken]


#: a ``[pack]`` table header on a line of its own, and any table header
_PACK_HEADER = re.compile(r"^[ \t]*\[[ \t]*pack[ \t]*\][ \t]*(?:#.*)?$", re.MULTILINE)
_ANY_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)
#: manifest path → (mtime_ns, size, declared id): the window asks for pack ids again and again
_ID_CACHE: dict[Path, tuple[int, int, str]] = {}


def _quick_pack_table(text: str) -> dict | None:
    """Only the ``[pack]`` table of a manifest's *text*, parsed alone; None when that is not certain.

    A manifest is mostly sections, tables and appendices; parsing all of it to learn one id cost
    most of ``find_pack_dir``.  The slice from the ``[pack]`` header to the next header is parsed
    by itself unless a multi-line string could hide or fake a header (then the caller parses all).
    """
    headers = list(_PACK_HEADER.finditer(text))
    if len(headers) != 1:
        return None
    start = headers[0].end()
    following = _ANY_HEADER.search(text, start)
    before = text[:headers[0].start()]
    if '"""' in before or "'''" in before:          # a "[pack]" line could be inside a string
        return None
    # A multi-line string of the table holding a "[" line would be cut open: a parse error, so None.
    chunk = text[start:following.start() if following else len(text)]
    try:
        return toml_cache.parse(chunk)
    except ValueError:               # tomllib.TOMLDecodeError
        return None


def _declared_id(manifest: Path) -> str:
    """The id a manifest declares (its folder's name when the file cannot be read).

    Reads only the ``[pack]`` table when it can (see :func:`_quick_pack_table`), and remembers
    the answer until the file's modification time or size changes.
    """
    try:
        stat = manifest.stat()
    except OSError:
        return manifest.parent.name
    cached = _ID_CACHE.get(manifest)
    if cached is not None and cached[:2] == (stat.st_mtime_ns, stat.st_size):
        return cached[2]
    info = None
    try:
        info = _quick_pack_table(read_pack_text(manifest.parent, MANIFEST_NAME))
    except TemplateError:
        pass
    if info is None:
        try:
            info = read_toml(manifest).get("pack", {})
        except TemplateError:
            return manifest.parent.name
    declared = str(info.get("id") or manifest.parent.name) if isinstance(info, dict) else manifest.parent.name
    _ID_CACHE[manifest] = (stat.st_mtime_ns, stat.st_size, declared)
    return declared


def find_pack_dir(template_id: str) -> Path:
    """The folder of pack *template_id* (user packs first); TemplateError listing the known ids when absent.

    Only the ``[pack]`` ids are read here; loading the pack reports its own errors (a broken pack
    says what is wrong instead of "no such pack").
    """
    for folder, _builtin in _search_dirs():
        for manifest in sorted(folder.glob(f"*/{MANIFEST_NAME}")):
            if _declared_id(manifest) == template_id:
                return manifest.parent
    known = ", ".join(p.id for p in list_packs()) or "(không có)"
    raise TemplateError(f"Không có mẫu báo cáo «{template_id}».",
                        f"Các mẫu hiện có: {known}. Hãy chọn một mẫu trong danh sách.")


def load_pack(template_id: str) -> Pack:
    """Load pack *template_id* (cached until its manifest changes on disk)."""
    return load_pack_dir(find_pack_dir(template_id))


def load_pack_dir(root: Path) -> Pack:
    """Load the pack in folder *root* (cached until its manifest or guidance changes)."""
    root = root.absolute()
    stamp = max((p.lstat().st_mtime for p in root.glob("*.toml")), default=0.0)
    cached = _CACHE.get(root)
    if cached and cached[0] == stamp:
        return cached[1]
    pack = load_manifest(root)
    _CACHE[root] = (stamp, pack)
    return pack
