"""Share packs between offices: copy a pack, export it as .zip, look into a .zip, install it.

A .zip from elsewhere is untrusted: ``inspect_zip`` refuses member names that
escape (absolute, "..", drive letters), links, unknown kinds of file, too many
or too large files and members that decompress far beyond their stored size
(a zip bomb), before anything is written.  ``install_zip`` extracts into a
temporary folder beside the target, counting the bytes really written, checks
the pack there (load + render every section), and only then moves it into
place; a pack it replaces is moved to a backup folder, never deleted.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import Location, TemplateError
from . import limits
from .manifest import MANIFEST_NAME, parse_toml_text
from .pack_files import _is_link

_ID_LINE = re.compile(r'^(\s*id\s*=\s*)"[^"]*"', re.MULTILINE)
_SKIPPED = ("__pycache__", ".git", ".DS_Store", "Thumbs.db")


def _err(message: str, hint: str, path: Path | str | None = None) -> TemplateError:
    return TemplateError(message, hint, Location(file=str(path) if path else None))


def pack_files(root: Path) -> list[Path]:
    """The regular files of pack *root* (relative paths); TemplateError at the first link."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if d not in _SKIPPED]
        for name in [*dirnames, *filenames]:
            if _is_link(here / name):
                raise _err(f"Mẫu có «{(here / name).relative_to(root)}» là liên kết (lối tắt).",
                           "Thay liên kết bằng tệp thật rồi thử lại.", here / name)
        found.extend((here / f).relative_to(root) for f in filenames if f not in _SKIPPED)
    return sorted(found)


def set_pack_id(root: Path, new_id: str, new_name: str | None = None) -> None:
    """Rewrite ``[pack] id`` (and ``name``) in *root*'s manifest, keeping every other line."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", new_id):
        raise _err(f"Mã mẫu «{new_id}» không hợp lệ.", "Chỉ dùng chữ thường không dấu, số và dấu gạch ngang.")
    path = root / MANIFEST_NAME
    text = path.read_text(encoding="utf-8")
    text = _ID_LINE.sub(lambda m: f'{m.group(1)}"{new_id}"', text, count=1)
    if new_name:
        escaped = new_name.replace("\\", "\\\\").replace('"', '\\"')
        text = re.sub(r'^(\s*name\s*=\s*)"[^"\n]*"', lambda m: f'{m.group(1)}"{escaped}"', text, count=1,
                      flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")


def copy_pack(source: Path, target: Path, new_id: str | None = None) -> Path:
    """Copy pack *source* to the new folder *target* (regular files only); optionally give it *new_id*."""
    if target.exists() and any(target.iterdir()):
        raise _err(f"Thư mục «{target}» đã có và không trống.", "Chọn một thư mục mới.", target)
    files = pack_files(source)
    staging = Path(tempfile.mkdtemp(prefix=".baocao-mau-", dir=target.parent if target.parent.exists() else None))
    try:
        for rel in files:
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / rel, staging / rel)
        if new_id:
            set_pack_id(staging, new_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            target.rmdir()
        os.replace(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def export_zip(root: Path, out: Path, pack_id: str) -> list[str]:
    """Write pack *root* to *out* (.zip, one top folder named *pack_id*); returns the member names."""
    names = []
    tmp = out.with_name(f".{out.name}.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
        for rel in pack_files(root):
            name = f"{pack_id}/{rel.as_posix()}"
            archive.write(root / rel, name)
            names.append(name)
    os.replace(tmp, out)
    return names


@dataclass
class ZipPlan:
    """What a .zip would install: the pack's id, name, version and files (name, size)."""

    path: Path
    pack_id: str
    name: str
    version: str
    prefix: str                                  # the top folder inside the zip ("" when files are at the top)
    files: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        """Uncompressed size of all files."""
        return sum(size for _, size in self.files)


def _member_name(info: zipfile.ZipInfo, archive: Path) -> str:
    raw = info.filename
    name = raw.replace("\\", "/")
    pure = PurePosixPath(name)
    if (name.startswith("/") or re.match(r"^[A-Za-z]:", name) or any(p == ".." for p in pure.parts)
            or "\x00" in name):
        raise _err(f"Tệp .zip có đường dẫn «{raw}» trỏ ra ngoài thư mục mẫu.",
                   "Tệp .zip có thể đã bị sửa để ghi đè tệp khác trên máy; không cài tệp này.", archive)
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise _err(f"Tệp .zip có «{raw}» là liên kết (lối tắt).", "Mẫu chỉ được chứa tệp thật; không cài tệp này.",
                   archive)
    return name


