"""What goes into the frozen app: the rules baocao.spec applies, as data tables.

The PyInstaller spec imports this module (so do tests/test_packaging.py and the
smoke test), so every decision about the bundle is written down once:

* ``EXCLUDED_MODULES``: Python packages PyInstaller must not follow (test
  libraries, tkinter, the Qt modules baocao does not use);
* ``QT_PLUGINS``: the Qt plugin folders kept, and inside each the plugins kept
  (by stem: ``libqxcb.so`` and ``qxcb.dll`` are both ``qxcb``); a folder that is
  not listed is dropped whole;
* ``DROPPED_QT_LIBRARIES``: Qt libraries only the dropped plugins needed;
* ``DATA_FILES``: the project's own data (template packs, resources) and the
  source-only files inside them that are not shipped;
* ``DROPPED_DATA_PREFIXES``: data PyInstaller's hooks add that baocao never
  reads (Qt's catalogues: Qt ships none in Vietnamese, baocao carries its own).

No PyInstaller import here: the module is plain Python, testable anywhere.
"""

from __future__ import annotations

import re
import sys
from pathlib import PurePosixPath

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python < 3.11 is not supported by the project
    tomllib = None  # type: ignore[assignment]

APP_NAME = "baocao"
GUI_EXE = "baocao"           # the window (Windows: no console); `baocao FILE` opens FILE
CLI_EXE = "baocao-cli"       # Windows only: the same program with a console, for export/check in a terminal

# Python packages never bundled: test tools, GUI toolkits and Qt modules baocao does not use.
EXCLUDED_MODULES: tuple[str, ...] = (
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib",
    "pytest", "_pytest", "pytestqt", "hypothesis", "docx2python", "pypandoc", "jsonschema",
    "pip", "setuptools", "wheel", "pkg_resources", "lib2to3", "pydoc_data",
    # optional imports of openpyxl (images, data frames) that baocao never uses
    "PIL", "numpy", "pandas",
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick",
    "PySide6.QtWebChannel", "PySide6.QtWebSockets",
    "PySide6.Qt3DCore", "PySide6.Qt3DRender", "PySide6.Qt3DInput", "PySide6.Qt3DLogic",
    "PySide6.Qt3DExtras", "PySide6.Qt3DAnimation",
    "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtQuickControls2",
    "PySide6.QtNetwork", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtSql",
    "PySide6.QtTest", "PySide6.QtDesigner", "PySide6.QtUiTools", "PySide6.QtXml",
    "PySide6.QtConcurrent", "PySide6.QtDBus", "PySide6.QtHelp", "PySide6.QtMultimedia",
    "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtStateMachine", "PySide6.QtSvgWidgets",
)

# Qt modules baocao imports (checked by tests against desktop/baocao).
QT_MODULES_USED: tuple[str, ...] = ("QtCore", "QtGui", "QtWidgets", "QtPrintSupport", "QtSvg")

# Plugin folder → the plugin stems kept there ("*": all of them). Linux and Windows names together.
QT_PLUGINS: dict[str, tuple[str, ...]] = {
    # xcb: X11 desktops; wayland: Wayland ones; offscreen: headless runs and the smoke test;
    # windows: the Windows platform; minimal: a last resort for diagnostics.
    "platforms": ("qxcb", "qwayland", "qoffscreen", "qminimal", "qwindows"),
    "platformthemes": ("qgtk3", "qxdgdesktopportal"),             # native file dialogs on Linux desktops
    "platforminputcontexts": ("composeplatforminputcontextplugin",  # dead keys
                              "ibusplatforminputcontextplugin"),    # IBus: Vietnamese typing (Unikey, Bamboo)
    "imageformats": ("qsvg", "qico", "qjpeg", "qgif"),               # SVG toolbar icons, the .ico, pasted images
    "iconengines": ("qsvgicon",),
    "printsupport": ("*",),                                          # printing (CUPS on Linux)
    "xcbglintegrations": ("*",),                                     # the xcb platform loads one of these
    "styles": ("*",),                                                # Windows 11 style (qmodernwindowsstyle)
    "wayland-shell-integration": ("xdg-shell",),
    "wayland-decoration-client": ("*",),
    "wayland-graphics-integration-client": ("qt-plugin-wayland-egl", "shm-emulation-server"),
}

# Qt libraries that only dropped plugins or excluded modules link to (matched on the file name).
DROPPED_QT_LIBRARIES: tuple[str, ...] = (
    "Qt6Quick", "Qt6Qml", "Qt6VirtualKeyboard", "Qt6Pdf", "Qt6Network", "Qt6Sql", "Qt6Test",
    "Qt6WaylandCompositor", "Qt6Designer", "Qt6WebEngine", "Qt63D", "Qt6Multimedia", "Qt6Lottie",
    "Qt6QuickControls2", "Qt6QuickTemplates2", "Qt6QmlModels", "Qt6QmlWorkerScript", "Qt6QmlMeta",
    "Qt6EglFSDeviceIntegration", "Qt6EglFsKmsSupport", "Qt6EglFsKmsGbmSupport",
)

# The project's data, (source folder in the repository, folder inside the bundle).
DATA_FILES: tuple[tuple[str, str], ...] = (
    ("templates", "baocao/_data/templates"),
    ("resources", "baocao/_data/resources"),
)
# Files inside the data folders that are sources of shipped files, not shipped themselves.
SOURCE_ONLY_DATA: tuple[str, ...] = ("*.py", "*.ts", "__pycache__")

