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


def _search_dirs() -> list[tuple[Path, bool]]:
    return [(d, False) for d in extra_template_dirs()] + [(templates_dir(), True)]


def list_packs() -> list[PackInfo]:
    """Every pack found, first occurrence of an id wins (user packs before built-in)."""
    found: dict[str, PackInfo] = {}
    for folder, builtin in _search_dirs():
        for manifest in sorted(folder.glob(f"*/{MANIFEST_NAME}")):
            try:
                info = read_toml(manifest).get("pack", {})
            except TemplateError:
                continue
            pack_id = str(info.get("id") or manifest.parent.name)
            found.setdefault(pack_id, PackInfo(pack_id, str(info.get("name", pack_id)), manifest.parent, builtin))
    return list(found.values())


def find_pack_dir(template_id: str) -> Path:
    """The folder of pack *template_id*; TemplateError listing the known ids when absent."""
    for info in list_packs():
        if info.id == template_id:
            return info.root
    known = ", ".join(p.id for p in list_packs()) or "(không có)"
    raise TemplateError(f"Không có mẫu báo cáo «{template_id}».",
                        f"Các mẫu hiện có: {known}. Hãy chọn một mẫu trong danh sách.")


def load_pack(template_id: str) -> Pack:
    """Load pack *template_id* (cached until its manifest changes on disk)."""
    return load_pack_dir(find_pack_dir(template_id))


def load_pack_dir(root: Path) -> Pack:
    """Load the pack in folder *root* (cached until its manifest or guidance changes)."""
    root = root.resolve()
    stamp = max((p.stat().st_mtime for p in root.glob("*.toml")), default=0.0)
    cached = _CACHE.get(root)
    if cached and cached[0] == stamp:
        return cached[1]
    pack = load_manifest(root)
    _CACHE[root] = (stamp, pack)
    return pack
