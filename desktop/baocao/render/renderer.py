"""Draft + template pack → document model.

Walks the pack's section tree in order, resolves heading labels, renders each
section's Jinja template into block markup, parses it into blocks and numbers
footnotes in document order (template text and drafter text alike, body, then
closing, then appendices).  The renderer never fails on incomplete drafts —
empty values show as "…" — so the live preview always works; completeness is
the checks' business.  It raises ``TemplateError`` for faults of the pack.
"""

from __future__ import annotations

from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from ..constants import SIGNATURE_PATTERNS
from ..docmodel import (
    Appendix, Block, Document, Footnote, HeaderInfo, Heading, Paragraph, RecipientsInfo, SignatureInfo, Table, Text,
)
from ..formatting import format_date_line, format_date_line_blank
from ..model.draft import Draft, SectionData
from ..template.jinja_env import DEFAULT_SECTION_TEMPLATE, FILTERS, make_environment, template_error
from ..template.manifest import Pack, SectionSpec
from ..template.markup import MarkupContext, parse_blocks
from ..text import clean_line, upper_vi
from .context import FieldsView, body_markup, build_globals
from .numbering import label_for
from .tables import build_table


class _Notes:
    """Footnote numbering in document order (the markup parser's sink)."""

    def __init__(self) -> None:
        self.footnotes: list[Footnote] = []
        self.keys: dict[str, int] = {}

    def add(self, paragraphs: list[list[Text]], key: str | None) -> int:
        number = len(self.footnotes) + 1
        self.footnotes.append(Footnote(number, paragraphs))
        if key:
            self.keys[key] = number
        return number

    def cite(self, key: str) -> int | None:
        return self.keys.get(key)


def signature_lines(prefix: str, body: str, head_title: str, title: str) -> list[str]:
    """Authority lines above the signer's name, from the data table in constants."""
    pattern = SIGNATURE_PATTERNS.get(prefix.strip(), SIGNATURE_PATTERNS[""])
    values = {"body": upper_vi(body), "head": upper_vi(head_title), "title": upper_vi(title)}
    return [line.format(**values).strip() for line in pattern if line.format(**values).strip()]


def recipient_entries(recipients: list[str]) -> list[str]:
    """Normalise "Nơi nhận" entries: no leading "- ", ";" after each, "." after the last."""
    cleaned = [clean_line(r).lstrip("-–• ").rstrip(";.,: ") for r in recipients]
    cleaned = [c for c in cleaned if c]
    return [c + (";" if i < len(cleaned) - 1 else ".") for i, c in enumerate(cleaned)]


