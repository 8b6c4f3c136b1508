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

from ..constants import SIGNATURE_PATTERNS, UNPLACED_PREFIX
from ..docmodel import (
    Appendix, Block, Document, Footnote, HeaderInfo, Heading, Paragraph, RecipientsInfo, SignatureInfo, Table, Text,
)
from ..formatting import format_date_line, format_date_line_blank
from ..model.draft import Draft, SectionData
from ..register.usage import citations_for, pack_section_order
from ..template.jinja_env import (
    DEFAULT_SECTION_TEMPLATE, make_environment, make_text_environment, template_error, text_template,
)
from ..template.manifest import Pack, SectionSpec
from ..template.markup import MarkupContext, parse_blocks
from ..template.sandbox import RenderLimitError, current_budget, render_bounded, render_budget
from ..text import clean_line, upper_vi
from .context import FieldsView, SectionInfo, body_markup, build_globals
from .direct_body import body_blocks
from .numbering import label_for
from .tables import build_table, table_blocks
from ..tables.store import draft_table_note


#: Heading and notes of the text of sections the pack no longer has (never dropped, see ``Renderer._unplaced``).
UNPLACED_TITLE = "NỘI DUNG CHƯA XẾP MỤC"
UNPLACED_FROM = "(Nội dung của mục «{id}», mục này không còn trong mẫu báo cáo; hãy chuyển vào mục phù hợp.)"


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


def signature_lines(prefix: str, body: str, head_title: str, title: str,
                    patterns: dict[str, list[str]] | None = None) -> list[str]:
    """Authority lines above the signer's name, from the data table in constants (or the pack's own table)."""
    table = {**SIGNATURE_PATTERNS, **(patterns or {})}
    pattern = table.get(prefix.strip(), table.get("", SIGNATURE_PATTERNS[""]))
    values = {"body": upper_vi(body), "head": upper_vi(head_title), "title": upper_vi(title)}
    return [line.format(**values).strip() for line in pattern if line.format(**values).strip()]


def recipient_entries(recipients: list[str]) -> list[str]:
    """Normalise "Nơi nhận" entries: no leading "- ", ";" after each, "." after the last."""
    cleaned = [clean_line(r).lstrip("-–• ").rstrip(";.,: ") for r in recipients]
    cleaned = [c for c in cleaned if c]
    return [c + (";" if i < len(cleaned) - 1 else ".") for i, c in enumerate(cleaned)]


def _lines(text: str) -> str:
    """Clean each line of *text*; keep the line breaks between non-empty lines."""
    return "\n".join(line for line in (clean_line(part) for part in str(text).split("\n")) if line)


def number_paragraphs(blocks: list[Block], style: str) -> list[Block]:
    """Give the numbered paragraphs of one section their labels ("1.", "2." …) in order."""
    position = 0
    for block in blocks:
        if isinstance(block, Paragraph) and block.numbered:
            position += 1
            block.bullet = label_for(style, position)
    return blocks


