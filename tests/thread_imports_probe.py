"""Child process of test_ui_thread_imports.py: the window's background work, with first imports recorded.

Prints one line per module first imported on a thread other than the UI thread ("thread module").
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class ImportSpy:
    """A meta-path finder that only records who asks for a module not loaded yet."""

    def __init__(self) -> None:
        self.off_thread: list[tuple[str, str]] = []

    def find_spec(self, name, path=None, target=None):  # noqa: D401 - importlib protocol
        if threading.current_thread() is not threading.main_thread() and name not in sys.modules:
            self.off_thread.append((threading.current_thread().name, name))
        return None


def main() -> int:
    spy = ImportSpy()
    sys.meta_path.insert(0, spy)
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from baocao.samples import load_sample
    from baocao.session import DraftSession
    from baocao.template import load_pack
    from baocao.ui.main_window import MainWindow
    from baocao.ui.settings import AppSettings

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp())
    window = MainWindow(settings=AppSettings.at(folder / "settings.ini"))
    draft = load_sample()
    window.controller.set_session(DraftSession.new(load_pack(draft.template_id), draft, threaded=False),
                                  ask_on_close=False)
    window.show()

    def wait(ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    wait(300)
    window.schedule_findings()                       # the whole-report check on its worker
    window.checks.live.check_now()                   # the underlines' worker
    wait(3000)
    from baocao.ui import prompts

    prompts.confirm_export_findings = lambda *a: True
    window.controller.export("docx", folder / "bc.docx")   # the export job on the thread pool
    for _ in range(100):
        wait(100)
        if (folder / "bc.docx").exists():
            break
    print("exported", (folder / "bc.docx").exists())
    for thread, name in spy.off_thread:
        if name in sys.modules:                      # a failed attempt (another platform's module) loads nothing
            print(thread, name)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
