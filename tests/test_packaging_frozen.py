"""The frozen app (PyInstaller build): smoke test and what the folder holds.

Runs when a build exists: ``BAOCAO_FROZEN_DIR`` (set by .ci/run, which builds it once with
packaging/build-linux.sh) or ``build/frozen/baocao`` (``packaging/build-linux.sh --dist
build/frozen``); skipped with that reason otherwise.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path, PureWindowsPath

import pytest

from ooxml_support import validate_docx
from packaging_support import PACKAGING, ROOT, bundle_rules, frozen_dir, iss_entry, iss_sections

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
# System libraries a kept plugin may link to without the bundle carrying them: the GTK platform
# theme is only loaded on a desktop that has GTK, the Wayland plugins on a Wayland session (which
# has libwayland-*), and they find them there.
SYSTEM_ONLY = ("libgtk-3.so", "libgdk-3.so", "libatk-1.0.so", "libpango", "libgdk_pixbuf", "libwayland-")


@pytest.fixture(scope="module")
def app() -> Path:
    return frozen_dir()


@pytest.fixture(scope="module")
def smoke(app, tmp_path_factory):
    out = tmp_path_factory.mktemp("smoke")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BAOCAO_", "PYTHON", "QT_"))}
    env.update(SMOKE_OUT=str(out), SMOKE_SECONDS="4")
    validator = os.environ.get("BAOCAO_OOXML_VALIDATOR")
    if validator:
        env["BAOCAO_OOXML_VALIDATOR"] = validator
    run = subprocess.run(["bash", str(PACKAGING / "smoke-test.sh"), str(app)], capture_output=True, text=True,
                         env=env, timeout=600)
    return run, out


def test_smoke_script_passes(smoke):
    run, _out = smoke
    assert run.returncode == 0, run.stdout + run.stderr
    for step in ("--version", "new --sample", "export", "check", "first preview", "closed cleanly", "inside the app",
                 "lock was released"):
        assert re.search(rf"ok +.*{re.escape(step)}", run.stdout), (step, run.stdout)


def test_frozen_export_is_a_valid_docx_with_footnotes(smoke):
    from docx2python import docx2python

    _run, out = smoke
    docx = out / "mau.docx"
    assert validate_docx(docx) == []
    with docx2python(docx) as document:
        body = document.text
        notes = str(document.footnotes)
    assert "BÁO CÁO" in body and "Đắk Nông" in body
    assert "footnote1)" in notes and "Tỉnh ủy" in notes            # real Word footnotes, from the sample


def test_running_app_loaded_its_plugins_and_catalogue(smoke):
    import json

    _run, out = smoke
    report = json.loads((out / "window.json").read_text(encoding="utf-8"))
    assert report["frozen"] is True and report["platform"] == "offscreen"
    assert {"svg", "ico", "png", "jpeg"} <= set(report["image_formats"])
    assert report["cancel_button"] == "Hủy"
    assert any(title.startswith("mau.baocao") for title in report["windows"]), report["windows"]


def test_window_picture_shows_the_window(smoke, qapp):
    from PySide6.QtGui import QImage

    _run, out = smoke
    image = QImage(str(out / "window.png"))
    assert image.width() >= 640 and image.height() >= 480
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 23)}
    assert len(colours) > 20, "the picture is blank"


def test_version(app):
    run = subprocess.run([str(app / "baocao"), "--version"], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == f"baocao {VERSION}"
    assert (app / "VERSION").read_text().strip() == VERSION


def _internal(app: Path) -> Path:
    return app / "_internal" if (app / "_internal").is_dir() else app


def test_bundle_has_its_data_and_only_the_plugins_it_needs(app):
    root = _internal(app)
    for inside in bundle_rules.REQUIRED_IN_BUNDLE:
        assert (root / inside).is_file(), inside
    assert not list((root / "baocao" / "_data").rglob("*.py")) and not list((root / "baocao" / "_data").rglob("*.ts"))
    plugins = root / "PySide6" / "Qt" / "plugins"
    found = {folder.name: {bundle_rules.plugin_stem(f.name) for f in folder.iterdir()} for folder in plugins.iterdir()}
    assert set(found) <= set(bundle_rules.QT_PLUGINS)
    for folder, stems in found.items():
        kept = bundle_rules.QT_PLUGINS[folder]
        assert "*" in kept or stems <= set(kept), (folder, stems)
    assert {"qxcb", "qoffscreen"} <= found["platforms"]
    assert "qsvg" in found["imageformats"] and "qsvgicon" in found["iconengines"]
    names = {p.name for p in root.rglob("*")}
    for unwanted in ("libQt6Quick.so.6", "libQt6Qml.so.6", "libQt6WebEngineCore.so.6", "libQt6Pdf.so.6"):
        assert unwanted not in names
    assert not any(n.startswith("_tkinter") for n in names)
    assert not (root / "PySide6" / "Qt" / "translations").exists()


def test_excluded_python_modules_are_not_in_the_archive(app):
    archive = (app / bundle_rules.GUI_EXE).read_bytes()
    assert b"baocao.cli" in archive and b"jinja2.sandbox" in archive     # module names are stored in clear
    for module in ("_pytest", "hypothesis", "pytestqt", "tkinter", "docx2python", "PIL", "numpy"):
        assert module.encode() + b"." not in archive and b"\x00" + module.encode() + b"\x00" not in archive, module


@pytest.mark.skipif(not shutil.which("ldd"), reason="ldd is not available")
def test_every_library_finds_its_dependencies(app):
    missing = {}
    for library in _internal(app).rglob("*.so*"):
        if not library.is_file():
            continue
        run = subprocess.run(["ldd", str(library)], capture_output=True, text=True)
        lost = [line.split()[0] for line in run.stdout.splitlines() if "not found" in line]
        lost = [name for name in lost if not name.startswith(SYSTEM_ONLY)]
        if lost:
            missing[library.name] = lost
    assert not missing, missing


def test_what_the_windows_installer_takes_from_the_build_exists_in_it(app):
    """The Inno Setup script copies dist\\baocao\\* and starts baocao.exe: the Linux build has the same layout."""
    sections = iss_sections()
    sources = [iss_entry(line)["source"] for line in sections["files"]]
    assert r"..\dist\baocao\*" in sources
    started = {PureWindowsPath(iss_entry(line)["filename"]).name for line in sections["icons"] + sections["run"]
               if iss_entry(line)["filename"].startswith("{app}")}
    for exe in started:
        assert (app / PureWindowsPath(exe).stem).is_file(), exe
