"""The window process hashes with CPython's own SHA-2/BLAKE2 modules, not OpenSSL's binding (issue 16).

What the window hashes is small: pack manifests (``template.toml_cache``), approval fingerprints,
history entries, backup names, at most a draft file of a few MB.  Loading OpenSSL's binding
(``_hashlib``) for that maps libcrypto and initialises OpenSSL: measured on the large report, 5 MiB of
the window's resident memory and about 6 ms of its start-up.  ``hashlib`` and ``hmac`` fall back to
the interpreter's built-in implementations by themselves when ``_hashlib`` cannot be imported (the
digests are the same, by definition); ``prefer_builtin_hashes`` makes that choice before anything has
imported either.  Other commands (export, check) keep OpenSSL.  No Qt here.
"""

from __future__ import annotations

import sys

#: CPython's own SHA-256: ``_sha256`` up to 3.11, ``_sha2`` from 3.12 (one of them must be there).
BUILTIN_SHA256_MODULES = ("_sha2", "_sha256")
OPENSSL_BINDING = "_hashlib"


def _builtin_sha256_available() -> bool:
    from importlib.util import find_spec

    for name in BUILTIN_SHA256_MODULES:
        try:
            if name in sys.builtin_module_names or find_spec(name) is not None:
                return True
        except (ImportError, ValueError):
            continue
    return False


def prefer_builtin_hashes() -> bool:
    """Keep OpenSSL's hashing binding out of this process; True when done.

    Nothing changes (False) when the binding is already loaded or the interpreter lacks its own
    SHA-256 (a build without it needs OpenSSL for ``hashlib.sha256``).
    """
    if OPENSSL_BINDING in sys.modules or "hashlib" in sys.modules or not _builtin_sha256_available():
        return False
    sys.modules[OPENSSL_BINDING] = None          # ``import _hashlib`` now raises ImportError: hashlib falls back
    return True


def openssl_loaded() -> bool:
    """True when OpenSSL's hashing binding is loaded in this process (the memory report's figure)."""
    return sys.modules.get(OPENSSL_BINDING) is not None
