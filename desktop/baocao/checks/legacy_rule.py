"""Text stored in a legacy encoding (TCVN3, VNI) or in decomposed Unicode.  No Qt."""

from __future__ import annotations

from functools import lru_cache

from ..legacy_text import ENCODING_NAMES, convert_legacy, detect_legacy
from .findings import RULE_LEGACY
from .hits import Hit


@lru_cache(maxsize=8192)
def legacy_hits(text: str) -> tuple[Hit, ...]:
    """One hit over the whole string when it reads as TCVN3 or VNI, with its Unicode conversion as the fix."""
    encoding = detect_legacy(text)
    if encoding is None:
        return ()
    name = ENCODING_NAMES[encoding]
    return (Hit(RULE_LEGACY, "warning", 0, len(text),
                f"Đoạn này có vẻ được gõ bằng bảng mã cũ {name} nên hiện sai dấu; chuyển sang Unicode để sửa.",
                convert_legacy(text, encoding), f"Chuyển từ {name} sang Unicode"),)
