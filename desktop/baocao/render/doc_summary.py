"""What the window needs of each rendered document: its page, the titles as rendered, each section's notes.

The preview process renders the whole report; the window used to receive (and keep) the whole document
model only to read three things from it: the page (the preview's width and margins), titles written
with template expressions ("… {{ bc.ky }}", shown resolved in the outline) and the number of the first
note of the section being edited (the editor numbers its notes as the report does).  For the large
report of issue 16 the model was 2 MiB of the window's memory, and each refresh sent the parts that
changed.  ``summarize`` keeps just those three; the window gets this summary instead.  No Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    from ..docmodel import Document, PageSetup


class DocumentSummary(NamedTuple):
    """The page of a rendered document, its titles and where each section's notes are."""

    page: PageSetup
    #: section id → the heading's title as rendered (template expressions resolved)
    heading_titles: dict[str, str]
    #: appendix id → its title as rendered
    appendix_titles: dict[str, str]
    #: section id → (number − 1, text with spaces collapsed) of each note cited in its paragraphs, in order
    section_notes: dict[str, tuple[tuple[int, str], ...]]


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def summarize(document: Document) -> DocumentSummary:
    """The summary of *document* (``DocumentSummary``)."""
    from ..docmodel import FootnoteRef, Paragraph

    notes: dict[str, list[tuple[int, str]]] = {}
    texts: dict[int, str] = {}
    for block in document.body:
        if not isinstance(block, Paragraph) or not block.section_id:
            continue
        for item in block.inlines:
            if isinstance(item, FootnoteRef) and 0 < item.number <= len(document.footnotes):
                index = item.number - 1
                if index not in texts:
                    texts[index] = _collapsed(document.footnotes[index].plain_text())
                notes.setdefault(block.section_id, []).append((index, texts[index]))
    return DocumentSummary(
        page=document.page,
        heading_titles={h.section_id: h.title for h in document.headings() if h.section_id},
        appendix_titles={a.appendix_id: a.title for a in document.appendices},
        section_notes={key: tuple(value) for key, value in notes.items()},
    )


def note_base(summary: DocumentSummary | None, section_id: str, first_note_text: str) -> int:
    """How many notes of the report come before the section's first drafter note (0 when unknown).

    The rendered document does not say which notes the drafter wrote (a section's template may add
    its own), so the section's first note is found by its text among the notes cited in that
    section's paragraphs.
    """
    wanted = _collapsed(first_note_text)
    if summary is None or not wanted:
        return 0
    return next((index for index, text in summary.section_notes.get(section_id, ()) if text == wanted), 0)
