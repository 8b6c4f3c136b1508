"""The preview process reads and renders the draft file before the window asks (``baocao FILE``, issue 16).

The early render is used only for the same, unchanged file with the same pack; otherwise the worker
answers ``resend`` and the window sends its own draft.  Whatever path it took, the HTML is the in-process
render's, and later edits go through the usual deltas.
"""

from __future__ import annotations

import pickle
import time

import pytest

from baocao.render import render_draft
from baocao.render.draft_delta import SECTION_PREFIX, draft_shape, make_delta
from baocao.render.early_preview import early_key
from baocao.render.worker import PreviewWorker
from baocao.storage import open_draft, save_draft
from baocao.writers.html import document_to_html
from baocao.render.doc_summary import summarize


@pytest.fixture
def worker():
    w = PreviewWorker()
    yield w
    w.stop()


@pytest.fixture
def draft_file(tmp_path, sample_draft):
    path = tmp_path / "ban-thao.baocao"
    save_draft(sample_draft, path)
    return path


def _ask_early(worker: PreviewWorker, path) -> None:
    worker.start()
    worker._conn.send(("early", str(path)))          # what start_early_preview sends


def _wait_until_read(worker: PreviewWorker) -> None:
    """Until the child renders its early copy (it names each template it fills): the file has been read."""
    deadline = time.monotonic() + 60
    while not worker._current():
        assert time.monotonic() < deadline, "the early render never started"
        time.sleep(0.01)


def _key(path, pack, draft):
    return early_key(str(path)), pack.id, str(pack.root), draft_shape(draft)


def test_the_early_render_is_the_in_process_render_and_edits_follow(worker, draft_file, pack):
    draft = open_draft(draft_file)
    _ask_early(worker, draft_file)
    result = worker.render_early(pack, 1, _key(draft_file, pack, draft), ("w", 1))
    assert result.error is None and not result.resend
    assert result.html == document_to_html(render_draft(draft, pack), standalone=False)
    assert result.summary == summarize(render_draft(draft, pack))
    # the child holds the draft it read: a delta of one edited section renders like the edited draft
    section = next(s.id for s in pack.sections if draft.section(s.id).body)
    draft.section(section).body = draft.section(section).body[1:]
    delta = make_delta(draft, {SECTION_PREFIX + section})
    assert delta is not None
    again = worker.render(pack, 2, pickle.dumps(delta), ("w", 1), delta=True)
    assert not again.resend and again.error is None
    assert again.html == document_to_html(render_draft(draft, pack), standalone=False)
    assert worker.starts == 1


def test_sections_the_window_created_since_opening_are_created_in_the_process_too(worker, tmp_path, pack,
                                                                                   sample_draft):
    path = tmp_path / "it-muc.baocao"
    sample_draft.sections = dict(list(sample_draft.sections.items())[:2])      # a draft holding two sections
    save_draft(sample_draft, path)
    draft = open_draft(path)
    created = [s.id for s in pack.sections if s.id not in draft.sections][:3]
    for section_id in created:                    # the window's outline and editor looked at them
        draft.section(section_id)
    _ask_early(worker, path)
    result = worker.render_early(pack, 1, _key(path, pack, draft), ("w", 1))
    assert not result.resend and result.html == document_to_html(render_draft(draft, pack), standalone=False)
    draft.section(created[0]).body = open_draft(path).section(next(iter(draft.sections))).body
    delta = make_delta(draft, {SECTION_PREFIX + created[0]})
    again = worker.render(pack, 2, pickle.dumps(delta), ("w", 1), delta=True)
    assert not again.resend                        # same shape on both sides: the delta applies
    assert again.html == document_to_html(render_draft(draft, pack), standalone=False)


def test_a_file_changed_since_it_was_read_is_sent_again(worker, draft_file, pack):
    _ask_early(worker, draft_file)
    _wait_until_read(worker)
    draft = open_draft(draft_file)
    draft.meta.summary = "Sửa ở nơi khác"
    save_draft(draft, draft_file)                             # written again after the process read it
    result = worker.render_early(pack, 1, _key(draft_file, pack, draft), ("w", 1))
    assert result.resend and result.html is None
    full = worker.render(pack, 2, pickle.dumps(draft), ("w", 1))
    assert full.html == document_to_html(render_draft(draft, pack), standalone=False)


def test_another_pack_or_shape_is_sent_again(worker, draft_file, pack):
    draft = open_draft(draft_file)
    _ask_early(worker, draft_file)
    key = early_key(str(draft_file)), "mau-khac", str(pack.root), draft_shape(draft)
    assert worker.render_early(pack, 1, key, ("w", 1)).resend


def test_a_draft_sent_first_drops_the_early_render(worker, draft_file, pack, sample_draft):
    draft = open_draft(draft_file)
    _ask_early(worker, draft_file)
    first = worker.render(pack, 1, pickle.dumps(sample_draft), ("w", 1))
    assert first.error is None
    assert worker.render_early(pack, 2, _key(draft_file, pack, draft), ("w", 1)).resend   # not kept for later


def test_a_history_entry_or_save_stamp_keeps_the_key(draft_file):
    import sqlite3

    before = early_key(str(draft_file))
    with sqlite3.connect(draft_file) as conn:                 # what the window writes right after opening
        conn.execute("INSERT OR REPLACE INTO info(key, value) VALUES ('saved_at', '2026-12-02T05:00:00')")
        conn.execute("UPDATE sections SET updated_at = '2026-12-02T05:00:00'")
    assert early_key(str(draft_file)) == before
    with sqlite3.connect(draft_file) as conn:
        conn.execute("UPDATE sections SET body = body || ' '")
    assert early_key(str(draft_file)) != before


def test_an_unreadable_file_is_no_early_render(worker, tmp_path, pack, sample_draft):
    broken = tmp_path / "hong.baocao"
    broken.write_bytes(b"khong phai sqlite")
    _ask_early(worker, broken)
    key = early_key(str(broken)), pack.id, str(pack.root), draft_shape(sample_draft)
    assert worker.render_early(pack, 1, key, ("w", 1)).resend          # the window sends its draft then
    assert worker.alive()
    assert early_key(str(tmp_path / "khong-co.baocao")) is None
