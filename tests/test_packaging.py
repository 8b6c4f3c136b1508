"""packaging/: the spec, the Inno Setup script, the Linux desktop files, the scripts (fast, no build)."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path, PureWindowsPath

import pytest

from packaging_support import (PACKAGING, ROOT, bundle_rules, iss_defines, iss_entry, iss_sections, iss_text,
                               wheelhouse_reqs)

PYPROJECT = ROOT / "pyproject.toml"
VERSION = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]
SPEC = (PACKAGING / "baocao.spec").read_text(encoding="utf-8")
SCRIPTS = ("build-linux.sh", "smoke-test.sh", "wheelhouse.sh", "install-linux-user.sh")


# --- the PyInstaller spec -------------------------------------------------------------------------

def test_every_path_the_spec_names_exists():
    named = re.findall(r'ROOT((?:\s*/\s*"[^"]+")+)', SPEC)
    assert len(named) >= 4, named
    for chain in named:
        path = ROOT.joinpath(*re.findall(r'"([^"]+)"', chain))
        assert path.exists(), f"the spec names {path.relative_to(ROOT)}, which is not in the repository"
    for source, target in bundle_rules.DATA_FILES:
        assert (ROOT / source).is_dir() and target.startswith("baocao/_data/")
    for inside in bundle_rules.REQUIRED_IN_BUNDLE:
        source = ROOT / inside.removeprefix("baocao/_data/")
        assert source.is_file(), f"{inside} must come from {source.relative_to(ROOT)}"


def test_spec_takes_its_version_and_rules_from_one_place():
    assert 'rules.project_version(ROOT / "pyproject.toml")' in SPEC
    assert bundle_rules.project_version(PYPROJECT) == VERSION
    import baocao

    assert baocao.__version__ == VERSION
    assert "excludes=list(rules.EXCLUDED_MODULES)" in SPEC
    assert "rules.filter_toc(a.binaries, rules.keep_binary)" in SPEC
    assert "rules.filter_toc(a.datas, rules.keep_data)" in SPEC


def test_windows_version_resource_numbers():
    assert bundle_rules.windows_version_tuple("0.1.0") == (0, 1, 0, 0)
    assert bundle_rules.windows_version_tuple("1.2.3.4") == (1, 2, 3, 4)
    assert bundle_rules.windows_version_tuple("2.0.0rc1") == (2, 0, 0, 0)


def test_windows_gets_a_window_exe_and_a_console_exe():
    assert bundle_rules.executables("win32") == [("baocao", False), ("baocao-cli", True)]
    assert bundle_rules.executables("linux") == [("baocao", True)]


def _imported_modules() -> set[str]:
    names = set()
    for path in (ROOT / "desktop" / "baocao").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_excludes_cover_unused_and_test_libraries_and_nothing_baocao_imports():
    excluded = set(bundle_rules.EXCLUDED_MODULES)
    for name in ("tkinter", "pytest", "_pytest", "hypothesis", "pytestqt", "PySide6.QtWebEngineCore",
                 "PySide6.Qt3DCore", "PySide6.QtQml", "PySide6.QtQuick"):
        assert name in excluded
    imported = _imported_modules()
    clash = {name for name in imported for ex in excluded if name == ex or name.startswith(ex + ".")}
    assert not clash, f"baocao imports modules the spec excludes: {sorted(clash)}"
    qt_used = {name.split(".")[1] for name in imported if name.startswith("PySide6.Qt")}
    assert qt_used <= set(bundle_rules.QT_MODULES_USED), qt_used
    assert not {f"PySide6.{m}" for m in bundle_rules.QT_MODULES_USED} & excluded


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6\\plugins\\imageformats\\qsvg.dll", True),
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    ("PySide6/Qt/plugins/qmltooling/libqmldbg_tcp.so", False),
    ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
    ("PySide6/Qt/plugins/wayland-graphics-integration-server/libqt-wayland-compositor-wayland-egl.so", False),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ("PySide6/Qt/lib/libQt6Quick.so.6", False),
    ("PySide6/Qt/lib/libQt6Qml.so.6", False),
    ("PySide6\\Qt6Pdf.dll", False),
    ("PySide6\\Qt6Svg.dll", True),
    ("libpython3.12.so.1.0", True),
])
def test_binary_rules(dest, kept):
    assert bundle_rules.keep_binary(dest) is kept


def test_data_rules_drop_sources_and_qt_catalogues_only():
    keep = bundle_rules.keep_data
    assert keep("baocao/_data/resources/i18n/qtbase_vi.qm")
    assert not keep("baocao/_data/resources/i18n/qtbase_vi.ts")
    assert not keep("baocao/_data/resources/i18n/build.py")
    assert not keep("baocao/_data/resources/icons/make_icon.py")
    assert keep("baocao/_data/resources/icons/ui/bold.svg")
    assert keep("baocao/_data/templates/bao-cao-6-thang/manifest.toml")
    assert not keep("PySide6/Qt/translations/qtbase_de.qm")
    assert keep("lxml/isoschematron/resources/xsl/iso_schematron_skeleton_for_xslt1.xsl")
    assert keep("babel/locale-data/vi.dat") and keep("babel/locale-data/root.dat") and keep("babel/global.dat")
    assert not keep("babel/locale-data/de_DE.dat")


def test_metadata_follows_the_runtime_dependencies():
    names = bundle_rules.metadata_packages(PYPROJECT)
    assert names[0] == "PySide6-Essentials" and "shiboken6" in names
    assert len(names) == len(set(names))
    assert {"lxml", "jinja2", "platformdirs", "tomlkit"} <= set(names)


def test_launcher_is_the_gui_entry_point():
    text = (PACKAGING / "launcher.py").read_text(encoding="utf-8")
    assert "multiprocessing.freeze_support()" in text and "gui_main()" in text


# --- Windows: the Inno Setup script ---------------------------------------------------------------

def _setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in iss_sections()["setup"])


def test_iss_is_utf8_with_bom_and_version_matches_pyproject():
    raw = (PACKAGING / "baocao.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup reads Vietnamese text only from UTF-8 with a BOM"
    assert iss_defines()["AppVersion"] == VERSION
    assert "#ifndef AppVersion" in iss_text()       # iscc /DAppVersion=… overrides it


def test_every_path_the_iss_names_exists():
    sections = iss_sections()
    here = PACKAGING
    named: list[str] = []
    for line in sections["files"]:
        named.append(iss_entry(line)["source"])
    for line in sections["languages"]:
        named += [part for part in iss_entry(line)["messagesfile"].split(",") if not part.startswith("compiler:")]
    setup = _setup()
    named += [setup["SetupIconFile"]]
    checked = 0
    for name in named:
        parts = PureWindowsPath(name).parts
        if parts[:2] == ("..", "dist"):
            continue                      # the build's output: tests/test_packaging_frozen.py checks it
        path = here.joinpath(*parts)
        assert path.exists(), f"baocao.iss names {name}, which is not in the repository"
        checked += 1
    assert checked >= 3
    assert (ROOT / PureWindowsPath(setup["OutputDir"]).name).name == "dist"


def test_iss_installs_per_user_without_admin_rights():
    setup = _setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup
    assert setup["DefaultDirName"].startswith(("{userpf}", "{localappdata}"))
    for line in iss_sections()["registry"]:
        assert iss_entry(line)["root"] == "HKCU", line
    icons = [iss_entry(line) for line in iss_sections()["icons"]]
    menu = [i for i in icons if i["name"].startswith("{group}") and i["filename"] == r"{app}\baocao.exe"]
    assert menu, "no Start menu entry for the window"
    assert all(not i["name"].startswith(("{commonprograms}", "{commondesktop}")) for i in icons)


def test_iss_associates_drafts_with_their_own_icon():
    entries = [iss_entry(line) for line in iss_sections()["registry"]]
    defines = iss_defines()
    prog_id = defines["ProgId"]
    by_key = {e["subkey"]: e for e in entries}
    assert by_key[r"Software\Classes\.baocao"]["valuedata"] == prog_id
    command = by_key[rf"Software\Classes\{prog_id}\shell\open\command"]["valuedata"]
    assert command == '"{app}\\baocao.exe" "%1"'
    icon = by_key[rf"Software\Classes\{prog_id}\DefaultIcon"]["valuedata"]
    installed = {PureWindowsPath(iss_entry(line)["source"]).name for line in iss_sections()["files"]}
    assert PureWindowsPath(icon).name in installed and icon.endswith(".ico")
    assert icon != r"{app}\baocao.ico"                                  # its own icon, not the program's
    assert "uninsdeletekey" in by_key[rf"Software\Classes\{prog_id}"]["flags"]
    assert "uninsdeletevalue" in by_key[r"Software\Classes\.baocao"]["flags"]
    assert defines["AppExe"] == f"{bundle_rules.GUI_EXE}.exe"


def test_iss_has_vietnamese_and_english():
    languages = {iss_entry(line)["name"]: iss_entry(line)["messagesfile"] for line in iss_sections()["languages"]}
    assert set(languages) == {"vi", "en"}
    assert languages["en"] == "compiler:Default.isl"
    custom = iss_sections()["custommessages"]
    keys = {line.split("=", 1)[0] for line in custom}
    for key in {k.split(".", 1)[1] for k in keys}:
        assert {f"vi.{key}", f"en.{key}"} <= keys, key
    isl = (PACKAGING / "windows" / "Vietnamese.isl").read_bytes()
    assert isl.startswith(b"\xef\xbb\xbf")
    text = isl.decode("utf-8-sig")
    assert "LanguageID=$042A" in text and "LanguageName=Tiếng Việt" in text
    messages = [line.split("=", 1)[0] for line in iss_sections(text)["messages"]]
    assert len(messages) == len(set(messages)) >= 60
    assert all(re.fullmatch(r"[A-Za-z0-9]+", key) for key in messages)
    assert "ButtonCancel=Hủy" in text         # the same word as the window's buttons


def test_uninstall_keeps_the_users_drafts_and_packs(monkeypatch):
    sections = iss_sections()
    for name in ("uninstalldelete", "installdelete", "uninstallrun"):
        for line in sections.get(name, []):
            target = iss_entry(line).get("name", "")
            assert target.startswith("{app}\\"), f"[{name}] must not touch {target}"
    # Where baocao keeps packs on Windows (baocao.paths → platformdirs), for a user whose
    # %LOCALAPPDATA% is C:\Users\u\AppData\Local; {userpf} is %LOCALAPPDATA%\Programs.
    import platformdirs.windows as windows

    local = r"C:\Users\u\AppData\Local"
    monkeypatch.setattr(windows, "get_win_folder", lambda csidl: local)
    data = PureWindowsPath(windows.Windows(appname="baocao", appauthor=False).user_data_dir)
    install = PureWindowsPath(_setup()["DefaultDirName"].replace("{userpf}", local + r"\Programs")
                              .replace("{localappdata}", local))
    assert data == PureWindowsPath(local, "baocao")
    assert not data.is_relative_to(install) and not install.is_relative_to(data)


# --- Linux: desktop entry, MIME type, icons, per-user install -------------------------------------

def _desktop_entry(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines() if "=" in line)


def test_desktop_entry_is_valid_and_matches_the_mime_type_and_icons():
    if shutil.which("desktop-file-validate"):
        run = subprocess.run(["desktop-file-validate", str(PACKAGING / "baocao.desktop")], capture_output=True, text=True)
        assert run.returncode == 0 and not run.stdout.strip(), run.stdout + run.stderr
    entry = _desktop_entry(PACKAGING / "baocao.desktop")
    mime = (PACKAGING / "baocao-mime.xml").read_text(encoding="utf-8")
    mime_type = re.search(r'<mime-type type="([^"]+)"', mime)[1]
    assert entry["MimeType"] == f"{mime_type};"
    assert entry["Exec"].endswith(" %f")
    icon = re.search(r'<icon name="([^"]+)"', mime)[1]
    for size in (16, 32, 48, 256):
        assert (PACKAGING / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{entry['Icon']}.png").is_file()
        assert (PACKAGING / "icons" / "hicolor" / f"{size}x{size}" / "mimetypes" / f"{icon}.png").is_file()


def test_mime_xml_is_valid_and_matches_baocao_files(tmp_path):
    if shutil.which("xmllint"):
        run = subprocess.run(["xmllint", "--noout", str(PACKAGING / "baocao-mime.xml")], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    if not shutil.which("update-mime-database"):
        pytest.skip("update-mime-database (shared-mime-info) is not installed")
    (tmp_path / "packages").mkdir()
    shutil.copy(PACKAGING / "baocao-mime.xml", tmp_path / "packages" / "baocao.xml")
    run = subprocess.run(["update-mime-database", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 0 and "Error" not in run.stderr, run.stderr
    from baocao.constants import DRAFT_SUFFIX

    assert f"application/x-baocao-draft:*{DRAFT_SUFFIX}" in (tmp_path / "globs2").read_text()
    assert "application/x-baocao-draft application/vnd.sqlite3" in (tmp_path / "subclasses").read_text()


def test_icons_have_every_size(qapp):
    from PySide6.QtGui import QImage, QImageReader

    for name in ("baocao.ico", "baocao-draft.ico"):
        reader = QImageReader(str(PACKAGING / "icons" / name))
        assert reader.canRead(), name
        sizes = set()
        for index in range(reader.imageCount()):
            reader.jumpToImage(index)
            sizes.add(reader.read().width())
        assert {16, 32, 48, 256} <= sizes, (name, sizes)
    for folder in (PACKAGING / "icons" / "hicolor").iterdir():
        size = int(folder.name.split("x")[0])
        for png in folder.rglob("*.png"):
            image = QImage(str(png))
            assert (image.width(), image.height()) == (size, size), png
            assert image.hasAlphaChannel()


def _fake_app(folder: Path) -> Path:
    folder.mkdir(parents=True)
    program = folder / "baocao"
    program.write_text("#!/bin/sh\necho baocao test\n")
    program.chmod(0o755)
    (folder / "_internal").mkdir()
    return folder


def test_install_linux_user_and_uninstall_keep_user_data(tmp_path):
    home = tmp_path / "home u"                          # a space: Exec must be quoted
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "USER": "u"}
    app = _fake_app(tmp_path / "dist" / "baocao")
    run = subprocess.run(["bash", str(PACKAGING / "install-linux-user.sh"), str(app)], env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    share = home / ".local" / "share"
    desktop = share / "applications" / "baocao.desktop"
    assert _desktop_entry(desktop)["Exec"] == f'"{home}/.local/lib/baocao/baocao" %f'
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout
    assert (share / "mime" / "packages" / "baocao.xml").is_file()
    assert (share / "icons" / "hicolor" / "48x48" / "mimetypes" / "application-x-baocao-draft.png").is_file()
    assert (home / ".local" / "lib" / "baocao" / "baocao").is_file()
    # The user's own files: packs in baocao's user data folder, a draft in Documents.
    packs = share / "baocao" / "templates" / "mau-cua-toi"
    packs.mkdir(parents=True)
    (packs / "manifest.toml").write_text("id = 'mau-cua-toi'\n")
    (home / "Documents").mkdir()
    (home / "Documents" / "bao-cao.baocao").write_bytes(b"SQLite format 3\0")
    run = subprocess.run(["bash", str(PACKAGING / "install-linux-user.sh"), "--uninstall"], env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert not desktop.exists() and not (share / "mime" / "packages" / "baocao.xml").exists()
    assert not list((share / "icons").rglob("*.png"))
    assert not (home / ".local" / "lib" / "baocao").exists()
    assert (packs / "manifest.toml").is_file() and (home / "Documents" / "bao-cao.baocao").is_file()


def test_install_linux_user_refuses_a_folder_without_the_program(tmp_path):
    run = subprocess.run(["bash", str(PACKAGING / "install-linux-user.sh"), str(tmp_path)],
                         env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    assert run.returncode == 2 and "holds no baocao executable" in run.stderr
    assert not (tmp_path / ".local").exists()


# --- scripts and the offline wheelhouse -----------------------------------------------------------

@pytest.mark.parametrize("script", SCRIPTS)
def test_scripts_are_valid_bash_and_executable(script):
    path = PACKAGING / script
    assert path.stat().st_mode & 0o111, f"{script} is not executable"
    run = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    if shutil.which("shellcheck"):
        run = subprocess.run(["shellcheck", "-S", "error", str(path)], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout


@pytest.mark.parametrize(("args", "message"), [
    ([], "usage"), (["linux"], "usage"), (["mac", "3.12"], "PLATFORM must be one of"),
    (["linux", "2.7"], "PYVER must look like 3.12"), (["windows", "3.10"], "PYVER must look like 3.12"),
])
def test_wheelhouse_rejects_bad_arguments(args, message, tmp_path):
    run = subprocess.run(["bash", str(PACKAGING / "wheelhouse.sh"), *args], capture_output=True, text=True,
                         env={"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "PYTHON": sys.executable,
                              "HOME": str(tmp_path)})
    assert run.returncode == 2
    assert message in (run.stderr + run.stdout).lower() if message == "usage" else message in run.stderr


def test_wheelhouse_requirements_follow_the_target_python():
    names = {bundle_rules.requirement_name(r) for r in bundle_rules.runtime_requirements(PYPROJECT)}
    for platform in ("linux", "windows"):
        old = wheelhouse_reqs.resolved_requirements(platform, "3.11")
        new = wheelhouse_reqs.resolved_requirements(platform, "3.12")
        assert {bundle_rules.requirement_name(r) for r in old} == names == {bundle_rules.requirement_name(r) for r in new}
        pyside_old = next(r for r in old if r.startswith("PySide6-Essentials"))
        pyside_new = next(r for r in new if r.startswith("PySide6-Essentials"))
        assert "<6.12" in pyside_old, pyside_old             # the QVariant refcount fault on 3.11
        assert "<" not in pyside_new, pyside_new
        assert all(";" not in r for r in old + new)


def test_wheelhouse_pip_arguments():
    linux = wheelhouse_reqs.pip_platform_args("linux", "3.12")
    assert "--only-binary=:all:" in linux and "--python-version=3.12" in linux and "--abi=cp312" in linux
    assert "--platform=manylinux_2_34_x86_64" in linux            # PySide6 6.12's wheels need glibc 2.34
    assert wheelhouse_reqs.pip_platform_args("win_amd64", "3.11")[0] == "--platform=win_amd64"
    with pytest.raises(wheelhouse_reqs.UsageError):
        wheelhouse_reqs.pip_platform_args("linux", "3")


def test_build_script_options():
    script = PACKAGING / "build-linux.sh"
    run = subprocess.run(["bash", str(script), "--help"], capture_output=True, text=True)
    assert run.returncode == 0 and "--python" in run.stdout and "--dist" in run.stdout
    run = subprocess.run(["bash", str(script), "--bogus"], capture_output=True, text=True)
    assert run.returncode == 2 and "unknown argument" in run.stderr
    text = script.read_text(encoding="utf-8")
    assert "packaging/baocao.spec" in text and "refcount" in text


# --- baocao.paths in the three layouts ------------------------------------------------------------

def test_paths_find_data_in_the_frozen_layout(tmp_path, monkeypatch):
    from baocao import paths

    meipass = tmp_path / "_internal"
    (meipass / "baocao" / "_data" / "templates").mkdir(parents=True)
    package = tmp_path / "elsewhere" / "a" / "baocao"        # no _data here, no checkout above
    package.mkdir(parents=True)
    monkeypatch.setattr(paths, "_PACKAGE_DIR", package)
    monkeypatch.setattr(sys, "_MEIPASS", str(meipass), raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert paths._data_dir("templates") == meipass / "baocao" / "_data" / "templates"
    monkeypatch.setattr(sys, "frozen", False)
    with pytest.raises(FileNotFoundError):
        paths._data_dir("templates")


def test_paths_prefer_bundled_data_then_the_checkout(tmp_path, monkeypatch):
    from baocao import paths

    package = tmp_path / "site-packages" / "baocao"
    (package / "_data" / "resources").mkdir(parents=True)
    monkeypatch.setattr(paths, "_PACKAGE_DIR", package)
    assert paths._data_dir("resources") == package / "_data" / "resources"          # wheel, frozen
    checkout = tmp_path / "repo"
    (checkout / "desktop" / "baocao").mkdir(parents=True)
    (checkout / "resources").mkdir()
    monkeypatch.setattr(paths, "_PACKAGE_DIR", checkout / "desktop" / "baocao")
    assert paths._data_dir("resources") == checkout / "resources"                    # source tree


def test_startup_bench_explains_what_is_missing(tmp_path):
    bench = ROOT / "bench" / "bench_frozen_startup.py"
    run = subprocess.run([sys.executable, str(bench), "--frozen", str(tmp_path), "--installed", str(tmp_path / "x")],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "no frozen app" in run.stderr
    (tmp_path / "baocao").write_text("")
    run = subprocess.run([sys.executable, str(bench), "--frozen", str(tmp_path), "--installed", str(tmp_path / "x")],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "no pip-installed baocao" in run.stderr
