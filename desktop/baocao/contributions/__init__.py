"""Departments' contributions: ask a unit for sections, read back what it wrote, keep who wrote what.  No Qt.

The office asks each unit (sở, ban, ngành, địa phương) for the sections it
should write (``request_doc.request_docx`` — a .docx any Word user can fill —
or ``request_draft.request_draft`` for a unit that has baocao).  A returned
file is read back by ``reading.read_contribution`` into a ``Contribution``: one
body per requested section, plus whatever was written outside the marked
places (shown, never dropped).  Contributions are kept beside the draft in
``draft.extras["dong-gop"]`` (``store``); the drafter inserts a whole
contribution or chosen paragraphs (``merge``), and every inserted paragraph
remembers its contribution in ``Para.origin`` — through edits, saves and
reopening, but never in the exported report.  ``board`` says who was asked,
who sent, who is late and which contributions are still unused.
"""
