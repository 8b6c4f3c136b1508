"""What the drafter told the checks: dismissed findings and words of the draft's dictionary.  No Qt.

Stored in ``draft.extras["kiem-tra"]`` as ``{"bo-qua": [finding keys], "tu-dien": [words]}``;
changed only through ``SetExtra`` edits (``dismiss_value`` / ``add_word_value``
return the new value to push).  The user's own dictionary (every draft) is a
text file in the user data folder, one word a line.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:                    # the type only: reading the user's words must not load the draft model
    from ..model.draft import Draft

EXTRA_NAME = "kiem-tra"
KEY_DISMISSED = "bo-qua"
KEY_WORDS = "tu-dien"
USER_DICTIONARY_FILE = "tu-dien-rieng.txt"


def _extra(draft: Draft) -> dict[str, Any]:
    value = draft.extras.get(EXTRA_NAME)
    return value if isinstance(value, dict) else {}


def dismissed_keys(draft: Draft) -> frozenset[str]:
    """Keys of the findings dismissed in this draft."""
    keys = _extra(draft).get(KEY_DISMISSED, [])
    return frozenset(k for k in keys if isinstance(k, str)) if isinstance(keys, list) else frozenset()


def dismiss_value(draft: Draft, key: str, dismissed: bool = True) -> dict[str, Any]:
    """The new ``extras["kiem-tra"]`` with *key* dismissed (or restored); the stored value is not touched."""
    value = copy.deepcopy(_extra(draft))
    keys = [k for k in value.get(KEY_DISMISSED, []) if isinstance(k, str) and k != key]
    if dismissed:
        keys.append(key)
    value[KEY_DISMISSED] = keys
    return value


def add_word_value(draft: Draft, word: str) -> dict[str, Any]:
    """The new ``extras["kiem-tra"]`` with *word* in the draft's own dictionary."""
    value = copy.deepcopy(_extra(draft))
    words = [w for w in value.get(KEY_WORDS, []) if isinstance(w, str) and w != word]
    value[KEY_WORDS] = words + [word]
    return value


def user_dictionary_path() -> Path:
    """The user's dictionary file (platformdirs user data folder)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("baocao", appauthor=False)) / USER_DICTIONARY_FILE


_USER_WORDS: tuple[float, frozenset[str]] | None = None


def user_words() -> frozenset[str]:
    """The words of the user's dictionary (re-read when the file changes)."""
    global _USER_WORDS
    path = user_dictionary_path()
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return frozenset()
    if _USER_WORDS is None or _USER_WORDS[0] != stamp:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return frozenset()
        _USER_WORDS = (stamp, frozenset(w.strip() for w in text.splitlines() if w.strip()))
    return _USER_WORDS[1]


def add_user_word(word: str) -> None:
    """Append *word* to the user's dictionary (OSError when the folder cannot be written)."""
    from ..fsutil import write_text_atomic

    path = user_dictionary_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    words = sorted(user_words() | {word})
    write_text_atomic(path, "\n".join(words) + "\n")


def draft_words(draft: Draft) -> frozenset[str]:
    """The user's words and the draft's own dictionary, with lower-case forms."""
    words = _extra(draft).get(KEY_WORDS, [])
    own = {w for w in words if isinstance(w, str)} if isinstance(words, list) else set()
    every = user_words() | own
    return frozenset(every | {w.lower() for w in every})
