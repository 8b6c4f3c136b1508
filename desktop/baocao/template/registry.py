"""Finding template packs: the built-in ones and those a maintainer adds.

A pack is a folder holding ``manifest.toml``.  Folders named by
``BAOCAO_TEMPLATES`` and the user's data folder are searched before the
built-in packs, so a maintainer can override a built-in pack by copying it
there and editing the copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import TemplateError
from ..paths import extra_template_dirs, templates_dir
from .manifest import MANIFEST_NAME, Pack, load_manifest, read_toml

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


def _declared_id(manifest: Path) -> str:
    """The id a manifest declares (its folder's name when the file cannot be read)."""
    try:
        info = read_toml(manifest).get("pack", {})
    except TemplateError:
        return manifest.parent.name
    return str(info.get("id") or manifest.parent.name) if isinstance(info, dict) else manifest.parent.name


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
