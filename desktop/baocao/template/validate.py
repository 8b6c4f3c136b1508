"""Check a pack the way a maintainer needs: load it, then render every section.

Loading finds manifest mistakes (syntax with line and column, unknown keys,
wrong kinds of value, files outside the pack).  Rendering finds template
mistakes: each section is rendered with an empty draft and with a draft whose
every field and body is filled, so both branches of ``{% if truong.co(…) %}``
run; an unknown variable or a misspelt field name is an error with its file
and line.  Each section is rendered on its own, so one report lists every
broken section, not only the first.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import BaocaoError, Location, TemplateError
from ..constants import PeriodKind
from ..model.draft import Draft, Period, SectionData
from ..model.richtext import Note, Para, Span
from .manifest import FieldSpec, Pack, load_manifest

#: A value of each field type for the filled draft.
SAMPLE_VALUES = {
    "integer": 12,
    "decimal": "1.428,5",
    "text": "nội dung mẫu",
    "date": "2026-06-15",
    "docref": {"loai": "Quyết định", "so": "42/QĐ-UBND", "ngay": "2026-01-12", "co_quan": "UBND tỉnh",
               "trich_yeu": "về việc mẫu"},
}


@dataclass
class PackReport:
    """The outcome of checking one pack."""

    root: Path
    pack: Pack | None = None
    errors: list[BaocaoError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the pack loads and every section renders."""
        return self.pack is not None and not self.errors


def _sample_value(spec: FieldSpec) -> object:
    if spec.type == "choice":
        return spec.choices[0] if spec.choices else ""
    return copy.deepcopy(SAMPLE_VALUES.get(spec.type, "mẫu"))


def filled_draft(pack: Pack) -> Draft:
    """A draft of *pack* in which every section has text, a footnote and every field a value."""
    draft = Draft(template_id=pack.id)
    draft.meta.period = Period(pack.default_period, 2026, 2 if pack.default_period is PeriodKind.QUARTER else None)
    draft.meta.locality, draft.meta.place = "tỉnh Lâm Đồng", "Lâm Đồng"
    draft.meta.issue_date = date(2026, 7, 5)
    draft.meta.signer.name = "Nguyễn Văn A"
    for spec in pack.sections:
        draft.sections[spec.id] = SectionData(
            body=[Para([Span("Nội dung mẫu"), Note.of("Chú thích mẫu."), Span(".")]), Para.of("Ý mẫu", "dash"),
                  Para.of("Việc mẫu", "number")],
            fields={f.key: _sample_value(f) for f in spec.fields})
    for table_id, table in pack.tables.items():
        draft.tables[table_id] = [{c.key: ("mẫu" if c.type == "text" else 1) for c in table.input_columns()}]
    return draft


def _section_errors(renderer: object, draft: Draft, pack: Pack) -> list[BaocaoError]:
    """Render each section's title and template on its own (as the renderer does); collect the errors."""
    from ..render.context import FieldsView, SectionInfo, body_markup, build_globals
    from ..render.renderer import _Notes
    from .jinja_env import DEFAULT_SECTION_TEMPLATE
    from .markup import MarkupContext
    from .sandbox import render_budget

    errors: list[BaocaoError] = []
    names = build_globals(draft, pack)
    for spec in pack.sections:
        data = draft.sections.get(spec.id) or SectionData()
        local = dict(names, truong=FieldsView(data.fields, spec), noi_dung=body_markup(data.body),
                     muc_nay=SectionInfo(spec))
        ctx = MarkupContext(notes=_Notes(), table=lambda t: renderer._table(draft, t), source="")  # type: ignore[attr-defined]
        try:
            with render_budget():
                if not spec.untitled:
                    renderer._text(spec.title, names, f"Tiêu đề mục «{spec.id}»", spec.id)  # type: ignore[attr-defined]
                renderer._blocks(spec.template or DEFAULT_SECTION_TEMPLATE, local, ctx, spec.id)  # type: ignore[attr-defined]
        except BaocaoError as exc:
            errors.append(exc)
    return errors


def render_errors(pack: Pack, renderer: object | None = None) -> list[BaocaoError]:
    """Errors of rendering each section of *pack* (empty and filled draft), then the whole report.

    *renderer*: a ``Renderer`` of *pack* to use (its compiled templates are then reused by the caller).
    """
    from ..render.renderer import Renderer

    errors: list[BaocaoError] = []
    seen: set[tuple[str | None, str | None, int | None, str]] = set()

    def note(exc: BaocaoError) -> None:
        key = (exc.location.file, exc.location.section, exc.location.line, exc.message)
        if key not in seen:
            seen.add(key)
            errors.append(exc)

    renderer = renderer if renderer is not None else Renderer(pack)
    drafts = [Draft(template_id=pack.id), filled_draft(pack)]
    for draft in drafts:
        for exc in _section_errors(renderer, draft, pack):
            note(exc)
    if not errors:
        for draft in drafts:
            try:
                renderer.render(draft)
            except BaocaoError as exc:
                note(exc)
    return errors


def check_pack_dir(root: Path) -> PackReport:
    """Load the pack in *root* and render every section."""
    report = PackReport(root)
    try:
        report.pack = load_manifest(root)
    except TemplateError as exc:
        report.errors.append(exc)
        return report
    report.errors.extend(render_errors(report.pack))
    return report


def check_draft_pack(draft: Draft, pack: Pack, *, cache: bool = False, draft_token: str | None = None) -> list[BaocaoError]:
    """``baocao check``: the pack's own errors, then rendering this very draft.

    With *cache*, a pack (files and code unchanged) that rendered cleanly before is not rendered
    again with the empty and filled drafts, and a draft whose *draft_token* (a hash of its file)
    rendered cleanly with it is not rendered again either (``checks.render_cache``).
    """
    from ..checks import render_cache
    from ..checks.fingerprint import pack_fingerprint

    pack_key = draft_key = None
    if cache:
        pack_key = "mau:" + pack_fingerprint(getattr(pack, "root", None), pack.id)
        draft_key = f"ban-thao:{pack_key}:{draft_token}" if draft_token else None
        if draft_key and render_cache.known_good(draft_key):
            return []
    from ..render.renderer import Renderer

    renderer = Renderer(pack)                    # one renderer: the templates are compiled once for both renders
    if not (pack_key and render_cache.known_good(pack_key)):
        errors = render_errors(pack, renderer)
        if errors:
            return errors
        if pack_key:
            render_cache.remember_good(pack_key)
    try:
        renderer.render(draft)
    except BaocaoError as exc:
        return [exc]
    if draft_key:
        render_cache.remember_good(draft_key)
    return []


def describe(exc: BaocaoError) -> str:
    """One line (plus hint) for a report: message and location."""
    where = exc.location.describe() if isinstance(exc.location, Location) else ""
    return exc.message + (f" ({where})" if where else "")
