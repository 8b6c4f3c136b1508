"""The bundled sample's two named versions.

Named versions live in a draft file's history, which a JSON interchange file
cannot carry.  The sample therefore lists them in
``extras["gop-y"]["sample_versions"]``: the first holds the sections as they
were when sent for review (the rest as shipped), the second is the sample as
shipped.  The compare view and ``baocao versions/compare`` offer them next to
the file's own history (ids ``m1``, ``m2``), so a new user can compare at once.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from ..errors import BaocaoError
from ..model.draft import Draft
from ..model.serialize import section_from_dict
from .constants import EXTRA_NAME

PREFIX = "m"


@dataclass
class SeedVersion:
    """One of the sample's versions, ready to compare."""

    key: str
    name: str
    author: str
    at: str
    draft: Draft


def seed_versions(draft: Draft, shipped: Draft | None = None) -> list[SeedVersion]:
    """The sample versions of *draft* (none for other drafts), oldest first.

    *shipped* is the draft as it was opened (the second version); default: *draft* itself.
    """
    raw = draft.extras.get(EXTRA_NAME)
    seeds = raw.get("sample_versions") if isinstance(raw, dict) else None
    if not isinstance(seeds, list):
        return []
    base = shipped if shipped is not None else draft
    out = []
    for number, seed in enumerate(s for s in seeds if isinstance(s, dict)):
        version = copy.deepcopy(base)
        for section_id, data in (seed.get("sections") or {}).items():
            try:
                version.sections[section_id] = section_from_dict(data)
            except BaocaoError:    # a broken seed is skipped, the sample still opens
                continue
        out.append(SeedVersion(f"{PREFIX}{number + 1}", str(seed.get("name", "")), str(seed.get("author", "")),
                               str(seed.get("at", "")), version))
    return out
