"""Running every check over a draft: ``check_draft``.  No Qt.

Per-string rules (typography, spelling, citations in one string, figures in
one sentence, legacy encodings) are cached by the string itself, so a
re-check after one paragraph changed only reads that paragraph again; rules
over the whole report (citations compared, names spelt two ways, appendices,
the closing sentence, text against structured figures) work on the cached
per-string results.  Dismissed findings (``draft.extras["kiem-tra"]``) are
left out unless asked for.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Callable

from ..formatting import format_number, parse_number
from ..model.draft import Draft
from ..template.manifest import Pack
from .citations import citation_findings
from .completeness import appendix_findings, appendix_number, closing_findings
from .consistency import name_variant_findings
from .dismissals import draft_words
from .figures import stated_totals
from .findings import RULE_LEGACY, RULE_TEXT_VS_DATA, SEVERITY_ORDER, Finding
from .hits import Hit
from .ordering import ordered_findings
from .structure import check_meta, check_sections, check_tables
from .textunits import TextUnit, draft_units, section_units

if TYPE_CHECKING:
    from ..spelling.ngrams import Model

_USE_DEFAULT = object()
#: ``check_draft``'s *pause* hook is called once per this many texts (and before each report-wide rule)
PAUSE_EVERY_UNITS = 8


def default_model() -> "Model | None":
    """The office's n-gram model (``spelling.ngrams.default_model``; imported on first use)."""
    from ..spelling.ngrams import default_model as load

    return load()


_RULES: tuple = ()


def _load_rules() -> tuple:
    """The per-string rule functions (their modules imported once, on first use)."""
    global _RULES
    from .citations import citation_hits
    from .figures import figure_hits
    from .legacy_rule import legacy_hits
    from .spelling_rule import real_word_hits, spelling_hits
    from .typography import typography_hits

    _RULES = (legacy_hits, typography_hits, spelling_hits, citation_hits, figure_hits, real_word_hits)
    return _RULES


def text_hits(text: str, user_words: frozenset[str] = frozenset(), model: "Model | None" = None) -> list[Hit]:
    """Every per-string hit of *text*, in order of position (a legacy-encoded string gives only that hit).

    The rule modules (and the word lists they read) are imported on the first call: a check
    whose every string is in the persistent cache never loads them.
    """
    legacy_hits, typography_hits, spelling_hits, citation_hits, figure_hits, real_word_hits = _RULES or _load_rules()
    legacy = legacy_hits(text)
    if legacy:
        return list(legacy)
    hits = [*typography_hits(text), *spelling_hits(text, user_words), *citation_hits(text), *figure_hits(text),
            *real_word_hits(text, model, user_words)]
    hits.sort(key=lambda h: (h.offset, SEVERITY_ORDER.get(h.severity, 3)))
    return hits


def unit_findings(unit: TextUnit, user_words: frozenset[str] = frozenset(), model: Model | None = None) -> list[Finding]:
    """The per-string findings of one unit, located in the draft."""
    return [unit.finding(h.severity, h.rule, h.message, h.offset, h.length, h.fix, h.fix_label)  # type: ignore[arg-type]
            for h in text_hits(unit.text, user_words, model)]


def report_date(draft: Draft) -> date:
    """The report's date: its issue date, else the end of its period (a month later at most for a draft)."""
    if draft.meta.issue_date:
        return draft.meta.issue_date
    from ..constants import PeriodKind

    period = draft.meta.period
    if period.kind == PeriodKind.FIRST_HALF:
        return date(period.year, 7, 31)
    if period.quarter:
        month = period.quarter * 3 + 1
        return date(period.year + (month > 12), (month - 1) % 12 + 1, 28)
    return date(period.year + 1, 1, 31)


def period_bounds(draft: Draft) -> tuple[date, date] | None:
    """First and last day of the report's period (None when the period is not known)."""
    from ..constants import PeriodKind

    period = draft.meta.period
    if period.kind == PeriodKind.FIRST_HALF:
        return date(period.year, 1, 1), date(period.year, 6, 30)
    if period.kind == PeriodKind.QUARTER and period.quarter:
        first = date(period.year, 3 * period.quarter - 2, 1)
        last = date(period.year + (period.quarter == 4), 1 if period.quarter == 4 else 3 * period.quarter + 1, 1)
        return first, date.fromordinal(last.toordinal() - 1)
    if period.kind == PeriodKind.WHOLE_YEAR:
        return date(period.year, 1, 1), date(period.year, 12, 31)
    return None


def _number(value: object) -> Decimal | None:
    """The number *value* holds, or None when it holds none (bad values are reported by their own rule)."""
    try:
        return parse_number(value)
    except (ValueError, ArithmeticError):
        return None


def _table_total(draft: Draft, pack: Pack, table_id: str) -> Decimal | None:
    table = pack.tables.get(table_id)
    if table is None:
        return None
    column = next((c for c in table.columns if c.sum_of and c.total), None)
    if column is None:
        return None
    total = Decimal(0)
    for row in draft.tables.get(table_id, []):
        parts = [_number(row.get(k)) for k in column.sum_of]
        if any(p is None and row.get(k) not in (None, "") for p, k in zip(parts, column.sum_of)):
            return None                      # a cell that is not a number: no total to compare with
        total += sum((p or Decimal(0) for p in parts), Decimal(0))
    return total


