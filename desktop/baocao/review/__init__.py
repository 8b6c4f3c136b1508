"""Review: who is speaking, comments anchored in the text, section approval, compare, Word round trip.  No Qt.

- ``identity``: the reviewer (name, initials) stored with every comment, status and version;
- ``store``: the review data kept in ``draft.extras["gop-y"]`` (threads, statuses, unplaced items);
- ``anchors``: comment ids carried by the body's spans (``Span.comments``), found, added, removed;
- ``operations``: add / reply / resolve / reopen / delete / set status, each one undoable edit;
- ``tokens`` + ``diff`` + ``compare``: the one diff engine (syllables; sections, notes, fields, cells);
- ``docx_comments`` / ``docx_tracked``: Word comments and the tracked-changes comparison copy;
- ``docx_reader`` + ``importer``: a reviewed .docx back into the draft.
"""
