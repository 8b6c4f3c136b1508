"""The word lists of ``lexicon`` kept between checks: one CRC-checked ``marshal`` entry.  No Qt.

Building the lists reads the six shipped files, the machine's Hunspell list and the 34
provinces (``localities``): about a tenth of a ``baocao check`` of a draft with one paragraph
changed.  The built lists are kept in the checks' cache folder (``checks.cache_dir``) and read
back in about a millisecond.  The entry is filed under a hash of everything they are built
from — baocao's code and the shipped resources, the machine dictionary's candidates
(``checks.fingerprint``: path, size, modification time) — so a changed list gives another key
and a stale entry is never found.  A damaged, foreign or ill-typed entry reads as None and the
lists are built afresh (``cache_entries``); a folder that cannot be written is left alone.
"""

from __future__ import annotations

# at the top, not in the functions: the window preloads this module on its UI thread (``ui/checks/imports``)
# and then builds the lists on a worker thread, which must not import (``ui/thread_imports``)
from ..cache_entries import read_entry, write_entry
from ..checks.cache_dir import cache_folder
from ..checks.fingerprint import _digest, code_fingerprint, data_fingerprint
from .lexicon import Lexicon

FORMAT = 2
FOLDER = "tu-vung"
#: entries kept at most (one per code version × dictionary in use)
MAX_ENTRIES = 4
#: the set fields of ``Lexicon``, stored as one string each (words joined by newlines: marshal writes a
#: few long strings in a fraction of the time it takes for twenty thousand short ones)
_SETS = ("compounds", "reduplicated", "loanwords", "places", "attested")
_MAPS = ("misspelt_words", "misspelt_phrases")
_SEP = "\n"


def _key() -> str:
    return "tu-vung-" + _digest([code_fingerprint(), data_fingerprint()])


def _folder():
    return cache_folder() / FOLDER


def _joined(words) -> str | None:
    """*words* as one string, or None when one of them cannot be stored so (holds a newline, is empty)."""
    text = _SEP.join(words)
    return None if text.count(_SEP) != max(len(words) - 1, 0) or (words and "" in words) else text


def _split(text: str) -> list[str]:
    return text.split(_SEP) if text else []


def _pack(lex: Lexicon) -> tuple | None:
    parts: list[object] = []
    for name in _MAPS:
        mapping = getattr(lex, name)
        parts += [_joined(list(mapping)), _joined(list(mapping.values()))]
    parts += [_joined(list(getattr(lex, name))) for name in _SETS]
    parts += [_joined(list(lex.frequencies)), _joined([str(n) for n in lex.frequencies.values()])]
    return None if None in parts else (*parts, bool(lex.attested_complete))


def _unpack(value: object) -> Lexicon | None:
    """The lists of a stored tuple, or None when it is not one (wrong length, types, counts)."""
    size = 2 * len(_MAPS) + len(_SETS) + 2
    if type(value) is not tuple or len(value) != size + 1 or type(value[-1]) is not bool:
        return None
    if not all(type(part) is str for part in value[:-1]):
        return None
    fields: dict[str, object] = {}
    for index, name in enumerate(_MAPS):
        keys, values = _split(value[2 * index]), _split(value[2 * index + 1])
        if len(keys) != len(values):
            return None
        fields[name] = dict(zip(keys, values))
    for index, name in enumerate(_SETS, start=2 * len(_MAPS)):
        fields[name] = frozenset(_split(value[index]))
    words, counts = _split(value[size - 2]), _split(value[size - 1])
    if len(words) != len(counts) or not all(map(str.isdigit, counts)):
        return None
    fields["frequencies"] = dict(zip(words, map(int, counts)))
    return Lexicon(attested_complete=value[-1], **fields)  # type: ignore[arg-type]


def cached_lexicon() -> Lexicon | None:
    """The lists kept by an earlier check in this environment, or None (none kept, damaged, another key)."""
    try:
        value = read_entry(_folder(), _key(), FORMAT)
    except Exception:  # noqa: BLE001 - no cache folder, an odd path: the lists are simply built
        return None
    return _unpack(value)


def remember_lexicon(lex: Lexicon) -> None:
    """Keep *lex* for the next checks (a write failure is ignored: the cache is an aid only)."""
    value = _pack(lex)
    if value is None:
        return                                   # a word that cannot be stored so: not kept
    try:
        write_entry(_folder(), _key(), FORMAT, value, MAX_ENTRIES)
    except Exception:  # noqa: BLE001 - no cache folder: nothing kept, nothing wrong
        pass
