"""Finding a pack reads only manifests' ``[pack]`` tables (issue 16 item 2), with the same answers.

``find_pack_dir`` used to parse every manifest completely to learn its id; now it parses the
``[pack]`` table alone when that is certain to give the same id, falls back to the whole file
otherwise, and remembers ids by modification time and size.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from baocao.template import registry
from baocao.template.registry import _declared_id, find_pack_dir

MANIFESTS = {
    "plain": '[pack]\nid = "mot"\nname = "Một"\n\n[[sections]]\nid = "a"\ntitle = "A"\n',
    "multiline-description": '# comment\n[pack]\nid = "hai"\ndescription = """dòng một\n[không phải bảng]\n"""\n'
                             '[numbering]\nlevels = ["so"]\n',
    "header-comment": '\ufeff[ pack ]  # bảng gói\nid = \'ba\'\n[document]\nsummary = "x"\n',
    "fake-header-in-string": '[document]\nsummary = """\n[pack]\nid = "gia"\n"""\n[pack]\nid = "that"\n',
    "dotted-root": 'pack.id = "cham"\npack.name = "Chấm"\n',
    "inline-table": 'pack = { id = "noi-dong", name = "x" }\n',
    "no-id": '[pack]\nname = "Không mã"\n',
    "broken": '[pack]\nid = "hong\n',
    "pack-subtable": '[pack]\nid = "bon"\n[pack.extra]\nid = "khong-phai"\n',
}


def _full_id(manifest: Path) -> str:
    try:
        info = tomllib.loads(manifest.read_text(encoding="utf-8-sig")).get("pack", {})
    except tomllib.TOMLDecodeError:
        return manifest.parent.name
    return str(info.get("id") or manifest.parent.name)


@pytest.mark.parametrize("name", sorted(MANIFESTS))
def test_quick_id_equals_full_parse(tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    manifest = folder / "manifest.toml"
    manifest.write_text(MANIFESTS[name], encoding="utf-8")
    assert _declared_id(manifest) == _full_id(manifest)


def test_builtin_packs_found_without_parsing_whole_manifests(monkeypatch):
    registry._ID_CACHE.clear()

    def refuse(*_args, **_kwargs):
        raise AssertionError("a whole manifest was parsed to learn its id")

    monkeypatch.setattr(registry, "read_toml", refuse)
    assert find_pack_dir("bao-cao-nam").name == "bao-cao-nam"
    assert find_pack_dir("bao-cao-6-thang").name == "bao-cao-6-thang"


def test_cached_id_follows_the_file(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    manifest = folder / "manifest.toml"
    manifest.write_text('[pack]\nid = "cu"\n', encoding="utf-8")
    assert _declared_id(manifest) == "cu"
    manifest.write_text('[pack]\nid = "moi-hon"\n', encoding="utf-8")     # another size
    assert _declared_id(manifest) == "moi-hon"
    stat = manifest.stat()
    manifest.write_text('[pack]\nid = "moi-2ab"\n', encoding="utf-8")     # same size, new time
    os.utime(manifest, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert _declared_id(manifest) == "moi-2ab"
