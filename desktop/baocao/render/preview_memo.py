"""Inside the preview's worker process only: reuse the pieces of the last render whose input is the same object.

The worker keeps its draft and changes it only by replacing whole rows
(``draft_delta.apply_delta``): a section, a table's row list, the extras.
Nothing in it is changed in place, so an input that is the *same object* as
last time has the same value, and two pure steps of the renderer can be
reused for it:

- ``body_markup(body)`` — the drafter's text as block markup — for bodies
  without a citation (a citation's words depend on the citations before it);
- ``table_blocks(spec, rows, note)`` — an appendix table built and computed
  from its rows;
- the HTML of a table, of a paragraph block and of a footnote's paragraph
  (``writers.html``): the
  renderer reuses the very block objects of unchanged sections and tables;
  the one field it sets again on a reused paragraph, its number label
  (``bullet``), is part of the key.

``install()`` wraps the renderer module's two names; arguments of any other
kind than those (a future signature) go straight through, uncached.  Never
used in the window's own process, where the draft's values may be changed in
place.
"""

from __future__ import annotations

from typing import Any, Callable

from ..model.richtext import Cite, Note

#: Entries kept at most (a draft has far fewer sections and tables); beyond, the memo starts again.
MAX_ENTRIES = 600

_installed = False


def _has_cite(body: Any) -> bool:
    for para in body:
        for item in para.content:
            if isinstance(item, Cite) or (isinstance(item, Note) and any(
                    isinstance(s, Cite) for p in item.paragraphs for s in p)):
                return True
    return False


def memo_body_markup(inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``body_markup`` kept per body object (bodies with a citation are computed every time)."""
    memo: dict[int, tuple[Any, Any]] = {}

    def body_markup(body: Any) -> Any:
        hit = memo.get(id(body))
        if hit is not None and hit[0] is body:
            return hit[1]
        markup = inner(body)
        if isinstance(body, list) and not _has_cite(body):
            if len(memo) > MAX_ENTRIES:
                memo.clear()
            memo[id(body)] = (body, markup)          # the body is kept, so its id is not reused
        return markup

    body_markup.memo = memo                          # type: ignore[attr-defined]
    return body_markup


def memo_table_blocks(inner: Callable[..., Any]) -> Callable[..., Any]:
    """``table_blocks(spec, rows, note)`` kept per (spec object, rows object, note text)."""
    from ..template.manifest import TableSpec

    memo: dict[tuple[int, int, str], tuple[Any, Any, Any]] = {}

    def table_blocks(*args: Any, **kwargs: Any) -> Any:
        if kwargs or not (2 <= len(args) <= 3 and isinstance(args[0], TableSpec) and isinstance(args[1], list)
                          and (len(args) == 2 or isinstance(args[2], str))):
            return inner(*args, **kwargs)
        spec, rows = args[0], args[1]
        key = (id(spec), id(rows), args[2] if len(args) == 3 else "")
        hit = memo.get(key)
        if hit is not None and hit[0] is spec and hit[1] is rows:
            return list(hit[2])
        blocks = inner(*args)
        if len(memo) > MAX_ENTRIES:
            memo.clear()
        memo[key] = (spec, rows, list(blocks))
        return blocks

    table_blocks.memo = memo                         # type: ignore[attr-defined]
    return table_blocks


def memo_block_html(inner: Callable[..., str], field: str | None = None) -> Callable[..., str]:
    """``_table(table, page)`` / ``_paragraph(para, page, style)`` kept per (block object, its *field*, page, style)."""
    memo: dict[tuple, tuple[Any, Any, str]] = {}

    def block_html(block: Any, page: Any, *rest: Any) -> str:
        key = (id(block), getattr(block, field) if field else None, id(page), rest)
        hit = memo.get(key)
        if hit is not None and hit[0] is block and hit[1] is page:
            return hit[2]
        html = inner(block, page, *rest)
        if len(memo) > MAX_ENTRIES * 8:
            memo.clear()
        memo[key] = (block, page, html)
        return html

    block_html.memo = memo                            # type: ignore[attr-defined]
    return block_html


def memo_runs_html(inner: Callable[[Any], str]) -> Callable[[Any], str]:
    """``_runs(runs)`` (a footnote's paragraph) kept per list object."""
    memo: dict[int, tuple[Any, str]] = {}

    def runs_html(runs: Any) -> str:
        hit = memo.get(id(runs))
        if hit is not None and hit[0] is runs:
            return hit[1]
        html = inner(runs)
        if isinstance(runs, list):
            if len(memo) > MAX_ENTRIES * 8:
                memo.clear()
            memo[id(runs)] = (runs, html)
        return html

    runs_html.memo = memo                             # type: ignore[attr-defined]
    return runs_html


def install() -> None:
    """Wrap ``body_markup``, ``table_blocks`` and the block HTML where they are called (once per process)."""
    global _installed
    if _installed:
        return
    from ..writers import html
    from . import renderer

    renderer.body_markup = memo_body_markup(renderer.body_markup)          # type: ignore[assignment]
    renderer.table_blocks = memo_table_blocks(renderer.table_blocks)       # type: ignore[assignment]
    html._table = memo_block_html(html._table)                              # type: ignore[assignment]
    html._paragraph = memo_block_html(html._paragraph, "bullet")            # type: ignore[assignment]
    html._runs = memo_runs_html(html._runs)                                 # type: ignore[assignment]
    _installed = True