class Renderer:
    """Renders drafts with one pack; compiled templates are kept between renders."""

    def __init__(self, pack: Pack):
        self.pack = pack
        self.env = make_environment(pack.root)
        self.text_env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)
        self.text_env.filters.update(FILTERS)
        self._text_cache: dict[str, jinja2.Template] = {}

    # ------------------------------------------------------------ helpers
    def _text(self, source: str, names: dict[str, Any], what: str, section: str | None = None) -> str:
        """Render a one-line Jinja string from the manifest (titles, summary …) as plain text."""
        if "{" not in source:
            return clean_line(source)
        try:
            template = self._text_cache.get(source)
            if template is None:
                template = self._text_cache[source] = self.text_env.from_string(source)
            return clean_line(template.render(names))
        except jinja2.TemplateError as exc:
            raise template_error(exc, what, section, "manifest.toml") from exc

    def _blocks(self, template_name: str, names: dict[str, Any], ctx: MarkupContext,
                section: str | None) -> list[Block]:
        """Render a section template and parse its markup into blocks."""
        try:
            markup = self.env.get_template(template_name).render(names)
        except jinja2.TemplateError as exc:
            raise template_error(exc, f"Mẫu «{template_name}»", section) from exc
        except (KeyError, AttributeError, TypeError, ValueError) as exc:
            raise template_error(exc, f"Mẫu «{template_name}»", section, template_name) from exc
        ctx.source = template_name
        ctx.section = section
        return self._parse(template_name, markup, ctx, section)

    def _parse(self, template_name: str, markup: str, ctx: MarkupContext, section: str | None) -> list[Block]:
        """Block markup → blocks (the preview's renderer caches this step)."""
        return parse_blocks(markup, ctx, section)

    def _subtree_empty(self, spec: SectionSpec, draft: Draft) -> bool:
        data = draft.sections.get(spec.id)
        if data is not None and not data.is_empty():
            return False
        return all(self._subtree_empty(self.pack.section(c), draft) for c in spec.children)

    # ------------------------------------------------------------ parts
    def _sections(self, draft: Draft, names: dict[str, Any], ctx: MarkupContext) -> list[Block]:
        blocks: list[Block] = []

        def walk(specs: list[SectionSpec]) -> None:
            position = 0
            for spec in specs:
                if spec.omit_if_empty and self._subtree_empty(spec, draft):
                    continue
                style = self.pack.style_for(spec)
                if spec.numbered:
                    position += 1
                title = self._text(spec.title, names, f"Tiêu đề mục «{spec.id}»", spec.id)
                blocks.append(Heading(spec.level, label_for(style, position), title, style, spec.id))
                data = draft.sections.get(spec.id) or SectionData()
                local = dict(names, truong=FieldsView(data.fields, spec), noi_dung=body_markup(data.body), muc_nay=spec)
                blocks.extend(self._blocks(spec.template or DEFAULT_SECTION_TEMPLATE, local, ctx, spec.id))
                walk(self.pack.children(spec.id))

        walk(self.pack.top_level())
        return blocks

    def _header(self, draft: Draft, names: dict[str, Any]) -> HeaderInfo:
        meta, spec = draft.meta, self.pack.document
        parent_lines = [upper_vi(meta.parent_body)] if meta.parent_body.strip() else []
        own = [upper_vi(x) for x in (meta.body, meta.locality) if x.strip()]
        date_line = (format_date_line(meta.issue_date, meta.place) if meta.issue_date
                     else format_date_line_blank(meta.period.year, meta.place))
        summary = clean_line(meta.summary) or self._text(spec.summary, names, "Trích yếu mặc định")
        return HeaderInfo(
            issuer_lines=parent_lines + own,
            parent_line_count=len(parent_lines),
            number_line=f"Số: {meta.number_symbol()}",
            national_title=upper_vi(spec.national_title),
            motto=clean_line(spec.motto),
            date_line=date_line,
            doc_type=upper_vi(meta.doc_type or spec.doc_type),
            summary=summary,
            draft_mark=upper_vi(spec.draft_mark) if meta.is_draft and spec.draft_mark else None,
            reference_text=self._text(spec.attached_line, names, "Dòng «Kèm theo» của phụ lục"),
        )

    def _appendices(self, draft: Draft, names: dict[str, Any], ctx: MarkupContext) -> list[Appendix]:
        appendices = []
        for spec in self.pack.appendices:
            blocks: list[Block] = []
            if spec.template:
                blocks.extend(self._blocks(spec.template, dict(names, truong=FieldsView({})), ctx, spec.id))
            if spec.table:
                blocks.append(build_table(self.pack.tables[spec.table], draft.tables.get(spec.table, [])))
            appendices.append(Appendix(
                spec.id, clean_line(spec.label), self._text(spec.title, names, f"Tiêu đề phụ lục «{spec.id}»"),
                self._text(self.pack.document.attached_line, names, "Dòng «Kèm theo» của phụ lục"),
                spec.orientation, blocks))  # type: ignore[arg-type]
        return appendices

    # ------------------------------------------------------------ entry
    def render(self, draft: Draft) -> Document:
        """The document model of *draft*."""
        names = build_globals(draft, self.pack)
        notes = _Notes()

        def table(table_id: str) -> Table:
            return build_table(self.pack.tables[table_id], draft.tables.get(table_id, []))

        ctx = MarkupContext(notes=notes, table=table, source="")
        header = self._header(draft, names)
        body = self._sections(draft, names, ctx)
        closing: list[Paragraph] = []
        if self.pack.document.closing_template:
            for block in self._blocks(self.pack.document.closing_template, dict(names, truong=FieldsView({})), ctx,
                                      None):
                if isinstance(block, Paragraph):
                    closing.append(block)
        signer = draft.meta.signer
        signature = SignatureInfo(signature_lines(signer.prefix, draft.meta.body, signer.head_title, signer.title),
                                  clean_line(signer.name))
        recipients = RecipientsInfo(clean_line(self.pack.document.recipients_heading),
                                    recipient_entries(draft.meta.recipients or self.pack.document.default_recipients))
        appendices = self._appendices(draft, names, ctx)
        return Document(page=self.pack.page, header=header, body=body, closing=closing, signature=signature,
                        recipients=recipients, appendices=appendices, footnotes=notes.footnotes,
                        template_id=self.pack.id)


_RENDERERS: dict[int, Renderer] = {}


def renderer_for(pack: Pack) -> Renderer:
    """The cached renderer of *pack*."""
    renderer = _RENDERERS.get(id(pack))
    if renderer is None or renderer.pack is not pack:
        renderer = _RENDERERS[id(pack)] = Renderer(pack)
    return renderer


def render_draft(draft: Draft, pack: Pack) -> Document:
    """Render *draft* with *pack* into the document model."""
    return renderer_for(pack).render(draft)
