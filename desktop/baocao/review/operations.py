"""Review operations, each returned as one undoable edit (push it through the window's controller).

Nothing here changes the draft: every function reads a copy of the review
data, changes the copy and returns the edit that stores it (``SetExtra``),
combined with the body edit when the text's marks change.
"""

from __future__ import annotations

from typing import Any

from ..constants import SectionStatus
from ..edits import Edit, SetExtra, SetSectionBody, SetSectionStatus
from ..errors import BaocaoError
from ..model.draft import Draft
from . import anchors
from .compound import CompoundEdit
from .constants import ANCHOR_KINDS, ANCHOR_TEXT, EXTRA_NAME, MAX_QUOTE
from .identity import Reviewer
from .store import ReviewData, find_comment, new_id, now_text, review_data

OPEN, RESOLVED, DETACHED = "open", "resolved", "detached"


class ReviewError(BaocaoError):
    """A review operation that cannot be done (empty comment, unknown comment …)."""


def _store(draft: Draft, data: ReviewData, label: str) -> SetExtra:
    return SetExtra.make(draft, EXTRA_NAME, data, label)


def _text(text: str) -> str:
    text = "\n".join(line.rstrip() for line in text.strip().splitlines())
    if not text:
        raise ReviewError("Nội dung góp ý đang để trống.", "Hãy gõ nội dung góp ý rồi bấm lại.")
    return text


def _thread(anchor: dict[str, Any], quote: str, text: str, who: Reviewer, at: str | None = None,
            comment_id: str | None = None) -> dict[str, Any]:
    return {"id": comment_id or new_id(), "anchor": anchor, "quote": quote[:MAX_QUOTE], **who.to_dict(),
            "at": at or now_text(), "text": _text(text), "resolved": False, "replies": []}


def add_text_comment(draft: Draft, section_id: str, start: tuple[int, int], end: tuple[int, int], text: str,
                     who: Reviewer, comment_id: str | None = None, at: str | None = None) -> Edit:
    """Comment on the text of *section_id* from (paragraph, offset) *start* to *end*."""
    body = draft.section(section_id).body
    if start >= end or start[0] >= len(body):
        raise ReviewError("Chưa chọn đoạn chữ để góp ý.", "Hãy bôi đen đoạn chữ cần góp ý rồi bấm lại.")
    thread = _thread({"kind": ANCHOR_TEXT, "section": section_id}, "", text, who, at, comment_id)
    marked = anchors.mark_body(body, start, end, thread["id"])
    probe = Draft(sections={section_id: type(draft.section(section_id))(body=marked)})
    found = anchors.find_anchor(probe, thread["id"])
    if found is None:
        raise ReviewError("Đoạn đã chọn không có chữ để gắn góp ý.", "Hãy bôi đen chữ (không chỉ chú thích).")
    thread["quote"] = found.quote
    data = review_data(draft)
    data["comments"].append(thread)
    return CompoundEdit.of("Thêm góp ý", SetSectionBody.make(draft, section_id, marked),
                           _store(draft, data, "Thêm góp ý"))


def add_key_comment(draft: Draft, anchor: dict[str, Any], text: str, who: Reviewer, quote: str = "",
                    comment_id: str | None = None, at: str | None = None) -> Edit:
    """Comment on a whole section, a field or a table row (*anchor*: kind, section, key/table, row)."""
    if anchor.get("kind") not in ANCHOR_KINDS or anchor.get("kind") == ANCHOR_TEXT:
        raise ReviewError("Chỗ gắn góp ý không hợp lệ.", "Hãy chọn một mục, một ô số liệu hoặc một dòng bảng.")
    data = review_data(draft)
    data["comments"].append(_thread(dict(anchor), quote, text, who, at, comment_id))
    return _store(draft, data, "Thêm góp ý")


