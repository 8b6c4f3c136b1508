"""Issue 14 item 5: PDF/A-2b through LibreOffice, read back with poppler (pdfinfo, pdffonts),
and one prepared LibreOffice profile reused across exports."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from helpers import run_cli

from baocao.errors import ExportError
from baocao.samples import sample_path
from baocao.writers import pdf as pdf_writer

needs_tools = pytest.mark.skipif(
    pdf_writer.libreoffice_path() is None or shutil.which("pdfinfo") is None,
    reason="LibreOffice and poppler-utils are needed")


def _pdfinfo(path: Path, *flags: str) -> str:
    return subprocess.run(["pdfinfo", *flags, str(path)], check=True, capture_output=True,
                          text=True, timeout=60).stdout


def _fonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True,
                         timeout=60).stdout.splitlines()
    return [line.split() for line in out[2:] if line.strip()]


@pytest.fixture(scope="module")
def cli_pdf(tmp_path_factory) -> Path:
    if pdf_writer.libreoffice_path() is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("pdf")
    out = folder / "bao-cao.pdf"
    result = run_cli("export", str(sample_path()), "-o", str(out), "--incomplete",
                     env={"XDG_CACHE_HOME": str(folder / "cache")})
    assert (folder / "cache" / "baocao" / pdf_writer.PROFILE_FOLDER / pdf_writer.PROFILE_READY).is_file()
    assert result.returncode == 0, result.stderr
    assert "PDF/A-2b" in result.stdout
    return out


@pytest.mark.slow
@needs_tools
def test_cli_pdf_is_pdfa_2b_with_xmp_metadata(cli_pdf):
    info = _pdfinfo(cli_pdf)
    assert re.search(r"^Metadata Stream:\s+yes", info, re.M)
    assert re.search(r"^Title:\s+BÁO CÁO Công tác chỉ đạo, điều hành", info, re.M)
    assert int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)) >= 10
    xmp = _pdfinfo(cli_pdf, "-meta")
    assert "<pdfaid:part>2</pdfaid:part>" in xmp
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    assert "<dc:title>" in xmp and "BÁO CÁO" in xmp


@pytest.mark.slow
@needs_tools
def test_every_font_is_embedded(cli_pdf):
    fonts = _fonts(cli_pdf)
    assert fonts, "pdffonts lists no font"
    # columns from the right: emb sub uni object-id generation
    assert all(row[-5] == "yes" for row in fonts), fonts
    assert any("Serif" in row[0] or "Times" in row[0] for row in fonts)


def test_cli_refuses_other_extensions(tmp_path):
    result = run_cli("export", str(sample_path()), "-o", str(tmp_path / "x.odt"), "--incomplete")
    assert result.returncode != 0
    assert ".docx hoặc .pdf" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.odt").exists()


def test_missing_libreoffice_is_a_clear_error(tmp_path, monkeypatch, sample_document):
    monkeypatch.setattr(pdf_writer, "libreoffice_path", lambda: None)
    target = tmp_path / "bao-cao.pdf"
    with pytest.raises(ExportError) as caught:
        pdf_writer.export_pdf(sample_document, target)
    assert "LibreOffice" in caught.value.user_text() and "cài" in caught.value.user_text()
    assert not target.exists()


def _recording_run(calls: list[Path]):
    def run(soffice, profile, docx, outdir, pdf_filter):
        calls.append(profile)
        profile.mkdir(parents=True, exist_ok=True)
        produced = outdir / (docx.stem + ".pdf")
        produced.write_bytes(b"%PDF-1.6 " + b" ".join(pdf_writer.PDFA_MARKERS))
        return produced
    return run


def test_prepared_profile_is_reused_and_a_busy_one_is_not(tmp_path, monkeypatch):
    calls: list[Path] = []
    monkeypatch.setattr(pdf_writer, "_run", _recording_run(calls))
    docx = tmp_path / "a.docx"
    docx.write_bytes(b"x")
    for _ in range(2):
        assert pdf_writer.convert_to_pdf(docx, tmp_path / "a.pdf", "soffice") is True
    assert calls == [pdf_writer.profile_dir()] * 2
    assert (pdf_writer.profile_dir() / pdf_writer.PROFILE_READY).is_file()
    lock = pdf_writer.profile_dir() / ".lock"
    lock.write_text("busy")                      # another LibreOffice is using it right now
    pdf_writer.convert_to_pdf(docx, tmp_path / "a.pdf", "soffice")
    assert calls[-1] != pdf_writer.profile_dir()
    old = time.time() - 3 * pdf_writer.PDF_TIMEOUT_S
    os.utime(lock, (old, old))                   # left behind by a crash: stale
    pdf_writer.convert_to_pdf(docx, tmp_path / "a.pdf", "soffice")
    assert calls[-1] == pdf_writer.profile_dir() and not lock.exists()


def test_failed_conversion_keeps_the_old_pdf(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_writer, "_run", lambda *a: None)
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")
    docx = tmp_path / "a.docx"
    docx.write_bytes(b"x")
    with pytest.raises(ExportError) as caught:
        pdf_writer.convert_to_pdf(docx, target, "soffice")
    assert "PDF" in caught.value.user_text()
    assert target.read_bytes() == b"old"


@pytest.mark.slow
@needs_tools
def test_window_export_job_writes_pdfa_with_the_prepared_profile(tmp_path, sample_document):
    from baocao.ui.export_jobs import ExportJob

    target = tmp_path / "cua-so.pdf"
    job = ExportJob(sample_document, target, None, pdf_with=pdf_writer.libreoffice_path())
    errors: list[str] = []
    job.signals.finished.connect(lambda _path, error: errors.append(error))
    job.run()
    assert errors == [""]
    assert pdf_writer.is_pdfa(target.read_bytes())
    assert (pdf_writer.profile_dir() / pdf_writer.PROFILE_READY).is_file()


def _outline_titles(pdf: Path) -> list[str]:
    """Bookmark titles of LibreOffice's PDF (UTF-16 hex strings in uncompressed objects)."""
    titles = []
    for hexa in re.findall(rb"/Title\s*<([0-9A-Fa-f]+)>", pdf.read_bytes()):
        raw = bytes.fromhex(hexa.decode())
        titles.append(raw.decode("utf-16") if raw[:2] == b"\xfe\xff" else raw.decode("latin-1"))
    return titles


@pytest.mark.slow
@needs_tools
def test_bookmarks_show_word_numbers_and_appendix_titles(cli_pdf, sample_document):
    titles = _outline_titles(cli_pdf)
    assert "I. MỘT SỐ KẾT QUẢ CHỦ YẾU" in titles and "II. ĐÁNH GIÁ CHUNG" in titles
    for appendix in sample_document.appendices:
        assert appendix.title in titles
