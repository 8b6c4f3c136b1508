"""The review data kept in ``draft.extras["gop-y"]`` (versioned with the draft, saved like the rest).

Shape (JSON)::

    {"comments": [{"id", "anchor": {"kind", "section", "key"?, "table"?, "row"?}, "quote",
                   "author", "initials", "at", "text", "resolved", "resolved_by"?, "resolved_at"?,
                   "replies": [{"id", "author", "initials", "at", "text"}]}],
     "statuses": {section_id: {"status", "author", "initials", "at"}},
     "versions": {version name: {"author", "initials", "at"}},
     "unplaced": [{"kind": "comment" | "change", "text", "quote", "author", "at", "source"}],
     "sample_versions": [{"name", "author", "initials", "at", "sections": {id: section}}]}   (bundled sample only)

Readers always get a deep copy: the stored value is only ever replaced through
``SetExtra`` (see ``operations``), never changed in place.
"""

from __future__ import annotations

import copy
import uuid
from datetime import datetime, timezone
from typing import Any

from ..model.draft import Draft
from .constants import EXTRA_NAME

ReviewData = dict[str, Any]


def empty_review() -> ReviewData:
    """Review data with nothing in it."""
    return {"comments": [], "statuses": {}, "versions": {}, "unplaced": []}


def review_data(draft: Draft) -> ReviewData:
    """A deep copy of the draft's review data (missing or malformed parts read as empty)."""
    raw = draft.extras.get(EXTRA_NAME)
    data = copy.deepcopy(raw) if isinstance(raw, dict) else {}     # keys of later versions are kept as they are
    for key, default in empty_review().items():
        if not isinstance(data.get(key), type(default)):
            data[key] = default
    data["comments"] = [c for c in data["comments"] if isinstance(c, dict) and c.get("id")]
    return data


def comments(draft: Draft) -> list[dict[str, Any]]:
    """All comment threads of the draft (copies), in the order they were written."""
    return review_data(draft)["comments"]


def find_comment(data: ReviewData, comment_id: str) -> dict[str, Any] | None:
    """The thread *comment_id* inside *data* (the same object, for changing a copy)."""
    return next((c for c in data["comments"] if c.get("id") == comment_id), None)


def new_id() -> str:
    """A fresh comment or reply id."""
    return "c" + uuid.uuid4().hex[:10]


def now_text() -> str:
    """The current time, UTC, ISO 8601 to the second (how every review time is stored)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def parse_time(text: str) -> datetime | None:
    """Read a stored time (None when missing or malformed)."""
    try:
        return datetime.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def local_time_text(text: str) -> str:
    """"14:05 12/06/2026" in local time, for the panel and the CLI."""
    when = parse_time(text)
    if when is None:
        return ""
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.strftime("%H:%M %d/%m/%Y")
