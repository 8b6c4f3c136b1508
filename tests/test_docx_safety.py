"""Hostile text, atomic writing and unusable reference files."""

from __future__ import annotations

import os
import unicodedata
import zipfile

import pytest
from docx_support import NS, W, fixture_document, paragraph_text, read_part
from lxml import etree

from baocao.docmodel import Footnote, FootnoteRef, Heading, Paragraph, Text
from baocao.errors import ExportError
from baocao.writers.docx import write_docx

HOSTILE = "Nhi\u0302\u0323m vu\u0323\x00 k\x0bế\ud800 <w:p>&amp; \"x\" ]]> \x1f"
HOSTILE_CLEAN = unicodedata.normalize("NFC", "Nhi\u0302\u0323m vu\u0323 k ế <w:p>&amp; \"x\" ]]> ")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _hostile_document():
    document = fixture_document()
    document.header.issuer_lines[1] = HOSTILE
    document.header.summary = HOSTILE
    document.header.date_line = HOSTILE
    document.body.insert(2, Heading(3, "1.", HOSTILE, "so"))
    document.body.insert(3, Paragraph([Text(HOSTILE, bold=True), FootnoteRef(6)], bullet="-"))
    document.footnotes.append(Footnote(6, [[Text(HOSTILE)]]))
    table = next(b for b in document.body if type(b).__name__ == "Table")
    table.rows[0][1] = HOSTILE
    table.columns[1].header = HOSTILE
    document.recipients.entries.insert(0, HOSTILE)
    document.signature.name = HOSTILE
    document.appendices[0].title = HOSTILE
    return document


def test_hostile_text_comes_out_safe_and_nfc(tmp_path):
    path = tmp_path / "hostile.docx"
    write_docx(_hostile_document(), path)
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name.endswith((".xml", ".rels")):
                etree.fromstring(data)            # strict XML parser: must not raise
            assert b"\x00" not in data and b"\x1f" not in data and b"\x0b" not in data
    texts = []
    for part in ("word/document.xml", "word/footnotes.xml"):
        root = read_part(path, part)
        texts.extend(t.text or "" for t in root.iter(f"{W}t"))
    joined = "".join(texts)
    assert joined == unicodedata.normalize("NFC", joined)
    assert "\ud800" not in joined
    paragraphs = [paragraph_text(p) for p in read_part(path, "word/document.xml").iter(f"{W}p")]
    assert HOSTILE_CLEAN in paragraphs                        # heading title, summary, date …
    assert f"- {HOSTILE_CLEAN}" in paragraphs                 # recipient line and bullet
    notes = [paragraph_text(p).strip() for p in read_part(path, "word/footnotes.xml").iter(f"{W}p")]
    assert HOSTILE_CLEAN.strip() in notes
    # the markup-looking text stays text: no element named like it appeared
    document = read_part(path, "word/document.xml")
    assert len(document.findall(".//w:body/w:p/w:p", NS)) == 0


def test_hostile_text_in_core_properties(tmp_path):
    document = fixture_document()
    document.header.summary = HOSTILE
    path = tmp_path / "core.docx"
    write_docx(document, path)
    title = read_part(path, "docProps/core.xml").find("{http://purl.org/dc/elements/1.1/}title").text
    assert "<w:p>&amp;" in title and "\x00" not in title


def _leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_failed_replace_keeps_old_file_and_removes_temp(tmp_path, monkeypatch):
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(b"old")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError) as info:
        write_docx(fixture_document(), target)
    assert "Không ghi được tệp «bao-cao.docx»" in info.value.message
    assert info.value.hint
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(IS_ROOT or os.name == "nt", reason="file permissions are not enforced for root")
def test_read_only_target_raises_vietnamese_error(tmp_path):
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(b"old")
    target.chmod(0o444)
    try:
        with pytest.raises(ExportError) as info:
            write_docx(fixture_document(), target)
        assert "Không ghi được" in info.value.message
        assert target.read_bytes() == b"old"
        assert _leftovers(tmp_path) == []
    finally:
        target.chmod(0o644)


@pytest.mark.skipif(IS_ROOT or os.name == "nt", reason="file permissions are not enforced for root")
def test_read_only_folder_raises_vietnamese_error(tmp_path):
    folder = tmp_path / "khoa"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(ExportError) as info:
            write_docx(fixture_document(), folder / "bao-cao.docx")
        assert "Không ghi được" in info.value.message
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_missing_folder_raises_vietnamese_error(tmp_path):
    with pytest.raises(ExportError) as info:
        write_docx(fixture_document(), tmp_path / "khong-co" / "bao-cao.docx")
    assert "không tồn tại" in info.value.message


@pytest.mark.parametrize("content", [b"not a zip at all", b""])
def test_bad_reference_docx_is_a_vietnamese_export_error(tmp_path, content):
    reference = tmp_path / "reference.docx"
    reference.write_bytes(content)
    target = tmp_path / "out.docx"
    with pytest.raises(ExportError) as info:
        write_docx(fixture_document(), target, reference)
    assert "Tệp mẫu định dạng «reference.docx»" in info.value.message
    assert "Word" in info.value.hint
    assert not target.exists()


def test_reference_without_styles_or_missing_is_an_error(tmp_path):
    reference = tmp_path / "reference.docx"
    with zipfile.ZipFile(reference, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(ExportError):
        write_docx(fixture_document(), tmp_path / "a.docx", reference)
    with pytest.raises(ExportError):
        write_docx(fixture_document(), tmp_path / "b.docx", tmp_path / "khong-co.docx")


def test_reference_with_broken_styles_xml_is_an_error(tmp_path):
    from baocao.writers.docx.reference import default_reference_path

    reference = tmp_path / "reference.docx"
    with zipfile.ZipFile(default_reference_path()) as source, zipfile.ZipFile(reference, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, b"<w:styles><broken" if item.filename == "word/styles.xml" else data)
    with pytest.raises(ExportError) as info:
        write_docx(fixture_document(), tmp_path / "out.docx", reference)
    assert "styles.xml" in info.value.message


def test_read_only_target_simulated_for_root(tmp_path, monkeypatch):
    """Same as the read-only target test where permissions are not enforced (root, CI)."""
    target = tmp_path / "bao-cao.docx"
    target.write_bytes(b"old")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if str(p) == str(target)
                        else real_access(p, mode, **kw))
    with pytest.raises(ExportError) as info:
        write_docx(fixture_document(), target)
    assert "Không ghi được tệp «bao-cao.docx»" in info.value.message
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_read_only_folder_simulated_for_root(tmp_path, monkeypatch):
    """A folder that refuses new files: no temp file can be created, nothing is left behind."""
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError) as info:
        write_docx(fixture_document(), tmp_path / "bao-cao.docx")
    assert "Không ghi được" in info.value.message
    assert list(tmp_path.iterdir()) == []


def test_hostile_page_setup_and_language(tmp_path):
    document = fixture_document()
    document.page.font_name = "Times\x00 New Roman\ud800"
    document.page.first_line_indent_cm = -2
    document.language = "vi-VN\x01"
    path = tmp_path / "page.docx"
    write_docx(document, path)
    styles = read_part(path, "word/styles.xml")
    fonts = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert fonts.get(f"{W}ascii") == "Times New Roman"
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(f"{W}val") == "vi-VN"
    body = styles.find("w:style[@w:styleId='BodyText']/w:pPr/w:ind", NS)
    assert body.get(f"{W}firstLine") == "0"
