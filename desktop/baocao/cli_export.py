"""``baocao export`` read without argparse when it is written plainly (issue 16).  No Qt.

Building the argument parser (argparse, gettext, the Vietnamese help of every option) is a few
per cent of a whole export.  :func:`simple_export_args` reads only the plain form — one draft
file, ``-o``/``--output`` and a file name, each known flag at most once, every option spelt in
full — into the same namespace the parser gives; anything else (help, an abbreviation,
``--output=X``, a value starting with "-", a mistake) returns None and gets the parser with its
own messages (tests/test_export_speed.py compares the two).
"""

from __future__ import annotations

from typing import Any, Callable

#: the flags of ``export`` (every spelling the parser knows) → the namespace attribute they set
SIMPLE_EXPORT_FLAGS = {"--force": "force", "--ghi-de": "force", "--incomplete": "incomplete", "--chua-du": "incomplete",
                       "--khong-kem-so-lieu": "no_roundtrip_data", "--no-roundtrip-data": "no_roundtrip_data",
                       "--gop-y": "with_comments"}
OUTPUT_OPTIONS = ("-o", "--output")


def simple_export_args(rest: list[str], func: Callable[[Any], int]) -> object | None:
    """The namespace of ``baocao export FILE -o OUT [flags]`` (*rest*: what follows ``export``), or None."""
    import types

    values = {name: False for name in SIMPLE_EXPORT_FLAGS.values()}
    seen: set[str] = set()
    files: list[str] = []
    output = None
    index = 0
    while index < len(rest):
        token = rest[index]
        if token in OUTPUT_OPTIONS:
            if output is not None or index + 1 >= len(rest) or rest[index + 1].startswith("-"):
                return None
            output = rest[index + 1]
            index += 2
            continue
        name = SIMPLE_EXPORT_FLAGS.get(token)
        if name is not None:
            if name in seen:
                return None
            seen.add(name)
            values[name] = True
        elif token.startswith("-") or files:
            return None
        else:
            files.append(token)
        index += 1
    if not files or output is None:
        return None
    return types.SimpleNamespace(command="export", debug=False, file=files[0], output=output, func=func, **values)