def _change(draft: Draft, comment_id: str, label: str, change) -> Edit:
    data = review_data(draft)
    thread = find_comment(data, comment_id)
    if thread is None:
        raise ReviewError("Không tìm thấy góp ý này (có thể đã bị xóa).", "Hãy làm mới danh sách góp ý.")
    change(thread)
    return _store(draft, data, label)


def reply(draft: Draft, comment_id: str, text: str, who: Reviewer, at: str | None = None) -> Edit:
    """Add a reply to a thread."""
    text = _text(text)
    return _change(draft, comment_id, "Trả lời góp ý", lambda t: t.setdefault("replies", []).append(
        {"id": new_id(), **who.to_dict(), "at": at or now_text(), "text": text}))


def set_resolved(draft: Draft, comment_id: str, resolved: bool, who: Reviewer) -> Edit:
    """Mark a thread done (resolved) or open it again."""
    def change(thread: dict[str, Any]) -> None:
        thread["resolved"] = resolved
        if resolved:
            thread["resolved_by"], thread["resolved_at"] = who.name, now_text()
        else:
            thread.pop("resolved_by", None)
            thread.pop("resolved_at", None)
    return _change(draft, comment_id, "Đánh dấu đã xử lý góp ý" if resolved else "Mở lại góp ý", change)


def delete_comment(draft: Draft, comment_id: str) -> Edit:
    """Remove a thread and its marks in the text."""
    data = review_data(draft)
    data["comments"] = [c for c in data["comments"] if c.get("id") != comment_id]
    parts: list[Edit] = [SetSectionBody.make(draft, sid, anchors.unmark_body(draft.section(sid).body, comment_id))
                         for sid in anchors.sections_with(draft, comment_id)]
    return CompoundEdit.of("Xóa góp ý", *parts, _store(draft, data, "Xóa góp ý"))


def comment_state(draft: Draft, thread: dict[str, Any], anchored: set[str] | None = None) -> str:
    """"open", "resolved" or "detached" (a text comment whose text was deleted)."""
    if thread.get("resolved"):
        return RESOLVED
    if (thread.get("anchor") or {}).get("kind", ANCHOR_TEXT) == ANCHOR_TEXT:
        ids = anchored if anchored is not None else anchors.anchored_ids(draft)
        if thread.get("id") not in ids:
            return DETACHED
    return OPEN


def set_section_status(draft: Draft, section_id: str, status: SectionStatus, who: Reviewer) -> Edit:
    """The reviewer's decision on a section ("cần sửa", "đã duyệt" …) with who and when, one step.

    «đã duyệt» also keeps the digest of the content approved (``approval``): a later change shows.
    """
    from .approval import CONTENT_KEY, content_digest

    data = review_data(draft)
    data["statuses"][section_id] = {"status": status.value, **who.to_dict(), "at": now_text()}
    if status is SectionStatus.APPROVED:
        data["statuses"][section_id][CONTENT_KEY] = content_digest(draft.section(section_id))
    return CompoundEdit.of("Đổi trạng thái mục", SetSectionStatus.make(draft, section_id, status),
                           _store(draft, data, "Đổi trạng thái mục"))


def status_record(draft: Draft, section_id: str) -> dict[str, Any] | None:
    """Who set *section_id*'s current status and when (None when not recorded or no longer current)."""
    raw = draft.extras.get(EXTRA_NAME)                  # read only: no copy (called per outline row)
    statuses = raw.get("statuses") if isinstance(raw, dict) else None
    record = statuses.get(section_id) if isinstance(statuses, dict) else None
    if not isinstance(record, dict) or record.get("status") != draft.section(section_id).status.value:
        return None
    return record


def record_version(draft: Draft, name: str, who: Reviewer) -> Edit:
    """Remember who saved the named version *name* (push it just before saving the version)."""
    data = review_data(draft)
    data["versions"][name.strip()] = {**who.to_dict(), "at": now_text()}
    return _store(draft, data, "Ghi người lưu phiên bản")