# Data PyInstaller's Qt hook collects that baocao never reads.
DROPPED_DATA_PREFIXES: tuple[str, ...] = ("PySide6/Qt/translations/", "PySide6/translations/")

# babel (when a version of baocao still formats numbers through it) is bundled with the locales
# baocao formats in only; its other ~1100 locale files are 30 MB.
BABEL_LOCALE_DATA = "babel/locale-data/"
BABEL_LOCALES_KEPT: tuple[str, ...] = ("root", "vi", "vi_VN", "en", "en_US")

# Package metadata copied besides the runtime dependencies of pyproject.toml (Help → About lists versions).
EXTRA_METADATA_PACKAGES: tuple[str, ...] = ("shiboken6",)

# The files the built folder must contain (relative to the folder's data root, _internal/).
REQUIRED_IN_BUNDLE: tuple[str, ...] = (
    "baocao/_data/templates/bao-cao-6-thang/manifest.toml",
    "baocao/_data/templates/bao-cao-nam/manifest.toml",
    "baocao/_data/resources/i18n/qtbase_vi.qm",
    "baocao/_data/resources/icons/baocao.png",
    "baocao/_data/resources/reference/reference.docx",
    "baocao/_data/resources/help/huong-dan.html",
)

_PLUGIN_RE = re.compile(r"(?:^|/)plugins/(?P<folder>[^/]+)/(?P<file>[^/]+)$")
_LIB_RE = re.compile(r"^(?:lib)?(?P<name>[A-Za-z0-9_]+)")


def plugin_stem(file_name: str) -> str:
    """``libqxcb.so`` → ``qxcb``; ``qwindows.dll`` → ``qwindows``; ``libqsvg.so.6`` → ``qsvg``."""
    stem = file_name.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_plugin(dest: str) -> bool | None:
    """For a bundle path under ``…/plugins/``: keep it or not; None when *dest* is no Qt plugin."""
    match = _PLUGIN_RE.search(dest.replace("\\", "/"))
    if not match:
        return None
    kept = QT_PLUGINS.get(match["folder"])
    if kept is None:
        return False
    return "*" in kept or plugin_stem(match["file"]) in kept


def keep_binary(dest: str) -> bool:
    """Whether a binary PyInstaller collected (bundle path *dest*) stays in the bundle."""
    plugin = keep_plugin(dest)
    if plugin is not None:
        return plugin
    name = PurePosixPath(dest.replace("\\", "/")).name
    match = _LIB_RE.match(name)
    library = match["name"] if match else name
    return not any(library.startswith(dropped) for dropped in DROPPED_QT_LIBRARIES)


def keep_data(dest: str) -> bool:
    """Whether a data file PyInstaller collected (bundle path *dest*) stays in the bundle."""
    path = dest.replace("\\", "/")
    if any(path.startswith(prefix) for prefix in DROPPED_DATA_PREFIXES):
        return False
    if keep_plugin(path) is False:      # some hooks list plugins' side files as data
        return False
    name = PurePosixPath(path).name
    if path.startswith(BABEL_LOCALE_DATA):
        return PurePosixPath(name).stem in BABEL_LOCALES_KEPT
    if path.startswith("baocao/_data/"):
        return not any(PurePosixPath(name).match(pattern) or f"/{pattern}/" in path for pattern in SOURCE_ONLY_DATA)
    return True


def filter_toc(toc: list, keep) -> list:
    """*toc* (PyInstaller's list of (dest, source, kind) entries) without the entries *keep* rejects."""
    return [entry for entry in toc if keep(entry[0])]


def project_version(pyproject_path) -> str:
    """The version in pyproject.toml's [project] table."""
    with open(pyproject_path, "rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def runtime_requirements(pyproject_path) -> list[str]:
    """The [project] dependencies of pyproject.toml, as written (markers included)."""
    with open(pyproject_path, "rb") as handle:
        return list(tomllib.load(handle)["project"]["dependencies"])


def requirement_name(requirement: str) -> str:
    """``PySide6-Essentials>=6.6; python_version >= '3.12'`` → ``PySide6-Essentials``."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    if not match:
        raise ValueError(f"not a requirement: {requirement!r}")
    return match[1]


def metadata_packages(pyproject_path) -> list[str]:
    """Distributions whose metadata the bundle carries: the runtime dependencies, then the extras."""
    names = dict.fromkeys(requirement_name(r) for r in runtime_requirements(pyproject_path))
    names.update(dict.fromkeys(EXTRA_METADATA_PACKAGES))
    return list(names)


def windows_version_tuple(version: str) -> tuple[int, int, int, int]:
    """``0.1.0`` → ``(0, 1, 0, 0)`` for a Windows version resource (non-numeric parts → 0)."""
    parts = [int(p) if p.isdigit() else 0 for p in re.split(r"[.+-]", version)[:4]]
    return tuple((parts + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def executables(platform: str = sys.platform) -> list[tuple[str, bool]]:
    """(name, console) of each executable built: one on Linux, window + console on Windows."""
    if platform.startswith("win"):
        return [(GUI_EXE, False), (CLI_EXE, True)]
    return [(GUI_EXE, True)]
