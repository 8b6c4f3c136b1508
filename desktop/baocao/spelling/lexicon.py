"""The shipped word lists (resources/spelling/), loaded once.  No Qt.

All lists were written for this project (no third-party word list ships):

* ``sai-chinh-ta.tsv`` — frequent administrative misspellings, wrong → right
  (single syllables and whole phrases such as «chinh phủ»);
* ``tu-ghep.txt`` — two-syllable compounds, so "hành vi vi phạm" is not a repeated word;
* ``tu-lay.txt`` — syllables that may be doubled ("ngày ngày");
* ``tu-muon.txt`` — loanwords in common use;
* ``tan-suat.tsv`` — syllables in real use and how often, counted over the project's own
  texts (sample draft, template packs, the evaluation prose) by ``bench/build_frequencies.py``;
* ``dia-danh.txt`` — place and ethnic names outside standard spelling (Đắk, Krông …),
  plus the names of the 34 provinces (``localities``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..paths import resources_dir
from .system_dictionary import MIN_COMPLETE_SYLLABLES

SPELLING_DIR = "spelling"
MISSPELLINGS_FILE = "sai-chinh-ta.tsv"
COMPOUNDS_FILE = "tu-ghep.txt"
REDUPLICATED_FILE = "tu-lay.txt"
LOANWORDS_FILE = "tu-muon.txt"
PLACES_FILE = "dia-danh.txt"
FREQUENCIES_FILE = "tan-suat.tsv"


def _lines(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(eq=False)            # hashed by identity: per-word results are cached per lexicon
class Lexicon:
    """The lists, as sets and maps of lower-case NFC strings (places keep their case)."""

    misspelt_words: dict[str, str] = field(default_factory=dict)       # one syllable → fix
    misspelt_phrases: dict[str, str] = field(default_factory=dict)     # several syllables → fix
    compounds: frozenset[str] = frozenset()
    reduplicated: frozenset[str] = frozenset()
    loanwords: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()                               # lower-cased words of names
    frequencies: dict[str, int] = field(default_factory=dict)          # syllable → count in real use
    #: syllables known to be in real use, lower case, as written: ours plus the machine's Hunspell list
    attested: frozenset[str] = frozenset()
    #: True when ``attested`` is wide enough to say that a syllable outside it is not in use
    attested_complete: bool = False

    def is_compound(self, first: str, second: str) -> bool:
        """True when "first second" is a known two-syllable word."""
        return f"{first} {second}" in self.compounds

    def is_attested(self, word: str) -> bool:
        """True when *word* (either tone placement) is a syllable in real use, as far as the lists know."""
        from .system_dictionary import placements

        low = word.lower()
        return low in self.attested or not placements(low).isdisjoint(self.attested)

    def known_word(self, word: str) -> bool:
        """True for loanwords and the words of place names (never flagged)."""
        low = word.lower().replace("’", "'")
        return low in self.loanwords or low in self.places


def load_lexicon(folder: Path, system: frozenset[str] = frozenset()) -> Lexicon:
    """Read the lists from *folder* (a missing file gives an empty list); *system*: the machine's attested syllables."""
    words, phrases = {}, {}
    for line in _lines(folder / MISSPELLINGS_FILE):
        wrong, _, right = line.partition("\t")
        if right:
            (phrases if " " in wrong.strip() else words)[wrong.strip().lower()] = right.strip()
    places = {w.lower().replace("’", "'") for line in _lines(folder / PLACES_FILE) for w in line.split()}
    try:
        from ..localities import locality_names

        places.update(w.lower() for name in locality_names() for w in name.split())
    except Exception:  # noqa: BLE001 - the province list is a bonus here, never a reason to fail
        pass
    frequencies = {}
    for line in _lines(folder / FREQUENCIES_FILE):
        word, _, count = line.partition("\t")
        if count.isdigit():
            frequencies[word] = int(count)
    compounds = frozenset(_lines(folder / COMPOUNDS_FILE))
    attested = _attested(list(frequencies) + [w for pair in compounds for w in pair.split()], system)
    return Lexicon(words, phrases, compounds,
                   frozenset(w.lower() for w in _lines(folder / REDUPLICATED_FILE)),
                   frozenset(w.lower() for w in _lines(folder / LOANWORDS_FILE)), frozenset(places), frequencies,
                   attested, len(attested) >= MIN_COMPLETE_SYLLABLES)


def _attested(own: list[str], system: frozenset[str]) -> frozenset[str]:
    return frozenset(word.lower() for word in own) | system


#: set by ``keep_between_runs``: the lists come from (and go to) the checks' cache folder
_KEPT = [False]


def keep_between_runs() -> None:
    """Read the lists from the checks' cache (``lexicon_cache``) when kept there, and keep them there when built.

    Called by a check that uses its caches (``check_draft(cache=True)``), before the first ``lexicon()``.
    """
    _KEPT[0] = True


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped lists (read once per process; kept between checks after ``keep_between_runs``)."""
    from .system_dictionary import system_syllables

    if not _KEPT[0]:
        return load_lexicon(resources_dir() / SPELLING_DIR, system_syllables())
    from .lexicon_cache import cached_lexicon, remember_lexicon

    kept = cached_lexicon()
    if kept is not None:
        return kept
    built = load_lexicon(resources_dir() / SPELLING_DIR, system_syllables())
    remember_lexicon(built)
    return built
