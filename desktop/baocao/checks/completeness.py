"""Completeness over the whole report: appendices cited and present, the closing "./.".  No Qt.

An appendix counts as cited when the drafter's text names it ("Phụ lục 01")
or when a section template prints a reference to it (``phu_luc('phu-luc-01')``,
as the shipped pack does).  The closing sentence is the pack's closing
template, or else the last paragraph of the last section with text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..model.draft import Draft
from ..template.manifest import AppendixSpec, Pack
from .findings import RULE_APPENDIX_MISSING, RULE_APPENDIX_UNCITED, RULE_CLOSING, Finding
from .textunits import TextUnit, para_text

CLOSING_MARK = "./."
#: "Phụ lục 01", "Phụ lục số 2", "Phụ lục II" in a text (also read by ``figures``)
APPENDIX_REF = re.compile(r"Phụ lục (?:số )?(\d{1,2}|[IVX]{1,5})\b")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


def appendix_number(label: str) -> int | None:
    """The number of "Phụ lục 01" / "Phụ lục II" / "02" (None when it has none)."""
    match = re.search(r"(\d{1,2}|[IVX]{1,5})\s*$", label.strip())
    if not match:
        return None
    token = match.group(1)
    return int(token) if token.isdigit() else _ROMAN.get(token)


@lru_cache(maxsize=64)
def _template_source(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _templates_cite(pack: Pack, appendix: AppendixSpec) -> bool:
    for spec in pack.sections:
        if spec.template:
            source = _template_source(pack.root / spec.template)
            if f"'{appendix.id}'" in source or f'"{appendix.id}"' in source or appendix.label in source:
                return True
    return False


def appendix_findings(units: list[TextUnit], pack: Pack) -> list[Finding]:
    """Appendices named in the text that do not exist; appendices nothing refers to."""
    numbers = {appendix_number(a.label): a for a in pack.appendices}
    cited: set[int] = set()
    findings = []
    for unit in units:
        if "Phụ lục" not in unit.text or unit.part == "cell":
            continue
        for match in APPENDIX_REF.finditer(unit.text):
            number = appendix_number(match.group(1))
            if number is None:
                continue
            cited.add(number)
            if number not in numbers:
                known = ", ".join(a.label for a in pack.appendices) or "không có phụ lục nào"
                findings.append(unit.finding("error", RULE_APPENDIX_MISSING,
                                             f"Văn bản nhắc đến «{match.group()}» nhưng báo cáo không có phụ lục này "
                                             f"(có: {known}).", match.start(), match.end() - match.start()))
    for number, appendix in numbers.items():
        if number not in cited and not _templates_cite(pack, appendix):
            findings.append(Finding("warning", appendix.table or appendix.id,
                                    f"{appendix.label} không được nhắc đến trong nội dung báo cáo: thêm câu dẫn "
                                    f"(ví dụ «chi tiết tại {appendix.label} kèm theo») hoặc bỏ phụ lục.",
                                    rule=RULE_APPENDIX_UNCITED, text=appendix.label))
    return findings


def closing_findings(draft: Draft, pack: Pack) -> list[Finding]:
    """The closing sentence ends with "./." — and only the closing one does."""
    findings = []
    closing = pack.document.closing_template
    last_id, last_index, last_text = None, None, ""
    for spec in pack.sections:
        data = draft.sections.get(spec.id)
        if data is None:
            continue
        for index, para in enumerate(data.body):
            text = para_text(para)
            if text.strip():
                last_id, last_index, last_text = spec.id, index, text
                position = text.find(CLOSING_MARK)
                if position != -1 and position + 3 < len(text.rstrip()):
                    findings.append(Finding("warning", spec.id, "Dấu «./.» chỉ đặt ở cuối câu kết thúc báo cáo.",
                                            rule=RULE_CLOSING, part="body", para=index, offset=position, length=3,
                                            text=CLOSING_MARK))
    if closing:
        source = _template_source(pack.root / closing)
        if source and CLOSING_MARK not in source:
            findings.append(Finding("warning", "meta", "Câu kết thúc của mẫu báo cáo không kết thúc bằng «./.».",
                                    rule=RULE_CLOSING, text=closing))
        return findings
    if last_id is not None and not last_text.rstrip().endswith(CLOSING_MARK):
        end = len(last_text.rstrip())
        findings.append(Finding("warning", last_id, "Câu kết thúc báo cáo phải kết thúc bằng «./.».", rule=RULE_CLOSING,
                                part="body", para=last_index, offset=end, length=0, text=last_text[-20:],
                                fix=("/." if last_text.rstrip().endswith(".") else "./."),
                                fix_label="Thêm «./.»"))
    return findings
