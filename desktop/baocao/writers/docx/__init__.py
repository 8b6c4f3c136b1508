"""DOCX writer: the document model → a .docx laid out per Nghị định 30/2020/NĐ-CP.

Public API::

    from baocao.writers.docx import write_docx
    write_docx(document, "bao-cao.docx", reference_docx=None)

Modules (one job each):

* :mod:`.writer` — assembles one export and writes it atomically;
* :mod:`.reference`, :mod:`.stylesheet`, :mod:`.settings` — the reference .docx
  (styles a maintainer restyles in Word), adapted to the pack's page setup;
* :mod:`.header_block`, :mod:`.blocks`, :mod:`.tables`, :mod:`.signature`,
  :mod:`.sections` — the parts of the report as WordprocessingML strings;
* :mod:`.footnotes` — real Word footnotes (``word/footnotes.xml``);
* :mod:`.package` — content types, relationships and the zip;
* :mod:`.style_ids`, :mod:`.style_table`, :mod:`.layout`, :mod:`.metrics` — data;
* :mod:`.make_reference` — regenerates ``resources/reference/reference.docx``.
"""

from __future__ import annotations

from .writer import build_docx, write_docx

__all__ = ["build_docx", "write_docx"]
