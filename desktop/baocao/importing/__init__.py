"""Import of .docx reports into a draft, and new drafts started from the last period.  No Qt.

- ``reader.read_report(path)``: the general .docx → body reader (headings, paragraphs with bold/italic,
  "- "/"+ " items, numbered paragraphs, footnotes as ``Note`` in place, tables) — also the base of the
  import of departments' contributions;
- ``plan.plan_import(draft, pack, path)``: the file cut by headings, each piece matched to a section
  (``matcher``), tables matched to appendix tables (``tables``); the mapping is editable and
  ``ImportPlan.edit`` gives one undoable ``CompoundEdit``;
- ``last_period.draft_from_previous(previous, pack)``: the next period's draft, with the old plans as its
  checklist (``checklist``);
- ``own_export.attach_roundtrip(document, draft, pack)``: an export that carries what its own import reads back
  (field values, table rows, the generated sentences, marked); ``own_import`` recognises it on import;
- ``citations``: typed citations in imported text linked to the register (the register room's parser).
"""

from ..lazy import lazy_attributes

#: name → module; loaded on first use (PEP 562), so the window's start-up and the checklist need no lxml
#: (and an export, which runs ``own_export``, compiles none of the reader's patterns in ``constants``)
_LAZY = {"MODE_APPEND": "constants", "MODE_REPLACE": "constants", "UNPLACED_ID": "constants", "DocxImportError": "package", "ImportPlan": "plan", "ImportPlanError": "plan", "Segment": "plan",
         "build_plan": "plan", "plan_import": "plan", "ImportedDocument": "reader", "SourceCell": "reader",
         "SourceHeading": "reader", "SourceParagraph": "reader", "SourceTable": "reader", "read_report": "reader"}

__all__ = ["MODE_APPEND", "MODE_REPLACE", "UNPLACED_ID", *_LAZY]


__getattr__ = lazy_attributes(__name__, _LAZY, globals())
