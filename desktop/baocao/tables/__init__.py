"""Appendix tables, entered once (issue 13): computed columns, decimals, groups, paste and import.  No Qt.

* ``formula``  — the safe expression language of computed columns;
* ``spec``     — checks of the pack's ``[[tables]]`` keys, evaluation order;
* ``cells``    — reading, storing and showing one cell;
* ``compute``  — row values, group sub-totals and totals;
* ``paste``    — a block copied from Excel (tab-separated) into rows;
* ``sources``  — reading .csv / .xlsx files (headers, merged group headers, rows);
* ``mapping``  — source headers → table columns, and the all-or-nothing conversion;
* ``views``    — what section templates read (``bang('id')``: totals, rows, groups, shown texts);
* ``store``    — the draft's own notes under tables (``draft.extras["bang"]``);
* ``choices``  — ``type = "choice"`` columns: the pack's declared values (sources of tasks);
* ``linked``   — a section's fields computed from one source's sub-totals (I.1.a from Phụ lục 02);
* ``rules``    — this room's checks: typed fields vs. their table, cells that are no choice.
"""