def inspect_zip(path: Path) -> ZipPlan:
    """Read the list of a pack .zip and refuse anything unsafe, without extracting."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _err(f"«{path.name}» không phải tệp .zip đọc được.", "Kiểm tra lại tệp được gửi.", path) from exc
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > limits.ZIP_MAX_FILES:
            raise _err(f"Tệp .zip có {len(infos)} tệp, quá {limits.ZIP_MAX_FILES} tệp cho phép của một mẫu.",
                       "Một mẫu báo cáo chỉ gồm vài chục tệp; không cài tệp này.", path)
        files: list[tuple[str, int]] = []
        total = 0
        for info in infos:
            name = _member_name(info, path)
            if PurePosixPath(name).suffix.lower() not in limits.PACK_FILE_SUFFIXES:
                raise _err(f"Tệp .zip có «{name}» không phải loại tệp của mẫu báo cáo.",
                           f"Mẫu chỉ gồm các tệp {', '.join(limits.PACK_FILE_SUFFIXES)}.", path)
            if info.file_size > limits.ZIP_MAX_FILE_BYTES:
                raise _err(f"Tệp «{name}» trong .zip quá lớn ({info.file_size:,} byte).".replace(",", "."),
                           "Không cài tệp này.", path)
            if info.compress_size and info.file_size / info.compress_size > limits.ZIP_MAX_RATIO \
                    and info.file_size > 64 * 1024:
                raise _err(f"Tệp «{name}» trong .zip nén bất thường (có thể là «bom zip»).", "Không cài tệp này.", path)
            total += info.file_size
            files.append((name, info.file_size))
        if total > limits.ZIP_MAX_TOTAL_BYTES:
            raise _err("Tệp .zip giải nén ra quá lớn cho một mẫu báo cáo.", "Không cài tệp này.", path)
        manifests = [n for n, _ in files if PurePosixPath(n).name == MANIFEST_NAME and len(PurePosixPath(n).parts) <= 2]
        if len(manifests) != 1:
            raise _err("Tệp .zip không chứa đúng một mẫu báo cáo (một tệp manifest.toml ở thư mục trên cùng).",
                       "Xuất lại mẫu bằng «baocao templates export» hoặc trình quản lý mẫu.", path)
        prefix = str(PurePosixPath(manifests[0]).parent)
        prefix = "" if prefix == "." else prefix + "/"
        if any(not n.startswith(prefix) for n, _ in files):
            raise _err("Tệp .zip có tệp nằm ngoài thư mục của mẫu.", "Không cài tệp này.", path)
        text = _read_member(archive, manifests[0], path).decode("utf-8", errors="replace")
    info = parse_toml_text(text, Path(MANIFEST_NAME)).get("pack", {})
    pack_id = str(info.get("id", "")) if isinstance(info, dict) else ""
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", pack_id):
        raise _err(f"Mẫu trong .zip có mã «{pack_id}» không hợp lệ.", "Sửa [pack] id trong manifest.toml.", path)
    return ZipPlan(path, pack_id, str(info.get("name", pack_id)), str(info.get("version", "")), prefix,
                   [(n[len(prefix):], s) for n, s in files])


def _read_member(archive: zipfile.ZipFile, name: str, path: Path, budget: int = limits.ZIP_MAX_FILE_BYTES) -> bytes:
    """A member's bytes, stopping as soon as more come out than allowed (sizes in a zip can lie)."""
    out = bytearray()
    try:
        with archive.open(name) as member:
            while chunk := member.read(64 * 1024):
                out.extend(chunk)
                if len(out) > budget:
                    raise _err(f"Tệp «{name}» trong .zip giải nén ra lớn hơn kích thước ghi trong .zip.",
                               "Tệp .zip bị sửa hoặc là «bom zip»; không cài tệp này.", path)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise _err(f"Tệp «{name}» trong .zip bị hỏng hoặc đã bị sửa ({exc}).", "Không cài tệp này; xin gửi lại tệp.",
                   path) from exc
    return bytes(out)


def install_zip(plan: ZipPlan, dest_dir: Path, backup_dir: Path | None = None) -> Path:
    """Install the pack of *plan* into ``dest_dir/<id>`` after checking it; returns the new folder."""
    from .validate import check_pack_dir

    dest_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".baocao-nhap-", dir=dest_dir))
    try:
        root = staging / plan.pack_id
        root.mkdir()
        written = 0
        with zipfile.ZipFile(plan.path) as archive:
            for name, _size in plan.files:
                data = _read_member(archive, plan.prefix + name, plan.path)
                written += len(data)
                if written > limits.ZIP_MAX_TOTAL_BYTES:
                    raise _err("Tệp .zip giải nén ra quá lớn cho một mẫu báo cáo.", "Không cài tệp này.", plan.path)
                target = root / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        report = check_pack_dir(root)
        if not report.ok:
            first = report.errors[0]
            raise TemplateError(f"Mẫu trong .zip có lỗi, chưa được cài: {first.message}", first.hint, first.location)
        final = dest_dir / plan.pack_id
        if final.exists():
            keep = (backup_dir or dest_dir.parent / "templates-cu") / f"{plan.pack_id}-{time.strftime('%Y%m%d-%H%M%S')}"
            keep.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(final), str(keep))
        os.replace(root, final)
        return final
    finally:
        shutil.rmtree(staging, ignore_errors=True)
