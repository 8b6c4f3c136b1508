"""Preview refresh after one edit in a large report (target: median ≤ 50 ms).

The report comes from ``large_report.py`` (63 headings in 3 levels, 400
paragraphs, 300 footnotes, 6 appendix tables of 60 rows), opened in the real
main window (offscreen).  Each run types into a different leaf section
through the undo stack, exactly as the window does, then times
``PreviewPane.refresh_now()``: render (with the preview's parse cache) +
HTML + replacing the changed part of the preview document.  The full path
(``render_draft`` + ``document_to_html`` + ``setHtml``) is timed too, for
comparison.

    python bench/bench_preview.py [--runs 21] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

TARGET_MS = 50.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    import large_report
    from PySide6.QtWidgets import QApplication, QTextBrowser

    from baocao.edits import SetSectionBody
    from baocao.model.richtext import Para
    from baocao.render import render_draft
    from baocao.session import DraftSession
    from baocao.template import load_pack_dir
    from baocao.ui.main_window import MainWindow
    from baocao.ui.settings import AppSettings
    from baocao.writers.html import document_to_html

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="baocao-bench-") as tmp:
        pack = load_pack_dir(large_report.write_pack(Path(tmp)))
        draft = large_report.build_draft()
        session = DraftSession.new(pack, draft)
        window = MainWindow(AppSettings.at(Path(tmp) / "settings.ini"))
        window.resize(1366, 768)
        window.show()
        window.controller.set_session(session, ask_on_close=False)
        app.processEvents()
        leaves = [s.id for s in pack.sections if not s.children]
        preview = window.preview
        bar = preview.verticalScrollBar()
        bar.setValue(bar.maximum() // 3)

        incremental = []
        for run in range(args.runs + 1):
            section = leaves[run % len(leaves)]
            body = list(draft.section(section).body) + [Para.of(f"Đoạn bổ sung lần {run}.", "dash")]
            window.controller.push(SetSectionBody.make(draft, section, body, typing=True))
            app.processEvents()
            started = time.perf_counter()
            preview.refresh_now()
            app.processEvents()
            elapsed = (time.perf_counter() - started) * 1000
            if run:                                 # the first refresh warms the caches
                incremental.append(elapsed)

        browser = QTextBrowser()
        browser.resize(466, 700)
        browser.show()
        full, parts = [], {"render": [], "html": [], "setHtml": []}
        for run in range(max(5, args.runs // 3)):
            section = leaves[run % len(leaves)]
            draft.section(section).body.append(Para.of(f"Đoạn đo toàn phần {run}.", "dash"))
            t0 = time.perf_counter()
            doc = render_draft(draft, pack)
            t1 = time.perf_counter()
            html = document_to_html(doc)
            t2 = time.perf_counter()
            browser.setHtml(html)
            app.processEvents()
            t3 = time.perf_counter()
            parts["render"].append((t1 - t0) * 1000)
            parts["html"].append((t2 - t1) * 1000)
            parts["setHtml"].append((t3 - t2) * 1000)
            full.append((t3 - t0) * 1000)
        window.controller.ask_on_close = False
        window.controller.discard_on_close = True
        window.close()
        browser.close()
        for widget in (browser, window):   # delete widgets while the QApplication still exists
            widget.deleteLater()
        del browser, window
        app.processEvents()

    result = {
        "runs": len(incremental),
        "preview_refresh_median_ms": round(statistics.median(incremental), 1),
        "preview_refresh_max_ms": round(max(incremental), 1),
        "full_path_median_ms": round(statistics.median(full), 1),
        "full_path_parts_median_ms": {k: round(statistics.median(v), 1) for k, v in parts.items()},
        "target_ms": TARGET_MS,
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"Làm mới xem trước sau một lần sửa (báo cáo lớn, {result['runs']} lần):")
        print(f"  trung vị {result['preview_refresh_median_ms']} ms (tối đa {result['preview_refresh_max_ms']} ms;"
              f" mục tiêu ≤ {TARGET_MS:.0f} ms)")
        print(f"  đường đầy đủ render_draft + HTML + setHtml: {result['full_path_median_ms']} ms "
              f"({', '.join(f'{k} {v} ms' for k, v in result['full_path_parts_median_ms'].items())})")
    return 0 if result["preview_refresh_median_ms"] <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
