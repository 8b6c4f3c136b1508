"""Template packs: manifest, registry, Jinja environment and block markup."""

from .manifest import Pack, SectionSpec
from .registry import list_packs, load_pack, load_pack_dir

__all__ = ["Pack", "SectionSpec", "list_packs", "load_pack", "load_pack_dir"]
