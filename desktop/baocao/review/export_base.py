"""What a reviewed .docx is compared with to find edits made without track changes.  No Qt.

The copy «Xuất Word kèm góp ý» carries the text it was exported with (``review.baseline``).
An ordinary export does not: comparing it with the draft *as it is now* would read every
change the drafter made after the export as the reviewer's (and the import would put the
old text back).  So such a file is compared with the draft's version saved last before
the file was written (its ``dcterms:created`` time); only when there is no such version
is it compared with the current draft, and the import says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from ..errors import BaocaoError
from ..model.draft import Draft

#: where the comparison text came from (``ExportBase.kind``)
BASE_STORED = "stored"       # the text the file carries
BASE_VERSION = "version"     # the draft's version saved before the file was written
BASE_CURRENT = "current"     # the current draft: a later change by the drafter cannot be told apart
BASE_NONE = "none"           # nothing to compare with: only tracked changes are read


@dataclass(frozen=True)
class ExportBase:
    """What the file's untracked edits were found against, for the import's report."""

    kind: str
    label: str = ""          # the version's label (BASE_VERSION)
    matched: bool = True     # False: the file kept too little of that text to find such edits (none were read)


#: (draft, label) of the version saved before a time, or None — given by the caller, who has the history
VersionAt = Callable[[datetime | None], "tuple[Draft, str] | None"]


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=timezone.utc)


def version_before(versions: Sequence[Any], when: datetime | None,
                   load: Callable[[Any], Draft]) -> tuple[Draft, str] | None:
    """The newest of *versions* (``VersionInfo``, newest first) saved at or before *when*, loaded.

    None when *when* is unknown, no version is that old, or the version cannot be read.
    """
    if when is None:
        return None
    for info in versions:
        created = getattr(info, "created_at", None)
        if created is None or _aware(created) > _aware(when):
            continue
        try:
            return load(info.id), info.label()
        except BaocaoError:
            return None
    return None


def session_versions(session: Any) -> VersionAt:
    """``VersionAt`` over a ``DraftSession``'s history (none for a draft never saved)."""
    def at(when: datetime | None) -> tuple[Draft, str] | None:
        try:
            versions = session.versions()
        except BaocaoError:
            return None
        return version_before(versions, when, session.view_version)
    return at


__all__ = ["BASE_CURRENT", "BASE_NONE", "BASE_STORED", "BASE_VERSION", "ExportBase", "VersionAt",
           "session_versions", "version_before"]
