"""The parts of an export that come from the reference .docx: styles, settings, numbering, theme, fonts.

:func:`derive_style_parts` adapts the reference to one document (page setup and language on the base
styles, ``Heading N`` re-based on the layouts used, Word numbering linked) and returns plain values —
bytes, a style mapping, two ids and the run formats the header block measures with — so that the
rest of the export needs no XML tree, and :mod:`.style_cache` can keep the result on disk: the same
reference, page setup, language and headings always give the same parts.  This module (and lxml)
is imported only when the cache has no entry.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...docmodel import Heading, PageSetup
from .numbering import next_ids, plan_numbering
from .reference import ReferenceParts, bad_reference, load_reference
from .settings import settings_part
from .style_cache import StyleParts
from .style_ids import S
from .stylesheet import StyleSheet

#: Parts copied from the reference as they are (after the safety cleaning of :mod:`.reference`).
COPIED_PARTS = ("theme", "font_table", "web_settings")


def _stylesheet(parts: ReferenceParts, complete: bool, required: Sequence[str]) -> StyleSheet:
    """The reference's styles, completed from the shipped reference when some are missing."""
    sheet = StyleSheet(parts.styles)
    missing = sheet.missing(required)
    if missing and complete:
        sheet.copy_styles_from(StyleSheet(load_reference(None).styles), missing)
        missing = sheet.missing(required)
    if missing:
        raise bad_reference(parts.source, "thiếu các kiểu định dạng " + ", ".join(missing[:5]))
    return sheet


def derive_style_parts(parts: ReferenceParts, complete: bool, page: PageSetup, language: str,
                       runs: Sequence[Sequence[Heading]], required: Sequence[str]) -> StyleParts:
    """The reference-derived parts for a document with this *page*, *language* and heading *runs*.

    *required* are the style ids the writer uses; with *complete*, those the reference lacks come
    from the shipped reference, else a missing one raises ``ExportError``.
    """
    sheet = _stylesheet(parts, complete, required)
    sheet.apply_page(page, language, S.BODY)
    heading_styles = sheet.bind_headings((b.level, b.style) for run in runs for b in run)
    ids = next_ids(parts.numbering)
    numbering = plan_numbering(runs, heading_styles, ids=ids)
    sheet.link_numbering(numbering.style_links(), numbering.first_num_id)
    data: dict[str, bytes] = {"styles": sheet.to_bytes(), "settings": settings_part(parts.settings, language)}
    for name in COPIED_PARTS:
        value = getattr(parts, name)
        if value is not None:
            data[name] = value
    numbering_part = numbering.part(parts.numbering)
    if numbering_part is not None:
        data["numbering"] = numbering_part
    formats = {style_id: (f.size_pt, f.bold, f.caps)
               for style_id in sheet.style_ids() for f in (sheet.run_format(style_id),)}
    return StyleParts(heading_styles, ids, data, formats)
