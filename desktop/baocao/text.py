"""Text hygiene: the one sanitizer every string passes before it is stored or written.

Drafters paste text from e-mails, PDFs and old Word files.  It may be in NFD
(decomposed) Unicode, carry control characters that XML forbids (Word and
python-docx refuse them), or lone surrogates.  ``clean_text`` makes any such
string safe and canonical without dropping visible text.
"""

from __future__ import annotations

import re
import unicodedata

# Characters XML 1.0 forbids (tab, LF and CR are allowed), plus lone
# surrogates and the two non-characters U+FFFE/U+FFFF.
_XML_INVALID_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
# Characters that are not forbidden but should never reach a document: zero-width space, BOM, soft hyphen.
_INVISIBLE_CHARS = "\u200b\ufeff\u00ad"
_XML_INVALID = re.compile(f"[{_XML_INVALID_CHARS}]")
_INVISIBLE_JUNK = re.compile(f"[{_INVISIBLE_CHARS}]")
# Anything clean_text would change, in one search (the common case is a string with none of it).
_ANY_JUNK = re.compile(f"[{_XML_INVALID_CHARS}{_INVISIBLE_CHARS}]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_text(value: str) -> str:
    """Return *value* in NFC with XML-invalid and invisible junk characters removed.

    Vertical tab and form feed (Word's manual line and page breaks when text is
    copied out of it) become a space rather than vanishing, so words stay apart.
    """
    if not value:
        return ""
    if _ANY_JUNK.search(value) is None:
        return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)
    value = value.replace("\x0b", " ").replace("\x0c", " ")
    value = _XML_INVALID.sub("", value)
    value = _INVISIBLE_JUNK.sub("", value)
    return unicodedata.normalize("NFC", value)


def collapse_spaces(value: str) -> str:
    """Fold runs of spaces/tabs (incl. no-break spaces) into one plain space."""
    return _SPACES.sub(" ", value)


def clean_line(value: str) -> str:
    """Clean and collapse a one-line value (metadata fields, titles)."""
    return collapse_spaces(clean_text(value).replace("\r", " ").replace("\n", " ")).strip()


def upper_vi(value: str) -> str:
    """Upper-case Vietnamese text (``str.upper`` is correct for NFC Vietnamese)."""
    return clean_text(value).upper()
