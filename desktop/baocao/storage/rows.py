"""A draft as the rows of a draft file, and back.

Every part of a draft is one *row* named by a key:

- ``info:template_id`` → ``(template_id,)``
- ``meta``             → ``(meta_json,)``
- ``s:<section id>``   → ``(position, status, body_json, fields_json)``
- ``t:<table id>``     → ``(rows_json,)``
- ``x:<name>``         → ``(value_json,)`` — ``draft.extras[name]`` (review, checks …)

A *row state* (key → params) is what a file holds or should hold.  Saving
compares the draft's rows with the last known state and writes only the keys
whose params differ (``SaveBatch``).  History snapshots store the same parts,
as JSON, content-addressed (see ``history``).

Serialization is the only step of an autosave that runs on the window's
thread, so ``draft_rows`` can be told which keys changed and build only those.
Text that cannot be encoded as UTF-8 (lone surrogates pasted from broken
sources) is removed here, so a save can never fail on it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import limits
from ..errors import DraftDataError
from ..model.draft import Draft
from ..model.serialize import body_to_list, meta_from_dict, meta_to_dict, section_from_dict
from ..text import clean_text

RowParams = tuple[Any, ...]
RowState = dict[str, RowParams]

TEMPLATE_KEY = "info:template_id"
META_KEY = "meta"
SECTION_PREFIX = "s:"
TABLE_PREFIX = "t:"
EXTRA_PREFIX = "x:"
#: row keys a whole-draft save deletes when the draft no longer has them
REMOVABLE_PREFIXES = (SECTION_PREFIX, TABLE_PREFIX, EXTRA_PREFIX)

_SURROGATES = re.compile("[\ud800-\udfff]")


def dumps(value: Any) -> str:
    """Canonical JSON text (sorted keys, no spaces, UTF-8 safe)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: drop them (the sanitizer drops them on reading anyway)
        text = _SURROGATES.sub("", text)
    return text


def section_key(section_id: str) -> str:
    """Row key of a section."""
    return SECTION_PREFIX + section_id


def table_key(table_id: str) -> str:
    """Row key of a table."""
    return TABLE_PREFIX + table_id


def extra_key(name: str) -> str:
    """Row key of ``draft.extras[name]``."""
    return EXTRA_PREFIX + name


@dataclass
class SaveBatch:
    """Rows to write and keys to delete, in one transaction.

    ``counter`` is the session's edit counter when the batch was prepared: once
    the batch is committed, every edit up to it is on disk.
    """

    writes: RowState = field(default_factory=dict)
    removes: set[str] = field(default_factory=set)
    counter: int = 0
    snapshot: tuple[str, str] | None = None   # (kind, name) of a history snapshot to take after the rows
    resync: bool = False                      # prepared as a whole-draft comparison after a failed commit

    def __len__(self) -> int:
        return len(self.writes) + len(self.removes)

    def merged(self, later: "SaveBatch") -> "SaveBatch":
        """This batch followed by *later*, as one batch (later values win)."""
        writes = {k: v for k, v in self.writes.items() if k not in later.removes}
        writes.update(later.writes)
        removes = (self.removes - set(later.writes)) | later.removes
        return SaveBatch(writes, removes, max(self.counter, later.counter), later.snapshot or self.snapshot,
                         self.resync or later.resync)


def _section_params(draft: Draft, section_id: str, position: int) -> RowParams:
    section = draft.sections[section_id]
    return (position, section.status.value, dumps(body_to_list(section.body)), dumps(section.fields))


def draft_rows(draft: Draft, order: Iterable[str] | None = None, keys: Iterable[str] | None = None) -> RowState:
    """The rows of *draft* (only *keys*, when given; keys no longer in the draft are skipped)."""
    positions = {sid: i for i, sid in enumerate(order if order is not None else draft.sections)}
    wanted = None if keys is None else set(keys)
    rows: RowState = {}
    if wanted is None or TEMPLATE_KEY in wanted:
        rows[TEMPLATE_KEY] = (clean_text(draft.template_id),)
    if wanted is None or META_KEY in wanted:
        rows[META_KEY] = (dumps(meta_to_dict(draft.meta)),)
    section_ids = draft.sections if wanted is None else [
        k[len(SECTION_PREFIX):] for k in wanted if k.startswith(SECTION_PREFIX)]
    for section_id in section_ids:
        if section_id in draft.sections:
            rows[section_key(section_id)] = _section_params(draft, section_id, positions.get(section_id, len(positions)))
    table_ids = draft.tables if wanted is None else [k[len(TABLE_PREFIX):] for k in wanted if k.startswith(TABLE_PREFIX)]
    for table_id in table_ids:
        if table_id in draft.tables:
            rows[table_key(table_id)] = (dumps(draft.tables[table_id]),)
    names = draft.extras if wanted is None else [k[len(EXTRA_PREFIX):] for k in wanted if k.startswith(EXTRA_PREFIX)]
    for name in names:
        if name in draft.extras:
            rows[extra_key(name)] = (dumps(draft.extras[name]),)
    return rows


