"""Review: who is speaking, comments anchored in the text, section approval, compare, Word round trip.  No Qt.

- ``identity``: the reviewer (name, initials) stored with every comment, status and version;
- ``store``: the review data kept in ``draft.extras["gop-y"]`` (threads, statuses, unplaced items);
- ``anchors``: comment ids carried by the body's spans (``Span.comments``), found, added, removed;
- ``operations``: add / reply / resolve / reopen / delete / set status, each one undoable edit;
- ``tokens`` + ``diff`` + ``compare``: the one diff engine (syllables; sections, notes, fields, cells);
- ``docx_comments`` / ``docx_tracked``: Word comments and the tracked-changes comparison copy;
- ``docx_reader`` + ``importer``: a reviewed .docx back into the draft (``untracked`` / ``export_base``: edits
  made without track changes, found against the exported text or the version saved before the file);
- ``approval``: whether «đã duyệt» still matches the content, and the comments still open in a section.
"""
