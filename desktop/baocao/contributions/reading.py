"""Reading a returned contribution back: a .docx filled in Word or LibreOffice, or a unit's baocao draft.

Every paragraph of the file ends up somewhere: in the section whose heading
(with its "[mã mục: …]" code, or failing that a title close enough to the
section's) it follows, or — when it follows no section heading — in the
contribution's *outside* text, which the window and ``baocao contribution
list`` show.  Only the request's own printed lines (header, instructions,
guidance, placeholder) are left out, and only when they come back unchanged.
A heading the unit added itself stays as a bold paragraph of its section.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from ..model.draft import Draft
from ..model.richtext import Body, Para, Span
from ..model.serialize import body_to_list
from ..template.manifest import Pack
from .constants import (DRAFT_REQUEST_EXTRA, KIND_DOCX, KIND_DRAFT, MAX_CONTRIBUTION_PARAGRAPHS, PLACEHOLDER,
                        REQUEST_CODE, REQUEST_CODE_LINE, REQUEST_DEADLINE_LINE, REQUEST_DOC_TYPE, REQUEST_SUMMARY,
                        REQUEST_UNIT_LINE, SECTION_CODE)
from .errors import ContributionError
from .request_doc import guidance_lines, instruction_lines, rendered_for_request
from .store import Contribution, Request, new_code, request as find_request

#: the author name our DOCX writer puts in docProps/core.xml: not a person
WRITER_NAME = "baocao"
#: a heading without its code still names a requested section when its title is at least this close
TITLE_MATCH = 0.8


@dataclass
class ReadResult:
    """A contribution read from a file, and what the reader noticed on the way."""

    contribution: Contribution
    duplicate_of: str = ""       # id of a contribution already kept with the same content

    def summary_lines(self, titles: dict[str, str]) -> list[str]:
        """What was read, in Vietnamese, one line per section (for the CLI and the dialog)."""
        item = self.contribution
        lines = [f"Đóng góp của {item.unit or '(chưa rõ đơn vị)'}"
                 + (f", {item.person}" if item.person else "")
                 + (f", ngày {item.written.strftime('%d/%m/%Y')}" if item.written else "")
                 + (f" — phiếu {item.request}" if item.request else " — không thấy mã phiếu")]
        for section_id, body in item.sections.items():
            grids = len(item.tables.get(section_id, []))
            notes = sum(len(p.notes()) for p in body)
            lines.append(f"  {titles.get(section_id, section_id)}: {len(body)} đoạn"
                         + (f", {notes} chú thích" if notes else "") + (f", {grids} bảng" if grids else ""))
        if item.outside:
            lines.append(f"  Ngoài các mục được đề nghị: {len(item.outside)} đoạn (giữ lại, xem trong cửa sổ)")
        if self.duplicate_of:
            lines.append("  Tệp này đã được nhập trước đây với cùng nội dung: bản cũ sẽ được thay.")
        return lines


def _unmarked(line: str) -> str:
    """A printed line without its item marker ("- "), as the reader gives an item's text."""
    return line[2:] if line.startswith(("- ", "+ ")) else line


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def _printed_lines(draft: Draft, pack: Pack, req: Request | None) -> set[str]:
    """The lines the request printed itself (normalised), left out when they come back unchanged."""
    header = rendered_for_request(draft, pack, req).header
    lines = set(instruction_lines()) | {PLACEHOLDER, REQUEST_DOC_TYPE, REQUEST_SUMMARY.format(summary=header.summary),
                                         header.national_title, header.motto, header.date_line, *header.issuer_lines}
    if req is not None:
        lines |= {REQUEST_UNIT_LINE.format(unit=req.unit), REQUEST_CODE_LINE.format(code=req.id)}
        if req.deadline:
            lines.add(REQUEST_DEADLINE_LINE.format(deadline=req.deadline.strftime("%d/%m/%Y")))
    return {_norm(line) for line in lines if line}


def _core_properties(path: Path) -> tuple[str, date | None]:
    """(author, date) from docProps/core.xml: the last person who saved the file, and when."""
    from ..importing.package import read_package

    try:
        core = read_package(path).xml("docProps/core.xml")
    except Exception:  # noqa: BLE001 - the properties are a bonus; the body was already read
        return "", None
    if core is None:
        return "", None
    values = {el.tag.rsplit("}", 1)[-1]: (el.text or "").strip() for el in core}
    names = [values.get("lastModifiedBy", ""), values.get("creator", "")]
    person = next((n for n in names if n and n.casefold() != WRITER_NAME), "")   # not our own writer's name
    stamp = values.get("modified") or values.get("created") or ""
    try:
        written = datetime.fromisoformat(stamp.replace("Z", "+00:00")).date() if stamp else None
    except ValueError:
        written = None
    return person, written


