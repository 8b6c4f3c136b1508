"""The hidden round-trip data of a Word export can be left out: File menu toggle (kept in the settings) and
``baocao export --khong-kem-so-lieu``.  The printed document is the same either way."""

from __future__ import annotations

import zipfile

from helpers import flatten, run_cli
from ui_support import make_window, message_boxes, sample_session  # noqa: F401 - fixture used by name

PART = "customXml/item1.xml"


def _parts(path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def _text(path) -> str:
    from docx2python import docx2python

    with docx2python(path) as reader:
        return " ".join(flatten(reader.body)) + " ".join(flatten(reader.footnotes))


def test_cli_export_without_the_data_part(tmp_path):
    draft = tmp_path / "mau.baocao"
    assert run_cli("new", "-o", str(draft), "--sample").returncode == 0
    with_data, without = tmp_path / "co.docx", tmp_path / "khong.docx"
    assert run_cli("export", str(draft), "-o", str(with_data), "--chua-du").returncode == 0
    done = run_cli("export", str(draft), "-o", str(without), "--chua-du", "--khong-kem-so-lieu")
    assert done.returncode == 0, done.stderr
    assert PART in _parts(with_data)
    assert not any(name.startswith("customXml/") for name in _parts(without))
    assert _text(with_data) == _text(without)
    from ooxml_support import validate_docx

    assert validate_docx(without) == []


def test_window_toggle_is_remembered_and_leaves_the_part_out(qtbot, tmp_path, monkeypatch, message_boxes):
    from PySide6.QtWidgets import QFileDialog

    from baocao.ui import prompts
    from baocao.ui.settings import AppSettings

    window = make_window(qtbot, tmp_path, sample_session())
    assert window.roundtrip_action.isChecked()                    # on by default
    window.roundtrip_action.setChecked(False)
    window.controller.settings.sync()
    assert AppSettings.at(tmp_path / "settings.ini").roundtrip_data() is False     # remembered on this PC
    monkeypatch.setattr(prompts, "confirm_export_findings", lambda parent, errors: True)
    paths = iter([tmp_path / "khong.docx", tmp_path / "co.docx"])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(next(paths)), "")))
    with qtbot.waitSignal(window.controller.exportFinished, timeout=60000):
        assert window.controller.export("docx")
    assert PART not in _parts(tmp_path / "khong.docx")
    window.roundtrip_action.setChecked(True)
    with qtbot.waitSignal(window.controller.exportFinished, timeout=60000):
        assert window.controller.export("docx")
    assert PART in _parts(tmp_path / "co.docx")
    assert _text(tmp_path / "co.docx") == _text(tmp_path / "khong.docx")