def data_findings(units: list[TextUnit], draft: Draft, pack: Pack) -> list[Finding]:
    """Totals stated in the text against the section's structured total and the appendix it names."""
    appendix_tables = {appendix_number(a.label): a for a in pack.appendices if a.table}
    totals: dict[str, Decimal] = {}
    for spec in pack.sections:
        data = draft.sections.get(spec.id)
        for check in spec.checks:
            value = _number(data.fields.get(check.total)) if data else None
            if value is not None:
                totals[spec.id] = value
                break
    findings = []
    for unit in units:
        if unit.part not in ("body", "note"):
            continue
        for stated in stated_totals(unit.text):
            expected, source = None, ""
            if stated.appendix is not None:
                appendix = appendix_tables.get(appendix_number(stated.appendix))
                if appendix is not None:
                    expected, source = _table_total(draft, pack, appendix.table), appendix.label
            elif unit.where in totals:
                expected, source = totals[unit.where], "số liệu đã nhập của mục"
            if expected is not None and expected != stated.value:
                findings.append(unit.finding("warning", RULE_TEXT_VS_DATA,
                                             f"Văn bản ghi tổng số {format_number(stated.value)}, nhưng {source} là "
                                             f"{format_number(expected)}.", stated.offset, stated.length,
                                             format_number(expected), f"Sửa thành {format_number(expected)}"))
    return findings


def check_section_text(draft: Draft, section_id: str, user_words: frozenset[str] | None = None,
                       model: Model | None | object = _USE_DEFAULT) -> list[Finding]:
    """The per-string findings of one section's body and notes (what the editor underlines)."""
    words = draft_words(draft) if user_words is None else user_words
    use_model = default_model() if model is _USE_DEFAULT else model
    found: list[Finding] = []
    for unit in section_units(section_id, draft.section(section_id).body):
        found += unit_findings(unit, words, use_model)  # type: ignore[arg-type]
    return found


def _hits_source(words: frozenset[str], model: Model | None | object, cache: bool):
    """A function text → hits for ``check_draft``: through the persistent cache when asked (default model only)."""
    from .unit_cache import cache_enabled, unit_cache

    loaded: list[Model | None] = []

    def use_model() -> Model | None:
        if not loaded:
            loaded.append(default_model() if model is _USE_DEFAULT else model)  # type: ignore[arg-type]
        return loaded[0]

    store = unit_cache(words) if cache and model is _USE_DEFAULT and cache_enabled() else None
    if store is None:
        return (lambda text: text_hits(text, words, use_model())), None
    from ..spelling.lexicon import keep_between_runs

    keep_between_runs()                 # the word lists too, if a string has to be checked (``lexicon_cache``)

    def cached(text: str) -> list[Hit] | tuple[Hit, ...]:
        hits = store.get(text)
        if hits is None:
            hits = text_hits(text, words, use_model())
            store.put(text, hits)
        return hits

    return cached, store


def check_draft(draft: Draft, pack: Pack, *, user_words: frozenset[str] | None = None,
                model: Model | None | object = _USE_DEFAULT, include_dismissed: bool = False,
                cache: bool = False, save_interval_s: float = 0.0,
                pause: Callable[[], None] | None = None) -> list[Finding]:
    """Every check: metadata, sections in order (structure, then located text findings), tables, report-wide rules.

    With *cache* (and the default n-gram model) the per-string hits come from the persistent
    cache (``unit_cache``) when the same text was checked before in the same environment, and
    new ones are added to it (written at most every *save_interval_s* seconds).

    *pause*, when given, is called every ``PAUSE_EVERY_UNITS`` texts and before each report-wide
    rule: a caller on a worker thread waits there while the user types (so the check does not hold
    the interpreter while the window handles keys) or raises to give up a check nobody needs any more.
    The findings do not depend on it.
    """
    words = draft_words(draft) if user_words is None else user_words
    hits_of, store = _hits_source(words, model, cache)
    units = list(draft_units(draft, pack))
    located: list[Finding] = []
    clean_units = []
    for index, unit in enumerate(units):
        if pause is not None and index % PAUSE_EVERY_UNITS == 0:
            pause()
        hits = hits_of(unit.text)
        located += [unit.finding(h.severity, h.rule, h.message, h.offset, h.length, h.fix, h.fix_label)  # type: ignore[arg-type]
                    for h in hits]
        if not any(h.rule == RULE_LEGACY for h in hits):     # a legacy-encoded string gives only that hit
            clean_units.append(unit)
    if store is not None:
        store.save(save_interval_s)
    wait = pause if pause is not None else _no_pause
    wait()
    located += citation_findings(clean_units, report_date(draft), period_bounds(draft))
    wait()
    located += name_variant_findings(clean_units)
    wait()
    located += data_findings(clean_units, draft, pack)
    located += appendix_findings(clean_units, pack)
    located += closing_findings(draft, pack)
    wait()
    structural = check_meta(draft) + check_sections(draft, pack) + check_tables(draft, pack)
    return ordered_findings(draft, pack, structural, located, include_dismissed)


def _no_pause() -> None:
    """``check_draft`` without a *pause* hook: go straight on."""


__all__ = ["check_draft", "check_section_text", "data_findings", "report_date", "text_hits", "unit_findings",
           "RULE_LEGACY", "replace"]