def _digest(unit: str, sections: dict[str, Body], outside: Body, tables: dict[str, list]) -> str:
    data = {"unit": unit, "sections": {k: body_to_list(v) for k, v in sections.items()},
            "outside": body_to_list(outside), "tables": tables}
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _finish(draft: Draft, pack: Pack, unit: str, req: Request | None, sections: dict[str, Body], outside: Body,
            file: str, kind: str, person: str, written: date | None,
            tables: dict[str, list[list[list[str]]]]) -> ReadResult:
    total = sum(len(b) for b in sections.values()) + len(outside)
    if total > MAX_CONTRIBUTION_PARAGRAPHS:
        raise ContributionError(f"Tệp «{file}» có {total} đoạn, quá giới hạn {MAX_CONTRIBUTION_PARAGRAPHS} đoạn "
                                "của một phần đóng góp.", "Hãy tách thành nhiều tệp nhỏ hơn rồi nhập từng tệp.")
    if not total and not tables:
        raise ContributionError(f"Tệp «{file}» chưa có nội dung nào được viết thêm.",
                                "Hãy kiểm tra đơn vị đã gửi đúng tệp đã điền chưa.")
    digest = _digest(unit, sections, outside, tables)
    from .store import contributions

    duplicate = next((c.id for c in contributions(draft) if c.digest == digest), "")
    item = Contribution(duplicate or new_code("DG"), unit, sections, outside, req.id if req else "", person,
                        written, file, kind, digest, datetime.now(timezone.utc).isoformat(timespec="seconds"),
                        tables)
    return ReadResult(item, duplicate)


def _cell_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row] for row in table.rows]


def read_docx_contribution(draft: Draft, pack: Pack, path: str | Path, unit: str = "") -> ReadResult:
    """Read a filled request .docx; ``ContributionError`` / ``DocxImportError`` with a Vietnamese message."""
    from ..importing.reader import SourceHeading, SourceParagraph, SourceTable, read_report
    from ..importing.matcher import similarity

    path = Path(path)
    document = read_report(path)
    texts = [b.display() if isinstance(b, SourceHeading) else b.para.plain_text()
             for b in document.blocks if isinstance(b, (SourceHeading, SourceParagraph))]
    code = next((m.group(0) for t in texts for m in [REQUEST_CODE.search(t)] if m), "")
    req = find_request(draft, code) if code else None
    wanted = req.sections if req is not None else [s.id for s in pack.sections]
    printed = _printed_lines(draft, pack, req)
    sections: dict[str, Body] = {}
    outside: Body = []
    tables: dict[str, list[list[list[str]]]] = {}
    current: str | None = None
    skip: set[str] = set()
    for block in document.blocks:
        if isinstance(block, SourceHeading):
            shown = block.display()
            match = SECTION_CODE.search(shown)
            target = match.group(1).lower() if match and pack.has_section(match.group(1).lower()) else None
            if target is None:
                best = max(wanted, key=lambda sid: similarity(block.title, pack.section(sid).title), default=None)
                if best is not None and similarity(block.title, pack.section(best).title) >= TITLE_MATCH:
                    target = best
            if target is not None:
                current = target
                sections.setdefault(current, [])
                skip = {_norm(_unmarked(line)) for line in guidance_lines(pack, current)}
                continue
            para = Para([Span(shown, bold=True)])          # a heading the unit added: kept as bold text
            (sections[current] if current else outside).append(para)
            continue
        if isinstance(block, SourceTable):
            grid = _cell_rows(block)
            lines = [_norm(line) for row in grid for cell in row for line in cell.splitlines() if line.strip()]
            if current is None and all(line in printed for line in lines):
                continue                                    # the request's own header table, unchanged
            tables.setdefault(current or "", []).append(grid)
            continue
        para = block.para
        text = _norm(para.plain_text())
        if not para.notes() and (not text or text in printed or text in skip or REQUEST_CODE.search(text.upper())
                                 and text.startswith(_norm("Mã phiếu"))):
            continue
        (sections[current] if current else outside).append(para)
    sections = {sid: body for sid, body in sections.items() if body}
    person, written = _core_properties(path)
    return _finish(draft, pack, unit or (req.unit if req else ""), req, sections, outside, path.name, KIND_DOCX,
                   person, written, tables)


def read_draft_contribution(draft: Draft, pack: Pack, path: str | Path, unit: str = "") -> ReadResult:
    """Read a unit's contribution draft (.baocao made by ``request_draft``)."""
    from ..storage import load_any

    path = Path(path)
    theirs = load_any(path)
    asked = theirs.extras.get(DRAFT_REQUEST_EXTRA)
    req = find_request(draft, str(asked.get("id", ""))) if isinstance(asked, dict) else None
    if req is None and isinstance(asked, dict):
        req = Request.from_dict(asked)
    wanted = set(req.sections) if req is not None else {s.id for s in pack.sections}
    sections: dict[str, Body] = {}
    outside: Body = []
    for section_id, data in theirs.sections.items():
        if not data.body:
            continue
        if section_id in wanted and pack.has_section(section_id):
            sections[section_id] = list(data.body)
        else:
            title = pack.section(section_id).title if pack.has_section(section_id) else section_id
            outside += [Para([Span(title, bold=True)])] + list(data.body)
    person = str(asked.get("person", "")) if isinstance(asked, dict) else ""
    return _finish(draft, pack, unit or (req.unit if req else ""), req, sections, outside, path.name, KIND_DRAFT,
                   person, None, {})


def read_contribution(draft: Draft, pack: Pack, path: str | Path, unit: str = "") -> ReadResult:
    """Read *path* as a contribution: a .docx, or a .baocao / .json draft."""
    suffix = Path(path).suffix.lower()
    if suffix in (".baocao", ".json"):
        return read_draft_contribution(draft, pack, path, unit)
    if suffix == ".docx":
        return read_docx_contribution(draft, pack, path, unit)
    raise ContributionError(f"Tệp «{Path(path).name}» không phải tệp Word (.docx) hay bản thảo baocao.",
                            "Đơn vị gửi lại tệp Word đã điền (.docx) hoặc tệp bản thảo (.baocao).")
