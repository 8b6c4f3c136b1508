"""``word/settings.xml``: the reference's settings, made safe and given the footnote setup.

Kept from the reference: compatibility mode, tab stops, proofing state and so
on.  Removed: anything that points outside the package or locks the file
(attached template, mail merge, protection) and endnote settings (the export
has no endnotes part).  Added: ``w:footnotePr`` naming the separator notes,
decimal marks numbered continuously; the theme language set to the report's.
"""

from __future__ import annotations

from .footnotes import SEPARATOR_IDS
from .ooxml import W_NS
from .xmlparse import parse_xml, to_bytes

_W = f"{{{W_NS}}}"
_REMOVED = ("attachedTemplate", "mailMerge", "documentProtection", "writeProtection",
            "footnotePr", "endnotePr", "removePersonalInformation")
#: Settings children that come after ``w:footnotePr`` in the schema (CT_Settings).
_AFTER_FOOTNOTE_PR = frozenset((
    "endnotePr", "compat", "docVars", "rsids", "attachedSchema", "themeFontLang",
    "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
    "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
))
_AFTER_THEME_FONT_LANG = frozenset((
    "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
    "captions", "readModeInkLockDown", "smartTagType", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator",
))
_MINIMAL = (f'<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="720"/>'
            '<w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:compat><w:compatSetting w:name="compatibilityMode" '
            'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
            "</w:settings>").encode()


_MATH_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def _insert_before(root, element, later: frozenset[str], earlier_namespaces: tuple[str, ...] = ()) -> None:
    """Insert *element* before the first child that the schema puts after it.

    Children of other namespaces (w14, w15 extensions) count as later, except
    those of *earlier_namespaces*.
    """
    for index, child in enumerate(root):
        if not isinstance(child.tag, str):
            continue
        namespace, _, local = child.tag[1:].partition("}")
        if namespace in earlier_namespaces:
            continue
        if namespace != W_NS or local in later:
            root.insert(index, element)
            return
    root.append(element)


def footnote_properties(root) -> object:
    """A ``w:footnotePr`` listing the separator notes, continuous decimal numbering."""
    element = root.makeelement(_W + "footnotePr", {})
    element.append(element.makeelement(_W + "numFmt", {_W + "val": "decimal"}))
    element.append(element.makeelement(_W + "numRestart", {_W + "val": "continuous"}))
    for note_id in SEPARATOR_IDS:
        element.append(element.makeelement(_W + "footnote", {_W + "id": str(note_id)}))
    return element


def settings_part(data: bytes | None, language: str) -> bytes:
    """The export's ``settings.xml`` built from the reference's (*data*) or a minimal one."""
    root = parse_xml(data or _MINIMAL)
    for name in _REMOVED:
        for element in root.findall(_W + name):
            root.remove(element)
    _insert_before(root, footnote_properties(root), _AFTER_FOOTNOTE_PR)
    theme_lang = root.find(_W + "themeFontLang")
    if theme_lang is None:
        theme_lang = root.makeelement(_W + "themeFontLang", {})
        _insert_before(root, theme_lang, _AFTER_THEME_FONT_LANG, (_MATH_NS,))
    theme_lang.set(_W + "val", language)
    return to_bytes(root)
