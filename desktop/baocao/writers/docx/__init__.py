"""DOCX writer: the document model → a .docx laid out per Nghị định 30/2020/NĐ-CP.

Public API::

    from baocao.writers.docx import write_docx
    write_docx(document, "bao-cao.docx", reference_docx=None)

Modules (one job each):

* :mod:`.writer` — assembles one export and writes it atomically;
* :mod:`.reference`, :mod:`.stylesheet`, :mod:`.settings` — the reference .docx
  (styles a maintainer restyles in Word), adapted to the pack's page setup;
* :mod:`.style_parts` — those adapted parts as plain bytes, kept between exports by
  :mod:`.style_cache` (a later export needs no XML parsing, no lxml);
* :mod:`.header_block`, :mod:`.blocks`, :mod:`.tables`, :mod:`.signature`,
  :mod:`.sections` — the parts of the report as WordprocessingML strings;
* :mod:`.footnotes` — real Word footnotes (``word/footnotes.xml``);
* :mod:`.package` — content types, relationships and the zip;
* :mod:`.style_ids`, :mod:`.style_table`, :mod:`.layout`, :mod:`.metrics` — data;
* :mod:`.make_reference` — regenerates ``resources/reference/reference.docx``.
"""

from __future__ import annotations

__all__ = ["build_docx", "write_docx"]


def __getattr__(name: str):
    """``build_docx`` / ``write_docx`` load the writer (and lxml) on first use: the window imports the
    layout tables of this package for its preview at start-up, not the writer."""
    if name in __all__:
        from . import writer

        return getattr(writer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
