"""Random identifiers: session ids, lock owners, note markers.

``uuid4_hex()`` is ``uuid.uuid4().hex`` (the same 16 random bytes with the version-4 and RFC 4122
variant bits), without importing ``uuid``, which loads ``platform`` and costs the window's start-up a
few milliseconds (issue 16).
"""

from __future__ import annotations

import os


def uuid4_hex() -> str:
    """A random version-4 UUID as 32 lower-case hex digits, like ``uuid.uuid4().hex``."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40          # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80          # variant RFC 4122
    return raw.hex()