def diff_rows(known: Mapping[str, RowParams], current: RowState, complete: bool) -> SaveBatch:
    """What to write so that a file holding *known* holds *current*.

    When *complete* is true, *current* is the whole draft and keys missing
    from it are deleted; otherwise only the keys in *current* are compared.
    """
    writes = {k: v for k, v in current.items() if not same_content(k, known.get(k), v)}
    removes: set[str] = set()
    if complete:
        removes = {k for k in known if k.startswith(REMOVABLE_PREFIXES) and k not in current}
    return SaveBatch(writes, removes)


def same_content(key: str, old: RowParams | None, new: RowParams) -> bool:
    """True when a row need not be rewritten (a section's position alone does not count)."""
    if old is None:
        return False
    if key.startswith(SECTION_PREFIX):
        return old[1:] == new[1:]
    return old == new


# ---------------------------------------------------------------- parts (history, comparison)
def part_json(key: str, params: RowParams) -> str:
    """One row as self-contained JSON (what a history blob holds); position is not part of it."""
    if key.startswith(SECTION_PREFIX):
        _, status, body, fields = params
        return '{"body":' + body + ',"fields":' + fields + ',"status":' + json.dumps(status) + "}"
    if key == TEMPLATE_KEY:
        return json.dumps(params[0], ensure_ascii=False)
    return params[0]


def draft_from_parts(template_id: str, meta_json: str, sections: list[tuple[str, str]],
                     tables: list[tuple[str, str]], extras: list[tuple[str, str]] = ()) -> Draft:
    """Rebuild a draft from part JSON texts (raises ValueError/TypeError/DraftDataError on bad data)."""
    draft = Draft(template_id=clean_text(template_id) or Draft().template_id, meta=meta_from_dict(json.loads(meta_json)))
    for section_id, text in sections:
        draft.sections[clean_text(section_id)] = section_from_dict(json.loads(text))
    for table_id, text in tables:
        draft.tables[clean_text(table_id)] = table_rows_from_json(table_id, text)
    for name, text in extras:
        draft.extras[clean_text(name)] = extra_from_json(text)
    return draft


def extra_from_json(text: str | bytes) -> Any:
    """One ``draft.extras`` value read back (sanitized like every JSON value of a draft)."""
    from ..model.serialize import _clean_json

    return _clean_json(json.loads(text))


def table_rows_from_json(table_id: str, text: str | bytes) -> list[dict[str, Any]]:
    """Read a table's rows, checking their shape."""
    from ..model.serialize import _clean_json  # the one sanitizer for JSON values

    data = json.loads(text)
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise DraftDataError(f"Bảng «{table_id}» trong tệp không hợp lệ.")
    limits.check_raw_table(table_id, data)
    return _clean_json(data)


def changed_parts(before: RowState, after: RowState) -> list[str]:
    """Keys whose content differs between two row states (position changes ignored)."""
    keys = sorted(set(before) | set(after))
    return [k for k in keys if (k in before) != (k in after)
            or part_json(k, before[k]) != part_json(k, after[k])]


def draft_from_state(state: RowState) -> Draft:
    """Rebuild a draft from stored rows (raises ValueError/TypeError/DraftDataError on bad data)."""
    template = state.get(TEMPLATE_KEY, ("",))[0]
    if not isinstance(template, str):
        raise TypeError("template id")
    draft = Draft(template_id=clean_text(template) or Draft().template_id,
                  meta=meta_from_dict(json.loads(state.get(META_KEY, ("{}",))[0])))
    for key, params in state.items():
        if key.startswith(SECTION_PREFIX):
            _, status, body, fields = params
            data = {"status": status, "body": json.loads(body), "fields": json.loads(fields)}
            limits.check_raw_section(key[len(SECTION_PREFIX):], data)
            draft.sections[clean_text(key[len(SECTION_PREFIX):])] = section_from_dict(data)
        elif key.startswith(TABLE_PREFIX):
            table_id = key[len(TABLE_PREFIX):]
            draft.tables[clean_text(table_id)] = table_rows_from_json(table_id, params[0])
        elif key.startswith(EXTRA_PREFIX):
            draft.extras[clean_text(key[len(EXTRA_PREFIX):])] = extra_from_json(params[0])
    limits.check_draft(draft)
    return draft
