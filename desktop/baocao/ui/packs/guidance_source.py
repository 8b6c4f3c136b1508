"""Where a section's guidance lives in a pack, for the pack editor (no Qt).

A pack gives a section its «Hướng dẫn cho người soạn» either in ``manifest.toml``
(the section's ``guidance`` key, which wins when both are set) or in the
guidance file named by ``[pack] guidance_file`` (``huong-dan.toml``: one table
per section id, with ``guidance``, ``topics``, ``example``).  The editor shows
the text the window shows and writes an edit back to the place it came from,
so the maintainer never replaces a text they did not see.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomlkit

from ...errors import BaocaoError, TemplateError
from ...template.pack_edit import PackDraft

#: ``where`` of a guidance kept in the manifest
IN_MANIFEST = "manifest.toml"


def guidance_file(draft: PackDraft) -> str | None:
    """The pack's guidance file (``[pack] guidance_file``) when the pack has that file; else None."""
    try:
        name = draft.manifest().get("pack", {}).get("guidance_file")
    except BaocaoError:
        return None
    name = str(name) if name else ""
    return name if name and name in draft.files else None


def _guide_table(draft: PackDraft, name: str) -> dict[str, Any]:
    """The guidance file parsed (TemplateError with line and column when it does not parse)."""
    from ...template.manifest import parse_toml_text

    return parse_toml_text(draft.files.get(name, ""), Path(name))


def section_guidance(draft: PackDraft, section_id: str) -> tuple[str, str]:
    """(text, where): the guidance the window shows for *section_id* and the file that holds it.

    *where* is the file an edit is written to: the manifest when its section sets ``guidance``
    (or the pack has no guidance file), else the guidance file (also for a section it has no text for).
    """
    try:
        own = str(draft.section_values(section_id).get("guidance", "") or "").strip()
    except BaocaoError:
        own = ""
    name = guidance_file(draft)
    if own or name is None:
        return own, IN_MANIFEST
    try:
        entry = _guide_table(draft, name).get(section_id, {})
    except BaocaoError:
        return "", name                # the error list says where the file is wrong
    text = str(entry.get("guidance", "") or "").strip() if isinstance(entry, dict) else ""
    return text, name


def set_guidance(draft: PackDraft, section_id: str, text: str) -> PackDraft:
    """*draft* with the guidance of *section_id* set to *text* where it lives (empty text removes it)."""
    text = text.strip()
    _current, where = section_guidance(draft, section_id)
    if where == IN_MANIFEST:
        return draft.set_section(section_id, guidance=text)
    _guide_table(draft, where)                        # our message (line, column) when it does not parse
    try:
        doc = tomlkit.parse(draft.files[where])
    except Exception as exc:  # noqa: BLE001 - tomlkit's own errors: say which file, nothing changes
        raise TemplateError(f"Không sửa được tệp «{where}».", "Sửa lỗi cú pháp của tệp này rồi thử lại.") from exc
    entry = doc.get(section_id)
    if entry is not None and not isinstance(entry, dict):
        raise TemplateError(f"Tệp «{where}»: «{section_id}» phải là một bảng [\"{section_id}\"].",
                            f"Viết hướng dẫn của mục dưới dòng [\"{section_id}\"] với khóa guidance = \"…\".")
    if entry is None:
        if not text:
            return draft
        entry = tomlkit.table()
        doc.add(section_id, entry)
    if text:
        entry["guidance"] = tomlkit.string(text, multiline="\n" in text)
    elif "guidance" in entry:
        del entry["guidance"]
    return draft.with_file(where, tomlkit.dumps(doc))


def apply_section_values(draft: PackDraft, section_id: str, values: dict[str, Any]) -> PackDraft:
    """The section form's change: its manifest keys, and the guidance where it lives."""
    values = dict(values)
    guidance = values.pop("guidance", None)
    out = draft.set_section(section_id, **values) if values else draft
    if guidance is not None:
        out = set_guidance(out, section_id, str(guidance))
    return out
