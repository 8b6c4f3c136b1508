"""Preview refresh after one edit in a large report, for four kinds of edit (target: each median ≤ 50 ms).

The report comes from ``large_report.py`` (63 headings in 3 levels, 400
paragraphs, 300 footnotes, 6 appendix tables of 60 rows), opened in the real
main window (offscreen).  Each run makes one edit through the undo stack,
exactly as the window does, then times ``PreviewPane.refresh_now()`` until the
preview shows the result (``refresh_count`` moves): the render (in the
preview's worker process when there is one) + HTML + patching the changed part
of the preview document in view.  When many chunks change, those out of view
are patched in idle slices afterwards; the time until they are all done is
reported too ("complete").  The kinds:

- ``typing``: one more word at the end of a paragraph of a middle section;
- ``footnote``: a new footnote early in the report (every later number moves);
- ``last``: one more word in the last section;
- ``table``: one cell of an appendix table.

The full path (``render_draft`` + ``document_to_html`` + ``setHtml``) is
timed too, for comparison.

    python bench/bench_preview.py [--runs 15] [--json]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "desktop"))

TARGET_MS = 50.0
#: The figures before the preview moved to a worker and patched footnote numbers (README, issue 16).
OLD_MS = {"typing": 24.0, "footnote": 330.0, "last": 190.0, "table": 250.0}   # README / issue 16 before this work
KINDS = ("typing", "footnote", "last", "table")


def _edit(kind: str, run: int, draft, leaves: list[str]):
    """The undoable edit of *kind* for run number *run*."""
    from baocao.edits import SetSectionBody, SetTableRows
    from baocao.model.richtext import Note, Span

    if kind == "table":
        rows = copy.deepcopy(draft.tables["bang-1"])
        rows[run % len(rows)]["dung_han"] = 1000 + run
        return SetTableRows.make(draft, "bang-1", rows)
    if kind == "footnote":
        section = leaves[1 + run % 3]
    elif kind == "last":
        section = leaves[-1]
    else:
        section = leaves[len(leaves) // 2 + run % 5]
    body = copy.deepcopy(draft.section(section).body)
    para = body[0]
    if kind == "footnote":
        para.content.insert(1, Note([[Span(f"Chú thích chèn thêm lần {run}.")]]))
    else:
        para.content.append(Span(f" thêm{run}"))
    return SetSectionBody.make(draft, section, body, typing=True)


def _wait_refreshed(app, preview, count: int, timeout_s: float = 20.0) -> None:
    deadline = time.perf_counter() + timeout_s
    while preview.refresh_count == count and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.0005)


def _wait_patched(app, preview, timeout_s: float = 20.0) -> None:
    deadline = time.perf_counter() + timeout_s
    while getattr(preview, "patches_pending", lambda: False)() and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.0005)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit status 1 when a median misses the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    import large_report
    from PySide6.QtWidgets import QApplication, QTextBrowser

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
        leaves = [s.id for s in pack.sections if not s.children and draft.section(s.id).body]
        preview = window.preview
        count = preview.refresh_count
        preview.refresh_now()
        _wait_refreshed(app, preview, count)
        bar = preview.verticalScrollBar()
        bar.setValue(bar.maximum() // 3)

        timings: dict[str, list[float]] = {kind: [] for kind in KINDS}
        complete: dict[str, list[float]] = {kind: [] for kind in KINDS}
        for run in range(args.runs + 1):
            for kind in KINDS:
                window.controller.push(_edit(kind, run, draft, leaves))
                app.processEvents()
                preview.timer.stop()
                count = preview.refresh_count
                started = time.perf_counter()
                preview.refresh_now()
                _wait_refreshed(app, preview, count)
                elapsed = (time.perf_counter() - started) * 1000
                _wait_patched(app, preview)
                done = (time.perf_counter() - started) * 1000
                if run:                                 # the first round warms the caches
                    timings[kind].append(elapsed)
                    complete[kind].append(done)

        browser = QTextBrowser()
        browser.resize(466, 700)
        browser.show()
        full = []
        for run in range(max(5, args.runs // 3)):
            section = leaves[run % len(leaves)]
            draft.section(section).body.append(Para.of(f"Đoạn đo toàn phần {run}.", "dash"))
            t0 = time.perf_counter()
            browser.setHtml(document_to_html(render_draft(draft, pack)))
            app.processEvents()
            full.append((time.perf_counter() - t0) * 1000)
        window.controller.ask_on_close = False
        window.controller.discard_on_close = True
        window.close()
        browser.close()
        for widget in (browser, window):   # delete widgets while the QApplication still exists
            widget.deleteLater()
        del browser, window
        app.processEvents()

    result = {
        "runs": args.runs,
        "median_ms": {k: round(statistics.median(v), 1) for k, v in timings.items()},
        "max_ms": {k: round(max(v), 1) for k, v in timings.items()},
        "complete_median_ms": {k: round(statistics.median(v), 1) for k, v in complete.items()},
        "old_ms": OLD_MS,
        "full_path_median_ms": round(statistics.median(full), 1),
        "target_ms": TARGET_MS,
    }
    result["ratio_to_full_path"] = {k: round(v / result["full_path_median_ms"], 2) for k, v in result["median_ms"].items()}
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"Làm mới xem trước sau một lần sửa (báo cáo lớn, {args.runs} lần mỗi loại; mục tiêu ≤ {TARGET_MS:.0f} ms):")
        for kind in KINDS:
            print(f"  {kind:9} trung vị {result['median_ms'][kind]:6.1f} ms (tối đa {result['max_ms'][kind]} ms;"
                  f" cả phần ngoài khung {result['complete_median_ms'][kind]} ms; trước đây {OLD_MS[kind]:g} ms)")
        print(f"  đường đầy đủ render_draft + HTML + setHtml: {result['full_path_median_ms']} ms"
              f" (tỉ lệ từng loại: {result['ratio_to_full_path']})")
    return 0 if all(v <= TARGET_MS for v in result["median_ms"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
