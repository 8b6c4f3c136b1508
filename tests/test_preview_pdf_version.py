"""LibreOffice older than 7.4: the version is read, PDF/A is dropped for a plain PDF with a note (headless)."""

from __future__ import annotations

import os
import stat

import pytest

from baocao.writers import pdf as pdf_writer


@pytest.mark.parametrize("text, expected", [
    ("LibreOffice 7.3.7.2 30(Build:2)\n", (7, 3, 7, 2)),
    ("LibreOffice 7.4.7.2 40(Build:2)", (7, 4, 7, 2)),
    ("LibreOffice 24.8.2.1 480(Build:1)", (24, 8, 2, 1)),
    ("LibreOfficeDev 25.2.0.0.alpha0 abc", (25, 2, 0, 0)),
    ("LibreOffice 6.4", (6, 4)),
    ("soffice: command not found", None),
    ("", None),
])
def test_version_parsing(text, expected):
    assert pdf_writer.parse_version(text) == expected


def test_the_filter_follows_the_version():
    assert pdf_writer.pdf_filter_for((7, 4, 0, 1)) == (pdf_writer.PDFA_FILTER, None)
    assert pdf_writer.pdf_filter_for((24, 2, 1)) == (pdf_writer.PDFA_FILTER, None)
    assert pdf_writer.pdf_filter_for(None) == (pdf_writer.PDFA_FILTER, None)     # unknown: try PDF/A
    plain, note = pdf_writer.pdf_filter_for((7, 3, 7, 2))
    assert plain == pdf_writer.PLAIN_FILTER
    assert "7.3.7" in note and "7.4" in note and "PDF thường" in note and "cập nhật LibreOffice" in note
    assert pdf_writer.pdf_filter_for((6, 0), pdfa=False) == (pdf_writer.PLAIN_FILTER, None)


def _fake_soffice(tmp_path, version: str):
    """A stand-in LibreOffice: prints *version*, and "converts" by writing a plain PDF."""
    script = tmp_path / "soffice"
    script.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "--version" ]; then echo "{version}"; exit 0; fi\n'
        'out=""; last=""; filt=""\n'
        'while [ $# -gt 0 ]; do\n'
        '  case "$1" in --outdir) out="$2"; shift;; --convert-to) filt="$2"; shift;;\n'
        '    -env:UserInstallation=file://*) mkdir -p "${1#-env:UserInstallation=file://}";; *) last="$1";; esac\n'
        "  shift\n"
        "done\n"
        'name=$(basename "$last" .docx)\n'
        f'echo "$filt" > "{tmp_path}/filter.txt"\n'
        'printf "%%PDF-1.7 plain" > "$out/$name.pdf"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


@pytest.mark.skipif(os.name == "nt", reason="a POSIX shell stand-in")
def test_an_old_libreoffice_gets_a_plain_pdf_with_a_note(tmp_path, monkeypatch, sample_document):
    soffice = _fake_soffice(tmp_path, "LibreOffice 7.3.7.2 30(Build:2)")
    monkeypatch.setattr(pdf_writer, "profile_dir", lambda: tmp_path / "profile")
    pdf_writer._versions.pop(soffice, None)
    assert pdf_writer.libreoffice_version(soffice) == (7, 3, 7, 2)
    target = tmp_path / "bao-cao.pdf"
    note = pdf_writer.export_pdf(sample_document, target, soffice=soffice)
    assert target.read_bytes().startswith(b"%PDF")
    assert note and "7.3.7" in note
    assert (tmp_path / "filter.txt").read_text().strip() == pdf_writer.PLAIN_FILTER


@pytest.mark.skipif(os.name == "nt", reason="a POSIX shell stand-in")
def test_a_recent_libreoffice_that_makes_no_pdfa_is_still_an_error(tmp_path, monkeypatch, sample_document):
    from baocao.errors import ExportError

    soffice = _fake_soffice(tmp_path, "LibreOffice 7.6.4.1 60(Build:1)")
    monkeypatch.setattr(pdf_writer, "profile_dir", lambda: tmp_path / "profile")
    pdf_writer._versions.pop(soffice, None)
    with pytest.raises(ExportError) as caught:
        pdf_writer.export_pdf(sample_document, tmp_path / "b.pdf", soffice=soffice)
    assert caught.value.message == pdf_writer.NOT_PDFA
    assert (tmp_path / "filter.txt").read_text().strip() == pdf_writer.PDFA_FILTER
