"""Filling a request .docx as a unit would: with python-docx (text, a real footnote, a table) or LibreOffice."""

from __future__ import annotations

import copy
import shutil
import subprocess
import zipfile
from pathlib import Path

from lxml import etree

from baocao.contributions.constants import PLACEHOLDER

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def fill_with_python_docx(request: Path, out: Path, texts: dict[int, str], note: str, table: list[list[str]],
                          before: str = "") -> None:
    """Replace the n-th placeholder with texts[n] (bold tail " Kết quả tốt."), a footnote on the first one,
    a table after the first one, and *before* as a paragraph above the first section."""
    import docx

    document = docx.Document(str(request))
    places = [p for p in document.paragraphs if p.text == PLACEHOLDER]
    for index, para in enumerate(places):
        if index not in texts:
            continue
        para.text = texts[index]
        para.add_run(" Kết quả tốt.").bold = True
        if index == 0:
            run = para.add_run()
            ref = etree.SubElement(run._r, _w("footnoteReference"))
            ref.set(_w("id"), "7")
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, value in enumerate(row):
                    grid.cell(r, c).text = value
            para._p.addnext(grid._tbl)
    if before:
        first_heading = next(p for p in document.paragraphs if "[mã mục:" in p.text)
        first_heading.insert_paragraph_before(before)
    document.save(str(out))
    _add_footnote(out, "7", note)


def _add_footnote(path: Path, note_id: str, text: str) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    root = etree.fromstring(parts["word/footnotes.xml"])
    note = etree.SubElement(root, _w("footnote"))
    note.set(_w("id"), note_id)
    p = etree.SubElement(note, _w("p"))
    r = etree.SubElement(p, _w("r"))
    etree.SubElement(r, _w("t")).text = text
    parts["word/footnotes.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def fill_with_libreoffice(request: Path, folder: Path, text: str, note: str) -> Path:
    """docx → odt (LibreOffice), the first placeholder replaced by *text* with a footnote, odt → docx again."""
    soffice = shutil.which("soffice")
    assert soffice
    profile = f"-env:UserInstallation=file://{folder / 'lo-profile'}"
    subprocess.run([soffice, profile, "--headless", "--convert-to", "odt", "--outdir", str(folder), str(request)],
                   check=True, capture_output=True, timeout=180)
    odt = folder / (request.stem + ".odt")
    with zipfile.ZipFile(odt) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
        order = [info.filename for info in archive.infolist()]
    content = parts["content.xml"].decode("utf-8")
    note_xml = ('<text:note text:id="ftn900" text:note-class="footnote"><text:note-citation>1</text:note-citation>'
                f'<text:note-body><text:p>{note}</text:p></text:note-body></text:note>')
    place = f">{PLACEHOLDER}<"                               # the line itself, not the instruction quoting it
    assert place in content
    content = content.replace(place, f">{text}{note_xml}<", 1)
    parts["content.xml"] = content.encode("utf-8")
    edited = folder / "da-dien.odt"
    with zipfile.ZipFile(edited, "w") as archive:
        for name in order:                                   # mimetype first, stored
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, parts[name], compress_type=method)
    out_dir = folder / "ve"
    out_dir.mkdir()
    subprocess.run([soffice, profile, "--headless", "--convert-to", "docx", "--outdir", str(out_dir), str(edited)],
                   check=True, capture_output=True, timeout=180)
    return out_dir / "da-dien.docx"
