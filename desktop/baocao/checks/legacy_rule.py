"""Text stored in a legacy encoding (TCVN3, VNI) or in decomposed Unicode.  No Qt."""

from __future__ import annotations

from functools import lru_cache
from itertools import islice

from ..legacy_text import _UNICODE_VIETNAMESE, ENCODING_NAMES, convert_legacy, detect_legacy
from .findings import RULE_LEGACY
from .hits import Hit

#: ``detect_legacy`` calls a text with more than this many letters of Unicode Vietnamese plain Unicode
_PLAINLY_UNICODE = 3


def _plainly_unicode(text: str) -> bool:
    """``detect_legacy``'s own first answer for most texts, found without listing every such letter."""
    return len(list(islice(_UNICODE_VIETNAMESE.finditer(text), _PLAINLY_UNICODE + 1))) > _PLAINLY_UNICODE


@lru_cache(maxsize=8192)
def legacy_hits(text: str) -> tuple[Hit, ...]:
    """One hit over the whole string when it reads as TCVN3 or VNI, with its Unicode conversion as the fix."""
    if _plainly_unicode(text):
        return ()                          # the usual case: detect_legacy returns None for it at once
    encoding = detect_legacy(text)
    if encoding is None:
        return ()
    name = ENCODING_NAMES[encoding]
    return (Hit(RULE_LEGACY, "warning", 0, len(text),
                f"Đoạn này có vẻ được gõ bằng bảng mã cũ {name} nên hiện sai dấu; chuyển sang Unicode để sửa.",
                convert_legacy(text, encoding), f"Chuyển từ {name} sang Unicode"),)