class Renderer:
    """Renders drafts with one pack; compiled templates are kept between renders."""

    def __init__(self, pack: Pack, overrides: dict[str, str] | None = None, like: Renderer | None = None):
        """*like*: a renderer of a pack with the same files whose compiled templates this one shares."""
        self.pack = pack
        if like is not None and overrides is None:
            self.env, self.text_env, self._text_cache = like.env, like.text_env, like._text_cache
            return
        self.env = make_environment(pack.root, overrides)
        self.text_env = make_text_environment()
        self._text_cache: dict[str, jinja2.Template] = {}

    # ------------------------------------------------------------ helpers
    def _text(self, source: str, names: dict[str, Any], what: str, section: str | None = None) -> str:
        """Render a Jinja string from the manifest (titles, summary …) as plain text.

        A newline written in the string ("\\n" in TOML) is kept as a forced line break.
        """
        if "{" not in source:
            return _lines(source)
        try:
            template = self._text_cache.get(source)
            if template is None:
                template = self._text_cache[source] = text_template(self.text_env, source)
            return _lines(render_bounded(template, names))
        except jinja2.TemplateError as exc:
            raise template_error(exc, what, section, "manifest.toml") from exc
        except (KeyError, AttributeError, TypeError, ValueError, ArithmeticError) as exc:
            raise template_error(exc, what, section, "manifest.toml") from exc

    def _blocks(self, template_name: str, names: dict[str, Any], ctx: MarkupContext,
                section: str | None) -> list[Block]:
        """Render a section template and parse its markup into blocks."""
        try:
            markup = render_bounded(self.env.get_template(template_name), names)
        except jinja2.TemplateError as exc:
            raise template_error(exc, f"Mẫu «{template_name}»", section) from exc
        except RenderLimitError as exc:
            where = template_error(exc, "", section, template_name).location
            exc.location = where
            raise
        except (KeyError, AttributeError, TypeError, ValueError, ArithmeticError) as exc:
            raise template_error(exc, f"Mẫu «{template_name}»", section, template_name) from exc
        ctx.source = template_name
        ctx.section = section
        return self._parse(template_name, markup, ctx, section)

    def _parse(self, template_name: str, markup: str, ctx: MarkupContext, section: str | None) -> list[Block]:
        """Block markup → blocks (the preview's renderer caches this step)."""
        return parse_blocks(markup, ctx, section)

    def _direct(self, template_name: str, data: SectionData, ctx: MarkupContext, section: str) -> list[Block] | None:
        """The blocks of a section shown by the built-in default template, from its body (``direct_body``);
        None where the general path must run: another template, a subclass that renders or parses its own
        way (the preview), or a text ``direct_body`` leaves to the markup parser."""
        if (template_name != DEFAULT_SECTION_TEMPLATE or type(ctx.notes) is not _Notes
                or type(self)._blocks is not Renderer._blocks or type(self)._parse is not Renderer._parse
                or body_markup is not _BODY_MARKUP or template_name in self._overridden()):
            return None
        found = body_blocks(data.body, len(ctx.notes.footnotes) + 1, section)
        if found is None:
            return None
        blocks, notes, size = found
        try:
            current_budget().emit(size)          # what the template's one line would have printed
        except RenderLimitError as exc:          # placed as ``_blocks`` places it
            exc.location = template_error(exc, "", section, template_name).location
            raise
        for paragraphs in notes:
            ctx.notes.add(paragraphs, None)
        ctx.source, ctx.section = template_name, section
        return blocks

    def _overridden(self) -> Any:
        return getattr(self.env.loader, "overrides", None) or ()

    def _table(self, draft: Draft, table_id: str) -> Table:
        """The model table *table_id* filled from *draft* (KeyError when the pack has no such table)."""
        return build_table(self.pack.tables[table_id], draft.tables.get(table_id, []))

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
                if self.pack.takes_number(spec):
                    position += 1
                data = draft.sections.get(spec.id) or SectionData()
                template = spec.template or DEFAULT_SECTION_TEMPLATE
                parsed = self._direct(template, data, ctx, spec.id)
                if parsed is None:
                    local = dict(names, truong=FieldsView(data.fields, spec), noi_dung=body_markup(data.body),
                                 muc_nay=SectionInfo(spec))
                    parsed = self._blocks(template, local, ctx, spec.id)
                content = number_paragraphs(list(parsed), self.pack.paragraph_numbering)
                if not spec.untitled:
                    title = self._text(spec.title, names, f"Tiêu đề mục «{spec.id}»", spec.id)
                    heading = Heading(spec.level, label_for(style, position), title, style, spec.id)
                    if self.pack.is_run_in(spec) and content and isinstance(content[0], Paragraph) \
                            and not content[0].bullet:
                        heading.inline = list(content.pop(0).inlines)
                    blocks.append(heading)
                blocks.extend(content)
                walk(self.pack.children(spec.id))

        walk(self.pack.top_level())
        return blocks

    def _unplaced(self, draft: Draft, ctx: MarkupContext) -> list[Block]:
        """Text of sections the pack no longer has (removed or renamed): shown under "Nội dung chưa xếp mục"."""
        orphans = [(sid, data) for sid, data in draft.sections.items()
                   if not self.pack.has_section(sid) and not data.is_empty()]
        if not orphans:
            return []
        blocks: list[Block] = [Heading(1, "", UNPLACED_TITLE, "khong", UNPLACED_PREFIX.rstrip(":"))]
        for section_id, data in orphans:
            blocks.append(Paragraph([Text(UNPLACED_FROM.format(id=section_id), italic=True)], None, "justify", True,
                                    UNPLACED_PREFIX + section_id))
            values = [f"{k}: {v}" for k, v in data.fields.items() if v not in (None, "", [], {})]
            if values:
                blocks.append(Paragraph([Text("; ".join(str(v) for v in values))], None, "justify", True,
                                        UNPLACED_PREFIX + section_id))
            blocks.extend(parse_blocks(body_markup(data.body), ctx, UNPLACED_PREFIX + section_id))
        return blocks

    def _header(self, draft: Draft, names: dict[str, Any]) -> HeaderInfo:
        meta, spec = draft.meta, self.pack.document
        parent = meta.parent_body.strip() or self._text(spec.parent_body, names, "Cơ quan chủ quản mặc định")
        parent_lines = [upper_vi(line) for line in parent.split("\n") if line.strip()]
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
            title_lines=[t for t in (self._text(line, names, "Dòng thêm dưới trích yếu") for line in spec.title_lines) if t],
            addressee_heading=clean_line(spec.addressee_heading),
            addressees=[a for a in (self._text(x, names, "Dòng «Kính gửi»") for x in spec.addressees) if a],
            show_table=spec.show_header,
        )

    def _appendices(self, draft: Draft, names: dict[str, Any], ctx: MarkupContext) -> list[Appendix]:
        appendices = []
        for spec in self.pack.appendices:
            blocks: list[Block] = []
            if spec.template:
                blocks.extend(self._blocks(spec.template, dict(names, truong=FieldsView({})), ctx, spec.id))
            if spec.table:
                blocks.extend(table_blocks(self.pack.tables[spec.table], draft.tables.get(spec.table, []),
                                           draft_table_note(draft, spec.table)))
            appendices.append(Appendix(
                spec.id, clean_line(spec.label), self._text(spec.title, names, f"Tiêu đề phụ lục «{spec.id}»"),
                self._text(self.pack.document.attached_line, names, "Dòng «Kèm theo» của phụ lục"),
                spec.orientation, blocks))  # type: ignore[arg-type]
        return appendices

    # ------------------------------------------------------------ entry
    def render(self, draft: Draft) -> Document:
        """The document model of *draft*."""
        with render_budget(), citations_for(draft, pack_section_order(self.pack),
                                            self.pack.document.citation_date_style):
            return self._render(draft)

    def _render(self, draft: Draft) -> Document:
        names = build_globals(draft, self.pack)
        notes = _Notes()

        def table(table_id: str) -> Table:
            return self._table(draft, table_id)

        ctx = MarkupContext(notes=notes, table=table, source="")
        header = self._header(draft, names)
        body = self._sections(draft, names, ctx) + self._unplaced(draft, ctx)
        closing: list[Paragraph] = []
        if self.pack.document.closing_template:
            for block in self._blocks(self.pack.document.closing_template, dict(names, truong=FieldsView({})), ctx,
                                      None):
                if isinstance(block, Paragraph):
                    closing.append(block)
        signer = draft.meta.signer
        signature = SignatureInfo(signature_lines(signer.prefix, draft.meta.body, signer.head_title, signer.title,
                                                  self.pack.document.signature_patterns), clean_line(signer.name))
        recipients = RecipientsInfo(clean_line(self.pack.document.recipients_heading),
                                    recipient_entries(draft.meta.recipients or self.pack.document.default_recipients))
        appendices = self._appendices(draft, names, ctx)
        return Document(page=self.pack.page, header=header, body=body, closing=closing, signature=signature,
                        recipients=recipients, appendices=appendices, footnotes=notes.footnotes,
                        template_id=self.pack.id, show_signature=self.pack.document.show_signature,
                        show_recipients=self.pack.document.show_recipients)


#: ``context.body_markup`` as imported (the preview wraps the module's name with its memo: then no direct path)
_BODY_MARKUP = body_markup
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
