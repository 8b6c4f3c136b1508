"""The text of a .docx (body and footnotes, paragraph by paragraph), read with zipfile + lxml.  No Qt."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")


def docx_paragraphs(path: Path) -> list[str]:
    """The paragraphs of *path*'s body, footnotes and endnotes (ValueError when it is not a .docx)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValueError(str(exc)) from exc
    paragraphs: list[str] = []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    with archive:
        names = set(archive.namelist())
        if PARTS[0] not in names:
            raise ValueError("no word/document.xml")
        for part in PARTS:
            if part not in names:
                continue
            root = etree.fromstring(archive.read(part), parser)
            for para in root.iter(f"{W}p"):
                text = "".join(node.text or "" for node in para.iter(f"{W}t"))
                if text.strip():
                    paragraphs.append(text)
    return paragraphs
