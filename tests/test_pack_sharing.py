"""Issue 10, tools items 1, 5, 9: copy, export and import packs; zip attacks are refused."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest
from helpers import run_cli

from baocao.errors import TemplateError
from baocao.paths import templates_dir
from baocao.template import load_pack_dir
from baocao.template.registry import list_packs
from baocao.template.sharing import copy_pack, export_zip, inspect_zip, install_zip


def _zip(path: Path, members: dict[str, bytes], links: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return path


def _builtin_members(prefix: str = "bao-cao-nam/") -> dict[str, bytes]:
    root = templates_dir() / "bao-cao-nam"
    return {prefix + p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_export_then_import_round_trip(tmp_path):
    out = tmp_path / "nam.zip"
    names = export_zip(templates_dir() / "bao-cao-nam", out, "bao-cao-nam")
    assert "bao-cao-nam/manifest.toml" in names
    plan = inspect_zip(out)
    assert plan.pack_id == "bao-cao-nam" and ("manifest.toml", (templates_dir() / "bao-cao-nam/manifest.toml").stat().st_size) in plan.files
    final = install_zip(plan, tmp_path / "user")
    assert load_pack_dir(final).id == "bao-cao-nam"


def test_import_keeps_the_pack_it_replaces(tmp_path):
    out = export_zip(templates_dir() / "bao-cao-nam", tmp_path / "nam.zip", "bao-cao-nam") and tmp_path / "nam.zip"
    user = tmp_path / "user"
    install_zip(inspect_zip(out), user)
    (user / "bao-cao-nam" / "ghi-chu.txt").write_text("của tôi", encoding="utf-8")
    install_zip(inspect_zip(out), user, backup_dir=tmp_path / "cu")
    kept = list((tmp_path / "cu").glob("bao-cao-nam-*/ghi-chu.txt"))
    assert kept and kept[0].read_text(encoding="utf-8") == "của tôi"


@pytest.mark.parametrize("name", ["../../ngoai.toml", "/etc/cron.d/x.toml", "C:/Windows/x.toml",
                                  "bao-cao-nam/../../x.toml", "bao-cao-nam\\..\\..\\x.toml"])
def test_zip_slip_is_refused(tmp_path, name):
    members = _builtin_members()
    members[name] = b"x = 1"
    with pytest.raises(TemplateError) as info:
        inspect_zip(_zip(tmp_path / "a.zip", members))
    assert "ngoài" in info.value.message
    assert not (tmp_path.parent / "ngoai.toml").exists()


def test_symlink_member_is_refused(tmp_path):
    archive = _zip(tmp_path / "a.zip", _builtin_members(), links={"bao-cao-nam/muc/x.j2": "/etc/passwd"})
    with pytest.raises(TemplateError) as info:
        inspect_zip(archive)
    assert "liên kết" in info.value.message


def test_zip_bomb_is_refused(tmp_path):
    members = _builtin_members()
    members["bao-cao-nam/bom.txt"] = b"0" * (30 * 1024 * 1024)
    with pytest.raises(TemplateError) as info:
        inspect_zip(_zip(tmp_path / "bom.zip", members))
    assert "quá lớn" in info.value.message or "bom zip" in info.value.message


def test_member_that_lies_about_its_size_is_stopped_while_extracting(tmp_path):
    members = _builtin_members()
    members["bao-cao-nam/nho.txt"] = b"a" * (4 * 1024 * 1024)
    archive = _zip(tmp_path / "doi.zip", members)
    with zipfile.ZipFile(archive) as z:
        real = z.getinfo("bao-cao-nam/nho.txt").file_size
    data = archive.read_bytes()
    forged, small = real.to_bytes(4, "little"), (1000).to_bytes(4, "little")
    assert data.count(forged) == 2          # local header and central directory
    archive.write_bytes(data.replace(forged, small))
    plan = inspect_zip(archive)             # the forged size passes the listing …
    assert ("nho.txt", 1000) in plan.files
    with pytest.raises(TemplateError):      # … but not the extraction
        install_zip(plan, tmp_path / "user")
    assert not (tmp_path / "user" / "bao-cao-nam").exists()


def test_too_many_files_are_refused(tmp_path):
    members = _builtin_members()
    members.update({f"bao-cao-nam/muc/t{i}.j2": b"x" for i in range(300)})
    with pytest.raises(TemplateError) as info:
        inspect_zip(_zip(tmp_path / "nhieu.zip", members))
    assert "300" in info.value.message or "quá" in info.value.message


def test_foreign_file_kinds_are_refused(tmp_path):
    members = _builtin_members()
    members["bao-cao-nam/chay.exe"] = b"MZ"
    with pytest.raises(TemplateError) as info:
        inspect_zip(_zip(tmp_path / "exe.zip", members))
    assert "loại tệp" in info.value.message


def test_a_broken_pack_in_a_zip_is_not_installed(tmp_path):
    members = _builtin_members()
    members["bao-cao-nam/muc/nhiem-vu.j2"] = b"<p>{{ truong.khong_co }}</p>"
    plan = inspect_zip(_zip(tmp_path / "hong.zip", members))
    with pytest.raises(TemplateError) as info:
        install_zip(plan, tmp_path / "user")
    assert "chưa được cài" in info.value.message and "khong_co" in info.value.message
    assert not (tmp_path / "user" / "bao-cao-nam").exists()


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_copy_and_export_refuse_links(tmp_path):
    root = copy_pack(templates_dir() / "bao-cao-nam", tmp_path / "ban-sao")
    os.symlink("/etc/passwd", root / "muc" / "x.j2")
    with pytest.raises(TemplateError):
        export_zip(root, tmp_path / "x.zip", "bao-cao-nam")
    with pytest.raises(TemplateError):
        copy_pack(root, tmp_path / "ban-sao-2")


def test_cli_new_export_import(tmp_path):
    env = {"BAOCAO_TEMPLATES": str(tmp_path / "user")}
    (tmp_path / "user").mkdir()
    made = run_cli("templates", "new", "--from", "bao-cao-6-thang", "-o", str(tmp_path / "user" / "cua-toi"),
                   "--id", "cua-toi", env=env)
    assert made.returncode == 0, made.stderr
    listed = run_cli("templates", env=env)
    assert "cua-toi" in listed.stdout and listed.returncode == 0
    exported = run_cli("templates", "export", "cua-toi", "-o", str(tmp_path / "cua-toi.zip"), env=env)
    assert exported.returncode == 0, exported.stderr
    looked = run_cli("templates", "import", str(tmp_path / "cua-toi.zip"), "--xem", env=env)
    assert looked.returncode == 0 and "manifest.toml" in looked.stdout and "Chưa cài" in looked.stdout
    installed = run_cli("templates", "import", str(tmp_path / "cua-toi.zip"), "--vao", str(tmp_path / "khac"), env=env)
    assert installed.returncode == 0, installed.stderr
    assert load_pack_dir(tmp_path / "khac" / "cua-toi").id == "cua-toi"


def test_user_pack_with_the_same_id_overrides_the_builtin(tmp_path, monkeypatch):
    user = tmp_path / "user"
    root = copy_pack(templates_dir() / "bao-cao-nam", user / "bao-cao-nam")
    text = (root / "manifest.toml").read_text(encoding="utf-8").replace(
        'name = "Báo cáo công tác chỉ đạo, điều hành năm', 'name = "Bản của Văn phòng: báo cáo năm', 1)
    (root / "manifest.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("BAOCAO_TEMPLATES", str(user))
    found = {p.id: p for p in list_packs()}
    assert found["bao-cao-nam"].root == root and found["bao-cao-nam"].overrides_builtin
    assert found["bao-cao-nam"].name.startswith("Bản của Văn phòng")
