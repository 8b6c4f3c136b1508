"""The 34 provincial-level units since 1 July 2025, and reading a province or city typed by a person.

Resolution 202/2025/QH15 merged the 63 provinces and centrally-run cities into
34: 6 thành phố trực thuộc trung ương and 28 tỉnh.  The district level is gone:
local government has two levels, the province and the commune (xã, phường,
đặc khu).  Each unit here gives the name of the second header line
("tỉnh Lâm Đồng", "thành phố Huế") and the place name of the date line ("Lâm
Đồng"; "Thành phố Hồ Chí Minh" in full, as Decree 30 asks for units named
after a person).  The names of the provinces merged away are kept only to
recognise them in typed or imported text and say where they belong now.

Plain data, no Qt: used by the new-draft wizard, ``baocao new --tinh`` and the checks.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .errors import BaocaoError

KIND_PROVINCE = "tỉnh"
KIND_CITY = "thành phố"
#: The day the 34 units started working (Resolution 202/2025/QH15).
REORGANISATION_DATE = date(2025, 7, 1)
REORGANISATION_DATE_TEXT = "01/7/2025"


@dataclass(frozen=True)
class Locality:
    """One provincial-level unit of the current map."""

    name: str                      # "Lâm Đồng", "Hồ Chí Minh"
    kind: str                      # KIND_PROVINCE or KIND_CITY
    merged: tuple[str, ...] = ()   # provinces merged into it on 1 July 2025 (to recognise old names)
    place_name: str = ""           # the date line's place when it is not just the name

    @property
    def header_name(self) -> str:
        """The unit as the second header line names it: "tỉnh Lâm Đồng", "thành phố Hà Nội"."""
        return f"{self.kind} {self.name}"

    @property
    def place(self) -> str:
        """The place name of the date line: "Lâm Đồng", "Thành phố Hồ Chí Minh"."""
        return self.place_name or self.name


_C, _P = KIND_CITY, KIND_PROVINCE

#: The 34 units, in the order of Resolution 202/2025/QH15's list as given to us: the 6 cities, then the 28 provinces.
LOCALITIES: tuple[Locality, ...] = (
    Locality("Hà Nội", _C),
    Locality("Huế", _C),
    Locality("Hải Phòng", _C, ("Hải Dương",)),
    Locality("Đà Nẵng", _C, ("Quảng Nam",)),
    Locality("Cần Thơ", _C, ("Sóc Trăng", "Hậu Giang")),
    Locality("Hồ Chí Minh", _C, ("Bình Dương", "Bà Rịa - Vũng Tàu"), place_name="Thành phố Hồ Chí Minh"),
    Locality("Tuyên Quang", _P, ("Hà Giang",)),
    Locality("Cao Bằng", _P),
    Locality("Lai Châu", _P),
    Locality("Lào Cai", _P, ("Yên Bái",)),
    Locality("Thái Nguyên", _P, ("Bắc Kạn",)),
    Locality("Điện Biên", _P),
    Locality("Lạng Sơn", _P),
    Locality("Sơn La", _P),
    Locality("Phú Thọ", _P, ("Vĩnh Phúc", "Hòa Bình")),
    Locality("Bắc Ninh", _P, ("Bắc Giang",)),
    Locality("Quảng Ninh", _P),
    Locality("Hưng Yên", _P, ("Thái Bình",)),
    Locality("Ninh Bình", _P, ("Hà Nam", "Nam Định")),
    Locality("Thanh Hóa", _P),
    Locality("Nghệ An", _P),
    Locality("Hà Tĩnh", _P),
    Locality("Quảng Trị", _P, ("Quảng Bình",)),
    Locality("Quảng Ngãi", _P, ("Kon Tum",)),
    Locality("Gia Lai", _P, ("Bình Định",)),
    Locality("Khánh Hòa", _P, ("Ninh Thuận",)),
    Locality("Lâm Đồng", _P, ("Đắk Nông", "Bình Thuận")),
    Locality("Đắk Lắk", _P, ("Phú Yên",)),
    Locality("Đồng Nai", _P, ("Bình Phước",)),
    Locality("Tây Ninh", _P, ("Long An",)),
    Locality("Vĩnh Long", _P, ("Bến Tre", "Trà Vinh")),
    Locality("Đồng Tháp", _P, ("Tiền Giang",)),
    Locality("An Giang", _P, ("Kiên Giang",)),
    Locality("Cà Mau", _P, ("Bạc Liêu",)),
)

#: Other spellings of current units (folded, see ``fold``) → (unit name, note): a former name, abbreviations.
_SPELLINGS = {
    "thua thien hue": ("Huế", "tỉnh Thừa Thiên Huế nay là thành phố Huế."),
    "hcm": ("Hồ Chí Minh", ""),
    "tphcm": ("Hồ Chí Minh", ""),
    "sai gon": ("Hồ Chí Minh", ""),
}
_PREFIXES = ("tinh ", "thanh pho ", "tp ")
_PUNCTUATION = re.compile(r"[-–—.,;:()/\\_]+")


def fold(text: str) -> str:
    """*text* without diacritics, in lower case, punctuation as spaces: "Đắk  Nông" → "dak nong"."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(_PUNCTUATION.sub(" ", bare).split())


