"""Spelling findings of one string: syllable rules, curated misspellings, NFC, real-word errors.  No Qt."""

from __future__ import annotations

import re
from functools import lru_cache

from ..spelling.lexicon import lexicon
from ..spelling.ngrams import Model, real_word_suspects
from ..spelling.syllable import match_case
from ..spelling.words import KIND_MISSPELT, KIND_NFD, KIND_NO_MARKS, KIND_TELEX, KIND_UNATTESTED, spelling_problems
from .findings import NOTE_MARK, RULE_MISSPELLING, RULE_NFC, RULE_REAL_WORD, RULE_SPELLING
from .hits import Hit

_SYLLABLE = re.compile(r"[^\W\d_]+")
_MESSAGES = {
    KIND_MISSPELT: ("warning", RULE_MISSPELLING, "«{word}» là lỗi chính tả thường gặp; viết đúng là «{fix}»."),
    KIND_TELEX: ("warning", RULE_SPELLING, "«{word}» có vẻ gõ sót kiểu Telex; có phải «{fix}»?"),
    KIND_NO_MARKS: ("warning", RULE_SPELLING, "«{word}» thiếu dấu; có phải «{fix}»?"),
    KIND_UNATTESTED: ("hint", RULE_SPELLING, "«{word}» đúng cấu tạo tiếng Việt nhưng không có trong vốn tiếng dùng "
                                             "thực tế; xem lại (bấm chuột phải để xem gợi ý)."),
    KIND_NFD: ("warning", RULE_NFC, "«{word}» dùng Unicode tổ hợp (NFD): chữ có thể hiện sai trong Word; nên đổi "
                                    "sang Unicode dựng sẵn."),
}


@lru_cache(maxsize=8192)
def spelling_hits(text: str, user_words: frozenset[str] = frozenset()) -> tuple[Hit, ...]:
    """Misspelt words of *text* (a word of *user_words* is never flagged)."""
    hits = []
    for problem in spelling_problems(text.replace(NOTE_MARK, " "), user_words):
        severity, rule, message = _MESSAGES.get(problem.kind, (
            "warning", RULE_SPELLING, "«{word}» không phải là một tiếng viết đúng chính tả tiếng Việt."))
        if problem.kind not in _MESSAGES and problem.fix:
            message += " Có phải «{fix}» (đặt dấu thanh đúng chỗ)?"
        label = f"Sửa thành «{problem.fix}»" if problem.fix else ""
        hits.append(Hit(rule, severity, problem.offset, problem.length,
                        message.format(word=problem.word, fix=problem.fix), problem.fix, label))
    return tuple(hits)


def real_word_hits(text: str, model: Model | None, user_words: frozenset[str] = frozenset()) -> tuple[Hit, ...]:
    """Valid syllables the office's reports never use in this context while a near spelling is common."""
    if model is None or not text.strip():
        return ()
    return _real_word_hits(text, id(model), model, user_words)


@lru_cache(maxsize=8192)
def _real_word_hits(text: str, _model_id: int, model: Model, user_words: frozenset[str]) -> tuple[Hit, ...]:
    hits = []
    for segment in re.finditer(r"[^.;:!?()\n“”\"\ufffc,]+", text):
        matches = list(_SYLLABLE.finditer(segment.group()))
        words = [m.group().lower() for m in matches]
        for index, better in real_word_suspects(words, model, lexicon().compounds):
            match = matches[index]
            if match.group().lower() in user_words or (match.group()[:1].isupper() and index):
                continue
            fix = match_case(match.group(), better)
            hits.append(Hit(RULE_REAL_WORD, "hint", segment.start() + match.start(), len(match.group()),
                            f"«{match.group()}» ít gặp ở đây trong các báo cáo đã học; có phải «{fix}»?", fix,
                            f"Sửa thành «{fix}»"))
    return tuple(hits)
