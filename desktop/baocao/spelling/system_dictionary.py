"""The Vietnamese Hunspell dictionary of the machine, read when present: syllables in real use.  No Qt.

baocao's own list of syllables in real use (``tan-suat.tsv``) is counted over
the project's texts and holds about a thousand syllables.  The Vietnamese
Hunspell dictionary that LibreOffice ships (``dict-vi``, ``vi_VN.dic``: 6,600+
syllables, one per line) and that Linux distributions package
(``hunspell-vi``) is far wider, but it is GPL-2 licensed — so baocao does not
ship it.  It reads the copy already on the machine, from LibreOffice's or the
system's dictionary folder, or from ``BAOCAO_VI_DIC``.  With it, a well-formed
syllable that Vietnamese does not use ("đén") is pointed out as a hint; without
it, that one hint is off and everything else works the same.

The file is untrusted input: at most ``MAX_DICTIONARY_BYTES`` are read, lines
are cut at their first "/" (Hunspell's affix flags) and only lower-case words of
letters are kept — as written: a lookup tries both tone placements (``placements``).
"""

from __future__ import annotations

import os
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

ENV_DICTIONARY = "BAOCAO_VI_DIC"
DICTIONARY_NAME = "vi_VN.dic"
MAX_DICTIONARY_BYTES = 4 * 1024 * 1024
#: fewer attested syllables than this and the list is too thin to say a syllable is not in use
MIN_COMPLETE_SYLLABLES = 5000


def _candidate_folders() -> list[Path]:
    """Where LibreOffice and the system keep the Vietnamese dictionary, this platform first."""
    folders: list[Path] = []
    if sys.platform.startswith("win"):
        for variable in ("ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"):
            root = os.environ.get(variable)
            if root:
                folders += [Path(root) / "LibreOffice" / "share" / "extensions" / "dict-vi",
                            Path(root) / "Programs" / "LibreOffice" / "share" / "extensions" / "dict-vi"]
    elif sys.platform == "darwin":
        folders.append(Path("/Applications/LibreOffice.app/Contents/Resources/extensions/dict-vi"))
    folders += [Path("/usr/share/hunspell"), Path("/usr/share/myspell"), Path("/usr/share/myspell/dicts"),
                Path("/usr/lib/libreoffice/share/extensions/dict-vi"),
                Path("/opt/libreoffice/share/extensions/dict-vi")]
    return folders


def dictionary_candidates() -> list[Path]:
    """Every file ``find_dictionary`` may choose, in order (``BAOCAO_VI_DIC`` alone when it is set)."""
    chosen = os.environ.get(ENV_DICTIONARY)
    if chosen is not None:
        return [Path(chosen)] if chosen else []
    return [folder / DICTIONARY_NAME for folder in _candidate_folders()]


def find_dictionary() -> Path | None:
    """The machine's ``vi_VN.dic`` (``BAOCAO_VI_DIC`` first; empty means "do not use one"), or None."""
    return next((path for path in dictionary_candidates() if path.is_file()), None)


def placements(word: str) -> frozenset[str]:
    """*word* (lower case, NFC) written with its tone mark in the old and in the new place ("hòa", "hoà").

    Empty when *word* is not a valid syllable.  Lists are stored as written; a lookup tries both
    placements, so no list has to be parsed syllable by syllable when it is read.
    """
    from .syllable import parse_syllable, with_tone

    low = unicodedata.normalize("NFC", word).lower()
    parsed = parse_syllable(low)
    if parsed is None:
        return frozenset()
    forms = {low}
    for modern in (False, True):
        form = with_tone(parsed.letters, parsed.tone, modern)
        if form:
            forms.add(form)
    return frozenset(forms)


def read_dictionary(path: Path) -> frozenset[str]:
    """The lower-case words of a Hunspell ``.dic`` file (empty when unreadable); bounded in size."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_DICTIONARY_BYTES + 1)
    except OSError:
        return frozenset()
    if len(data) > MAX_DICTIONARY_BYTES:
        return frozenset()
    text = unicodedata.normalize("NFC", data.decode("utf-8", errors="replace"))
    lines = text.splitlines()[1:]                   # the first line is the entry count
    if "/" in text:
        lines = [line.split("/", 1)[0] for line in lines]
    return frozenset(word for word in map(str.strip, lines) if word.islower() and word.isalpha())


@lru_cache(maxsize=1)
def system_syllables() -> frozenset[str]:
    """The machine's attested syllables as written there (read once per process; empty without a dictionary)."""
    path = find_dictionary()
    return read_dictionary(path) if path is not None else frozenset()