def _key(text: str) -> str:
    """The folded name without a leading "tỉnh" / "thành phố" / "TP."."""
    key = fold(text)
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            return key[len(prefix):]
    return key


@dataclass(frozen=True)
class LocalityMatch:
    """What a typed name stands for: a current unit, and a note when the name is an old one."""

    locality: Locality
    note: str = ""          # e.g. "tỉnh Đắk Nông đã hợp nhất vào tỉnh Lâm Đồng từ ngày 01/7/2025."


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Locality], dict[str, tuple[Locality, str]]]:
    """Folded current names → unit; folded old names and spellings → (unit, note)."""
    current = {_key(unit.name): unit for unit in LOCALITIES}
    by_name = {unit.name: unit for unit in LOCALITIES}
    old: dict[str, tuple[Locality, str]] = {}
    for unit in LOCALITIES:
        for name in unit.merged:
            old[_key(name)] = (unit, f"{KIND_PROVINCE} {name} đã hợp nhất vào {unit.header_name} "
                                     f"từ ngày {REORGANISATION_DATE_TEXT}.")
    for spelling, (name, note) in _SPELLINGS.items():
        old[spelling] = (by_name[name], note)
    return current, old


def locality_names() -> list[str]:
    """The header names of the 34 units in Vietnamese alphabetical order ("tỉnh An Giang", …)."""
    return [unit.header_name for unit in sorted(LOCALITIES, key=lambda u: vietnamese_sort_key(u.name))]


def match_locality(text: str) -> LocalityMatch | None:
    """The unit *text* names, ignoring case, diacritics and a "tỉnh"/"thành phố" prefix; None if none.

    A province merged away in 2025 ("Đắk Nông") matches the unit it is part of now, with a note.
    """
    key = _key(text)
    if not key:
        return None
    current, old = _index()
    if key in current:
        return LocalityMatch(current[key])
    if key in old:
        unit, note = old[key]
        return LocalityMatch(unit, note)
    return None


def find_locality(text: str) -> LocalityMatch:
    """Like ``match_locality``, but an unknown name raises a Vietnamese error listing near matches."""
    found = match_locality(text)
    if found is not None:
        return found
    near = near_localities(text)
    message = (f"Không có tỉnh, thành phố «{text.strip()}» trong danh sách {len(LOCALITIES)} đơn vị hành chính "
               f"cấp tỉnh (từ ngày {REORGANISATION_DATE_TEXT}).")
    if near:
        hint = f"Có phải: {', '.join(u.header_name for u in near)}? Hãy gõ lại tên, có dấu hoặc không dấu, ví dụ «Lâm Đồng»."
    else:
        hint = f"Hãy gõ một trong các tên: {', '.join(locality_names())}."
    raise BaocaoError(message, hint)


def near_localities(text: str, limit: int = 4) -> list[Locality]:
    """Units whose names look like *text* (spelling slips, part of a name, an old name)."""
    key = _key(text)
    if not key:
        return []
    current, old = _index()
    names = {**{k: unit for k, (unit, _) in old.items()}, **current}
    found: list[Locality] = []
    for close in difflib.get_close_matches(key, list(names), n=limit, cutoff=0.75):
        found.append(names[close])
    for name_key, unit in current.items():
        if len(key) >= 3 and (key in name_key or name_key in key):
            found.append(unit)
    unique = list(dict.fromkeys(found))
    return unique[:limit]


# Vietnamese alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
_ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}   # huyền, hỏi, ngã, sắc, nặng


def vietnamese_sort_key(text: str) -> tuple:
    """Sort key in Vietnamese alphabetical order: letters first (ă after a, đ after d), tones second."""
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", text.lower()):
        decomposed = unicodedata.normalize("NFD", char)
        tone = next((_TONES[c] for c in decomposed if c in _TONES), 0)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        if base in _ALPHABET:
            letters.append(_ALPHABET.index(base))
        else:                                   # spaces before letters, anything else after them
            letters.append(-1 if base.isspace() else len(_ALPHABET) + ord(base[:1] or " "))
        tones.append(tone)
    return tuple(letters), tuple(tones)
