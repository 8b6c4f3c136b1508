"""Issue 16, export rows: the faster export writes the same file.

* the reference-derived parts (styles, settings, numbering …) kept in the user cache
  (``writers.docx.style_cache``) give byte-identical .docx files to computing them afresh, and a
  damaged, foreign or stale entry is ignored;
* an export from the cache is valid for Microsoft's Open XML SDK validator and reads back the
  same in docx2python;
* ``baocao export`` loads neither lxml (when the parts are cached), nor the other sub-commands'
  modules, nor the draft file's write-side modules;
* whole numbers are still formatted exactly as babel's ``format_decimal`` does.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from ooxml_support import validate_docx

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def document(sample_draft, pack):
    from baocao.render import render_draft

    return render_draft(sample_draft, pack)


@pytest.fixture(autouse=True)
def _fixed_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1625443200")      # same docProps/core.xml in every build


def _forget_memory():
    from baocao.writers.docx import style_cache

    style_cache._MEMORY.clear()


def _entries() -> list[Path]:
    from baocao.writers.docx.style_cache import cache_folder

    folder = cache_folder()
    return sorted(folder.glob("*.bin")) if folder and folder.is_dir() else []


def _fresh(document, pack, monkeypatch) -> bytes:
    from baocao.writers.docx import build_docx

    monkeypatch.setenv("BAOCAO_NO_CACHE", "1")
    try:
        return build_docx(document, pack.reference_docx)
    finally:
        monkeypatch.delenv("BAOCAO_NO_CACHE")


def test_cached_parts_give_the_same_bytes(document, pack, monkeypatch):
    from baocao.writers.docx import build_docx

    _forget_memory()
    assert _entries() == []
    fresh = _fresh(document, pack, monkeypatch)
    assert _entries() == []                                   # BAOCAO_NO_CACHE=1 writes nothing
    first = build_docx(document, pack.reference_docx)          # computes and stores
    assert len(_entries()) == 1
    _forget_memory()
    second = build_docx(document, pack.reference_docx)         # read back from the disk
    third = build_docx(document, pack.reference_docx)          # from this process's memory
    assert fresh == first == second == third


def test_damaged_or_foreign_entries_are_ignored(document, pack, monkeypatch):
    from baocao.writers.docx import build_docx

    fresh = _fresh(document, pack, monkeypatch)
    _forget_memory()
    build_docx(document, pack.reference_docx)
    (entry,) = _entries()
    good = entry.read_bytes()
    for damaged in (b"", b"\x00\x01", good[:len(good) // 2], good[:4] + b"x" + good[5:],
                    b"\x00\x00\x00\x00" + good[4:]):
        entry.write_bytes(damaged)
        _forget_memory()
        assert build_docx(document, pack.reference_docx) == fresh
        assert entry.read_bytes() == good                      # rewritten
    # another document's entry (another language: another key) under this document's name is not used
    from dataclasses import replace

    other = replace(document, language="en-US")
    other_fresh = _fresh(other, pack, monkeypatch)
    assert other_fresh != fresh
    _forget_memory()
    assert build_docx(other, pack.reference_docx) == other_fresh
    (other_entry,) = [e for e in _entries() if e != entry]
    entry.write_bytes(other_entry.read_bytes())
    _forget_memory()
    assert build_docx(document, pack.reference_docx) == fresh


def test_key_follows_the_reference_and_the_page(document, pack, tmp_path):
    import shutil

    from baocao.writers.docx.reference import default_reference_path
    from baocao.writers.docx.style_cache import cache_key
    from baocao.writers.docx.writer import REQUIRED_STYLES, _heading_runs

    runs = _heading_runs(document)
    reference = tmp_path / "ref.docx"
    shutil.copy(default_reference_path(), reference)
    base = cache_key(reference, True, document.page, "vi-VN", runs, REQUIRED_STYLES)
    assert base == cache_key(reference, True, document.page, "vi-VN", runs, REQUIRED_STYLES)
    assert base != cache_key(None, False, document.page, "vi-VN", runs, REQUIRED_STYLES)
    assert base != cache_key(reference, True, document.page, "en-US", runs, REQUIRED_STYLES)
    from dataclasses import replace

    assert base != cache_key(reference, True, replace(document.page, body_size_pt=13), "vi-VN", runs,
                             REQUIRED_STYLES)
    assert base != cache_key(reference, True, document.page, "vi-VN", runs[:1], REQUIRED_STYLES)
    reference.write_bytes(reference.read_bytes() + b"\x00")      # the maintainer saved the reference again
    assert base != cache_key(reference, True, document.page, "vi-VN", runs, REQUIRED_STYLES)
    reference.unlink()
    assert cache_key(reference, True, document.page, "vi-VN", runs, REQUIRED_STYLES) is None


def test_export_from_the_cache_is_valid_and_reads_back(document, pack, tmp_path):
    from docx2python import docx2python

    from baocao.writers.docx import write_docx

    _forget_memory()
    write_docx(document, tmp_path / "a.docx", pack.reference_docx)
    _forget_memory()
    path = tmp_path / "b.docx"
    write_docx(document, path, pack.reference_docx)           # styles from the cache entry
    assert validate_docx(path) == []
    with docx2python(path) as first, docx2python(tmp_path / "a.docx") as second:
        assert first.text == second.text
        assert "BÁO CÁO" in first.text
    with zipfile.ZipFile(path) as archive:
        assert b"w:styleId=\"Heading1\"" in archive.read("word/styles.xml")


def _modules_after_export(tmp_path: Path, draft: Path) -> set[str]:
    code = ("import sys, json; from baocao.cli import main; "
            f"status = main(['export', {str(draft)!r}, '-o', {str(tmp_path / 'out.docx')!r}, '--force', '--chua-du']); "
            "print(json.dumps([status, sorted(sys.modules)]))")
    env = {"PYTHONPATH": str(ROOT / "desktop"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    status, modules = json.loads(done.stdout.strip().splitlines()[-1])
    assert status == 0
    return set(modules)


def test_cli_export_loads_only_what_it_needs(tmp_path, sample_draft):
    from baocao.storage import save_draft

    draft = tmp_path / "mau.baocao"
    save_draft(sample_draft, draft)
    first = _modules_after_export(tmp_path, draft)
    assert "lxml.etree" in first                               # the first export computes the styles
    again = _modules_after_export(tmp_path, draft)
    assert "lxml.etree" not in again and "lxml" not in again   # … later ones take them from the cache
    assert not [m for m in again if m.startswith("baocao.cli_") and m != "baocao.cli_export"]
    assert not {"baocao.storage.history", "baocao.storage.proc", "socket", "tomllib"} & again
    # the plain command line is read without argparse; rendering reads the register and table notes
    # without their edits; the round-trip part's id is written out (no uuid); no traceback module
    assert not {"argparse", "gettext", "baocao.cli_text", "baocao.edits", "uuid", "traceback"} & again
    assert "baocao.localities" not in again                    # the province map only gives warnings
    assert "baocao.template.toml_messages" not in again        # TOML error wording: only for a file that fails


@pytest.mark.parametrize("value", [0, 5, 9, 10, 999, 1000, 12345, -1, -1000, -987654, 10**12 + 7,
                                   10**15 - 1, 10**15, -(10**15), 10**20 + 3])
def test_whole_numbers_as_babel(value):
    from babel.numbers import format_decimal

    from baocao.formatting import format_number

    expected = format_decimal(Decimal(value), "#,##0", locale="vi")
    for given in (value, Decimal(value), str(value), Decimal(value).scaleb(2).scaleb(-2)):
        assert format_number(given) == expected


def test_toml_cache_returns_what_tomllib_parses(tmp_path):
    import tomllib

    from baocao.template import toml_cache
    from baocao.template.manifest import MANIFEST_NAME
    from baocao.template.toml_source import parse_toml_text

    text = (ROOT / "templates" / "bao-cao-6-thang" / MANIFEST_NAME).read_text(encoding="utf-8")
    expected = tomllib.loads(text)
    assert toml_cache.load(text) is None
    assert parse_toml_text(text, tmp_path / MANIFEST_NAME) == expected     # parsed, then kept
    first = toml_cache.load(text)
    assert first == expected
    first["pack"]["id"] = "changed"                                          # a caller changes its copy …
    assert parse_toml_text(text, tmp_path / MANIFEST_NAME) == expected     # … the next one is fresh
    entry = toml_cache._folder() / f"{toml_cache.text_key(text)}.bin"
    good = entry.read_bytes()
    for damaged in (b"", good[:10], good[:4] + b"\xff" + good[5:]):
        entry.write_bytes(damaged)
        assert toml_cache.load(text) is None
        assert parse_toml_text(text, tmp_path / MANIFEST_NAME) == expected
    other = 'x = "khác"\n'
    (toml_cache._folder() / f"{toml_cache.text_key(other)}.bin").write_bytes(good)   # someone else's entry
    assert toml_cache.load(other) is None
    assert parse_toml_text(other, tmp_path / "x.toml") == {"x": "khác"}


def test_toml_cache_keeps_no_dates_and_errors_still_point_at_the_line(tmp_path):
    from baocao.errors import TemplateError
    from baocao.template import toml_cache
    from baocao.template.toml_source import parse_toml_text

    text = "ngay = 2021-07-05\n"
    assert parse_toml_text(text, tmp_path / "a.toml")["ngay"].year == 2021
    assert toml_cache.load(text) is None
    with pytest.raises(TemplateError) as caught:
        parse_toml_text('a = 1\nb = "chưa đóng\n', tmp_path / "b.toml")
    assert caught.value.location.line == 2 and "TOML" in caught.value.message
