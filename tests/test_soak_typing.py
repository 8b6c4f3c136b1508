"""Guard: a drafter can type thousands of characters in the real window and find them saved.

The typing runs in a child process (``soak_typing.py``): a Qt binding that
corrupts reference counts aborts the interpreter there ("Fatal Python error:
none_dealloc"), which fails this test instead of killing the test run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6.QtWidgets")

SOAK = Path(__file__).with_name("soak_typing.py")
MIN_CHARS = 3000


def _run_soak(draft: Path, result: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    return subprocess.run([sys.executable, str(SOAK), str(draft), str(result)], env=env, capture_output=True,
                          text=True, timeout=300)


def test_typing_thousands_of_characters_survives_and_is_saved(tmp_path):
    """≥ 3,000 characters into bodies, notes, fields and table cells: the window lives and the file has them."""
    from baocao.drafts import new_draft
    from baocao.model.richtext import body_plain_text
    from baocao.storage import load_any, save_draft
    from baocao.template import load_pack

    pack = load_pack("bao-cao-6-thang")
    draft_path, result_path = tmp_path / "go-thu.baocao", tmp_path / "ket-qua.json"
    save_draft(new_draft(pack), draft_path)

    run = _run_soak(draft_path, result_path, tmp_path)
    assert run.returncode == 0, f"the window died while typing (exit {run.returncode}):\n{run.stderr[-3000:]}"
    result = json.loads(result_path.read_text(encoding="utf-8"))
    assert result["chars"] >= MIN_CHARS
    assert result["saved"] and result["closed"]

    saved = load_any(draft_path)
    typed = result["typed"]
    for section_id, paragraphs in typed["bodies"].items():
        text = body_plain_text(saved.section(section_id).body)
        for paragraph in paragraphs:
            assert paragraph in text, f"text typed into «{section_id}» is not in the saved file"
    for section_id, note_text in typed["notes"].items():
        notes = [n.plain_text().strip() for p in saved.section(section_id).body for n in p.notes()]
        assert note_text in notes, f"the footnote typed in «{section_id}» is not in the saved file"
    assert saved.section("nhiem-vu-cap-tren").fields == {"tong": 2573, "hoan_thanh": 2273, "trong_han": 250,
                                                         "qua_han": 50}
    assert saved.section("han-che").fields["nguyen_nhan"] == typed["fields"]["han-che/nguyen_nhan"]
    rows = saved.tables["nhiem-vu-theo-don-vi"]
    expected = [{k: (v if k == "don_vi" else int(v)) for k, v in cells.items()}
                for cells in typed["cells"]["nhiem-vu-theo-don-vi"]]
    assert rows == expected
