"""The office's standing details, remembered for its next draft: ``<user config>/baocao/don-vi.json``.

Province/city, place of the date line, issuing body, parent body and signer.
The new-draft wizard writes it when it finishes and starts the next draft
from it; ``baocao new`` reads it when no ``--tinh`` is given.  Plain JSON
written atomically, no Qt, so the window and the command line share it.
``BAOCAO_CONFIG_DIR`` overrides the folder (tests, portable installs).  A
missing or unreadable file is an empty profile: remembering is a convenience,
never a reason to fail.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .constants import OFFICE_PROFILE_NAME
from .errors import BaocaoError
from .fsutil import write_text_atomic
from .model.draft import ReportMeta, Signer
from .text import clean_line

PROFILE_FORMAT = "baocao-don-vi"
PROFILE_VERSION = 1
log = logging.getLogger(__name__)


@dataclass
class OfficeProfile:
    """What the office's drafts share from one period to the next (empty strings: not known)."""

    locality: str = ""
    place: str = ""
    body: str = ""
    parent_body: str = ""
    signer: Signer | None = None
    extra: dict[str, Any] = field(default_factory=dict, repr=False)   # keys of newer versions, kept on save

    @classmethod
    def from_meta(cls, meta: ReportMeta) -> "OfficeProfile":
        """The standing details of *meta*."""
        return cls(meta.locality, meta.place, meta.body, meta.parent_body, Signer(**asdict(meta.signer)))

    def is_empty(self) -> bool:
        """True when nothing is remembered."""
        return not (self.locality or self.place or self.body or self.parent_body or self.signer)

    def apply(self, meta: ReportMeta) -> None:
        """Fill *meta* with what is remembered (values not remembered are left as they are)."""
        for key in ("locality", "place", "body", "parent_body"):
            value = getattr(self, key)
            if value:
                setattr(meta, key, value)
        if self.signer is not None:
            meta.signer = Signer(**asdict(self.signer))

    def to_dict(self) -> dict[str, Any]:
        """The JSON content."""
        return {**self.extra, "format": PROFILE_FORMAT, "version": PROFILE_VERSION,
                "locality": self.locality, "place": self.place, "body": self.body, "parent_body": self.parent_body,
                "signer": asdict(self.signer) if self.signer is not None else None}

    @classmethod
    def from_dict(cls, data: Any) -> "OfficeProfile":
        """Read the JSON content; anything malformed is left out."""
        if not isinstance(data, dict) or data.get("format") != PROFILE_FORMAT:
            return cls()
        texts = {k: clean_line(data[k]) if isinstance(data.get(k), str) else ""
                 for k in ("locality", "place", "body", "parent_body")}
        signer = data.get("signer")
        if isinstance(signer, dict):
            signer = Signer(**{k: clean_line(str(v)) for k, v in signer.items()
                               if k in Signer.__dataclass_fields__ and v is not None})
        else:
            signer = None
        known = {"format", "version", "signer", *texts}
        return cls(**texts, signer=signer, extra={k: v for k, v in data.items() if k not in known})


def profile_path() -> Path:
    """Where the profile is kept: ``BAOCAO_CONFIG_DIR`` or the user config folder of baocao."""
    override = os.environ.get("BAOCAO_CONFIG_DIR")
    if override:
        return Path(override) / OFFICE_PROFILE_NAME
    from platformdirs import user_config_dir

    return Path(user_config_dir("baocao", appauthor=False)) / OFFICE_PROFILE_NAME


def load_profile(path: str | os.PathLike[str] | None = None) -> OfficeProfile:
    """The remembered profile; empty when there is none or it cannot be read."""
    target = Path(path) if path is not None else profile_path()
    try:
        return OfficeProfile.from_dict(json.loads(target.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return OfficeProfile()
    except (OSError, ValueError, TypeError) as exc:
        log.warning("office profile %s not read: %s", target, exc)
        return OfficeProfile()


def save_profile(profile: OfficeProfile, path: str | os.PathLike[str] | None = None) -> bool:
    """Remember *profile* (atomic write); False, logged, when the file cannot be written."""
    target = Path(path) if path is not None else profile_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, json.dumps(profile.to_dict(), ensure_ascii=False, indent=2) + "\n")
    except (OSError, BaocaoError) as exc:
        log.warning("office profile %s not written: %s", target, exc)
        return False
    return True
