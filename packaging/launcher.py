"""Entry script of the frozen app (PyInstaller): the same as the ``baocao-gui`` command.

No argument opens the window; ``baocao FILE`` opens FILE; ``baocao export …``,
``baocao check …`` and the other sub-commands run as on the command line
(on Windows use ``baocao-cli.exe`` for them, which has a console).

``BAOCAO_SMOKE_CLOSE_AFTER=SECONDS`` (used by packaging/smoke-test.sh) closes
every window after that many seconds, the way the user closing the window
would (the draft is closed, its lock released, the settings saved), so the
smoke test can check that the window stays up and then quits cleanly;
``BAOCAO_SMOKE_SCREENSHOT=FILE.png`` saves a picture of the window just before, and
``BAOCAO_SMOKE_REPORT=FILE.json`` what the running app loaded (Qt platform, image formats,
the Vietnamese Qt catalogue, window titles).
"""

import multiprocessing
import os
import sys

SMOKE_ENV = "BAOCAO_SMOKE_CLOSE_AFTER"
SCREENSHOT_ENV = "BAOCAO_SMOKE_SCREENSHOT"   # with SMOKE_ENV: a PNG of the main window, just before closing
REPORT_ENV = "BAOCAO_SMOKE_REPORT"           # with SMOKE_ENV: a JSON file of what the running app has loaded


def _write_report(path: str, windows: list) -> None:
    """What the smoke test checks inside the running app, as JSON: platform, plugins, translation, window."""
    import json

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication, QImageReader

    report = {
        "platform": QGuiApplication.platformName(),
        "image_formats": sorted(bytes(f).decode() for f in QImageReader.supportedImageFormats()),
        "cancel_button": QCoreApplication.translate("QPlatformTheme", "Cancel"),
        "windows": [w.windowTitle() for w in windows],
        "frozen": bool(getattr(sys, "frozen", False)),
    }
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(report, handle, ensure_ascii=False)


def _close_windows_later(seconds: float, screenshot: str = "", report: str = "") -> None:
    """Once the application exists, close all its windows after *seconds* (a picture of the window first)."""
    from baocao.ui import app as ui_app

    create = ui_app.create_application

    def close() -> None:
        from PySide6.QtWidgets import QApplication

        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        if report:
            _write_report(report, windows)
        if screenshot and windows:
            max(windows, key=lambda w: w.width() * w.height()).grab().save(screenshot)
        QApplication.closeAllWindows()

    def create_then_arm(*args, **kwargs):
        from PySide6.QtCore import QTimer

        application = create(*args, **kwargs)
        QTimer.singleShot(int(seconds * 1000), close)
        return application

    ui_app.create_application = create_then_arm


def main() -> int:
    """Run baocao as ``baocao-gui`` does."""
    from baocao.cli import gui_main

    seconds = os.environ.get(SMOKE_ENV, "")
    if seconds:
        _close_windows_later(float(seconds), os.environ.get(SCREENSHOT_ENV, ""), os.environ.get(REPORT_ENV, ""))
    return gui_main()


if __name__ == "__main__":
    multiprocessing.freeze_support()   # the pack editor's preview runs in a worker process ("spawn")
    sys.exit(main())
