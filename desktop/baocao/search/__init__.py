"""Find and replace across the whole draft (bodies, notes, fields, table cells, report details).  No Qt.

``find_in_draft`` lists every match as a ``Hit`` (where it is, and the
offsets in that place's text); ``replace_hits`` turns a set of hits into ONE
undoable ``ReplaceText`` edit that keeps bold/italic spans, review-comment
anchors and footnotes around the replaced words.  A register citation is
searched as the words the report prints for it and never replaced in part.
"""

from .matching import SearchOptions, find_spans, fold_text
from .places import Hit, Place, find_in_draft
from .replace import ReplacePlan, ReplaceText, plan_replace, replace_hits

__all__ = ["Hit", "Place", "ReplacePlan", "ReplaceText", "SearchOptions", "find_in_draft", "find_spans", "fold_text",
           "plan_replace", "replace_hits"]
