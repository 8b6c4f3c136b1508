"""Who is speaking: the reviewer's name and initials (asked once, kept in the preferences)."""

from __future__ import annotations

import getpass
import unicodedata
from dataclasses import dataclass

#: Word keeps at most this many characters of a comment's initials (``w:initials``)
MAX_INITIALS = 9


@dataclass(frozen=True)
class Reviewer:
    """A person who writes comments, sets statuses or saves versions."""

    name: str
    initials: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", " ".join(self.name.split()))
        initials = "".join(self.initials.split())[:MAX_INITIALS]        # what Word can keep
        object.__setattr__(self, "initials", initials or initials_of(self.name))

    def to_dict(self) -> dict[str, str]:
        """JSON form stored with comments and statuses."""
        return {"author": self.name, "initials": self.initials}


def initials_of(name: str) -> str:
    """"Nguyễn Văn An" → "NVA" (first letter of each word, accents kept, capitals)."""
    letters = [w[0] for w in name.split() if w and w[0].isalpha()]
    return unicodedata.normalize("NFC", "".join(letters).upper())[:MAX_INITIALS]


def fallback_reviewer() -> Reviewer:
    """The reviewer when none was set (batch use): the account name of this computer."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):
        user = ""
    return Reviewer(user or "Người góp ý")
