"""Whether a section's «đã duyệt» still holds, and what is still open before approving.  No Qt.

An approval is for the content the reviewer saw: ``set_section_status`` stores a
digest of the section's content (text, footnotes, figures — comment marks left
out) with the «đã duyệt» record.  When the content no longer has that digest
(typing, an imported Word file, a change taken back from another version) the
approval is *outdated*: the status stays «đã duyệt» (nothing is lost, undo brings
the approved text back and the approval with it) but every view says «có thay đổi
sau khi duyệt» until the reviewer approves again.  A record written before this
digest existed holds none: the review import adds the digest of the text it
changes, and the window keeps the one it saw at opening (``fallback``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from typing import Any

from ..constants import SectionStatus
from ..model.draft import Draft, SectionData
from ..model.richtext import Body, Note, merge_spans
from ..model.serialize import body_to_list
from . import anchors
from .constants import ANCHOR_TEXT, EXTRA_NAME

#: key of the content digest in a status record (``draft.extras["gop-y"]["statuses"][section]``)
CONTENT_KEY = "content"


def _canonical(body: Body) -> Body:
    """*body* without comment marks, its spans merged (marking a comment splits spans: no change of text)."""
    def merged(items: list) -> list:
        return merge_spans([Note([merged(list(p)) for p in i.paragraphs]) if isinstance(i, Note) else i
                            for i in items])
    return [replace(p, content=merged(list(p.content))) for p in anchors.strip_comments(body)]


def content_digest(section: SectionData) -> str:
    """A short digest of what a reviewer approves in *section*: its text, footnotes and figures."""
    payload = {"body": body_to_list(_canonical(section.body)), "fields": section.fields}
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _record(draft: Draft, section_id: str) -> dict[str, Any] | None:
    raw = draft.extras.get(EXTRA_NAME)                   # read only: called per outline row
    statuses = raw.get("statuses") if isinstance(raw, dict) else None
    record = statuses.get(section_id) if isinstance(statuses, dict) else None
    return record if isinstance(record, dict) else None


def approved_digest(draft: Draft, section_id: str) -> str | None:
    """The digest stored with *section_id*'s «đã duyệt» (None when not approved or not recorded)."""
    if section_id not in draft.sections or draft.sections[section_id].status is not SectionStatus.APPROVED:
        return None
    record = _record(draft, section_id)
    if record is None or record.get("status") != SectionStatus.APPROVED.value:
        return None
    digest = record.get(CONTENT_KEY)
    return digest if isinstance(digest, str) and digest else None


def is_outdated(draft: Draft, section_id: str, fallback: str | None = None) -> bool:
    """True when *section_id* is «đã duyệt» but its content changed since (see the module text).

    *fallback*: the digest to compare with when the record holds none (an approval recorded earlier).
    """
    if section_id not in draft.sections or draft.sections[section_id].status is not SectionStatus.APPROVED:
        return False
    digest = approved_digest(draft, section_id) or fallback
    return digest is not None and digest != content_digest(draft.sections[section_id])


def outdated_sections(draft: Draft, fallbacks: dict[str, str] | None = None) -> list[str]:
    """Every «đã duyệt» section whose content changed since it was approved, in draft order."""
    fallbacks = fallbacks or {}
    return [sid for sid in draft.sections if is_outdated(draft, sid, fallbacks.get(sid))]


def undigested(draft: Draft) -> dict[str, str]:
    """The current digest of each «đã duyệt» section whose record holds none (the window keeps them)."""
    return {sid: content_digest(data) for sid, data in draft.sections.items()
            if data.status is SectionStatus.APPROVED and approved_digest(draft, sid) is None}


def keep_approved_content(data: dict[str, Any], draft: Draft, section_ids: list[str]) -> list[str]:
    """In the review data *data* (a copy), give each approved section of *section_ids* the digest of its
    content in *draft* (before a change) when its record has none; the approved sections among them."""
    approved = []
    for sid in section_ids:
        section = draft.sections.get(sid)
        if section is None or section.status is not SectionStatus.APPROVED:
            continue
        approved.append(sid)
        record = data["statuses"].get(sid)
        if not isinstance(record, dict) or record.get("status") != SectionStatus.APPROVED.value:
            record = {"status": SectionStatus.APPROVED.value, "author": "", "initials": "", "at": ""}
            data["statuses"][sid] = record
        if not record.get(CONTENT_KEY):
            record[CONTENT_KEY] = content_digest(section)
    return approved


def thread_section(draft: Draft, thread: dict[str, Any]) -> str:
    """The section a comment belongs to: where its text is now, else the section it was written on."""
    anchor = thread.get("anchor") or {}
    if anchor.get("kind", ANCHOR_TEXT) == ANCHOR_TEXT:
        found = anchors.find_anchor(draft, str(thread.get("id", "")))
        if found is not None:
            return found.section
    return str(anchor.get("section", ""))


def open_threads(draft: Draft, section_id: str) -> list[dict[str, Any]]:
    """The comments of *section_id* not marked done (open, or whose text was deleted), in the order written."""
    from .store import comments

    return [t for t in comments(draft) if not t.get("resolved") and thread_section(draft, t) == section_id]


__all__ = ["CONTENT_KEY", "approved_digest", "content_digest", "is_outdated", "keep_approved_content",
           "open_threads", "outdated_sections", "thread_section", "undigested"]
