"""The window process keeps OpenSSL's hashing binding out (``startup_hashing``, issue 16): same digests."""

from __future__ import annotations

import subprocess
import sys

import pytest




def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_digests_are_openssls_without_openssl():
    code = (
        "import sys, json\n"
        "from baocao import startup_hashing\n"
        "assert startup_hashing.prefer_builtin_hashes()\n"
        "import hashlib, hmac\n"
        "data = bytes(range(256)) * 4099\n"
        "out = {n: hashlib.new(n, data).hexdigest() for n in ('sha256', 'sha1', 'md5', 'blake2b', 'sha512')}\n"
        "out['hmac'] = hmac.new(b'key', data, 'sha256').hexdigest()\n"
        "out['openssl'] = startup_hashing.openssl_loaded()\n"
        "print(json.dumps(out))\n")
    reference = (
        "import json, hashlib, hmac\n"
        "data = bytes(range(256)) * 4099\n"
        "out = {n: hashlib.new(n, data).hexdigest() for n in ('sha256', 'sha1', 'md5', 'blake2b', 'sha512')}\n"
        "out['hmac'] = hmac.new(b'key', data, 'sha256').hexdigest()\n"
        "out['openssl'] = 'true'\n"
        "print(json.dumps(out))\n")
    import json

    builtin, openssl = json.loads(_run(code)), json.loads(_run(reference))
    assert builtin.pop("openssl") is False
    openssl.pop("openssl")
    assert builtin == openssl


def test_nothing_changes_once_hashlib_is_loaded():
    out = _run("import hashlib\nfrom baocao import startup_hashing\n"
               "print(startup_hashing.prefer_builtin_hashes(), startup_hashing.openssl_loaded())")
    has_openssl = _run("import hashlib; print(hashlib.new.__name__ == '__hash_new')") == "True"
    assert out == f"False {has_openssl}"


@pytest.mark.parametrize("module", ["baocao.ui.main_window", "baocao.storage.history", "baocao.review.approval"])
def test_the_windows_modules_hash_without_openssl(module):
    out = _run("import sys\nfrom baocao import startup_hashing\nstartup_hashing.prefer_builtin_hashes()\n"
               f"import {module}\nimport hashlib\n"
               "print(startup_hashing.openssl_loaded(), hashlib.sha256(b'baocao').hexdigest())")
    assert out == "False " + __import__("hashlib").sha256(b"baocao").hexdigest()
